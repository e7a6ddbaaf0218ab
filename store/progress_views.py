"""The questions asked about a plan's reporting, each answered by one function (plain data out):

- ``missing``: who has not reported for a period (催报), grouped by lead unit;
- ``unit_rows``: per unit, items led, done, overdue, red, yellow, reported (the 通报 by unit);
- ``status_progress``: the lights, the 序时 summary and the lagging items, for ``status``.

Rules come from ``store.lights`` (lights, 序时), ``store.units`` (who is responsible) and
``store.periods``; this module only assembles.
"""
from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

from store import lights as lt
from store import periods as pr
from store import progress as pg
from store import units as un

NO_UNIT = ""  # the group of items no unit is named for (nor inherited)


class Tracked(NamedTuple):
    """A tracked item in a list: a task (or entry, project) with its responsible units."""

    id: str
    number: str | None
    title: str
    lead: tuple[str, ...]
    support: tuple[str, ...]
    due: str


def _tracked(conn: sqlite3.Connection, node_ids: list[str]) -> dict[str, Tracked]:
    """The few items a status lists (its lagging tasks), with their units."""
    if not node_ids:
        return {}
    result: dict[str, Tracked] = {}
    for node_id in node_ids:
        number, title, due = conn.execute(
            "SELECT n.number, n.title, (SELECT MAX(due) FROM milestones m WHERE m.node_id = n.id AND "
            "m.archived_at IS NULL) FROM nodes n WHERE n.id = ?", (node_id,)).fetchone()
        units = un.of_node(conn, node_id)
        result[node_id] = Tracked(node_id, number, title, units.lead, units.support, due)
    return result


_REPORTED = "SELECT node_id FROM progress WHERE plan_id = :plan AND period = :period AND reported_on <= :today"


def _owed_sql(anyone_reported: bool = True, columns: str = "node_id AS item, MIN(seq) AS seq, MAX(due) AS due") -> str:
    """The items owing a report (see ``unreported``): ``item, seq, due`` (first seq, latest due),
    or the aggregate ``columns`` given. ``anyone_reported`` False (see ``_anyone_reported``) leaves
    out the test against the period's reports, which cost a third of the query on a 50,000-node
    plan even with none to test."""
    return (f"SELECT {columns} FROM milestones WHERE plan_id = :plan "
            "AND archived_at IS NULL GROUP BY node_id "
            "HAVING MIN(COALESCE(start, :plan_start)) <= :end AND MAX(done_on IS NULL OR done_on > :end)"
            + (f" AND node_id NOT IN ({_REPORTED})" if anyone_reported else ""))


def _anyone_reported(conn: sqlite3.Connection, params: dict[str, str]) -> bool:
    """Whether any item has a report for the period dated by the day (``_unreported_params``)."""
    return conn.execute(f"{_REPORTED} LIMIT 1", params).fetchone() is not None


def _unreported_params(conn: sqlite3.Connection, plan_id: str, period: pr.Period, today: date) -> dict[str, str]:
    start_year = conn.execute("SELECT start_year FROM plans WHERE id = ?", (plan_id,)).fetchone()[0]
    return {"plan": plan_id, "plan_start": date(start_year, 1, 1).isoformat(), "end": period.end.isoformat(),
            "period": period.key, "today": today.isoformat()}


def due_period(conn: sqlite3.Connection, plan_id: str, today: date) -> pr.Period:
    """The period whose reports are due as of ``today``: the last one ended, in the plan's cycle."""
    cycle, _, _ = pg.reporting_settings(conn, plan_id)
    return pr.last_finished(today, cycle)


def entry_period(conn: sqlite3.Connection, plan_id: str, today: date) -> pr.Period:
    """The period a report typed in on ``today`` is presumed to be about: the one whose reports are
    due (units report after a period ends, so on 10 July a quarterly plan's reports are 2023Q2's,
    the ones ``missing`` chases and the ledger sends out); while the plan's first period is still
    running, that one."""
    due = due_period(conn, plan_id, today)
    start_year = conn.execute("SELECT start_year FROM plans WHERE id = ?", (plan_id,)).fetchone()[0]
    return due if due.end.year >= start_year else pr.containing(today, due.cycle)


def unreported(conn: sqlite3.Connection, plan_id: str, period: pr.Period, today: date) -> list[str]:
    """Ids of the tracked items that owe a report for ``period``: under way by its end, not all done
    by then, and with no report for it (on the item or one of its milestones) dated by ``today``."""
    return [r[0] for r in conn.execute(f"SELECT item FROM ({_owed_sql()}) ORDER BY seq",
                                       _unreported_params(conn, plan_id, period, today))]


class UnitGroup(NamedTuple):
    unit: str  # NO_UNIT for items nobody is named for
    items: list[Tracked]


