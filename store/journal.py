"""The append-only journal of every change: what, when, who, before and after.

Journal rows are never updated or deleted. Undo and redo are journal entries of their own that
name the entry they reverse (``target``); an entry that could not be undone or redone (its item
was archived under it, or changed since by something else) gets a ``skip`` entry instead, so
the stack moves on and never gets stuck.

Which changes are undoable right now is kept beside the journal, in two small tables written in
the same transaction as the entry (schema v2): ``undo_stack`` (changes not undone, by seq) and
``redo_stack`` (undone changes, by the seq of their undo). Finding the next entry to undo or redo
is one index look-up, so ``undo N`` is linear in N however long the journal is. A new change
in a plan clears that plan's redo stack (as in every editor).

Who: every entry names who made it: ``set_user`` (the command line's ``--user``,
``PLANDESK_USER`` or the name kept in the settings), else ``UNNAMED``; never the OS account.
"""
from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import Any

UNDOABLE: tuple[str, ...] = ("tick", "untick", "record", "unrecord", "add", "edit", "delete", "set_units", "note",
            "report_progress", "edit_progress", "delete_progress")
UNNAMED = "(unnamed)"
_user: str | None = None


def set_user(name: str | None) -> None:
    """Name everyone whose changes this process journals from now on (None: unnamed)."""
    global _user
    _user = (name or "").strip() or None


def current_user() -> str:
    return _user or UNNAMED


USER_ENV = "PLANDESK_USER"
USER_KEY = "user"  # settings: the name given once (``plandesk config user NAME`` or the app)
USER_ASKED_KEY = "user_asked"


def resolve_user(conn: sqlite3.Connection | None, explicit: str | None = None) -> str | None:
    """``--user``, else PLANDESK_USER, else the name kept in the settings; None if none is known
    (never the operating system's account: on a shared office PC that is 'root' or 'admin')."""
    import os

    for name in (explicit, os.environ.get(USER_ENV)):
        if name and name.strip():
            return name.strip()
    if conn is None:
        return None
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", (USER_KEY,)).fetchone()
    except sqlite3.Error:
        return None
    return row[0] if row and row[0] else None


def now_iso() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def register_undoable(action: str) -> None:
    """Let a new kind of change (e.g. a progress report's ``report_progress``) be undone."""
    global UNDOABLE
    if action not in UNDOABLE:
        UNDOABLE = (*UNDOABLE, action)


def write(conn: sqlite3.Connection, action: str, entity: str, entity_id: str, plan_id: str | None,
          before: Any, after: Any, target: int | None = None, who: str | None = None) -> int:
    """Append one entry; the caller's transaction makes it atomic with the change itself.

    An undoable change goes on its plan's undo stack and clears that plan's redo stack.
    """
    cur = conn.execute(
        "INSERT INTO journal (at, who, action, entity, entity_id, plan_id, before, after, target) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (now_iso(), who or current_user(), action, entity, entity_id, plan_id,
         None if before is None else json.dumps(before, ensure_ascii=False),
         None if after is None else json.dumps(after, ensure_ascii=False), target))
    seq = int(cur.lastrowid or 0)
    if action in UNDOABLE:
        conn.execute("INSERT INTO undo_stack (seq, plan_id) VALUES (?, ?)", (seq, plan_id))
        conn.execute("DELETE FROM redo_stack WHERE plan_id IS ?", (plan_id,))
    return seq


def entry(conn: sqlite3.Connection, seq: int) -> sqlite3.Row | None:
    row: sqlite3.Row | None = conn.execute("SELECT * FROM journal WHERE seq = ?", (seq,)).fetchone()
    return row


def last_undoable(conn: sqlite3.Connection, plan_id: str | None = None) -> sqlite3.Row | None:
    """The newest change that is not currently undone (of one plan, or of any)."""
    where, args = ("WHERE plan_id = ?", (plan_id,)) if plan_id else ("", ())
    row = conn.execute(f"SELECT max(seq) FROM undo_stack {where}", args).fetchone()
    return entry(conn, row[0]) if row and row[0] is not None else None


def last_redoable(conn: sqlite3.Connection, plan_id: str | None = None) -> sqlite3.Row | None:
    """The change undone most recently (of one plan, or of any) and not cleared by a new change."""
    where, args = ("WHERE plan_id = ?", (plan_id,)) if plan_id else ("", ())
    row = conn.execute(f"SELECT seq FROM redo_stack WHERE undo_seq = (SELECT max(undo_seq) FROM redo_stack {where})",
                       args).fetchone()
    return entry(conn, row[0]) if row else None


def moved(conn: sqlite3.Connection, which: str, entry_seq: int, step_seq: int, plan_id: str | None) -> None:
    """After an undo (``which``) the entry moves to the redo stack; after a redo, back."""
    if which == "undo":
        conn.execute("DELETE FROM undo_stack WHERE seq = ?", (entry_seq,))
        conn.execute("INSERT INTO redo_stack (undo_seq, seq, plan_id) VALUES (?, ?, ?)",
                     (step_seq, entry_seq, plan_id))
    else:
        conn.execute("DELETE FROM redo_stack WHERE seq = ?", (entry_seq,))
        conn.execute("INSERT OR IGNORE INTO undo_stack (seq, plan_id) VALUES (?, ?)", (entry_seq, plan_id))


def dropped(conn: sqlite3.Connection, which: str, entry_seq: int) -> None:
    """A skipped entry leaves the stack it was on, so the next undo or redo goes past it."""
    table = "undo_stack" if which == "undo" else "redo_stack"
    conn.execute(f"DELETE FROM {table} WHERE seq = ?", (entry_seq,))


def rebuild_stacks(conn: sqlite3.Connection) -> None:
    """Derive both stacks from the journal (schema v2 migration of an older file)."""
    conn.execute("DELETE FROM undo_stack")
    conn.execute("DELETE FROM redo_stack")
    undo: dict[int, str | None] = {}
    redo: dict[int, tuple[int, str | None]] = {}  # entry seq -> (undo seq, plan)
    for row in conn.execute("SELECT seq, action, plan_id, target FROM journal ORDER BY seq"):
        seq, action, plan_id, target = row[0], row[1], row[2], row[3]
        if action in UNDOABLE:
            undo[seq] = plan_id
            redo = {k: v for k, v in redo.items() if v[1] != plan_id}
        elif action == "undo" and target in undo:
            redo[target] = (seq, undo.pop(target))
        elif action == "redo" and target in redo:
            undo[target] = redo.pop(target)[1]
    conn.executemany("INSERT INTO undo_stack (seq, plan_id) VALUES (?, ?)", undo.items())
    conn.executemany("INSERT INTO redo_stack (undo_seq, seq, plan_id) VALUES (?, ?, ?)",
                     [(u, s, p) for s, (u, p) in redo.items()])
