"""The clerk fixes the task tree itself: add, edit, move and archive chapters, sections and tasks.

What a draft got wrong, and what a mid-term adjustment (中期调整) changes, is fixed here rather
than by hand in YAML. Each call is ONE journaled change (``store.changes``), undoable and
redoable field by field, and keeps the plan's pre-order numbering sound (``store.plan_order``).

How re-import keeps these edits (``store.clerk_tree``): a node the clerk added has origin
'clerk' and is never archived by a re-import; on a plan node the fields the clerk set are kept in
``clerk`` (JSON) and win over the file's values; a node the clerk archived has ``archived_why =
'clerk'`` and stays archived.
"""
from __future__ import annotations

import json
import sqlite3
from typing import Any

from store import actions as _kinds  # noqa: F401  (registers the node entity: its blocker, renumbering on undo)
from store import journal
from store.changes import Change, journaled_with, transaction
from store.errors import BadInput, NotFound
from store.plan_order import renumber, sibling_key

# the same kinds as the plan file's (store.loader, which this module does not import: it loads YAML)
NODE_KINDS = ("part", "chapter", "section", "task", "box", "entry", "project", "text", "annex")
TRACKED_KINDS = ("task", "entry", "project")  # a node of these kinds is tracked by a milestone of its own
EDITABLE = ("title", "text", "number", "kind")
KEEP: Any = object()  # move_node: stay under the same parent

for _action in ("add_node", "edit_node", "move_node", "archive_node"):
    journal.register_undoable(_action)


def _live_node(conn: sqlite3.Connection, node_id: str) -> sqlite3.Row:
    row = conn.execute("SELECT * FROM nodes WHERE id = ?", (node_id,)).fetchone()
    if row is None or row["archived_at"]:
        raise NotFound("err_no_node", ref=node_id)
    return row


def _clean_title(title: str | None) -> str | None:
    if title is None:
        return None
    title = " ".join(title.split())
    if not title:
        raise BadInput("err_item_title")
    return title


def _check_kind(kind: str | None) -> None:
    if kind is not None and kind not in NODE_KINDS:
        raise BadInput("err_bad_kind", kind=kind, kinds=", ".join(NODE_KINDS))


def _with_clerk(row: sqlite3.Row, fields: dict[str, Any]) -> str | None:
    """The node's record of what the clerk set, with ``fields`` added (a node the clerk added too:
    once written back to the plan file, the file would otherwise move it back)."""
    kept = json.loads(row["clerk"]) if row["clerk"] else {}
    kept.update(fields)
    return json.dumps(kept, ensure_ascii=False, sort_keys=True)


def siblings(conn: sqlite3.Connection, plan_id: str, parent_id: str | None, *, live: bool = True) -> list[sqlite3.Row]:
    """The nodes under ``parent_id`` (None: the top level) in their order."""
    where = "parent_id IS NULL" if parent_id is None else "parent_id = ?"
    args = (plan_id,) if parent_id is None else (plan_id, parent_id)
    rows = conn.execute(f"SELECT id, ord, seq, archived_at FROM nodes WHERE plan_id = ? AND {where}"
                        f"{' AND archived_at IS NULL' if live else ''}", args).fetchall()
    return sorted(rows, key=sibling_key)


def _slot(conn: sqlite3.Connection, plan_id: str, parent_id: str | None, position: int | None,
          moving: str | None) -> tuple[float, list[tuple[str, float]]]:
    """The ``ord`` that puts a node at ``position`` among the live siblings (None: last), and the
    siblings to respace first when two neighbours leave no room between them (id, new ord)."""
    every = [r for r in siblings(conn, plan_id, parent_id, live=False) if r["id"] != moving]
    live = [r for r in every if not r["archived_at"]]
    pos = len(live) if position is None else max(0, min(position, len(live)))
    respace: list[tuple[str, float]] = []
    ords = {r["id"]: sibling_key(r)[0] for r in every}
    before = ords[live[pos - 1]["id"]] if pos > 0 else None
    after = ords[live[pos]["id"]] if pos < len(live) else None
    if before is not None and after is not None and not after - before > 1e-6:
        respace = [(r["id"], float(i + 1)) for i, r in enumerate(every)]
        ords.update(respace)
        before, after = ords[live[pos - 1]["id"]], ords[live[pos]["id"]]
    if before is None and after is None:
        return 1.0, respace
    if before is None:
        return float(after) - 1.0, respace  # type: ignore[arg-type]
    if after is None:
        return float(before) + 1.0, respace
    return (before + after) / 2.0, respace


