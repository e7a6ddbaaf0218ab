"""What the app's task tree asks: children for lazy loading, search, filters, sparse trees, paths.

Pure ``sqlite3`` (no Textual, no sqlite-utils). The tree shows nodes and, under them, their
milestones in document order (nodes and milestones share one ``seq`` counter). A node whose only
milestone is its implicit one stands for that milestone itself (ticked from the node), so that
milestone is not listed again as a child. Milestone states come from ``store.status``.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from store import queries as q
from store import status as st
from store import units as un
from store.ticking import line_milestone

NODE = "n"
MILESTONE = "m"

# filter names the app offers (beside search and by-unit)
OVERDUE_ONLY = "overdue"
DUE_SOON = "due_soon"
NOT_DONE = "not_done"
STATE_FILTERS: dict[str, tuple[str, ...]] = {
    OVERDUE_ONLY: (st.OVERDUE,),
    DUE_SOON: (st.DUE_SOON,),
    NOT_DONE: (st.OVERDUE, st.DUE_SOON, st.OPEN),
}


def key(kind: str, item_id: str) -> str:
    """The tree's key for an item: node and implicit milestone ids coincide, so prefix the kind."""
    return f"{kind}:{item_id}"


@dataclass
class Item:
    """One line of the tree: a node, or a milestone shown under its node."""

    kind: str
    id: str
    parent_id: str | None  # the node it hangs under (None: top level)
    seq: int
    node: q.Node | None = None
    milestone: q.Milestone | None = None
    own: q.Milestone | None = None  # a node's single implicit milestone (drawn on the node's line)
    has_children: bool = False
    single: q.Milestone | None = None  # a node's only milestone, implicit or not (``store.ticking``)

    @property
    def key(self) -> str:
        return key(self.kind, self.id)

    @property
    def tickable(self) -> q.Milestone | None:
        """The milestone a tick on this line means, if any (the command line's rule too)."""
        return self.milestone if self.kind == MILESTONE else self.single


@dataclass
class Matches:
    """Items that matched a search or filter (node ids and milestone ids)."""

    nodes: set[str] = field(default_factory=set)
    milestones: set[str] = field(default_factory=set)
    # ids matched by their title or number, not only by body text: the cursor starts on the
    # first of these, so searching 羊角 lands on the station, not a paragraph mentioning 羊角豆干
    strong: set[str] = field(default_factory=set)

    def __len__(self) -> int:
        return len(self.nodes) + len(self.milestones)


class Sparse(NamedTuple):
    """A sparse tree: the matches with their ancestors only (org-mode's sparse tree)."""

    children: dict[str | None, list[Item]]
    matched: set[str]  # item keys that matched (the ancestors are only context)
    first: str | None  # key of the first match in document order


_MCOLS = ("m.id, m.plan_id, m.node_id, m.title, m.due, m.due_phrase, m.start, m.done_on, m.done_note, "
          "m.implicit, m.origin, m.line, m.seq")


def _milestones_sql(where: str) -> str:
    return f"SELECT {_MCOLS} FROM milestones m WHERE m.archived_at IS NULL AND {where} ORDER BY m.seq, m.id"


def _assemble(parent_id: str | None, child_nodes: list[q.Node], parent_milestones: list[q.Milestone],
              child_milestones: dict[str, list[q.Milestone]], grandchildren: dict[str, int]) -> list[Item]:
    """The lines under one parent: its child nodes (given in document order) and, unless its only
    milestone is its implicit one, its own milestones, merged by seq. Called once per node when
    a whole plan is opened, so it does no more than that."""
    items: list[Item] = []
    milestones_of, children_of = child_milestones.get, grandchildren.get
    for node in child_nodes:
        ms = milestones_of(node.id, [])
        own = ms[0] if len(ms) == 1 and ms[0].implicit else None
        items.append(Item(NODE, node.id, parent_id, node.seq, node=node, own=own,
                          has_children=bool(children_of(node.id) or (ms and not own)), single=line_milestone(ms)))
    if parent_milestones and not (len(parent_milestones) == 1 and parent_milestones[0].implicit):
        items.extend(Item(MILESTONE, m.id, parent_id, m.seq, milestone=m) for m in parent_milestones)
        items.sort(key=lambda it: (it.seq, it.kind == NODE, it.id))
    return items


