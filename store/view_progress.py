"""What the app shows of the reporting cycle, each answered by one read (plain data out):

- ``line_lights``: the lights of the tree's lines on screen, for the open parents only (a node
  line: the reddest tracked item under it, itself included; a milestone line: its own), with the
  plan's counts for the header;
- ``item_progress``: one line's reports (latest first), its light and why, 序时进度 now and at the
  end of the period its latest report is about; a chapter's light counts;
- ``report_form``: what the progress form starts from (the item, its lead units, the period);
- ``filter_choices``, ``light_matches``, ``unreported_matches``: the tree's reporting filters.

The rules are ``store.lights``, ``store.progress``, ``store.periods``, ``store.units`` and
``store.progress_views``; this module only asks them for what the screen needs.
"""
from __future__ import annotations

import sqlite3
from datetime import date
from typing import NamedTuple

from store import lights as lt
from store import periods as pr
from store import progress as pg
from store import progress_views as pv
from store import tree as tr
from store import units as un

PER_PARENT_UP_TO = 30  # open branches: beyond this, one pass over every depth is quicker
ALL_MILESTONES_FROM = 5000  # milestone lines beyond which the whole plan's milestone lights are read


class LineLights(NamedTuple):
    """The lights of tree lines, by line key (``n:<id>`` / ``m:<id>``), and the plan's counts."""

    lines: dict[str, str | None]  # every line asked about; None: nothing tracked under it
    total: lt.Counts | None  # the whole plan's (None: not read, e.g. when one branch opened)


def line_lights(conn: sqlite3.Connection, plan_id: str, today: date, soon: int,
                children: dict[str | None, list[tr.Item]], everything: bool = False) -> LineLights:
    """The lights of the lines under the given parents (``None``: the top level, which brings
    the plan's counts too). Per open parent, or over every depth at once when many are open
    (``everything``: a sparse tree, "open all")."""
    s = lt.settings(conn, plan_id, today, soon)
    counts: dict[str, lt.Counts] = {}
    total: lt.Counts | None = None
    if everything or len(children) > PER_PARENT_UP_TO:
        depths = sorted({i.node.depth for items in children.values() for i in items if i.node is not None})
        counts = lt.rollups(conn, s, tuple(depths) or (0,))
        total = counts.pop(plan_id, lt.Counts())
    else:
        for parent in children:
            found = lt.rollups(conn, s, (0,)) if parent is None else lt.rollups(conn, s, parent_id=parent)
            subtree = found.pop(plan_id, lt.Counts())
            if parent is None:
                total = subtree
            counts.update(found)
    milestone_ids = [i.id for items in children.values() for i in items if i.kind == tr.MILESTONE]
    # many milestone lines (a whole plan open): the lights of all the plan's milestones, cheaper
    # than a list of tens of thousands of ids for SQLite to parse; a few (a filter): just those
    whole = len(milestone_ids) > ALL_MILESTONES_FROM
    of_milestones = lt.milestone_lights(conn, s, None if whole else milestone_ids)
    lines: dict[str, str | None] = {}
    for items in children.values():
        for item in items:
            if item.kind == tr.MILESTONE:
                light = of_milestones.get(item.id)
                lines[item.key] = light.light if light else None
            else:
                lines[item.key] = counts[item.id].light if item.id in counts else None
    return LineLights(lines, total)


def plan_lights(conn: sqlite3.Connection, plan_id: str, today: date, soon: int) -> lt.Counts:
    """The whole plan's light counts (the header's)."""
    return lt.rollups(conn, lt.settings(conn, plan_id, today, soon), (0,)).get(plan_id, lt.Counts())


class ItemProgress(NamedTuple):
    """The reporting side of one tree line, for the detail pane."""

    item_id: str | None  # the tracked item its reports are about (None: nothing of its own, a chapter)
    light: lt.Light | None  # its light, reason and 序时 figures (None: not a tracked item)
    expected_then: float | None  # 序时进度 at the end of the latest report's period (what its percent meets)
    under: lt.Counts | None  # the lights of the tracked items under a node line (itself included)
    reports: list[pg.Report]  # latest first; for a task, those on its milestones too
    due_period: str  # the period whose reports are due as of the date
    cycle: str


def item_progress(conn: sqlite3.Connection, plan_id: str, kind: str, item_id: str, today: date,
                  soon: int) -> ItemProgress:
    """Reports, light and 序时 of a tree line (``kind``: ``tree.NODE`` or ``tree.MILESTONE``)."""
    s = lt.settings(conn, plan_id, today, soon)
    if kind == tr.MILESTONE:
        light = lt.milestone_lights(conn, s, [item_id]).get(item_id)
        under = None
    else:
        light = lt.item_lights(conn, s, [item_id]).get(item_id)
        under = lt.rollups(conn, s, parent_id=item_id).get(plan_id)
    expected_then = None
    if light is not None and light.percent is not None and light.lag is not None:
        expected_then = round(light.percent + light.lag, 1)
    tracked = item_id if light is not None else None
    reports = pg.reports_of(conn, item_id) if tracked else []
    return ItemProgress(tracked, light, expected_then, under, reports, s.due_period.key, s.cycle)


class ReportForm(NamedTuple):
    """What the progress form starts from."""

    item: pg.Item
    period: pr.Period  # the period whose reports are due as of the as-of date (progress_views.entry_period)
    unit: str  # the item's lead units (its own or inherited), 、 between
    start_year: int
    end_year: int
    latest: pg.Report | None


def report_form(conn: sqlite3.Connection, item_id: str, today: date) -> ReportForm:
    """The tracked item a line means (a task, entry or project; or one milestone) and the form's
    presets; BadInput for a line with no target of its own (a chapter: its tasks report)."""
    item = pg.resolve_item(conn, item_id)
    years = conn.execute("SELECT start_year, end_year FROM plans WHERE id = ?", (item.plan_id,)).fetchone()
    lead = un.of_node(conn, item.node_id).lead
    latest = pg.latest(conn, item.id)
    return ReportForm(item, pv.entry_period(conn, item.plan_id, today), "、".join(lead), years[0], years[1], latest)


def check_period(text: str, start_year: int, end_year: int) -> pr.Period:
    """A period typed into the form: one ``store.periods`` reads, inside the plan's years (BadInput)."""
    period = pr.parse(text)
    pr.check_in_plan(period, start_year, end_year)
    return period


class FilterChoices(NamedTuple):
    """What the filter dialog offers beside the milestone states."""

    units: list[tuple[str, int]]  # every unit named, lead or supporting, with how many nodes name it
    due_period: str  # the period whose reports are due: "not reported" means for this one


def filter_choices(conn: sqlite3.Connection, plan_id: str, today: date) -> FilterChoices:
    return FilterChoices(un.names(conn, plan_id), pv.due_period(conn, plan_id, today).key)


def light_matches(conn: sqlite3.Connection, plan_id: str, colour: str, today: date, soon: int) -> tr.Matches:
    """The tracked items whose light is ``colour`` (red, yellow or green) as of ``today``."""
    lights = lt.item_lights(conn, lt.settings(conn, plan_id, today, soon))
    return tr.Matches(nodes={node_id for node_id, light in lights.items() if light.light == colour})


def unreported_matches(conn: sqlite3.Connection, plan_id: str, period: str, today: date) -> tr.Matches:
    """The tracked items that owe a report for ``period`` (the 催报 list, as ``plandesk missing``)."""
    return tr.Matches(nodes=set(pv.unreported(conn, plan_id, pr.parse(period), today)))
