"""The journal as a person reads it: ONE description of an entry, for every screen that shows one.

``describe(conn, row)`` turns a journal row into an ``Entry``: which item (its title as it is
now), which plan, who and when (local time), and the list of ``FieldChange(field, before,
after)`` with values as data a person would write (``date``, ``float``, ``bool``, a list of
units, text), never JSON. Column names become field names a catalog can translate
(``done_on``, ``done_note``, ``value``, ``note``, ``title``, ``due``, ``units``, ``place``,
``archived``; an import's ``added``/``updated``/``restored``/``archived_items``). The command
line's ``history``, undo/redo messages, the app's detail pane and toasts all use it.
"""
from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime
from typing import Any, NamedTuple

HIDDEN = {"recorded_at", "archived_why", "seq", "id", "plan_id", "local_id", "indicator_id", "year", "line",
          "source", "repair", "implicit", "origin", "due_phrase",
          "_absent", "period_start", "period_end", "period_prev", "item_kind", "at", "who",  # issue 11's bookkeeping
          "depth", "path", "last_seq", "clerk"}  # a node's place is shown as ``place``
_DATES = {"done_on", "due", "start"}
_IMPORT_COUNTS = ("added", "updated", "restored")


class FieldChange(NamedTuple):
    field: str
    before: Any
    after: Any


class Entry(NamedTuple):
    seq: int
    at: datetime | None  # local time
    who: str
    action: str
    target: int | None  # the entry an undo, redo or skip reverses
    target_action: str | None
    entity: str
    entity_id: str
    label: str  # the item's title (an indicator's name and year) as it is now
    plan_id: str | None
    plan_title: str | None
    fields: list[FieldChange]
    reason: str | None  # why a skip was skipped


def local_time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text).astimezone()
    except ValueError:
        return None


def _value(field: str, value: Any) -> Any:
    if value is None:
        return None
    if field in _DATES:
        try:
            return date.fromisoformat(str(value)[:10])
        except ValueError:
            return value
    if field in ("units", "support", "evidence"):
        return json.loads(value) if isinstance(value, str) else value
    return value


def _label(conn: sqlite3.Connection, entity: str, entity_id: str, state: dict[str, Any]) -> str:
    if entity == "actual":
        indicator_id, _, year = entity_id.rpartition("@")
        row = conn.execute("SELECT name FROM indicators WHERE id = ?", (indicator_id,)).fetchone()
        return f"{row[0] if row else indicator_id} {year}"
    if entity == "plan":
        row = conn.execute("SELECT title FROM plans WHERE id = ?", (entity_id,)).fetchone()
        return row[0] if row else entity_id
    if entity == "progress":  # a progress report: the item's title and the period
        row = conn.execute("SELECT item_id, period FROM progress WHERE id = ?", (entity_id,)).fetchone()
        item_id, period = (row[0], row[1]) if row else (state.get("item_id"), state.get("period"))
        title = conn.execute("SELECT title FROM nodes WHERE id = ? UNION ALL SELECT title FROM milestones "
                             "WHERE id = ? LIMIT 1", (item_id, item_id)).fetchone()
        return f"#{entity_id} {title[0] if title else item_id or ''} {period or ''}".strip()
    from store import actions  # noqa: F401  (registers the built-in kinds of item)
    from store.changes import ENTITIES

    ent = ENTITIES.get(entity)
    if ent is not None and ent.label:
        row = conn.execute(f"SELECT {ent.label} FROM {ent.table} WHERE {ent.where()}",
                           ent.split_id(entity_id)).fetchone()
        if row and row[0]:
            return str(row[0])
        if state.get(ent.label):
            return str(state[ent.label])
    return entity_id


def _place(conn: sqlite3.Connection, node_id: Any) -> Any:
    row = conn.execute("SELECT title FROM nodes WHERE id = ?", (node_id,)).fetchone() if node_id else None
    return row[0] if row else node_id