def children(conn: sqlite3.Connection, plan_id: str, parent_id: str | None, today: date,
             soon_days: int = st.DEFAULT_SOON_DAYS) -> list[Item]:
    """The lines under a node (``None``: the top level), for lazy loading: three indexed queries."""
    if parent_id is None:
        # depth = 0 (the same as parent_id IS NULL) lets SQLite use the (plan_id, depth, seq) index
        # instead of walking all the plan's nodes: 40 ms -> 1 ms on a 50,000-node plan
        top = "plan_id = ? AND depth = 0 AND parent_id IS NULL AND archived_at IS NULL"
        child_nodes = q.nodes_of_rows(conn.execute(f"SELECT {q.NODE_COLUMNS} FROM nodes WHERE {top} ORDER BY seq",
                                                   (plan_id,)))
        parent_ms: list[q.Milestone] = []
        ms_rows = conn.execute(_milestones_sql(f"m.node_id IN (SELECT id FROM nodes WHERE {top})"), (plan_id,))
        gc_rows = conn.execute(
            "SELECT c.parent_id, count(*) FROM nodes c JOIN nodes p ON c.parent_id = p.id "
            f"WHERE p.{top.replace(' AND ', ' AND p.')} AND c.archived_at IS NULL GROUP BY c.parent_id",
            (plan_id,))
    else:
        child_nodes = q.children(conn, plan_id, parent_id)
        parent_ms = q.milestones_of_node(conn, parent_id, today, soon_days)
        ms_rows = conn.execute(
            _milestones_sql("m.node_id IN (SELECT id FROM nodes WHERE parent_id = ? AND archived_at IS NULL)"),
            (parent_id,))
        gc_rows = conn.execute(
            "SELECT c.parent_id, count(*) FROM nodes c JOIN nodes p ON c.parent_id = p.id "
            "WHERE p.parent_id = ? AND c.archived_at IS NULL GROUP BY c.parent_id", (parent_id,))
    child_ms: dict[str, list[q.Milestone]] = {}
    for row in ms_rows:
        m = q._milestone(row, today, soon_days)
        child_ms.setdefault(m.node_id, []).append(m)
    return _assemble(parent_id, child_nodes, parent_ms, child_ms, {r[0]: r[1] for r in gc_rows})


MANY_PARENTS = 40  # beyond this, one pass over the whole plan is quicker than three queries each


def children_of_many(conn: sqlite3.Connection, plan_id: str, parent_ids: Iterable[str | None], today: date,
                     soon_days: int = st.DEFAULT_SOON_DAYS) -> dict[str | None, list[Item]]:
    """``children`` for every loaded parent (a refresh after a change or a new as-of date)."""
    wanted = list(parent_ids)
    if len(wanted) > MANY_PARENTS:
        everything = all_children(conn, plan_id, today, soon_days)
        return {p: everything.get(p, []) for p in wanted}
    return {p: children(conn, plan_id, p, today, soon_days) for p in wanted}


def all_children(conn: sqlite3.Connection, plan_id: str, today: date,
                 soon_days: int = st.DEFAULT_SOON_DAYS) -> dict[str | None, list[Item]]:
    """The lines under every node of a plan (``None``: the top level), parents in document order
    (a parent's own line always comes in an earlier list), in two queries: "open all"."""
    plain = conn.cursor()
    plain.row_factory = None  # tuples: 100,000 rows are unpacked once each
    nodes = q.nodes_of_rows(plain.execute(
        f"SELECT {q.NODE_COLUMNS} FROM nodes WHERE plan_id = ? AND archived_at IS NULL ORDER BY seq", (plan_id,)))
    by_node: dict[str, list[q.Milestone]] = {}
    for row in plain.execute(_milestones_sql("m.plan_id = ?"), (plan_id,)):
        m = q._milestone(row, today, soon_days)
        by_node.setdefault(m.node_id, []).append(m)
    kids: dict[str | None, list[q.Node]] = {None: []}
    for node in nodes:
        kids.setdefault(node.parent_id, []).append(node)
    grandchildren = {parent: len(group) for parent, group in kids.items() if parent is not None}
    result: dict[str | None, list[Item]] = {}
    for parent in [None, *(n.id for n in nodes)]:
        items = _assemble(parent, kids.get(parent, []), by_node.get(parent, []) if parent else [], by_node,
                          grandchildren)
        if items or parent is None:
            result[parent] = items
    return result


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search(conn: sqlite3.Connection, plan_id: str, text: str) -> Matches:
    """Nodes whose number, title or text, and milestones whose title, contain ``text``.

    ``LIKE`` rather than FTS: Chinese queries are mostly one or two characters, which a trigram
    index cannot find; a scan of 50,000 rows takes milliseconds.
    """
    needle = text.strip()
    found = Matches()
    if not needle:
        return found
    pattern = _like(needle)
    for node_id, in_title in conn.execute(
            "SELECT id, (title LIKE ?2 ESCAPE '\\' OR number LIKE ?2 ESCAPE '\\') FROM nodes "
            "WHERE plan_id = ?1 AND archived_at IS NULL AND (title LIKE ?2 ESCAPE '\\' "
            "OR text LIKE ?2 ESCAPE '\\' OR number LIKE ?2 ESCAPE '\\')",
            (plan_id, pattern)):
        found.nodes.add(node_id)
        if in_title:
            found.strong.add(node_id)
    for (m_id,) in conn.execute(
            "SELECT id FROM milestones WHERE plan_id = ? AND archived_at IS NULL AND title LIKE ? ESCAPE '\\'",
            (plan_id, pattern)):
        found.milestones.add(m_id)
        found.strong.add(m_id)
    return found


