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
from store.records import numbered
from store.report.model import MILESTONE_LIGHTS, Item, LedgerRow

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
            cursor = self.conn.cursor()
            cursor.row_factory = None  # pairs: the dict is built in C
            self._labels = dict(cursor.execute(  # number and title as ``numbered`` joins them
                "SELECT id, CASE WHEN number IS NULL OR number = '' THEN title ELSE number || ' ' || title END "
                "FROM nodes WHERE plan_id = ?", (self.plan_id,)))
        return self._labels


def items(index: PlanIndex, as_of: date, soon_days: int, where: str, params: tuple[object, ...],
          order: str = "due, seq", period_start: date | None = None, limit: int | None = None,
          nodes: NodeLookup = "join") -> Iterator[Item]:
    """Milestones matching ``where`` (over the named columns and ``state``), as report items; how
    each finds its node: ``nodes`` (with "units", ``Item.task`` is left empty)."""
    found, make = read(index, as_of, soon_days, where, params, order, period_start, limit, nodes)
    return map(make, found)


def read(index: PlanIndex, as_of: date, soon_days: int, where: str, params: tuple[object, ...], order: str,
         period_start: date | None, limit: int | None, nodes: NodeLookup,
         outer: tuple[str, tuple[object, ...]] = ("*", ())) -> tuple[sqlite3.Cursor, Callable[[tuple[Any, ...]], Item]]:
    """``items``' query, run, and what makes an item of its row: for a reader that selects more
    columns after the item's (``outer``; ``make`` is then given the item's part of the row)."""
    sql, args = list_sql(index, as_of, soon_days, where, params, order, joined=nodes == "join", outer=outer[0],
                         outer_args=outer[1])
    if limit is not None:
        sql += " LIMIT ?"
        args.append(limit)
    maker = _item_maker(index, as_of, period_start)
    make = {"join": _joined, "units": _by_units, "labels": _by_labels}[nodes](maker, index)
    cursor = index.conn.cursor()
    cursor.row_factory = None  # plain tuples: tens of thousands of rows are unpacked once each
    return cursor.execute(sql, args), make


def list_sql(index: PlanIndex, as_of: date, soon_days: int, where: str, params: tuple[object, ...], order: str,
             joined: bool = False, outer: str = "*", outer_args: tuple[object, ...] = ()) -> tuple[str, list[object]]:
    """The query of a list: the live milestones of the plan (``joined``: with their node's number,
    title and seq) and their ``state``, filtered by ``where`` and sorted by ``order``; ``outer``
    (with ``outer_args``) is what it selects from those named columns."""
    state_sql, state_args = st.sql_state(as_of, soon_days, due="m.due", done_on="m.done_on")
    # a list read whole holds most of a plan's milestones: one pass over the table and a sort cost
    # less than finding each row through the due index (a look-up by rowid per row: 74,000 rows of
    # a 50,000-node plan, 0.37 -> 0.29 s). The ledger ("join", by seq) keeps the index's order.
    milestones = "milestones m" if joined else "milestones m NOT INDEXED"
    source = (f"SELECT {_JOINED}, {state_sql} AS state FROM {milestones} JOIN nodes n ON n.id = m.node_id"
              if joined else f"SELECT {_COLUMNS}, {state_sql} AS state FROM {milestones}")
    sql = f"SELECT {outer} FROM ({source} WHERE m.plan_id = ? AND m.archived_at IS NULL) WHERE {where} ORDER BY {order}"
    return sql, [*outer_args, *state_args, index.plan_id, *params]


DONE_STATES = frozenset(s for s in st.MILESTONE_STATES if st.is_done(s))  # states whose tick and note count
_Maker = Callable[[tuple[Any, ...], str, tuple[str, ...]], Item]


def _item_maker(index: PlanIndex, as_of: date, period_start: date | None) -> _Maker:
    """What turns a row, its task's label and its units into an ``Item``, with the per-report
    lookups bound once (not per row)."""
    starts, shorts, ids = index.chapter_starts, index.chapter_short, index.chapter_ids
    iso, done_states = date.fromisoformat, DONE_STATES
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
        return make((*row[:10], state), numbered(number, node_title), units(node_seq))
    return joined


