"""The append-only journal of every change: what, when, who, before and after.

Rows are never updated or deleted. Undo and redo are journal entries of their own that name
the entry they reverse (``target``); whether an entry is currently undone is derived from them.
"""
from __future__ import annotations

import getpass
import json
import sqlite3
from datetime import datetime
from typing import Any

UNDOABLE = ("tick", "untick", "record", "unrecord", "add", "edit", "delete", "set_units", "note",
            "report_progress", "edit_progress", "delete_progress", "ledger_import")


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (containers): still record something
        return "unknown"


def now_iso() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def write(conn: sqlite3.Connection, action: str, entity: str, entity_id: str, plan_id: str | None,
          before: Any, after: Any, target: int | None = None, who: str | None = None) -> int:
    """Append one entry; the caller's transaction makes it atomic with the change itself."""
    cur = conn.execute(
        "INSERT INTO journal (at, who, action, entity, entity_id, plan_id, before, after, target) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (now_iso(), who or current_user(), action, entity, entity_id, plan_id,
         None if before is None else json.dumps(before, ensure_ascii=False),
         None if after is None else json.dumps(after, ensure_ascii=False), target))
    return int(cur.lastrowid or 0)


_UNDOABLE_SQL = ",".join(f"'{a}'" for a in UNDOABLE)
_LAST_STATE = "(SELECT u.action FROM journal u WHERE u.target = j.seq ORDER BY u.seq DESC LIMIT 1)"


def last_undoable(conn: sqlite3.Connection) -> sqlite3.Row | None:
    """The newest change that is not currently undone (undo walks back from here)."""
    return conn.execute(
        f"SELECT j.* FROM journal j WHERE j.action IN ({_UNDOABLE_SQL}) "
        f"AND COALESCE({_LAST_STATE}, 'redo') = 'redo' ORDER BY j.seq DESC LIMIT 1").fetchone()


def last_redoable(conn: sqlite3.Connection) -> sqlite3.Row | None:
    """The change undone most recently, if no new change was made since (a new change clears redo)."""
    return conn.execute(
        f"SELECT j.* FROM journal u JOIN journal j ON j.seq = u.target "
        f"WHERE u.action = 'undo' "
        f"AND u.seq > (SELECT COALESCE(MAX(seq), 0) FROM journal WHERE action IN ({_UNDOABLE_SQL})) "
        f"AND {_LAST_STATE} = 'undo' ORDER BY u.seq DESC LIMIT 1").fetchone()