def by_state(conn: sqlite3.Connection, plan_id: str, states: Iterable[str], today: date,
             soon_days: int = st.DEFAULT_SOON_DAYS) -> Matches:
    """Milestones whose state as of ``today`` is one of ``states`` (overdue only, due soon, not done).

    Classified inside SQLite by ``status.sql_state`` (the same rule as ``milestone_status``)."""
    wanted = tuple(states)
    state_sql, args = st.sql_state(today, soon_days)
    found = Matches()
    found.milestones.update(m_id for (m_id,) in conn.execute(
        f"SELECT id FROM milestones WHERE plan_id = ? AND archived_at IS NULL "
        f"AND ({state_sql}) IN ({', '.join('?' for _ in wanted)})", (plan_id, *args, *wanted)))
    return found


def count_milestones(conn: sqlite3.Connection, plan_id: str) -> int:
    """How many milestones a plan has (archived ones are gone from the tree, so not counted)."""
    return int(conn.execute("SELECT count(*) FROM milestones WHERE plan_id = ? AND archived_at IS NULL",
                            (plan_id,)).fetchone()[0])


def units(conn: sqlite3.Connection, plan_id: str) -> list[tuple[str, int]]:
    """The units named in a plan, lead or supporting (the clerk's settings win), most frequent first."""
    return un.names(conn, plan_id)


def by_unit(conn: sqlite3.Connection, plan_id: str, unit: str, role: str = un.ANY) -> Matches:
    """Nodes whose units include ``unit`` (lead, support or either): their own, or inherited from
    the nearest ancestor that names any (the rule of store.units, as the reports use it)."""
    found = Matches()
    found.nodes.update(un.nodes_of(conn, plan_id, unit, role))
    return found


def _parents(conn: sqlite3.Connection, plan_id: str) -> dict[str, str | None]:
    return {r[0]: r[1] for r in conn.execute(
        "SELECT id, parent_id FROM nodes WHERE plan_id = ? AND archived_at IS NULL", (plan_id,))}


def _chunks(ids: list[str], size: int = 500) -> Iterable[list[str]]:
    for i in range(0, len(ids), size):
        yield ids[i:i + size]


def sparse(conn: sqlite3.Connection, plan_id: str, matches: Matches, today: date,
           soon_days: int = st.DEFAULT_SOON_DAYS, limit: int = 2000) -> Sparse:
    """The matches (at most ``limit``, in document order) with their ancestors, as tree lines.

    A matched milestone that is a node's only, implicit one is shown as that node. Ancestors list
    only the children that lead to a match; a matched node keeps its own children for lazy loading.
    """
    parents = _parents(conn, plan_id)
    all_ms: dict[str, q.Milestone] = {}
    by_node: dict[str, list[q.Milestone]] = {}
    for row in conn.execute(_milestones_sql("m.plan_id = ?"), (plan_id,)):
        milestone = q._milestone(row, today, soon_days)
        all_ms[milestone.id] = milestone
        by_node.setdefault(milestone.node_id, []).append(milestone)

    def own_of(node_id: str) -> q.Milestone | None:
        ms = by_node.get(node_id, [])
        return ms[0] if len(ms) == 1 and ms[0].implicit else None

    matched_nodes = {n for n in matches.nodes if n in parents}
    strong_nodes = {n for n in matched_nodes if n in matches.strong}
    matched_ms: set[str] = set()
    for m_id in matches.milestones:
        m = all_ms.get(m_id)
        if m is None or m.node_id not in parents:
            continue
        if own_of(m.node_id) is m:
            matched_nodes.add(m.node_id)
            if m_id in matches.strong:
                strong_nodes.add(m.node_id)
        else:
            matched_ms.add(m_id)
    # document order, then the limit
    seq_of: dict[str, int] = {}
    node_rows: dict[str, q.Node] = {}
    wanted = set(matched_nodes) | {all_ms[m].node_id for m in matched_ms}
    closure: set[str] = set()
    for n in wanted:
        cur: str | None = n
        while cur is not None and cur not in closure:
            closure.add(cur)
            cur = parents.get(cur)
    for chunk in _chunks(sorted(closure)):
        marks = ",".join("?" for _ in chunk)
        for node in q.nodes_of_rows(conn.execute(f"SELECT {q.NODE_COLUMNS} FROM nodes WHERE id IN ({marks})", chunk)):
            node_rows[node.id] = node
            seq_of[node.id] = node.seq
    ordered = sorted([(seq_of.get(n, 0), NODE, n) for n in matched_nodes]
                     + [(all_ms[m].seq, MILESTONE, m) for m in matched_ms])[:limit]
    kept_nodes = {n for _, kind, n in ordered if kind == NODE}
    kept_ms = {m for _, kind, m in ordered if kind == MILESTONE}
    shown: set[str] = set()
    for n in kept_nodes | {all_ms[m].node_id for m in kept_ms}:
        cur = n
        while cur is not None and cur not in shown:
            shown.add(cur)
            cur = parents.get(cur)
    has_kids: set[str] = {p for p in parents.values() if p is not None}
    children_map: dict[str | None, list[Item]] = {}
    for node_id in shown:
        node = node_rows[node_id]
        own = own_of(node_id)
        ms = by_node.get(node_id, [])
        item = Item(NODE, node_id, node.parent_id, node.seq, node=node, own=own,
                    has_children=node_id in has_kids or bool(ms and not own), single=line_milestone(ms))
        children_map.setdefault(node.parent_id, []).append(item)
    for m_id in kept_ms:
        m = all_ms[m_id]
        children_map.setdefault(m.node_id, []).append(Item(MILESTONE, m.id, m.node_id, m.seq, milestone=m))
    for items in children_map.values():
        items.sort(key=lambda it: (it.seq, it.kind == NODE, it.id))
    matched = {key(NODE, n) for n in kept_nodes} | {key(MILESTONE, m) for m in kept_ms}
    strong = [(kind, i) for _, kind, i in ordered
              if (i in strong_nodes if kind == NODE else i in matches.strong)]
    lead = strong[0] if strong else (ordered[0][1], ordered[0][2]) if ordered else None
    first = key(*lead) if lead else None
    return Sparse(children_map, matched, first)


