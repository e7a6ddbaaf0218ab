"""The report's long lists read straight from SQLite, one row at a time.

A period report of a 50,000-node plan lists tens of thousands of milestones; building them all
as objects first cost hundreds of MiB. Here each list is a query that SQLite filters, classifies
(``status.sql_state``) and sorts, and each row becomes an ``Item`` only as the renderer asks
for it. What a row needs from its ancestors (the chapter, the inherited responsible units) is
looked up in small tables built once per report: the chapters' seq starts, and each node's label
and inherited units (an index into the few distinct unit lists a plan has). The lists' query reads
the milestones alone: joining each row to its node by the node's text key cost more than SQLite's
whole scan, and one pass over the nodes, in order, builds the lookup for every row.
"""
from __future__ import annotations

import json
import sqlite3
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from store import queries as q
from store import status as st
from store.report.model import Item, LedgerRow
from store.units import BranchWalk

LIST_LIMIT = 25  # rows of each list of the status
RECENT_DAYS = 365  # the status's "recently done" window

# the inner query names every column, so filters and orders read plain names (due, state, seq, ...)
_COLUMNS = "id, title, due, due_phrase, start, done_on, done_note, implicit, node_id, seq"


@dataclass
class PlanIndex:
    """Chapters by seq and each node's inherited units: what a streamed row needs from above it."""

    conn: sqlite3.Connection
    plan_id: str
    chapter_starts: list[int] = field(default_factory=list)
    chapter_ids: list[str] = field(default_factory=list)
    chapter_short: list[str] = field(default_factory=list)
    _units_at: array[int] | None = None  # node seq -> index into _unit_lists (-1: none)
    _unit_lists: list[tuple[str, ...]] = field(default_factory=list)
    _nodes: dict[str, tuple[str, int]] = field(default_factory=dict)  # node id -> (label, index into _unit_lists)
    _archived: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, conn: sqlite3.Connection, plan_id: str) -> PlanIndex:
        index = cls(conn, plan_id)
        for node_id, seq, number, title in conn.execute(
                "SELECT id, seq, number, title FROM nodes WHERE plan_id = ? AND depth = 0 AND archived_at IS NULL "
                "ORDER BY seq", (plan_id,)):
            index.chapter_starts.append(seq)
            index.chapter_ids.append(node_id)
            index.chapter_short.append(number or title)
        return index

    def chapter_at(self, seq: int) -> int:
        """The position of the top-level node whose subtree holds ``seq``."""
        return max(bisect_right(self.chapter_starts, seq) - 1, 0)

    def units(self, node_seq: int) -> tuple[str, ...]:
        units_at = self._units_at if self._units_at is not None else self._load_nodes()
        at = units_at[node_seq] if node_seq < len(units_at) else -1
        return self._unit_lists[at] if at >= 0 else ()

    def nodes(self) -> dict[str, tuple[str, int]]:
        """Each node's label (number and title) and lead units (an index into ``unit_lists``)."""
        if self._units_at is None:
            self._load_nodes()
        return self._nodes

    @property
    def unit_lists(self) -> list[tuple[str, ...]]:
        """The distinct lead-unit lists, and last the empty one (index -1 reads it)."""
        if self._units_at is None:
            self._load_nodes()
        return self._unit_lists

    def lead_units(self) -> Callable[[str], tuple[str, ...] | None]:
        """A live node's lead units by its id (None for an archived or unknown node)."""
        nodes, lists, archived = self.nodes(), self._unit_lists, self._archived

        def lead(node_id: str) -> tuple[str, ...] | None:
            found = nodes.get(node_id)
            return None if found is None or node_id in archived else lists[found[1]]
        return lead

    def _load_nodes(self) -> array[int]:
        """One pass over the nodes in document order: each node's label and the lead units that apply to
        it (an archived node keeps its label, for its milestones still listed, and no units)."""
        top = self.conn.execute("SELECT max(seq) FROM nodes WHERE plan_id = ?", (self.plan_id,)).fetchone()[0] or 0
        units_at = array("i", [-1]) * (top + 1)
        known: dict[str, int] = {}
        nodes = self._nodes
        walk = BranchWalk()  # the one rule of who is responsible (store.units)
        for seq, depth, node_id, parent_id, units, override, support, support_override, number, title, archived in \
                self.conn.execute(
                    "SELECT seq, depth, id, parent_id, units, units_override, support, support_override, number, "
                    "title, archived_at IS NOT NULL FROM nodes WHERE plan_id = ? ORDER BY seq", (self.plan_id,)):
            at = -1
            if archived:
                self._archived.add(node_id)
            else:
                lead = walk.step(depth, node_id, parent_id, units, override, support, support_override)[0]
                if lead and lead != "[]":
                    at = known.get(lead, -1)
                    if at < 0:
                        at = known[lead] = len(self._unit_lists)
                        self._unit_lists.append(tuple(json.loads(lead)))
                    units_at[seq] = at
            nodes[node_id] = (f"{number} {title}" if number else title, at)
        self._unit_lists.append(())  # last: what index -1 (nobody named) reads
        self._units_at = units_at
        return units_at


