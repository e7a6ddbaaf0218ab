"""Every change a clerk makes: tick, untick, record, milestones, units; undo and redo.

Each change is one short ``BEGIN IMMEDIATE`` transaction that writes the row and its journal
entry together (the fields it changed, before and after), so a crash never leaves a change
without its record and two windows never see "database is locked". The journaling and the
field-by-field undo live in ``store/changes.py`` (the API other kinds of item use too).
"""
from __future__ import annotations

import json
import sqlite3
from datetime import date
from typing import Any

from store import journal
from store.changes import Change, Entity, journaled, journaled_with, register, snapshot, steps, transaction
from store.errors import BadInput, NotFound

__all__ = ["Change", "tick", "untick", "record", "unrecord", "add_milestone", "edit_milestone",
           "delete_milestone", "set_units", "linked_copies", "undo", "redo", "set_setting", "KEEP"]


def _milestone_blocker(conn: sqlite3.Connection, state: dict) -> str | None:  # type: ignore[type-arg]
    """A milestone may come back only under a live node."""
    node = conn.execute("SELECT archived_at FROM nodes WHERE id = ?", (state.get("node_id"),)).fetchone()
    if node is None:
        return "gone"
    return "archived_parent" if node["archived_at"] else None


def _actual_blocker(conn: sqlite3.Connection, state: dict) -> str | None:  # type: ignore[type-arg]
    ind = conn.execute("SELECT archived_at FROM indicators WHERE id = ?", (state.get("indicator_id"),)).fetchone()
    if ind is None:
        return "gone"
    return "archived_parent" if ind["archived_at"] else None


register(Entity("milestone", "milestones", blocker=_milestone_blocker))
register(Entity("actual", "actuals", ("indicator_id", "year"), label=None, blocker=_actual_blocker))
def _node_blocker(conn: sqlite3.Connection, state: dict) -> str | None:  # type: ignore[type-arg]
    """A node may come back (or move back) only under a live node or the top level."""
    parent_id = state.get("parent_id")
    if parent_id is None:
        return None
    parent = conn.execute("SELECT archived_at FROM nodes WHERE id = ?", (parent_id,)).fetchone()
    if parent is None:
        return "gone"
    return "archived_parent" if parent["archived_at"] else None


def _node_restored(conn: sqlite3.Connection, plan_id: str | None, fields: set[str]) -> None:
    """A node's place came back (or went): renumber the plan's pre-order (store.plan_order)."""
    if plan_id and fields & {"parent_id", "ord", "_row"}:
        from store.plan_order import renumber

        renumber(conn, plan_id)


register(Entity("node", "nodes", blocker=_node_blocker, watch=("parent_id",), after_step=_node_restored))
register(Entity("progress", "progress", label=None))  # progress reports: written by store.progress_actions
_transaction = transaction
_change = journaled


def _live_milestone(conn: sqlite3.Connection, milestone_id: str) -> sqlite3.Row:
    row = conn.execute("SELECT * FROM milestones WHERE id = ?", (milestone_id,)).fetchone()
    if row is None or row["archived_at"]:
        raise NotFound("err_no_milestone", ref=milestone_id)
    return row


def linked_copies(conn: sqlite3.Connection, milestone_id: str) -> list[str]:
    """The other live milestones printed for the same target (``same_as``): one state for all."""
    return [r[0] for r in conn.execute(
        "SELECT o.id FROM milestones m JOIN milestones o ON o.link = m.link AND o.id != m.id "
        "WHERE m.id = ? AND m.link IS NOT NULL AND o.archived_at IS NULL ORDER BY o.seq", (milestone_id,))]