def next_overdue(conn: sqlite3.Connection, plan_id: str, today: date, after: tuple[int, str] | None,
                 soon_days: int = st.DEFAULT_SOON_DAYS) -> q.Milestone | None:
    """The first overdue milestone after position ``after`` (seq, id) in document order, wrapping round."""
    found = by_state(conn, plan_id, (st.OVERDUE,), today, soon_days).milestones
    if not found:
        return None
    rows: list[sqlite3.Row] = []
    for chunk in _chunks(sorted(found)):
        marks = ",".join("?" for _ in chunk)
        rows.extend(conn.execute(f"SELECT {_MCOLS} FROM milestones m WHERE m.id IN ({marks})", chunk))
    ms = sorted((q._milestone(r, today, soon_days) for r in rows), key=lambda m: (m.seq, m.id))
    if after is not None:
        for m in ms:
            if (m.seq, m.id) > after:
                return m
    return ms[0]


class Reveal(NamedTuple):
    """What the tree needs to show one item: its ancestors' children, top level first."""

    target: str  # item key
    path: list[str]  # node ids from the top level down to the item's node
    children: dict[str | None, list[Item]]


def reveal(conn: sqlite3.Connection, plan_id: str, kind: str, item_id: str, today: date,
           soon_days: int = st.DEFAULT_SOON_DAYS) -> Reveal | None:
    """The lines to load so that a node or milestone can be selected; None if it is gone."""
    if kind == MILESTONE:
        row = conn.execute("SELECT node_id, implicit, archived_at FROM milestones WHERE id = ?", (item_id,)).fetchone()
        if row is None or row["archived_at"]:
            return None
        node_id = row["node_id"]
        others = conn.execute("SELECT count(*) FROM milestones WHERE node_id = ? AND archived_at IS NULL",
                              (node_id,)).fetchone()[0]
        if row["implicit"] and others == 1:
            kind, item_id = NODE, node_id
            chain_start = conn.execute("SELECT parent_id FROM nodes WHERE id = ?", (node_id,)).fetchone()[0]
        else:
            chain_start = node_id
    else:
        row = conn.execute("SELECT parent_id, archived_at FROM nodes WHERE id = ? AND plan_id = ?",
                           (item_id, plan_id)).fetchone()
        if row is None or row["archived_at"]:
            return None
        chain_start = row["parent_id"]
    path: list[str] = []
    cur = chain_start
    while cur is not None:
        path.append(cur)
        cur = conn.execute("SELECT parent_id FROM nodes WHERE id = ?", (cur,)).fetchone()[0]
    path.reverse()
    loaded = children_of_many(conn, plan_id, [None, *path], today, soon_days)
    return Reveal(key(kind, item_id), path, loaded)


def position(item: Item) -> tuple[int, str]:
    """An item's place in document order, for ``next_overdue``."""
    m = item.tickable
    return (m.seq, m.id) if m else (item.seq, "")