def ledger_rows(index: PlanIndex, as_of: date, soon_days: int) -> Iterator[LedgerRow]:
    """Every task with its milestones in document order, under its chapter's heading.

    Read by a query of its own rather than as ``items``: the ledger needs neither a milestone's
    start, phrase nor days late, and its task's label, units and chapter are looked up once per
    task, not once per milestone (a 50,000-node ledger has 150,000 rows)."""
    labels = _chapter_labels(index)
    state_sql, state_args = st.sql_state(as_of, soon_days, due="m.due", done_on="m.done_on")
    cursor = index.conn.cursor()
    cursor.row_factory = None  # plain tuples
    rows = cursor.execute(
        "SELECT m.id, m.title, m.due, m.done_on, m.done_note, m.implicit, m.node_id, m.seq, n.number, n.title, n.seq, "
        f"{state_sql} FROM milestones m JOIN nodes n ON n.id = m.node_id "
        "WHERE m.plan_id = ? AND m.archived_at IS NULL ORDER BY m.seq, m.id", (*state_args, index.plan_id))
    starts, ids, units_at = index.chapter_starts, index.chapter_ids, index.units
    iso, done_states = date.fromisoformat, DONE_STATES
    current_chapter: str | None = None
    task_no = 0
    task: _Task | None = None
    group: list[_Milestone] = []
    for mid, title, due, done_on, note, implicit, node_id, seq, number, node_title, node_seq, state in rows:
        if task is None or node_id != task[0]:
            if group:
                assert task is not None
                task_no += 1
                yield from _task_rows(task, group, task_no)
                group = []
            chapter_id = ids[max(bisect_right(starts, seq) - 1, 0)] if ids else ""  # PlanIndex.chapter_at, inlined
            task = (node_id, numbered(number, node_title), units_at(node_seq), chapter_id)
            if chapter_id != current_chapter:
                current_chapter = chapter_id
                yield _new(LedgerRow, ("chapter", None, None, chapter_id, labels.get(chapter_id, ""), (), None, None,
                                       None, None, None, None))
        counted = state in done_states
        group.append((mid, title, iso(due), state, iso(done_on) if counted and done_on else None,
                      note if counted else None, bool(implicit)))
    if group:
        assert task is not None
        yield from _task_rows(task, group, task_no + 1)


_new = tuple.__new__  # a LedgerRow without its Python-level __new__
_Task = tuple[str, str, tuple[str, ...], str]  # node id, label, lead units, chapter id
# id, title, due, state, done on, note, implicit
_Milestone = tuple[str, str, date, str, date | None, str | None, bool]


def _task_rows(task: _Task, group: list[_Milestone], task_no: int) -> tuple[LedgerRow, ...]:
    """A task's row and, unless it is its own single milestone, its milestones' rows."""
    node_id, label, units, _ = task
    if len(group) == 1:  # nearly every task: its roll-up is its one milestone's state
        mid, title, due, state, done_on, note, implicit = group[0]
        light = MILESTONE_LIGHTS.get(state, "green")
        if implicit:
            return (_new(LedgerRow, ("task", task_no, None, mid, label, units, due, state, light, done_on, note,
                                     None)),)
        done = 1 if state in DONE_STATES else 0  # done_on is None unless it is done
        return (_new(LedgerRow, ("task", task_no, None, node_id, label, units, due, None, light, done_on, None,
                                 (done, 1))),
                _new(LedgerRow, ("milestone", task_no, 1, mid, title, units, due, state, light, done_on, note, None)))
    rollup = st.Rollup()
    for m in group:
        rollup.add(m[3])
    done_dates = [m[4] for m in group if m[4]]
    all_done = rollup.done == rollup.total
    head = LedgerRow("task", task_no, None, node_id, label, units, max(m[2] for m in group), None, rollup.light,
                     max(done_dates) if all_done and done_dates else None, None, (rollup.done, rollup.total))
    lights = MILESTONE_LIGHTS
    return (head, *(LedgerRow("milestone", task_no, k, mid, title, units, due, state, lights.get(state, "green"),
                              done_on, note) for k, (mid, title, due, state, done_on, note, _) in enumerate(group, 1)))


def _chapter_labels(index: PlanIndex) -> dict[str, str]:
    return {node_id: numbered(number, title) for node_id, number, title in index.conn.execute(
        "SELECT id, number, title FROM nodes WHERE plan_id = ? AND depth = 0 AND archived_at IS NULL",
        (index.plan_id,))}


def status_item(m: q.Milestone, today: date) -> Item:
    """A status list's milestone (read by ``queries.milestones_in_state``, a handful at a time)."""
    counted = st.is_done(m.state)
    return Item(m.id, m.title, m.due, m.due_phrase or None, m.start, m.done_on if counted else None,
                m.done_note if counted else None, m.state, st.days_late(m.due, today), m.implicit, m.node_id, "", "",
                "", (), False)