def tick(conn: sqlite3.Connection, milestone_id: str, on: date, note: str | None = None) -> Change:
    """Mark a milestone met on ``on`` (re-ticking changes the date and note); its linked copies
    are ticked with it, in one journal entry."""
    row = _live_milestone(conn, milestone_id)
    new_note = note if note is not None else row["done_note"]
    ids = [milestone_id, *linked_copies(conn, milestone_id)]
    marks = ", ".join("?" for _ in ids)

    def write() -> None:
        conn.execute(f"UPDATE milestones SET done_on = ?, done_note = ? WHERE id IN ({marks})",
                     (on.isoformat(), new_note, *ids))
    return journaled_with(conn, "tick", "milestone", milestone_id, row["plan_id"], write,
                          [("milestone", i) for i in ids[1:]])


def untick(conn: sqlite3.Connection, milestone_id: str) -> Change:
    """Take a tick back, from the linked copies too."""
    row = _live_milestone(conn, milestone_id)
    if not row["done_on"]:
        raise BadInput("err_not_ticked", ref=milestone_id)
    ids = [milestone_id, *linked_copies(conn, milestone_id)]
    marks = ", ".join("?" for _ in ids)

    def write() -> None:
        conn.execute(f"UPDATE milestones SET done_on = NULL WHERE id IN ({marks})", ids)
    return journaled_with(conn, "untick", "milestone", milestone_id, row["plan_id"], write,
                          [("milestone", i) for i in ids[1:]])


def record(conn: sqlite3.Connection, indicator_id: str, year: int, value: float, note: str | None = None) -> Change:
    """Record (or correct) the actual value of an indicator for a year."""
    from store.values import check_year

    row = conn.execute("SELECT i.plan_id, i.archived_at, p.start_year, p.end_year FROM indicators i "
                       "JOIN plans p ON p.id = i.plan_id WHERE i.id = ?", (indicator_id,)).fetchone()
    if row is None or row["archived_at"]:
        raise NotFound("err_no_indicator", ref=indicator_id)
    check_year(year, row["start_year"], row["end_year"])
    return _change(conn, "record", "actual", f"{indicator_id}@{year}", row["plan_id"],
                   "INSERT INTO actuals (indicator_id, year, value, note, recorded_at) VALUES (?, ?, ?, ?, ?) "
                   "ON CONFLICT(indicator_id, year) DO UPDATE SET value = excluded.value, "
                   "note = COALESCE(excluded.note, actuals.note), recorded_at = excluded.recorded_at",
                   (indicator_id, year, value, note, journal.now_iso()))


def unrecord(conn: sqlite3.Connection, indicator_id: str, year: int) -> Change:
    row = conn.execute("SELECT plan_id FROM indicators WHERE id = ?", (indicator_id,)).fetchone()
    if row is None:
        raise NotFound("err_no_indicator", ref=indicator_id)
    if not conn.execute("SELECT 1 FROM actuals WHERE indicator_id = ? AND year = ?", (indicator_id, year)).fetchone():
        raise BadInput("err_no_value_recorded", ref=indicator_id, year=year)
    return _change(conn, "unrecord", "actual", f"{indicator_id}@{year}", row["plan_id"],
                   "DELETE FROM actuals WHERE indicator_id = ? AND year = ?", (indicator_id, year))


def add_milestone(conn: sqlite3.Connection, node_id: str, title: str, due: date, due_phrase: str = "",
                  start: date | None = None) -> Change:
    """A clerk's own milestone under a node; re-import never archives it."""
    title = title.strip()
    if not title:
        raise BadInput("err_milestone_title")
    node = conn.execute("SELECT plan_id, local_id, seq, archived_at FROM nodes WHERE id = ?", (node_id,)).fetchone()
    if node is None or node["archived_at"]:
        raise NotFound("err_no_node", ref=node_id)
    with _transaction(conn):
        taken = {r[0] for r in conn.execute("SELECT local_id FROM milestones WHERE plan_id = ?", (node["plan_id"],))}
        n = 1
        while f"{node['local_id']}.u{n}" in taken:
            n += 1
        local = f"{node['local_id']}.u{n}"
        milestone_id = f"{node['plan_id']}/{local}"
        conn.execute("INSERT INTO milestones (id, plan_id, node_id, local_id, title, due, due_phrase, start, "
                     "implicit, origin, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 'clerk', ?)",
                     (milestone_id, node["plan_id"], node_id, local, title, due.isoformat(), due_phrase,
                      start.isoformat() if start else None, node["seq"]))  # inside the node's seq range
        after = snapshot(conn, "milestone", milestone_id)
        seq = journal.write(conn, "add", "milestone", milestone_id, node["plan_id"], None, after)
    return Change(seq, "add", "milestone", milestone_id, None, after, node["plan_id"])