def _subtree(conn: sqlite3.Connection, node: sqlite3.Row) -> list[str]:
    """The node's descendants (not itself), parents before children."""
    found: list[str] = []
    todo = [node["id"]]
    while todo:
        cur = todo.pop(0)
        kids = [r["id"] for r in siblings(conn, node["plan_id"], cur, live=False)]
        found.extend(kids)
        todo.extend(kids)
    return found


def _free_local_id(conn: sqlite3.Connection, plan_id: str, parent_local: str | None) -> str:
    """``<parent>.new1``, ``.new2`` …: the first not taken by a node or milestone (nor as a prefix)."""
    stem = f"{parent_local}.new" if parent_local else "new"
    taken = {r[0] for r in conn.execute(
        "SELECT local_id FROM nodes WHERE plan_id = ?1 AND substr(local_id, 1, ?3) = ?2 UNION "
        "SELECT local_id FROM milestones WHERE plan_id = ?1 AND substr(local_id, 1, ?3) = ?2",
        (plan_id, stem, len(stem)))}
    n = 1
    while f"{stem}{n}" in taken or any(t.startswith(f"{stem}{n}.") for t in taken):
        n += 1
    return f"{stem}{n}"


def add_node(conn: sqlite3.Connection, plan_id: str, parent_id: str | None, title: str, kind: str = "task", *,
             text: str | None = None, number: str | None = None, position: int | None = None) -> Change:
    """A clerk's own chapter, section, task … under ``parent_id`` (None: top level) at ``position``
    among its live siblings (None: last). A task (entry, project) gets its own milestone, due at
    the plan's end, as a task in the plan file does."""
    title_ = _clean_title(title)
    _check_kind(kind)
    plan = conn.execute("SELECT id, end_year FROM plans WHERE id = ?", (plan_id,)).fetchone()
    if plan is None:
        raise NotFound("err_no_plan", plan=plan_id)
    parent = _live_node(conn, parent_id) if parent_id is not None else None
    if parent is not None and parent["plan_id"] != plan_id:
        raise BadInput("err_not_in_plan", ref=parent_id, plan=plan_id)
    with transaction(conn):
        local = _free_local_id(conn, plan_id, parent["local_id"] if parent else None)
        node_id = f"{plan_id}/{local}"
        ord_, respace = _slot(conn, plan_id, parent_id, position, None)
        tracked = kind in TRACKED_KINDS
        also = [("node", i) for i, _ in respace] + ([("milestone", node_id)] if tracked else [])

        def write() -> None:
            conn.executemany("UPDATE nodes SET ord = ? WHERE id = ?", [(o, i) for i, o in respace])
            seq = parent["seq"] if parent else 0  # provisional: renumbered below
            conn.execute(
                "INSERT INTO nodes (id, plan_id, local_id, parent_id, kind, number, title, text, seq, depth, path, "
                "last_seq, origin, ord) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'clerk', ?)",
                (node_id, plan_id, local, parent_id, kind, (number or "").strip() or None, title_,
                 (text or "").strip() or None, seq, parent["depth"] + 1 if parent else 0,
                 f"{parent['path']}/{local}" if parent else local, seq, ord_))
            if tracked:
                conn.execute("INSERT INTO milestones (id, plan_id, node_id, local_id, title, due, due_phrase, "
                             "implicit, origin, seq) VALUES (?, ?, ?, ?, ?, ?, '', 1, 'clerk', ?)",
                             (node_id, plan_id, node_id, local, title_, f"{plan['end_year']}-12-31", seq))
        change = journaled_with(conn, "add_node", "node", node_id, plan_id, write, also)
        renumber(conn, plan_id)
    return change


def edit_node(conn: sqlite3.Connection, node_id: str, *, title: str | None = None, text: str | None = None,
              number: str | None = None, kind: str | None = None) -> Change:
    """Change a node's title, text, number or kind (None: leave it; '' clears text or number).
    A node drawn with its own milestone keeps that milestone's title in step with its own."""
    row = _live_node(conn, node_id)
    title_ = _clean_title(title)
    _check_kind(kind)
    given: dict[str, Any] = {}
    if title_ is not None:
        given["title"] = title_
    if text is not None:
        given["text"] = text.strip() or None
    if number is not None:
        given["number"] = number.strip() or None
    if kind is not None:
        given["kind"] = kind
    changed = {k: v for k, v in given.items() if row[k] != v}
    if not changed:
        raise BadInput("err_nothing_to_change")
    own = [r["id"] for r in conn.execute("SELECT id FROM milestones WHERE node_id = ? AND implicit = 1 "
                                         "AND archived_at IS NULL", (node_id,))] if "title" in changed else []

    def write() -> None:
        sets = ", ".join(f"{k} = ?" for k in changed)
        conn.execute(f"UPDATE nodes SET {sets}, clerk = ? WHERE id = ?",
                     (*changed.values(), _with_clerk(row, changed), node_id))
        conn.executemany("UPDATE milestones SET title = ? WHERE id = ?", [(changed["title"], m) for m in own])
    return journaled_with(conn, "edit_node", "node", node_id, row["plan_id"], write, [("milestone", m) for m in own])


