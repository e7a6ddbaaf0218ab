"""Journaled, undoable changes of any kind of item, field by field.

The public API (small on purpose; a new kind of item joins in two steps):

1. ``register(Entity(name, table, keys, label=..., plan_of=..., blocker=...))`` once, at import
   of the module that owns the table. ``keys`` are the primary-key columns; an ``entity_id`` of
   several keys is written ``a@b`` (``split_id`` turns it back). ``blocker(conn, state)`` says
   why bringing a row back in ``state`` would do harm (e.g. its parent is archived), or None.
   An action name that should be undoable is passed to ``store.journal.register_undoable``.
2. ``journaled(conn, action, entity, entity_id, plan_id, sql, args)`` inside or outside a
   transaction: snapshots the row, runs the SQL, snapshots again, and journals only the fields
   that changed (the whole row when the row appears or disappears). Returns a ``Change``.

3. ``journaled_with(conn, action, entity, entity_id, plan_id, write, also)``: one change that writes
   a row and other rows with it (a progress report and the milestones its 已完成 ticks; a tick and
   the linked copies of its milestone): ONE journal entry, ONE undo. The main row's changed
   fields stay at the top level of the entry (every reader sees an ordinary row); the other rows'
   changed fields ride along under ``_also`` ("entity:id" -> fields, None for a row that is
   absent); ``_absent`` marks a main row that did not (or no longer) exist(s). ``write`` may
   return ``(id, created)`` instead of an id: ``created`` lists the other rows it inserted
   (``(entity, id)``; a unit's ledger workbook enters many reports at once), which join the entry
   as rows that did not exist before, so one undo removes them all and redo brings them back.

``undo(conn, count, plan_id)`` / ``redo(...)`` then work for every registered kind. An entity may
name ``watch`` fields (a node's ``parent_id``): restoring one of them asks ``blocker`` too, so an
undo never moves an item back under an archived parent. ``after_step(conn, plan_id, fields)`` runs
inside the undo's transaction once its fields are restored (a node's place changed: the plan's
pre-order is renumbered). The rows of one entry are restored in the order the entry lists them
(parents before children) with foreign keys checked at commit, so a node and its milestone come
and go together. An undo
restores ONLY the fields its entry changed, and only where they still hold the value the entry
wrote: a re-import that changed the milestone's title, due date or place since a tick keeps
those; undoing the tick takes back just the tick. An entry whose row is gone, whose restore
would bring an item back under an archived parent, or whose fields were all changed since by
something else is skipped: a ``skip`` journal entry says why, and the next undo goes past it.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from store import journal
from store.errors import BadInput

State = dict[str, Any]


@dataclass(frozen=True)
class Entity:
    """A kind of journaled item: where its rows live and what must hold to bring one back."""

    name: str
    table: str
    keys: tuple[str, ...] = ("id",)
    label: str | None = "title"
    blocker: Callable[[sqlite3.Connection, State], str | None] | None = None
    watch: tuple[str, ...] = ()  # fields whose restore must pass ``blocker`` too (a node's parent)
    after_step: Callable[[sqlite3.Connection, str | None, set[str]], None] | None = None

    def split_id(self, entity_id: str) -> tuple[Any, ...]:
        if len(self.keys) == 1:
            return (entity_id,)
        parts = entity_id.rsplit("@", len(self.keys) - 1)
        return tuple(int(p) if p.lstrip("-").isdigit() and i else p for i, p in enumerate(parts))

    def where(self) -> str:
        return " AND ".join(f"{k} = ?" for k in self.keys)


ENTITIES: dict[str, Entity] = {}


def register(entity: Entity) -> Entity:
    ENTITIES[entity.name] = entity
    return entity


@dataclass(frozen=True)
class Change:
    """What a write, undo or redo did, for the message the clerk sees.

    ``before``/``after`` hold the changed fields (the whole row when it appeared or went);
    ``skipped`` says why an undo or redo was passed over (``gone``, ``archived_parent``,
    ``left_plan``, ``changed_since``); ``archived`` that the item is archived (the step still
    applied to its kept state).
    """

    seq: int
    action: str
    entity: str
    entity_id: str
    before: State | None
    after: State | None
    plan_id: str | None = None
    target: int | None = None
    skipped: str | None = None
    archived: bool = False
    label: str | None = None  # the item's title (for a milestone or node) as it is now

    def also(self, entity: str) -> list[str]:
        """Ids of the other rows of ``entity`` changed with this one (a 已完成 report's ticks, a tick's
        linked copies), as ``journaled_with`` recorded them under ``ALSO``."""
        others = (self.after or self.before or {}).get(ALSO) or {}
        return [key.split(":", 1)[1] for key in others if key.split(":", 1)[0] == entity]


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """One ``BEGIN IMMEDIATE`` write; a nested use joins the transaction already open.

    ROLLBACK only runs when BEGIN succeeded and SQLite still has the transaction open, so a
    failed BEGIN (disk full, I/O error, read-only file) reports its own error, never "cannot
    rollback - no transaction is active".
    """
    nested = conn.in_transaction
    if nested:
        yield
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def snapshot(conn: sqlite3.Connection, entity: str, entity_id: str) -> State | None:
    ent = ENTITIES[entity]
    row = conn.execute(f"SELECT * FROM {ent.table} WHERE {ent.where()}", ent.split_id(entity_id)).fetchone()
    return dict(row) if row else None


def changed_fields(before: State | None, after: State | None) -> tuple[State | None, State | None]:
    """The fields that differ (a whole row when one side is missing)."""
    if before is None or after is None:
        return before, after
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def journaled(conn: sqlite3.Connection, action: str, entity: str, entity_id: str, plan_id: str | None,
              sql: str | None, args: tuple[Any, ...] = ()) -> Change:
    """Run ``sql`` and journal what it changed, atomically."""
    with transaction(conn):
        before = snapshot(conn, entity, entity_id)
        if sql:
            conn.execute(sql, args)
        after = snapshot(conn, entity, entity_id)
        label = _label(ENTITIES[entity], after or before)
        before, after = changed_fields(before, after)
        seq = journal.write(conn, action, entity, entity_id, plan_id, before, after)
    return Change(seq, action, entity, entity_id, before, after, plan_id, label=label)


ALSO = "_also"
ABSENT = "_absent"
Written = str | None | tuple[str, list[tuple[str, str]]]  # what a ``journaled_with`` write returns


def journaled_with(conn: sqlite3.Connection, action: str, entity: str, entity_id: str | None,
                   plan_id: str | None, write: Callable[[], Written],
                   also: list[tuple[str, str]] | tuple[()] = ()) -> Change:
    """Run ``write`` and journal the row ``entity``/``entity_id`` (None: a row ``write`` creates and
    returns the id of) and the rows in ``also`` it changed too, as one entry (see 3. above)."""
    keys = [f"{e}:{i}" for e, i in also]
    with transaction(conn):
        before = snapshot(conn, entity, entity_id) if entity_id is not None else None
        others_before: dict[str, State | None] = {k: snapshot(conn, *k.split(":", 1)) for k in keys}
        created = write()
        if isinstance(created, tuple):  # (id, the other rows it inserted): absent before the write
            created, inserted = created
            for key in (f"{e}:{i}" for e, i in inserted):
                if key not in others_before:
                    others_before[key] = None
                    keys.append(key)
        entity_id = entity_id if entity_id is not None else str(created)
        after = snapshot(conn, entity, entity_id)
        label = _label(ENTITIES[entity], after or before)
        was, now = changed_fields(before, after)
        parts = {k: changed_fields(others_before[k], snapshot(conn, *k.split(":", 1))) for k in keys}
        was_b = _bundle(was, {k: p[0] for k, p in parts.items()})
        now_b = _bundle(now, {k: p[1] for k, p in parts.items()})
        seq = journal.write(conn, action, entity, entity_id, plan_id, was_b, now_b)
    return Change(seq, action, entity, entity_id, was_b, now_b, plan_id, label=label)


def _bundle(main: State | None, others: dict[str, State | None]) -> State | None:
    if not others:
        return main
    state: State = dict(main) if main is not None else {ABSENT: True}
    state[ALSO] = others
    return state


def _unbundle(state: State | None) -> tuple[State | None, dict[str, State | None]]:
    """(the main row's fields or None if absent, the other rows' fields) of a journal state."""
    if state is None or ALSO not in state:
        return state, {}
    main = None if state.get(ABSENT) else {k: v for k, v in state.items() if k not in (ALSO, ABSENT)}
    return main, dict(state[ALSO])


def _label(ent: Entity, row: State | None) -> str | None:
    return row.get(ent.label) if row and ent.label else None


def _load(text: str | None) -> State | None:
    return json.loads(text) if text else None


def _archived(row: State | None) -> bool:
    return bool(row and row.get("archived_at"))


def _apply(conn: sqlite3.Connection, ent: Entity, key: tuple[Any, ...], current: State | None,
           written: State | None, wanted: State | None) -> tuple[str | None, State | None, State | None]:
    """Take the row from ``written`` (what the entry left) back to ``wanted``, field by field.

    Returns (why skipped or None, the fields as they were, the fields as they are now).
    """
    where = ent.where()
    if wanted is None:  # the entry made the row: remove it again
        if current is None:
            return "gone", None, None
        conn.execute(f"DELETE FROM {ent.table} WHERE {where}", key)
        return None, current, None
    if written is None:  # the entry removed the row: put it back
        if current is not None:
            return "changed_since", None, None
        why = ent.blocker(conn, wanted) if ent.blocker else None
        if why:
            return why, None, None
        cols = list(wanted)
        conn.execute(f"INSERT INTO {ent.table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
                     [wanted[c] for c in cols])
        return None, None, wanted
    if current is None:
        return "gone", None, None
    fields = [f for f in wanted if f not in ent.keys and f in current and written.get(f) != wanted.get(f)]
    if not fields:  # the entry changed nothing: nothing to take back
        return None, {}, {}
    still = [f for f in fields if current[f] == written.get(f)]
    if not still:
        return "changed_since", None, None
    reviving = "archived_at" in still and current.get("archived_at") and not wanted.get("archived_at")
    if reviving or any(f in ent.watch for f in still):
        why = ent.blocker(conn, {**current, **{f: wanted[f] for f in still}}) if ent.blocker else None
        if why:
            return why, None, None
    conn.execute(f"UPDATE {ent.table} SET {', '.join(f'{f} = ?' for f in still)} WHERE {where}",
                 (*[wanted[f] for f in still], *key))
    return None, {f: current[f] for f in still}, {f: wanted[f] for f in still}


def _fields(state: State | None) -> set[str]:
    """The fields a restore touched; a row that appeared or went counts as ``_row``."""
    if state is None:
        return {"_row"}
    return {k for k in state if k != ALSO} | ({"_row"} if state.get(ABSENT) else set())


def step(conn: sqlite3.Connection, which: str, plan_id: str | None = None) -> Change | None:
    """One undo or redo inside one write transaction (two windows never reverse a change twice)."""
    finder = journal.last_undoable if which == "undo" else journal.last_redoable
    with transaction(conn):
        entry = finder(conn, plan_id)
        if entry is None:
            return None
        conn.execute("PRAGMA defer_foreign_keys = ON")  # the entry's rows go back together; reset at commit
        ent = ENTITIES[entry["entity"]]
        written, wanted = _load(entry["after"]), _load(entry["before"])
        if which == "redo":
            written, wanted = wanted, written
        (written, written_others), (wanted, wanted_others) = _unbundle(written), _unbundle(wanted)
        current = snapshot(conn, entry["entity"], entry["entity_id"])
        why, was, now = _apply(conn, ent, ent.split_id(entry["entity_id"]), current, written, wanted)
        if not why and (written_others or wanted_others):  # the rows changed with it go back with it
            was_others, now_others = {}, {}
            for key in dict.fromkeys([*wanted_others, *written_others]):  # the entry's order: parents first
                other, other_id = key.split(":", 1)
                oent = ENTITIES[other]
                owhy, owas, onow = _apply(conn, oent, oent.split_id(other_id), snapshot(conn, other, other_id),
                                          written_others.get(key), wanted_others.get(key))
                if not owhy:
                    was_others[key], now_others[key] = owas, onow
            was, now = _bundle(was, was_others), _bundle(now, now_others)
        if not why and ent.after_step is not None:
            ent.after_step(conn, entry["plan_id"], _fields(was) | _fields(now))
        if why:
            seq = journal.write(conn, "skip", entry["entity"], entry["entity_id"], entry["plan_id"], None,
                                {"step": which, "reason": why}, target=entry["seq"])
            journal.dropped(conn, which, entry["seq"])
        else:
            seq = journal.write(conn, which, entry["entity"], entry["entity_id"], entry["plan_id"], was, now,
                                target=entry["seq"])
            journal.moved(conn, which, entry["seq"], seq, entry["plan_id"])
        after_row = snapshot(conn, entry["entity"], entry["entity_id"])
    return Change(seq, which, entry["entity"], entry["entity_id"], was, now, entry["plan_id"], entry["seq"],
                  why, _archived(after_row), _label(ent, after_row or current or wanted or written))


def steps(conn: sqlite3.Connection, which: str, count: int, plan_id: str | None = None) -> list[Change]:
    """Up to ``count`` undos or redos, newest first; a skipped entry counts as a step."""
    if count < 1:
        raise BadInput("err_undo_count" if which == "undo" else "err_redo_count", count=count)
    done: list[Change] = []
    for _ in range(count):
        change = step(conn, which, plan_id)
        if change is None:
            break
        done.append(change)
    if not done:
        raise BadInput("err_nothing_to_undo" if which == "undo" else "err_nothing_to_redo")
    return done