def missing(conn: sqlite3.Connection, plan_id: str, period: pr.Period, today: date) -> list[UnitGroup]:
    """The 催报 list: items with no report for ``period``, grouped by lead unit (an item led by two
    units is listed under each), units with the most missing first, unnamed last. One query reads
    the items with their units; Python only sorts them into groups."""
    lists = _json_lists()
    groups: dict[str, list[Tracked]] = {}
    for item, number, title, due, lead, support in conn.execute(
            f"WITH RECURSIVE {un.applying_sql()}, o AS ({_owed_sql()}) "
            "SELECT o.item, n.number, n.title, o.due, a.lead, a.support FROM o JOIN nodes n ON n.id = o.item "
            "LEFT JOIN applying a ON a.id = o.item ORDER BY o.seq", _unreported_params(conn, plan_id, period, today)):
        tracked = Tracked(item, number, title, lists(lead), lists(support), due)
        for unit in tracked.lead or (NO_UNIT,):
            groups.setdefault(unit, []).append(tracked)
    order = sorted(groups, key=lambda u: (u == NO_UNIT, -len(groups[u]), u))
    return [UnitGroup(u, groups[u]) for u in order]


def missing_units(conn: sqlite3.Connection, plan_id: str, period: pr.Period, today: date,
                  lead: un.LeadBySeq | None = None) -> list[str]:
    """The lead units of ``missing``, in its order, without its items: what a report names.

    SQLite counts the owing items per stored lead list (a plan has a handful of distinct lists),
    so a 50,000-node plan does not build 50,000 items to print a few unit names. A caller that
    has the plan's units painted by seq anyway (a report's ``PlanIndex``) passes them as ``lead``:
    the owing items are then read with a seq alone and counted per unit list in C."""
    counts: dict[str, int] = {}
    if lead is not None:
        params = _unreported_params(conn, plan_id, period, today)
        cursor = conn.cursor()
        cursor.row_factory = None  # plain tuples: one per owing item
        # each owing item's first seq, selected alone: no subquery, no latest due (80 -> 50 ms at 50,000 nodes)
        owing = cursor.execute(_owed_sql(_anyone_reported(conn, params), columns="MIN(seq)"), params)
        for at, n in Counter(map(lead.at.__getitem__, map(itemgetter(0), owing))).items():
            if at == un.ARCHIVED_AT:  # a live milestone under an archived node (a damaged file): nobody owes it
                continue
            for unit in lead.lists[at] or (NO_UNIT,):
                counts[unit] = counts.get(unit, 0) + n
        return sorted(counts, key=lambda u: (u == NO_UNIT, -counts[u], u))
    lists = _json_lists()
    for lead_text, n in conn.execute(
            f"WITH RECURSIVE {un.applying_sql()}, o AS ({_owed_sql()}) SELECT a.lead, count(*) FROM applying a "
            "WHERE a.id IN (SELECT item FROM o) GROUP BY a.lead", _unreported_params(conn, plan_id, period, today)):
        for unit in lists(lead_text) or (NO_UNIT,):
            counts[unit] = counts.get(unit, 0) + n
    return sorted(counts, key=lambda u: (u == NO_UNIT, -counts[u], u))


def _json_lists() -> Callable[[str | None], tuple[str, ...]]:
    """A stored JSON list of unit names as a tuple; the same few texts recur on thousands of items."""
    import json

    @lru_cache(maxsize=1024)
    def parse(text: str | None) -> tuple[str, ...]:
        return tuple(json.loads(text)) if text else ()
    return parse


class UnitRow(NamedTuple):
    """One unit's line of the 通报: what it leads and how it stands."""

    unit: str
    led: int
    done: int
    overdue: int
    red: int
    yellow: int
    green: int
    reported: int  # items it leads with a report for the period
    owing: int  # items it leads that owe a report for the period


def unit_rows(conn: sqlite3.Connection, plan_id: str, today: date, soon_days: int,
              period: pr.Period | None = None) -> tuple[pr.Period, list[UnitRow]]:
    """Per lead unit: items led, done, overdue, red, yellow, green, reported for ``period`` (default:
    the period whose reports are due). Items no unit is named for come last under NO_UNIT.
    One query: every item's light, its units and whether it reported or owes, counted per unit
    by SQLite."""
    period = period or due_period(conn, plan_id, today)
    s = lt.settings(conn, plan_id, today, soon_days)
    sql = (f"WITH RECURSIVE {un.applying_sql()}, f AS ({lt.facts_sql(False, '', False, lt.has_reports(conn, s))}), "
           f"owe AS ({_owed_sql()}) "
           f"SELECT coalesce(u.value, '{NO_UNIT}') AS unit, count(*), SUM(f.reason = 'done'), "
           "SUM(f.reason = 'overdue'), "
           + ", ".join(f"SUM({lt.LIGHT_SQL.replace('reason', 'f.reason')} = '{c}')" for c in lt.COLOURS) +
           ", SUM(f.item IN (SELECT node_id FROM progress WHERE plan_id = :plan AND period = :period AND "
           "reported_on <= :today)), SUM(f.item IN (SELECT item FROM owe)) "
           "FROM f LEFT JOIN applying a ON a.id = f.item LEFT JOIN json_each(a.lead) u GROUP BY unit")
    params = {**s.params(), **_unreported_params(conn, plan_id, period, today)}
    tally = {r[0]: r[1:] for r in conn.execute(sql, params)}
    order = sorted(tally, key=lambda u: (u == NO_UNIT, -tally[u][0], u))
    return period, [UnitRow(u, *tally[u]) for u in order]


