"""Responsible units, one rule for every surface: lead (牵头单位) and supporting (配合单位) units.

A node's own units are the clerk's setting if there is one, else the plan's (``units``/``lead``
and ``support`` in the plan file). A node that names no unit of its own inherits both lists
from its nearest ancestor that names any: a task under a section headed "牵头单位: 区市场监管局"
belongs to that bureau. Lead and support are never mixed. Filters, the detail pane, reports,
``missing``, ``units`` and the ledger all ask this module, so they always agree.
"""
from __future__ import annotations

import json
import re
import sqlite3
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

_SEPARATORS = re.compile(r"[、，,；;/]")
LEAD = "lead"
SUPPORT = "support"
ANY = "any"


class Units(NamedTuple):
    """A node's units as they apply: ``lead`` and ``support``, and ``from_id``: the node that
    names them (itself, or the ancestor they are inherited from; None when nobody names any)."""

    lead: tuple[str, ...]
    support: tuple[str, ...]
    from_id: str | None

    def has(self, unit: str, role: str = ANY) -> bool:
        if role == LEAD:
            return unit in self.lead
        if role == SUPPORT:
            return unit in self.support
        return unit in self.lead or unit in self.support

    @property
    def named(self) -> bool:
        return bool(self.lead or self.support)


NONE = Units((), (), None)


def split_units(text: str) -> list[str]:
    """``区市场监管局、区商务委`` (or with ，, ; /) as a list of unit names."""
    return [u for u in (p.strip() for p in _SEPARATORS.split(text)) if u]


def clean(names: Iterable[str] | str | None) -> list[str]:
    """Unit names from one text (split at 、，, ; /) or from a list (each element one name, as
    written: a name may hold a slash), in order, once each."""
    if names is None:
        return []
    parts = split_units(names) if isinstance(names, str) else [str(n).strip() for n in names]
    return list(dict.fromkeys(p for p in parts if p))