def items(index: PlanIndex, as_of: date, soon_days: int, where: str, params: tuple[object, ...],
          order: str = "due, seq", period_start: date | None = None, limit: int | None = None) -> Iterator[Item]:
    """Milestones matching ``where`` (over the named columns and ``state``), as report items."""
    state_sql, state_args = st.sql_state(as_of, soon_days)
    sql = (f"SELECT * FROM (SELECT {_COLUMNS}, {state_sql} AS state FROM milestones "
           f"WHERE plan_id = ? AND archived_at IS NULL) WHERE {where} ORDER BY {order}")
    args: list[object] = [*state_args, index.plan_id, *params]
    if limit is not None:
        sql += " LIMIT ?"
        args.append(limit)
    make = _item_maker(index, as_of, period_start)
    cursor = index.conn.cursor()
    cursor.row_factory = None  # plain tuples: tens of thousands of rows are unpacked once each
    return map(make, cursor.execute(sql, args))


_DONE_STATES = frozenset(s for s in st.MILESTONE_STATES if st.is_done(s))


def _item_maker(index: PlanIndex, as_of: date,
                period_start: date | None) -> Callable[[tuple[Any, ...]], Item]:
    """What turns a row into an ``Item``, with the per-report lookups bound once (not per row)."""
    starts, shorts, ids = index.chapter_starts, index.chapter_short, index.chapter_ids
    nodes, unit_lists, iso, done_states = index.nodes(), index.unit_lists, date.fromisoformat, _DONE_STATES
    new = tuple.__new__  # Item's own constructor, without its Python-level __new__

    def make(row: tuple[Any, ...]) -> Item:
        mid, title, due_text, due_phrase, start, done_text, note, implicit, node_id, seq, state = row
        due = iso(due_text)
        counted = state in done_states
        chapter = max(bisect_right(starts, seq) - 1, 0)  # PlanIndex.chapter_at, inlined
        task, units = nodes[node_id]
        return new(Item, (mid, title, due, due_phrase or None, iso(start) if start else None,
                          iso(done_text) if counted and done_text else None, note if counted else None, state,
                          (as_of - due).days, bool(implicit), node_id, task, shorts[chapter] if shorts else "",
                          ids[chapter] if ids else "", unit_lists[units],
                          period_start is not None and due < period_start))

    return make


def ledger_rows(index: PlanIndex, as_of: date, soon_days: int) -> Iterator[LedgerRow]:
    """Every task with its milestones in document order, under its chapter's heading."""
    labels = _chapter_labels(index)
    current_chapter: str | None = None
    task_no = 0
    group: list[Item] = []

    def flush() -> Iterator[LedgerRow]:
        nonlocal task_no
        task_no += 1
        first = group[0]
        if len(group) == 1 and first.implicit:
            yield LedgerRow("task", task_no, None, first.id, first.task, first.units, first.due, first.state,
                            first.light, first.done_on, first.note)
            return
        rollup = st.Rollup()
        for it in group:
            rollup.add(it.state)
        done_dates = [it.done_on for it in group if it.done_on]
        all_done = rollup.done == rollup.total
        yield LedgerRow("task", task_no, None, first.node_id, first.task, first.units, max(it.due for it in group),
                        None, rollup.light, max(done_dates) if all_done and done_dates else None, None,
                        (rollup.done, rollup.total))
        for k, it in enumerate(group, 1):
            yield LedgerRow("milestone", task_no, k, it.id, it.title, it.units, it.due, it.state, it.light,
                            it.done_on, it.note)

    for it in items(index, as_of, soon_days, "1 = 1", (), order="seq, id"):
        if group and it.node_id != group[0].node_id:
            yield from flush()
            group = []
        if it.chapter_id != current_chapter and not group:
            current_chapter = it.chapter_id
            yield LedgerRow("chapter", None, None, it.chapter_id, labels.get(it.chapter_id, ""), (), None, None,
                            None, None, None)
        group.append(it)
    if group:
        yield from flush()


def _chapter_labels(index: PlanIndex) -> dict[str, str]:
    return {node_id: f"{number} {title}" if number else title for node_id, number, title in index.conn.execute(
        "SELECT id, number, title FROM nodes WHERE plan_id = ? AND depth = 0 AND archived_at IS NULL",
        (index.plan_id,))}


def status_item(m: q.Milestone, today: date) -> Item:
    """A status list's milestone (read by ``queries.milestones_in_state``, a handful at a time)."""
    counted = st.is_done(m.state)
    return Item(m.id, m.title, m.due, m.due_phrase or None, m.start, m.done_on if counted else None,
                m.done_note if counted else None, m.state, st.days_late(m.due, today), m.implicit, m.node_id, "", "",
                "", (), False)