def field_changes(conn: sqlite3.Connection, before: dict[str, Any] | None,
                  after: dict[str, Any] | None) -> list[FieldChange]:
    """The fields that differ, named and valued for people (a whole new or gone row: its title,
    due date or value only)."""
    before, after = before or {}, after or {}
    out: list[FieldChange] = []
    for column in dict.fromkeys([*before, *after]):
        if column == "ord" and "parent_id" in after:
            continue  # a move to another parent: its place says it
        if column in HIDDEN or before.get(column) == after.get(column):
            continue
        old, new = before.get(column), after.get(column)
        if column == "archived_at":
            out.append(FieldChange("archived", bool(old), bool(new)))
        elif column == "ord" and "parent_id" not in after and old is not None and new is not None:
            out.append(FieldChange("order", None, "up" if new < old else "down"))  # moved among its siblings
        elif column in ("node_id", "parent_id"):
            out.append(FieldChange("place", _place(conn, old), _place(conn, new)))
        elif column == "units_override":
            out.append(FieldChange("units", _value("units", old), _value("units", new)))
        elif column == "support_override":
            out.append(FieldChange("support", _value("support", old), _value("support", new)))
        elif column == "_also":  # the rows changed with it: a 已完成 report's ticks, a linked copy,
            # the other reports of a ledger workbook (named #id, as reports are everywhere); a node
            # and its own milestone share an id: named once
            out.append(FieldChange("also", None, sorted({_also_name(k) for k in {*(old or {}), *(new or {})}})))
        else:
            out.append(FieldChange(column, _value(column, old), _value(column, new)))
    if not before or not after or before.get("_absent") or after.get("_absent"):
        # a row that appeared or went: what identifies it, not every column
        keep = {"title", "due", "value", "note", "done_on", "done_note", "state", "percent", "also", "kind"}
        out = [f for f in out if f.field in keep]
    return out


def describe(conn: sqlite3.Connection, row: sqlite3.Row) -> Entry:
    before = json.loads(row["before"]) if row["before"] else None
    after = json.loads(row["after"]) if row["after"] else None
    action, reason, fields = row["action"], None, []
    target_action = None
    if row["target"]:
        target = conn.execute("SELECT action FROM journal WHERE seq = ?", (row["target"],)).fetchone()
        target_action = target[0] if target else None
    if action == "import":
        after = after or {}
        fields = [FieldChange(k, None, sum((after.get(k) or {}).values())) for k in _IMPORT_COUNTS
                  if isinstance(after.get(k), dict)]
        fields.append(FieldChange("archived_items", None, len(after.get("archived") or [])))
        fields = [f for f in fields if f.after]
    elif action == "skip":
        reason = (after or {}).get("reason")
    else:
        fields = field_changes(conn, before, after)
    plan = (conn.execute("SELECT title FROM plans WHERE id = ?", (row["plan_id"],)).fetchone()
            if row["plan_id"] else None)
    return Entry(row["seq"], local_time(row["at"]), row["who"] or "", action, row["target"], target_action,
                 row["entity"], row["entity_id"] or "", _label(conn, row["entity"], row["entity_id"] or "",
                                                              after or before or {}),
                 row["plan_id"], plan[0] if plan else None, fields, reason)


def entries(conn: sqlite3.Connection, limit: int = 50, plan_id: str | None = None,
            entity_ids: list[str] | None = None) -> list[Entry]:
    """The newest entries first (index look-ups: flat however long the journal is)."""
    sql, args = "SELECT * FROM journal", []
    if entity_ids:
        parts = " UNION ALL ".join(
            "SELECT * FROM (SELECT * FROM journal WHERE entity_id = ? ORDER BY seq DESC LIMIT ?)" for _ in entity_ids)
        for entity_id in entity_ids:
            args += [entity_id, limit]
        sql = f"SELECT * FROM ({parts})"
    if plan_id:
        sql += " WHERE plan_id = ?"
        args.append(plan_id)
    rows = conn.execute(sql + " ORDER BY seq DESC LIMIT ?", (*args, limit)).fetchall()
    return [describe(conn, row) for row in rows]


def entry(conn: sqlite3.Connection, seq: int) -> Entry | None:
    row = conn.execute("SELECT * FROM journal WHERE seq = ?", (seq,)).fetchone()
    return describe(conn, row) if row else None


def _also_name(key: str) -> str:
    """How a row changed with an entry is named: a milestone by its id, a report as #id."""
    entity, entity_id = key.split(":", 1)
    return f"#{entity_id}" if entity == "progress" else entity_id