def edit_milestone(conn: sqlite3.Connection, milestone_id: str, *, title: str | None = None,
                   due: date | None = None, due_phrase: str | None = None, note: str | None = None) -> Change:
    row = _live_milestone(conn, milestone_id)
    if title is not None and not title.strip():
        raise BadInput("err_milestone_title")
    copies = linked_copies(conn, milestone_id) if note is not None else []  # one target: one note

    def write() -> None:
        conn.execute("UPDATE milestones SET title = COALESCE(?, title), due = COALESCE(?, due), "
                     "due_phrase = COALESCE(?, due_phrase), done_note = COALESCE(?, done_note) WHERE id = ?",
                     (title.strip() if title else None, due.isoformat() if due else None, due_phrase, note,
                      milestone_id))
        conn.executemany("UPDATE milestones SET done_note = ? WHERE id = ?", [(note, c) for c in copies])
    return journaled_with(conn, "edit", "milestone", milestone_id, row["plan_id"], write,
                          [("milestone", c) for c in copies])


def delete_milestone(conn: sqlite3.Connection, milestone_id: str) -> Change:
    """Deleting archives (state kept, undoable); re-import does not bring it back."""
    row = _live_milestone(conn, milestone_id)
    return _change(conn, "delete", "milestone", milestone_id, row["plan_id"],
                   "UPDATE milestones SET archived_at = ?, archived_why = 'deleted' WHERE id = ?",
                   (journal.now_iso(), milestone_id))


KEEP: Any = object()  # set_units: leave this list as it is


def set_units(conn: sqlite3.Connection, node_id: str, units: list[str] | None = KEEP, *,
              support: list[str] | None = KEEP) -> Change:
    """Set a node's lead units (``units``, the 牵头单位) and/or supporting units (``support``,
    配合单位); ``None`` goes back to the plan's own list, an omitted one stays as it is. One
    journal entry for both."""
    from store.units import clean

    row = conn.execute("SELECT plan_id FROM nodes WHERE id = ?", (node_id,)).fetchone()
    if row is None:
        raise NotFound("err_no_node", ref=node_id)
    sets: list[str] = []
    args: list[Any] = []
    for column, value in (("units_override", units), ("support_override", support)):
        if value is KEEP:
            continue
        sets.append(f"{column} = ?")
        args.append(None if value is None else json.dumps(clean(value), ensure_ascii=False))
    if not sets:
        raise BadInput("err_nothing_to_set")
    return _change(conn, "set_units", "node", node_id, row["plan_id"],
                   f"UPDATE nodes SET {', '.join(sets)} WHERE id = ?", (*args, node_id))


def split_units(text: str) -> list[str]:
    """``区市场监管局、区商务委`` (or with ，, ; /) as a list of unit names: see store.units."""
    from store.units import split_units as split

    return split(text)


def undo(conn: sqlite3.Connection, count: int = 1, plan_id: str | None = None) -> list[Change]:
    """Undo the last ``count`` changes (of ``plan_id`` only, if given), newest first."""
    return steps(conn, "undo", count, plan_id)


def redo(conn: sqlite3.Connection, count: int = 1, plan_id: str | None = None) -> list[Change]:
    """Redo what was undone most recently (of ``plan_id``), unless a new change was made since."""
    return steps(conn, "redo", count, plan_id)


def set_setting(conn: sqlite3.Connection, key: str, value: str | None) -> None:
    """Remember a preference (last plan, selection): not a plan change, so not journaled."""
    with _transaction(conn):
        if value is None:
            conn.execute("DELETE FROM settings WHERE key = ?", (key,))
        else:
            conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))
