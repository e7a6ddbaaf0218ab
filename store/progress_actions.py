"""Entering, correcting and deleting progress reports: every write journaled and undoable.

Every write goes through ``_journaled_report`` (one place to adapt if the journal changes). A
report that says 已完成 ticks the item's open milestones (and their linked copies) with the
report's date, in the same journal entry, so one undo takes back the report and its ticks.
"""
from __future__ import annotations

import json
import sqlite3
from datetime import date
from typing import Any, Callable, Sequence

from store import actions, journal
from store import periods as pr
from store import progress as pg
from store.actions import Change
from store.changes import journaled_with
from store.errors import BadInput


def _text(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def _evidence(items: Sequence[str] | str | None) -> str | None:
    if items is None:
        return None
    listed = [items] if isinstance(items, str) else list(items)
    cleaned = [e.strip() for e in listed if e and e.strip()]
    return json.dumps(cleaned, ensure_ascii=False) if cleaned else None


def _to_tick(conn: sqlite3.Connection, item: pg.Item) -> list[str]:
    """The milestones a 已完成 report on ``item`` ticks: its open ones and their linked copies."""
    if item.kind == pg.MILESTONE_ITEM:
        own = [item.id] if conn.execute("SELECT done_on IS NULL FROM milestones WHERE id = ?",
                                        (item.id,)).fetchone()[0] else []
    else:
        own = [r[0] for r in conn.execute("SELECT id FROM milestones WHERE node_id = ? AND archived_at IS NULL "
                                          "AND done_on IS NULL ORDER BY seq", (item.id,))]
    ids = dict.fromkeys(own)
    for milestone_id in own:
        ids.update(dict.fromkeys(c for c in actions.linked_copies(conn, milestone_id)
                                 if conn.execute("SELECT done_on IS NULL FROM milestones WHERE id = ?",
                                                 (c,)).fetchone()[0]))
    return list(ids)


def _journaled_report(conn: sqlite3.Connection, action: str, plan_id: str, report_id: int | None,
                      write: Callable[[], int | None], ticks: list[str], on: str | None) -> Change:
    """THE write of a progress report: the report row and the milestones it ticks, one entry."""
    def run() -> str | None:
        created = write()
        if ticks:
            marks = ", ".join("?" for _ in ticks)
            conn.execute(f"UPDATE milestones SET done_on = ? WHERE id IN ({marks}) AND done_on IS NULL",
                         (on, *ticks))
        return None if created is None else str(created)
    return journaled_with(conn, action, "progress", None if report_id is None else str(report_id), plan_id, run,
                          [("milestone", m) for m in ticks])


def _new_row(conn: sqlite3.Connection, ref: str, period: str | pr.Period, state: str, *,
             on: date, percent: float | None = None, note: str | None = None, problem: str | None = None,
             next_step: str | None = None, evidence: Sequence[str] | str | None = None, unit: str | None = None,
             source: str | None = None, who: str | None = None) -> tuple[pg.Item, dict[str, Any]]:
    """The item a new report is about and the row to insert, every field checked."""
    item = pg.resolve_item(conn, ref)
    period = period if isinstance(period, pr.Period) else pr.parse(period)
    plan = conn.execute("SELECT start_year, end_year FROM plans WHERE id = ?", (item.plan_id,)).fetchone()
    pr.check_in_plan(period, plan[0], plan[1])
    state = pg.parse_state(state)
    return item, {
        "plan_id": item.plan_id, "item_id": item.id, "item_kind": item.kind, "node_id": item.node_id,
        "period": period.key, "period_start": period.start.isoformat(), "period_end": period.end.isoformat(),
        "period_prev": pr.previous(period).key, "state": state, "percent": pg.check_percent(percent),
        "note": _text(note), "problem": _text(problem), "next_step": _text(next_step),
        "evidence": _evidence(evidence), "unit": _text(unit), "reported_on": on.isoformat(),
        "who": who or journal.current_user(), "at": journal.now_iso(), "source": _text(source),
    }


def _insert(conn: sqlite3.Connection, row: dict[str, Any]) -> int:
    cur = conn.execute(f"INSERT INTO progress ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})",
                       list(row.values()))
    return int(cur.lastrowid or 0)


def report(conn: sqlite3.Connection, ref: str, period: str | pr.Period, state: str, *,
           on: date, percent: float | None = None, note: str | None = None, problem: str | None = None,
           next_step: str | None = None, evidence: Sequence[str] | str | None = None, unit: str | None = None,
           source: str | None = None, who: str | None = None) -> Change:
    """Enter a progress report on the tracked item ``ref`` for ``period`` (dated ``on``)."""
    item, row = _new_row(conn, ref, period, state, on=on, percent=percent, note=note, problem=problem,
                         next_step=next_step, evidence=evidence, unit=unit, source=source, who=who)
    ticks = _to_tick(conn, item) if row["state"] == pg.DONE else []
    return _journaled_report(conn, "report_progress", item.plan_id, None, lambda: _insert(conn, row), ticks,
                             on.isoformat())


def report_many(conn: sqlite3.Connection, action: str, reports: Sequence[dict[str, Any]]) -> Change:
    """Several new reports on one plan (a unit's ledger workbook) as ONE journal entry, in one
    transaction: one undo takes them all back, and the milestones their 已完成 ticked. Each dict
    holds ``report``'s arguments."""
    built = [_new_row(conn, **r) for r in reports]
    if not built:
        raise BadInput("err_no_report_to_enter")
    plans = {item.plan_id for item, _ in built}
    if len(plans) > 1:
        raise BadInput("err_one_plan_reports")
    ticks = [(_to_tick(conn, item) if row["state"] == pg.DONE else [], row["reported_on"]) for item, row in built]
    touched = list(dict.fromkeys(m for ids, _ in ticks for m in ids))

    def write() -> tuple[str, list[tuple[str, str]]]:
        created = [_insert(conn, row) for _, row in built]
        for ids, on in ticks:
            if ids:
                marks = ", ".join("?" for _ in ids)
                conn.execute(f"UPDATE milestones SET done_on = ? WHERE id IN ({marks}) AND done_on IS NULL",
                             (on, *ids))
        return str(created[0]), [("progress", str(i)) for i in created[1:]]
    return journaled_with(conn, action, "progress", None, plans.pop(), write, [("milestone", m) for m in touched])


_UNSET: Any = object()


def edit(conn: sqlite3.Connection, report_id: int, *, state: str | None = None, percent: float | None = _UNSET,
         note: str | None = _UNSET, problem: str | None = _UNSET, next_step: str | None = _UNSET,
         evidence: Sequence[str] | str | None = _UNSET, unit: str | None = _UNSET, on: date | None = None,
         source: str | None = _UNSET) -> Change:
    """Correct a report; a field left out stays, ``None`` clears it. Turning it into 已完成 ticks
    the item's open milestones as a new report would."""
    old = pg.get(conn, report_id)
    changes: dict[str, Any] = {}
    if state is not None:
        changes["state"] = pg.parse_state(state)
    if percent is not _UNSET:
        changes["percent"] = pg.check_percent(percent)
    for key, value in (("note", note), ("problem", problem), ("next_step", next_step), ("unit", unit),
                       ("source", source)):
        if value is not _UNSET:
            changes[key] = _text(value)
    if evidence is not _UNSET:
        changes["evidence"] = _evidence(evidence)
    if on is not None:
        changes["reported_on"] = on.isoformat()
    if not changes:
        raise BadInput("err_nothing_to_change_report")
    new_state = changes.get("state", old.state)
    ticks: list[str] = []
    if new_state == pg.DONE and old.state != pg.DONE:
        ticks = _to_tick(conn, pg.Item(old.item_kind, old.item_id, old.node_id, old.plan_id, ""))

    def write() -> None:
        conn.execute(f"UPDATE progress SET {', '.join(f'{k} = ?' for k in changes)} WHERE id = ?",
                     (*changes.values(), report_id))
    return _journaled_report(conn, "edit_progress", old.plan_id, report_id, write, ticks,
                             changes.get("reported_on", old.reported_on))


def delete(conn: sqlite3.Connection, report_id: int) -> Change:
    """Delete a report entered by mistake (the journal keeps it; undo brings it back). Ticks it
    made stay: take them back with untick (or undo the report itself)."""
    old = pg.get(conn, report_id)

    def write() -> None:
        conn.execute("DELETE FROM progress WHERE id = ?", (report_id,))
    return _journaled_report(conn, "delete_progress", old.plan_id, report_id, write, [], None)