def move_node(conn: sqlite3.Connection, node_id: str, parent_id: Any = KEEP, position: int | None = None) -> Change:
    """Put a node (with its subtree) under ``parent_id`` (None: the top level; KEEP: where it is)
    at ``position`` among the live siblings there (None: last). Refused under itself, under its
    own subtree, or under an archived node."""
    row = _live_node(conn, node_id)
    plan_id = row["plan_id"]
    target = row["parent_id"] if parent_id is KEEP else parent_id
    if target is not None:
        parent = conn.execute("SELECT * FROM nodes WHERE id = ?", (target,)).fetchone()
        if parent is None or parent["plan_id"] != plan_id:
            raise NotFound("err_no_node_in_plan", ref=target, plan=plan_id)
        if parent["archived_at"]:
            raise BadInput("err_under_archived", ref=target)
        if target == node_id or target in _subtree(conn, row):
            raise BadInput("err_under_itself")
    with transaction(conn):
        ord_, respace = _slot(conn, plan_id, target, position, node_id)
        fields = {"parent_id": target, "ord": ord_}
        if (row["parent_id"], row["ord"]) == (target, ord_) and not respace:
            raise BadInput("err_already_there")

        def write() -> None:
            conn.executemany("UPDATE nodes SET ord = ? WHERE id = ?", [(o, i) for i, o in respace])
            conn.execute("UPDATE nodes SET parent_id = ?, ord = ?, clerk = ? WHERE id = ?",
                         (target, ord_, _with_clerk(row, fields), node_id))
        change = journaled_with(conn, "move_node", "node", node_id, plan_id, write, [("node", i) for i, _ in respace])
        renumber(conn, plan_id)
    return change


def move_by(conn: sqlite3.Connection, node_id: str, step: int) -> Change:
    """Move a node ``step`` places up (negative) or down among its live siblings."""
    row = _live_node(conn, node_id)
    live = [r["id"] for r in siblings(conn, row["plan_id"], row["parent_id"])]
    here = live.index(node_id)
    there = here + step
    if not 0 <= there < len(live):
        raise BadInput("err_already_first" if step < 0 else "err_already_last")
    return move_node(conn, node_id, KEEP, there)


def archive_node(conn: sqlite3.Connection, node_id: str) -> Change:
    """Archive a node with everything under it (nodes and milestones, ticks and notes kept):
    gone from the tree, the counts and the reports; undo brings it all back. One journal entry."""
    row = _live_node(conn, node_id)
    under = [n for n in _subtree(conn, row)
             if conn.execute("SELECT archived_at FROM nodes WHERE id = ?", (n,)).fetchone()[0] is None]
    nodes = [node_id, *under]
    marks = ", ".join("?" for _ in nodes)
    milestones = [r[0] for r in conn.execute(
        f"SELECT id FROM milestones WHERE node_id IN ({marks}) AND archived_at IS NULL ORDER BY seq", nodes)]
    now = journal.now_iso()

    def write() -> None:
        conn.execute(f"UPDATE nodes SET archived_at = ?, archived_why = 'clerk' WHERE id IN ({marks})", (now, *nodes))
        conn.executemany("UPDATE milestones SET archived_at = ?, archived_why = 'archived' WHERE id = ?",
                         [(now, m) for m in milestones])
    return journaled_with(conn, "archive_node", "node", node_id, row["plan_id"], write,
                          [*(("node", n) for n in under), *(("milestone", m) for m in milestones)])


def parent_choices(conn: sqlite3.Connection, node_id: str) -> list[sqlite3.Row]:
    """Where a node may be moved: every live node of its plan outside its own subtree, in
    document order (id, number, title, depth)."""
    row = _live_node(conn, node_id)
    return [r for r in conn.execute(
        "SELECT id, number, title, kind, depth FROM nodes WHERE plan_id = ? AND archived_at IS NULL "
        "AND NOT (seq BETWEEN ? AND ?) ORDER BY seq", (row["plan_id"], row["seq"], row["last_seq"]))]
