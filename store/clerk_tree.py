"""What re-import does with the clerk's own changes to the task tree (store.node_actions).

The file is the plan as printed; the clerk's edits are decisions taken since (a draft's mistakes
fixed, a mid-term adjustment). So after the file's values are written:

- a node the clerk added (origin 'clerk') is never archived for being absent from the file;
- on any node, each field the clerk set (title, text, number, kind, parent, place among its
  siblings: the ``clerk`` JSON column) is put back over the file's value. A move is kept only
  while its parent is live and would not put the node inside itself; otherwise the file's place
  wins (the clerk's choice is still recorded, and applies again when the parent comes back);
- a node the clerk archived stays archived, with what went with it (``store.importer``);
- a node left under an archived one (the clerk's own under a node the file dropped, a new node
  of the file under one the clerk archived) is archived with it, milestones and all, so nothing
  hidden is counted; the clerk's own come back when their parent does;
- the plan's pre-order is renumbered when the clerk's structure (or a clerk's milestone) is in it.
"""
from __future__ import annotations

import json
import sqlite3

from store.plan_order import renumber

TEXT_FIELDS = ("title", "text", "number", "kind")


def keep_clerk_edits(conn: sqlite3.Connection, plan_id: str) -> int:
    """Put the clerk's node edits back over the file's values; returns how many nodes kept one."""
    rows = conn.execute("SELECT id, clerk FROM nodes WHERE plan_id = ? AND clerk IS NOT NULL", (plan_id,)).fetchall()
    structural = False
    if rows:
        parents = {r[0]: (r[1], r[2]) for r in conn.execute(
            "SELECT id, parent_id, archived_at FROM nodes WHERE plan_id = ?", (plan_id,))}
        for row in rows:
            fields = json.loads(row["clerk"])
            sets = {k: fields[k] for k in TEXT_FIELDS if k in fields}
            if "parent_id" in fields and _may_move(parents, row["id"], fields["parent_id"]):
                sets["parent_id"] = fields["parent_id"]
                parents[row["id"]] = (fields["parent_id"], parents[row["id"]][1])
                if "ord" in fields:
                    sets["ord"] = fields["ord"]
            elif "ord" in fields and "parent_id" not in fields:
                sets["ord"] = fields["ord"]
            structural = structural or "parent_id" in sets or "ord" in sets
            if sets:
                conn.execute(f"UPDATE nodes SET {', '.join(f'{k} = ?' for k in sets)} WHERE id = ?",
                             (*sets.values(), row["id"]))
            if "title" in sets:  # a node drawn with its own milestone: one title
                conn.execute("UPDATE milestones SET title = ? WHERE node_id = ? AND implicit = 1",
                             (sets["title"], row["id"]))
    structural = _follow_parents(conn, plan_id) or structural
    has_clerk_items = conn.execute(
        "SELECT EXISTS (SELECT 1 FROM nodes WHERE plan_id = ?1 AND origin = 'clerk') "
        "OR EXISTS (SELECT 1 FROM milestones WHERE plan_id = ?1 AND origin = 'clerk')", (plan_id,)).fetchone()[0]
    if structural or has_clerk_items:
        renumber(conn, plan_id)
    return len(rows)


def _may_move(parents: dict[str, tuple[str | None, str | None]], node_id: str, parent_id: str | None) -> bool:
    """The clerk's parent is live and not the node itself or inside it (the file may have moved it)."""
    if parent_id is None:
        return True
    if parent_id not in parents or parents[parent_id][1]:
        return False
    cur: str | None = parent_id
    seen: set[str] = set()
    while cur is not None and cur not in seen:
        if cur == node_id:
            return False
        seen.add(cur)
        cur = parents.get(cur, (None, None))[0]
    return True


def _follow_parents(conn: sqlite3.Connection, plan_id: str) -> bool:
    """Archive live nodes under archived parents, bring the clerk's own back under live ones
    (level by level, so a whole subtree follows); True if anything changed."""
    from store import journal

    changed = False
    now = journal.now_iso()
    while True:
        orphans = [r[0] for r in conn.execute(
            "SELECT c.id FROM nodes c JOIN nodes p ON p.id = c.parent_id WHERE c.plan_id = ? "
            "AND c.archived_at IS NULL AND p.archived_at IS NOT NULL", (plan_id,))]
        back = [r[0] for r in conn.execute(
            "SELECT c.id FROM nodes c LEFT JOIN nodes p ON p.id = c.parent_id WHERE c.plan_id = ? "
            "AND c.origin = 'clerk' AND c.archived_why = 'import' AND (c.parent_id IS NULL OR p.archived_at IS NULL)",
            (plan_id,))]
        if not orphans and not back:
            return changed
        changed = True
        conn.executemany("UPDATE nodes SET archived_at = ?, archived_why = 'import' WHERE id = ?",
                         [(now, i) for i in orphans])
        conn.executemany("UPDATE milestones SET archived_at = ?, archived_why = 'import' "
                         "WHERE node_id = ? AND archived_at IS NULL", [(now, i) for i in orphans])
        conn.executemany("UPDATE nodes SET archived_at = NULL, archived_why = NULL WHERE id = ?", [(i,) for i in back])
        conn.executemany("UPDATE milestones SET archived_at = NULL, archived_why = NULL "
                         "WHERE node_id = ? AND archived_why = 'import'", [(i,) for i in back])