def own(units: str | None, units_override: str | None, support: str | None,
        support_override: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A node's own (lead, support) from its stored columns: the clerk's setting wins, per list."""
    lead = units_override if units_override is not None else units
    supp = support_override if support_override is not None else support
    return (tuple(json.loads(lead)) if lead else (), tuple(json.loads(supp)) if supp else ())


_COLUMNS = "id, parent_id, units, units_override, support, support_override"


def resolve(rows: Iterable[sqlite3.Row | tuple[Any, ...]]) -> dict[str, Units]:
    """Units of every node, from rows (id, parent_id, units, units_override, support,
    support_override) in document order (parents first): one pass, no query per node."""
    parsed: dict[str | None, tuple[str, ...]] = {None: ()}  # the same few texts recur on every task

    def names(text: str | None) -> tuple[str, ...]:
        if text not in parsed:
            parsed[text] = tuple(json.loads(text)) if text else ()
        return parsed[text]
    return {node_id: Units(names(lead), names(support), from_id) if from_id else NONE
            for node_id, lead, support, from_id in applying_texts(rows)}


def applying_texts(rows: Iterable[sqlite3.Row | tuple[Any, ...]]
                   ) -> Iterator[tuple[str, str | None, str | None, str | None]]:
    """The rule of ``resolve`` on the stored JSON texts, row by row as they come (document order):
    (id, lead, support, from_id), the lists as stored (None when nobody names any)."""
    walk = Walk()
    for node_id, parent_id, u, uo, s, so in rows:
        yield (node_id, *walk.step(node_id, parent_id, u, uo, s, so))


class Walk:
    """Units that apply, worked out node by node in document order (parents first) from the stored
    columns, without parsing them: for a pass that reads the nodes anyway (the export)."""

    def __init__(self) -> None:
        self._applying: dict[str, tuple[str | None, str | None, str | None]] = {}

    def step(self, node_id: str, parent_id: str | None, units: str | None, units_override: str | None,
             support: str | None, support_override: str | None) -> tuple[str | None, str | None, str | None]:
        """(lead, support, from_id) of this node: its own lists if it names any, else its parent's."""
        found = naming(node_id, units, units_override, support, support_override)
        if found is None:
            found = self._applying.get(parent_id, _NOBODY) if parent_id else _NOBODY
        self._applying[node_id] = found
        return found


class BranchWalk:
    """``Walk`` keeping only the current branch (a node per depth), not every node passed: the
    export's pass over a 50,000-node plan then holds a handful of entries instead of 50,000. Rows
    come in document order with their depth; a node whose parent is not the live node one level up
    (an archived parent) inherits nothing, as in ``Walk``."""

    def __init__(self) -> None:
        self._branch: list[tuple[str, tuple[str | None, str | None, str | None]]] = []

    def step(self, depth: int, node_id: str, parent_id: str | None, units: str | None,
             units_override: str | None, support: str | None,
             support_override: str | None) -> tuple[str | None, str | None, str | None]:
        """(lead, support, from_id) of this node: its own lists if it names any, else its parent's."""
        branch = self._branch
        found = naming(node_id, units, units_override, support, support_override)
        if found is None:
            inherits = parent_id and 0 < depth <= len(branch) and branch[depth - 1][0] == parent_id
            found = branch[depth - 1][1] if inherits else _NOBODY
        del branch[depth:]
        branch.extend([("", _NOBODY)] * (depth - len(branch)))  # under an archived parent: a gap above
        branch.append((node_id, found))
        return found


_EMPTY = (None, "", "[]")  # a list stored empty (json.dumps writes "[]") or never set


def naming(node_id: str, units: str | None, units_override: str | None, support: str | None,
           support_override: str | None) -> tuple[str | None, str | None, str | None] | None:
    """The rule of who is responsible, on the stored JSON texts: (lead, support, node_id) when the
    node names units of its own (the clerk's setting wins, per list; naming only supporting units
    counts, so it stops the lead units inherited from above), None when it inherits."""
    lead = units_override if units_override is not None else units
    supp = support_override if support_override is not None else support
    if lead not in _EMPTY or supp not in _EMPTY:
        return (lead, supp, node_id)
    return None
_NOBODY: tuple[str | None, str | None, str | None] = (None, None, None)


def of_plan(conn: sqlite3.Connection, plan_id: str) -> dict[str, Units]:
    """Units of every live node of a plan, by node id."""
    return resolve(conn.execute(f"SELECT {_COLUMNS} FROM nodes WHERE plan_id = ? AND archived_at IS NULL "
                                "ORDER BY seq", (plan_id,)))


def of_node(conn: sqlite3.Connection, node_id: str) -> Units:
    """Units of one node: its own, else its nearest named ancestor's (a few indexed lookups)."""
    current: str | None = node_id
    while current is not None:
        row = conn.execute(f"SELECT {_COLUMNS} FROM nodes WHERE id = ?", (current,)).fetchone()
        if row is None:
            return NONE
        lead, support = own(row[2], row[3], row[4], row[5])
        if lead or support:
            return Units(lead, support, current)
        current = row[1]
    return NONE


def names(conn: sqlite3.Connection, plan_id: str) -> list[tuple[str, int]]:
    """Every unit named in a plan (lead or support, the clerk's settings win), with how many nodes
    name it, most frequent first (the choices of a by-unit filter)."""
    counts: dict[str, int] = {}
    for row in conn.execute(f"SELECT {_COLUMNS} FROM nodes WHERE plan_id = ? AND archived_at IS NULL AND "
                            "COALESCE(units, units_override, support, support_override) IS NOT NULL",
                            (plan_id,)):
        lead, support = own(row[2], row[3], row[4], row[5])
        for name in dict.fromkeys(lead + support):
            counts[name] = counts.get(name, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def nodes_of(conn: sqlite3.Connection, plan_id: str, unit: str, role: str = ANY) -> set[str]:
    """Ids of the live nodes whose units (own or inherited) include ``unit`` in ``role``."""
    return {node_id for node_id, units in of_plan(conn, plan_id).items() if units.has(unit, role)}


def _named_sql(lead: str, support: str) -> str:
    # lists are stored by json.dumps, so an empty one is '[]' (a clerk's "none") or NULL
    return f"({lead} NOT IN ('', '[]') OR {support} NOT IN ('', '[]'))"


_LEAD_SQL = "coalesce(n.units_override, n.units)"  # the clerk's setting wins, per list
_SUPPORT_SQL = "coalesce(n.support_override, n.support)"
_NAMED_SQL = _named_sql(_LEAD_SQL, _SUPPORT_SQL)


def applying_sql() -> str:
    """``resolve`` as an SQL common table expression ``applying(id, lead, support, from_id)`` over
    every live node of the plan ``:plan``: ``lead`` and ``support`` are JSON lists (NULL when nobody
    names any), walked down from the top nodes (and from any whose parent is archived), so a
    command can join units to thousands of items in the query that reads them. A test holds it to
    ``of_plan``."""
    def own_or(inherited: str, own: str) -> str:
        return f"CASE WHEN {_NAMED_SQL} THEN {own} ELSE {inherited} END"
    top = (f"SELECT n.id, {own_or('NULL', _LEAD_SQL)}, {own_or('NULL', _SUPPORT_SQL)}, {own_or('NULL', 'n.id')} "
           "FROM nodes n WHERE n.plan_id = :plan AND n.archived_at IS NULL AND n.parent_id IS NULL "
           f"UNION ALL SELECT n.id, {own_or('NULL', _LEAD_SQL)}, {own_or('NULL', _SUPPORT_SQL)}, "
           f"{own_or('NULL', 'n.id')} FROM nodes p JOIN nodes n ON n.parent_id = p.id AND n.archived_at IS NULL "
           "WHERE p.plan_id = :plan AND p.archived_at IS NOT NULL")
    down = (f"SELECT n.id, {own_or('a.lead', _LEAD_SQL)}, {own_or('a.support', _SUPPORT_SQL)}, "
            f"{own_or('a.from_id', 'n.id')} FROM applying a "
            "JOIN nodes n ON n.parent_id = a.id AND n.archived_at IS NULL")
    return f"applying(id, lead, support, from_id) AS ({top} UNION ALL {down})"


NOBODY_AT = -1  # a live seq nobody is named for
ARCHIVED_AT = -2  # a seq inside an archived node: not counted as anybody's


class SparseAt(dict[int, int]):
    """``LeadBySeq.at`` of a file whose seqs are not compact (typed in by hand: a seq of 10**9, a
    negative one): only the seqs that exist, and nobody's at any other."""

    def __missing__(self, seq: int) -> int:
        return NOBODY_AT


class LeadBySeq(NamedTuple):
    """The lead units that apply at every seq of a plan: ``lists[at[seq]]``. The last two lists
    are empty: ``NOBODY_AT`` and ``ARCHIVED_AT`` read them. Nodes and milestones share one
    pre-order seq, so a milestone's seq finds its node's units without looking the node up."""

    at: array[int] | SparseAt
    lists: list[tuple[str, ...]]

    def of(self, seq: int) -> tuple[str, ...]:
        at = self.at
        if isinstance(at, SparseAt):
            return self.lists[at[seq]]
        return self.lists[at[seq] if 0 <= seq < len(at) else -1]


def lead_by_seq(conn: sqlite3.Connection, plan_id: str) -> LeadBySeq:
    """``resolve``'s lead units at every seq, painted range by range: each node that names units
    (and each archived node: nobody's, and it passes nothing down) paints its subtree's seq range
    [seq, last_seq] in document order, so a deeper node paints over its ancestors' and a node
    naming nothing keeps what its nearest named ancestor painted. SQLite reads only the nodes
    that name units, and an array slice is painted in C, instead of a step per node in Python.
    Seqs that are not compact (a damaged or hand-edited file) are painted in a ``SparseAt``
    instead of an array as long as the largest seq."""
    from store.subtrees import compact

    node_first, node_last = conn.execute("SELECT min(seq), max(max(last_seq), max(seq)) FROM nodes WHERE plan_id = ?",
                                         (plan_id,)).fetchone()
    ms_first, ms_last = conn.execute("SELECT min(seq), max(seq) FROM milestones WHERE plan_id = ?",
                                     (plan_id,)).fetchone()
    first = min(node_first or 0, ms_first or 0)
    size = 1 + max(node_last or 0, ms_last or 0)
    sparse = not compact(first, size - 1)
    seqs: list[int] = []
    sparse_at = SparseAt()
    at = array("i")
    if sparse:
        seqs = sorted({r[0] for r in conn.execute(
            "SELECT seq FROM nodes WHERE plan_id = ? AND seq IS NOT NULL UNION "
            "SELECT seq FROM milestones WHERE plan_id = ? AND seq IS NOT NULL", (plan_id, plan_id))})
    else:
        at = array("i", [NOBODY_AT]) * size
    lists: list[tuple[str, ...]] = []
    # an archived node's row carries the integer ARCHIVED_AT instead of its list: a stored list is
    # text (the column's affinity), so no list can be mistaken for it
    known: dict[object, int] = {ARCHIVED_AT: ARCHIVED_AT, **dict.fromkeys(_EMPTY, NOBODY_AT)}
    lead_sql = _LEAD_SQL.replace("n.", "")
    cursor = conn.cursor()
    cursor.row_factory = None
    rows = cursor.execute(
        f"SELECT seq, coalesce(last_seq - seq, 0), CASE WHEN archived_at IS NULL THEN {lead_sql} "
        f"ELSE {ARCHIVED_AT} END FROM nodes WHERE plan_id = ? AND seq IS NOT NULL AND (archived_at IS NOT NULL OR "
        f"{_NAMED_SQL.replace('n.', '')}) ORDER BY seq", (plan_id,))
    for seq, span, lead in rows:  # span below 0: a damaged range, the node alone
        index = known.get(lead)
        if index is None:
            index = known[lead] = len(lists)
            lists.append(tuple(json.loads(lead)))
        if sparse:
            for inside in seqs[bisect_left(seqs, seq):bisect_right(seqs, seq + max(span, 0))]:
                sparse_at[inside] = index
        elif span == 1:  # a task and its one milestone: most of a plan
            at[seq] = at[seq + 1] = index
        elif span <= 0:
            at[seq] = index
        else:
            at[seq:seq + span + 1] = array("i", [index]) * (span + 1)
    lists.extend(((), ()))
    return LeadBySeq(sparse_at if sparse else at, lists)
