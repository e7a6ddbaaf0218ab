"""What the app's main screen shows, each as one read: the tree's lines, and one line in full.

``read_view`` answers "which lines, with which roll-ups" for the loaded branches or for a
filter (a sparse tree: the matches and their ancestors); ``node_detail`` answers "everything
about this line" for the detail pane. Plain ``sqlite3`` through ``store.tree`` and
``store.queries``; the screen only draws what comes back.
"""
from __future__ import annotations

import sqlite3
from datetime import date
from typing import NamedTuple

from store import queries as q
from store import status as st
from store import tree as tr
from store import units as un
from store import view_progress as vp
from store.errors import NotFound
from store.history import Entry
from store.history import entries as journal_entries

# ("state", "overdue") | ("search", text) | ("all", "") | ("light", "red") | ("unreported", "2023Q2")
# | ("unit", name): lead or supporting | ("unit_lead", name) | ("unit_support", name)
Filter = tuple[str, str]
UNIT_ROLES = {"unit": un.ANY, "unit_lead": un.LEAD, "unit_support": un.SUPPORT}

SELECTION_KEY = "last_selection:{plan}"
REMEMBER = "remembered"  # reveal the selection remembered from the last run
SMALL_PLAN = 5000  # milestones: up to this, the first paint has the roll-ups too (a few ms)
PARTIAL_ROLLUPS_UP_TO = 6  # loaded branches; beyond this one pass over the whole plan is quicker
HISTORY_LIMIT = 12


class ViewData(NamedTuple):
    """What one read of the tree brings back (a worker's result, never changed after)."""

    gen: int
    plan_id: str
    rollups: dict[str, st.Rollup]
    children: dict[str | None, list[tr.Item]]
    sparse: tr.Sparse | None
    reveal: tr.Reveal | None
    lights: vp.LineLights | None = None  # the same lines' lights, if read with them (``view_lights``)


def view_rollups(conn: sqlite3.Connection, plan_id: str, today: date, soon: int, parents: set[str | None],
                 everything: bool) -> dict[str, st.Rollup]:
    """Roll-ups for the lines on screen only (the top level and the open branches), so a
    50,000-node plan costs no more than a small one; a sparse tree takes them all."""
    if everything or len(parents) > PARTIAL_ROLLUPS_UP_TO:
        return q.rollups(conn, plan_id, today, soon)
    result = q.rollups(conn, plan_id, today, soon, top_level=True)
    for parent in parents:
        if parent is not None:
            result.update(q.rollups(conn, plan_id, today, soon, parent_id=parent))
    return result


def matches(conn: sqlite3.Connection, plan_id: str, flt: Filter, today: date, soon: int) -> tr.Matches:
    """The items a filter picks: a search, a responsible unit (in a role), a light, the items
    that owe a report for a period, or a milestone state."""
    kind, arg = flt
    if kind == "search":
        return tr.search(conn, plan_id, arg)
    if kind in UNIT_ROLES:
        return tr.by_unit(conn, plan_id, arg, UNIT_ROLES[kind])
    if kind == "light":
        return vp.light_matches(conn, plan_id, arg, today, soon)
    if kind == "unreported":
        return vp.unreported_matches(conn, plan_id, arg, today)
    return tr.by_state(conn, plan_id, tr.STATE_FILTERS[arg], today, soon)


def read_view(conn: sqlite3.Connection, gen: int, plan_id: str, today: date, soon: int, flt: Filter | None,
              parents: set[str | None], reveal: str | None, with_rollups: bool = True,
              with_lights: bool | None = None) -> ViewData:
    """Everything the tree shows: the loaded branches (or a sparse tree), roll-ups, a line to
    reveal, and their lights (by default when the roll-ups are read; a worker may read them next,
    with ``view_lights``, so that the counts are not kept waiting)."""
    sparse = tr.sparse(conn, plan_id, matches(conn, plan_id, flt, today, soon), today, soon) if flt else None
    wanted = [p for p in parents if not (sparse and p in sparse.children)]
    children = tr.children_of_many(conn, plan_id, wanted, today, soon)
    if sparse is not None:
        children.update(sparse.children)
    found = None
    target = reveal
    if target == REMEMBER:
        target = q.get_setting(conn, SELECTION_KEY.format(plan=plan_id))
    if target and flt is None and ":" in target:
        kind, item_id = target.split(":", 1)
        found = tr.reveal(conn, plan_id, kind, item_id, today, soon)
    shown = _shown(children, found)
    rollups = view_rollups(conn, plan_id, today, soon, set(shown), sparse is not None) if with_rollups else {}
    data = ViewData(gen, plan_id, rollups, children, sparse, found)
    if with_rollups if with_lights is None else with_lights:
        data = data._replace(lights=view_lights(conn, data, today, soon))
    return data


def _shown(children: dict[str | None, list[tr.Item]], found: tr.Reveal | None) -> dict[str | None, list[tr.Item]]:
    return {**(found.children if found else {}), **children}


def view_lights(conn: sqlite3.Connection, data: ViewData, today: date, soon: int) -> vp.LineLights:
    """The lights of the lines a ``read_view`` brought (the plan's counts with them)."""
    return vp.line_lights(conn, data.plan_id, today, soon, _shown(data.children, data.reveal), data.sparse is not None)


def first_view(conn: sqlite3.Connection, gen: int, plan_id: str, today: date, soon: int) -> ViewData:
    """The first paint: the top level and the remembered selection's branch; the roll-ups too if
    the plan is small (a large plan's, which count every milestone, follow from a worker)."""
    small = tr.count_milestones(conn, plan_id) <= SMALL_PLAN
    return read_view(conn, gen, plan_id, today, soon, None, {None}, REMEMBER, small)


class NodeDetail(NamedTuple):
    """One task in full: the node, its milestones, and the journal entries about them (newest first)."""

    node: q.Node
    milestones: list[q.Milestone]
    history: list[Entry]


def node_detail(conn: sqlite3.Connection, node_id: str, today: date, soon: int,
                history_limit: int = HISTORY_LIMIT) -> NodeDetail | None:
    """The node with its milestones and recent history; None if it is gone."""
    try:
        node = q.node(conn, node_id)
    except NotFound:  # gone behind our back (another window, a re-import)
        return None
    ms = q.milestones_of_node(conn, node_id, today, soon)
    return NodeDetail(node, ms, journal_entries(conn, history_limit, entity_ids=[node_id, *(m.id for m in ms)]))