class Lagging(NamedTuple):
    """A task a report shows behind: what the status and the reports list under 滞后."""

    id: str
    title: str
    lead: tuple[str, ...]
    light: str
    reason: str
    period: str | None
    state: str | None
    percent: float | None
    expected: float | None  # 序时进度 at the end of the reported period: lag = expected - percent
    lag: float | None
    problem: str | None
    next_step: str | None


class ProgressStatus(NamedTuple):
    """The reporting side of ``status``: lights, 序时 and the lagging tasks."""

    cycle: str
    yellow: float
    red: float
    due_period: str  # the period whose reports are due
    elapsed: float  # 序时进度 of the whole plan: share of its period elapsed
    counts: lt.Counts  # lights of every tracked item (or of one unit's)
    chapters: dict[str, lt.Counts]  # by node id, for the chapter lines shown
    reported: int  # items with a report for the due period
    with_percent: int  # items whose latest report gives a percent
    mean_percent: float | None
    mean_expected: float | None  # at the end of each one's reported period
    lagging: list[Lagging]
    unit: str | None


def status_progress(conn: sqlite3.Connection, plan_id: str, today: date, soon_days: int,
                    depths: tuple[int, ...], unit: str | None = None, limit: int = 25) -> ProgressStatus:
    """Everything ``status`` shows about reporting, for the whole plan or the items one unit leads."""
    s = lt.settings(conn, plan_id, today, soon_days)
    node_ids = sorted(un.nodes_of(conn, plan_id, unit, un.LEAD)) if unit else None
    counts = lt.rollups(conn, s, depths, node_ids=node_ids)
    end_year = conn.execute("SELECT end_year FROM plans WHERE id = ?", (plan_id,)).fetchone()[0]
    elapsed = lt.expected_share(s.plan_start, date(end_year, 12, 31), today)
    period = s.due_period
    reported_sql = ("SELECT DISTINCT node_id FROM progress WHERE plan_id = ? AND period = ? AND reported_on <= ?")
    reported_all = [r[0] for r in conn.execute(reported_sql, (plan_id, period.key, today.isoformat()))]
    keep = set(node_ids) if node_ids is not None else None
    reported_ids = [i for i in reported_all if keep is None or i in keep]
    # the reported items' lights carry the 序时 figures (only items with reports can lag)
    with_reports = [r[0] for r in conn.execute("SELECT DISTINCT node_id FROM progress WHERE plan_id = ? AND "
                                               "reported_on <= ?", (plan_id, today.isoformat()))]
    with_reports = [i for i in with_reports if keep is None or i in keep]
    lights = lt.item_lights(conn, s, with_reports) if with_reports else {}
    percents = [x for x in lights.values() if x.percent is not None and x.reason != "done"]
    lag_items = sorted((x for x in lights.values() if x.reason in lt.LAGGING),
                       key=lambda x: (lt.COLOURS.index(x.light), -(x.lag or 0), x.seq))[:limit]
    about = _tracked(conn, [x.id for x in lag_items])
    lagging = []
    for x in lag_items:
        latest = pg.latest(conn, x.id)
        info = about[x.id]
        lagging.append(Lagging(x.id, info.title, info.lead, x.light, x.reason, x.period, x.state, x.percent,
                               _expected_then(x), x.lag, latest.problem if latest else None,
                               latest.next_step if latest else None))
    total = counts.pop(plan_id, lt.Counts())
    return ProgressStatus(
        s.cycle, s.yellow, s.red, period.key, round(elapsed, 1), total, counts, len(reported_ids),
        len(percents), _mean([x.percent for x in percents]), _mean([_expected_then(x) for x in percents]),
        lagging, unit)


def _expected_then(x: lt.Light) -> float | None:
    """序时进度 at the end of the period the latest report is about (what its percent is held to)."""
    return None if x.percent is None or x.lag is None else round(x.percent + x.lag, 1)


def _mean(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return round(sum(present) / len(present), 1) if present else None
