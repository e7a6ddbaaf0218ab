"""The report's long lists read straight from SQLite, one row at a time.

A period report of a 50,000-node plan lists tens of thousands of milestones; building them all
as objects first cost hundreds of MiB. Here each list is a query that SQLite filters, classifies
(``status.sql_state``) and sorts, and each row becomes an ``Item`` only as the renderer asks
for it. What a row needs from its ancestors (the chapter, the inherited responsible units) is
looked up by its seq in small tables built once per report: the chapters' seq starts, and the
lead units painted over every seq (``store.units.lead_by_seq``; nodes and milestones share one
pre-order seq, so a milestone's own seq finds its node's units).

How a row finds its node (``NodeLookup``): by default it is joined in the query (its label, the
task): cheap for a printout's first thousand rows, a narrative's few or the ledger. A list read
whole (74,000 rows of a 50,000-node plan's csv or json) reads the milestones alone: joining each
row to its node by the node's text key cost more than SQLite's whole scan. Without its task
("units") a row needs nothing but its seq; with it ("labels"), each node's label is looked up
by id in a table built once (15 MiB at 50,000 nodes, only for a reader of ``Item.task``).
"""
from __future__ import annotations

import sqlite3
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from store import queries as q
from store import status as st
from store import units as un
from store.report.model import Item, LedgerRow

NodeLookup = Literal["join", "units", "labels"]
LIST_LIMIT = 25  # rows of each list of the status
RECENT_DAYS = 365  # the status's "recently done" window

# the inner query names every column, so filters and orders read plain names (due, state, seq, ...)
_COLUMNS = "id, title, due, due_phrase, start, done_on, done_note, implicit, node_id, seq"
_JOINED = ("m.id AS id, m.title AS title, m.due AS due, m.due_phrase AS due_phrase, m.start AS start, "
           "m.done_on AS done_on, m.done_note AS done_note, m.implicit AS implicit, m.node_id AS node_id, "
           "m.seq AS seq, n.number AS node_number, n.title AS node_title, n.seq AS node_seq")


@dataclass
class PlanIndex:
    """Chapters by seq and each node's inherited units: what a streamed row needs from above it."""

    conn: sqlite3.Connection
    plan_id: str
    chapter_starts: list[int] = field(default_factory=list)
    chapter_ids: list[str] = field(default_factory=list)
    chapter_short: list[str] = field(default_factory=list)
    _lead: un.LeadBySeq | None = None
    _labels: dict[str, str] | None = None  # node id -> label, for whole lists that show their task

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

    def units(self, seq: int) -> tuple[str, ...]:
        """The lead units that apply at ``seq``: a live node's, or a milestone's node's."""
        return self.lead.of(seq)

    @property
    def lead(self) -> un.LeadBySeq:
        """Every seq's lead units (``store.units.lead_by_seq``), read once per report."""
        if self._lead is None:
            self._lead = un.lead_by_seq(self.conn, self.plan_id)
        return self._lead

    def labels(self) -> dict[str, str]:
        """Each node's label (number and title) by its id: one pass over the nodes, for a whole
        list that shows its task."""
        if self._labels is None:
            self._labels = {node_id: f"{number} {title}" if number else title for node_id, number, title in
                            self.conn.execute("SELECT id, number, title FROM nodes WHERE plan_id = ?",
                                              (self.plan_id,))}
        return self._labels


def items(index: PlanIndex, as_of: date, soon_days: int, where: str, params: tuple[object, ...],
          order: str = "due, seq", period_start: date | None = None, limit: int | None = None,
          nodes: NodeLookup = "join") -> Iterator[Item]:
    """Milestones matching ``where`` (over the named columns and ``state``), as report items; how
    each finds its node: ``nodes`` (with "units", ``Item.task`` is left empty)."""
    state_sql, state_args = st.sql_state(as_of, soon_days, due="m.due", done_on="m.done_on")
    # a list read whole holds most of a plan's milestones: one pass over the table and a sort cost
    # less than finding each row through the due index (a look-up by rowid per row: 74,000 rows of
    # a 50,000-node plan, 0.37 -> 0.29 s). The ledger ("join", by seq) keeps the index's order.
    milestones = "milestones m" if nodes == "join" else "milestones m NOT INDEXED"
    source = (f"SELECT {_JOINED}, {state_sql} AS state FROM {milestones} JOIN nodes n ON n.id = m.node_id"
              if nodes == "join" else f"SELECT {_COLUMNS}, {state_sql} AS state FROM {milestones}")
    sql = f"SELECT * FROM ({source} WHERE m.plan_id = ? AND m.archived_at IS NULL) WHERE {where} ORDER BY {order}"
    args: list[object] = [*state_args, index.plan_id, *params]
    if limit is not None:
        sql += " LIMIT ?"
        args.append(limit)
    maker = _item_maker(index, as_of, period_start)
    make = {"join": _joined, "units": _by_units, "labels": _by_labels}[nodes](maker, index)
    cursor = index.conn.cursor()
    cursor.row_factory = None  # plain tuples: tens of thousands of rows are unpacked once each
    return map(make, cursor.execute(sql, args))


_DONE_STATES = frozenset(s for s in st.MILESTONE_STATES if st.is_done(s))
_Maker = Callable[[tuple[Any, ...], str, tuple[str, ...]], Item]


def _item_maker(index: PlanIndex, as_of: date, period_start: date | None) -> _Maker:
    """What turns a row, its task's label and its units into an ``Item``, with the per-report
    lookups bound once (not per row)."""
    starts, shorts, ids = index.chapter_starts, index.chapter_short, index.chapter_ids
    iso, done_states = date.fromisoformat, _DONE_STATES
    new = tuple.__new__  # Item's own constructor, without its Python-level __new__

    def make(row: tuple[Any, ...], task: str, units: tuple[str, ...]) -> Item:
        mid, title, due_text, due_phrase, start, done_text, note, implicit, node_id, seq, state = row
        due = iso(due_text)
        counted = state in done_states
        chapter = max(bisect_right(starts, seq) - 1, 0)  # PlanIndex.chapter_at, inlined
        return new(Item, (mid, title, due, due_phrase or None, iso(start) if start else None,
                          iso(done_text) if counted and done_text else None, note if counted else None, state,
                          (as_of - due).days, bool(implicit), node_id, task, shorts[chapter] if shorts else "",
                          ids[chapter] if ids else "", units, period_start is not None and due < period_start))

    return make


def _by_units(make: _Maker, index: PlanIndex) -> Callable[[tuple[Any, ...]], Item]:
    """A whole list's rows without their task: each milestone's units by its own seq."""
    at, lists = index.lead

    def by_units(row: tuple[Any, ...]) -> Item:
        return make(row, "", lists[at[row[9]]])
    return by_units


def _by_labels(make: _Maker, index: PlanIndex) -> Callable[[tuple[Any, ...]], Item]:
    """A whole list's rows with their task: each node's label from ``PlanIndex.labels``, its units
    by the milestone's seq."""
    labels, (at, lists) = index.labels(), index.lead

    def by_labels(row: tuple[Any, ...]) -> Item:
        return make(row, labels[row[8]], lists[at[row[9]]])
    return by_labels


def _joined(make: _Maker, index: PlanIndex) -> Callable[[tuple[Any, ...]], Item]:
    """A short list's rows: each node's number, title and seq joined in the query."""
    units = index.units

    def joined(row: tuple[Any, ...]) -> Item:
        number, node_title, node_seq, state = row[10:]
        return make((*row[:10], state), f"{number} {node_title}" if number else node_title, units(node_seq))
    return joined


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
