"""The whole plan with its state as JSON (``plandesk export --format json``), written as it is read.

The shape is documented in the README; it is what other tools (a spreadsheet, a script)
read, so keys only get added, never renamed. A plan of 50,000 nodes is 100,000 records: they
are never gathered into one document. SQLite writes each node and milestone as one JSON
object (``json_object``, in C) straight from its row, one object per line, and the lines go
out in blocks; Python only frames them. Memory stays flat whatever the size. The state rules
are the shared ones: ``status.sql_state`` classifies milestones, ``status.Rollup`` decides each
node's light and share done (through a small cached SQL function).
"""
from __future__ import annotations

import json
import sqlite3
from datetime import date
from functools import lru_cache
from typing import Any, Callable, Iterable, TextIO

from store import queries as q
from store import status as st

EXPORT_VERSION = 1
BLOCK = 2000  # records per write


def _rollup(rollup: st.Rollup) -> dict[str, Any]:
    return {"light": rollup.light, "total": rollup.total, "done": rollup.done,
            "share_done": round(rollup.share_done, 4), "counts": dict(rollup.counts)}


@lru_cache(maxsize=4096)
def _status_json(*counts: int | None) -> str:
    """A node's ``status`` object from its counts by state (most nodes share a handful)."""
    return json.dumps(_rollup(st.Rollup(dict(zip(st.MILESTONE_STATES, (n or 0 for n in counts))))))


def _indicator(ind: q.Indicator, today: date) -> dict[str, Any]:
    years = ind.target_years
    return {
        "id": ind.id, "category": ind.category, "number": ind.number, "name": ind.name, "unit": ind.unit,
        "attribute": ind.attribute, "binding": ind.binding, "better": ind.better, "measure": ind.measure,
        "baseline": {"year": ind.baseline_year, "value": ind.baseline_printed},
        "targets": {str(y): c.printed for y in years if (c := ind.target(y))},
        "cells": [{"table": c.table, "year": c.year, "printed": c.printed, "number": c.number,
                   "comparator": c.comparator, "basis": c.basis, "effective": c.effective} for c in ind.cells],
        "conflicts": ind.conflicts,
        "actuals": {str(y): v for y, v in sorted(ind.actuals.items())},
        "status": {str(y): ind.status(y, today) for y in years},
        "note": ind.note,
    }


def _node_rows(conn: sqlite3.Connection, plan: q.Plan, today: date, soon_days: int) -> Iterable[tuple[str, str]]:
    """Each live node as one JSON object, in document order, with its subtree's roll-up."""
    rollup_sql, rollup_args = q.rollup_select(plan.id, today, soon_days)
    counts = ", ".join(f"r.c{i}" for i in range(len(st.MILESTONE_STATES)))
    names = ", ".join(f"c{i}" for i in range(len(st.MILESTONE_STATES)))
    # the clerk's units win; "fields" is null when empty, as the documented shape says
    return conn.execute(
        f"WITH r(id, depth, {names}) AS MATERIALIZED ({rollup_sql}) "
        "SELECT json_object('id', n.id, 'parent', n.parent_id, 'kind', n.kind, 'number', n.number, "
        "'title', n.title, 'text', n.text, "
        "'units', json(CASE WHEN n.units_override IS NOT NULL AND n.units_override != 'null' "
        "THEN n.units_override ELSE coalesce(n.units, '[]') END), "
        "'fields', json(CASE WHEN n.fields IS NULL OR n.fields IN ('', '{}') THEN 'null' ELSE n.fields END), "
        "'source', json_object('file', ?, 'line', n.line, 'printed', n.source, 'repair', n.repair), "
        f"'status', json(plandesk_status({counts}))), n.id "
        "FROM nodes n LEFT JOIN r ON r.id = n.id WHERE n.plan_id = ? AND n.archived_at IS NULL ORDER BY n.seq",
        (*rollup_args, plan.source_file, plan.id))


def _milestone_rows(conn: sqlite3.Connection, plan: q.Plan, today: date, soon_days: int) -> Iterable[tuple[str, str]]:
    """Each live milestone as one JSON object, in document order, with its state as of ``today``."""
    state_sql, state_args = st.sql_state(today, soon_days)
    return conn.execute(
        "SELECT json_object('id', id, 'node', node_id, 'title', title, 'due', due, "
        "'due_phrase', nullif(due_phrase, ''), 'start', start, 'done_on', done_on, 'note', done_note, "
        f"'status', {state_sql}, 'origin', origin, "
        "'implicit', json(CASE WHEN implicit THEN 'true' ELSE 'false' END), "
        "'source', json_object('file', ?, 'line', line)), id "
        "FROM milestones WHERE plan_id = ? AND archived_at IS NULL ORDER BY seq, id",
        (*state_args, plan.source_file, plan.id))


def _pretty(value: Any, indent: int) -> str:
    """``value`` as indented JSON, nested ``indent`` spaces deep."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + " " * indent)


def _write_list(out: TextIO, rows: Iterable[tuple[str, str]],
                extra: Callable[[str], dict[str, Any]] | None = None) -> None:
    """``[`` one object per line ``]``, written in blocks as the rows come; ``extra(id)`` adds keys
    computed outside SQL (lights, units that apply) to each object."""
    block: list[str] = []
    first = True
    for record, row_id in rows:
        if extra is not None:
            record = record[:-1] + "," + json.dumps(extra(row_id), ensure_ascii=False)[1:]
        block.append(record)
        if len(block) == BLOCK:
            out.write(("[\n    " if first else ",\n    ") + ",\n    ".join(block))
            first = False
            block.clear()
    if block:
        out.write(("[\n    " if first else ",\n    ") + ",\n    ".join(block))
        first = False
    out.write("[]" if first else "\n  ]")


def export_plan(conn: sqlite3.Connection, plan: q.Plan, today: date,
                soon_days: int = st.DEFAULT_SOON_DAYS) -> dict[str, Any]:
    """The export document as data (for tests and small plans; the command streams it)."""
    import io

    out = io.StringIO()
    write_export(conn, plan, today, out, soon_days)
    return json.loads(out.getvalue())  # type: ignore[no-any-return]


def write_export(conn: sqlite3.Connection, plan: q.Plan, today: date, out: TextIO,
                 soon_days: int = st.DEFAULT_SOON_DAYS) -> None:
    """Write the export document of ``plan`` to ``out``, node by node, milestone by milestone."""
    conn.create_function("plandesk_status", len(st.MILESTONE_STATES), _status_json, deterministic=True)
    total = q.rollups(conn, plan.id, today, soon_days, max_depth=0).get(plan.id, st.Rollup())
    head = {
        "plandesk_export": EXPORT_VERSION,
        "as_of": today.isoformat(),
        "due_soon_days": soon_days,
        "plan": {"id": plan.id, "region": plan.region, "bureau": plan.bureau, "title": plan.title,
                 "doc_number": plan.doc_number, "period": {"start": plan.start_year, "end": plan.end_year},
                 "source_file": plan.source_file},
        "summary": _rollup(total),
    }
    tracking = _Tracking(conn, plan, today, soon_days)
    out.write(_pretty(head, 0)[:-2] + ",\n  \"nodes\": ")
    _write_list(out, _node_rows(conn, plan, today, soon_days), tracking.node)
    out.write(",\n  \"milestones\": ")
    _write_list(out, _milestone_rows(conn, plan, today, soon_days), tracking.milestone)
    indicators = [_indicator(ind, today) for ind in q.indicators(conn, plan.id)]
    out.write(",\n  \"indicators\": " + _pretty(indicators, 2))
    for key, value in (("reporting", tracking.reporting), ("links", tracking.links),
                       ("progress", tracking.progress)):
        out.write(f",\n  \"{key}\": " + _pretty(value, 2))
    out.write("\n}\n")


class _Tracking:
    """The reporting cycle's part of the export (issue 11): units that apply, lights, recurring and
    linked milestones, progress reports. Keys only get added to the documented shape."""

    def __init__(self, conn: sqlite3.Connection, plan: q.Plan, today: date, soon_days: int) -> None:
        from store import lights as lt
        from store import progress as pg
        from store import units as un

        s = lt.settings(conn, plan.id, today, soon_days)
        self.reporting = {"cycle": s.cycle, "yellow_lag": s.yellow, "red_lag": s.red,
                          "due_period": s.due_period.key}
        self.items = lt.item_lights(conn, s)
        depths = tuple(r[0] for r in conn.execute(
            "SELECT DISTINCT depth FROM nodes WHERE plan_id = ? AND archived_at IS NULL ORDER BY depth", (plan.id,)))
        self.counts = lt.rollups(conn, s, depths) if depths else {}
        self.units = un.of_plan(conn, plan.id)
        rows = conn.execute("SELECT id, every, series, same_as, link FROM milestones WHERE plan_id = ? "
                            "AND archived_at IS NULL", (plan.id,)).fetchall()
        self.recurrence = {r[0]: (r[1], r[2], r[3], r[4]) for r in rows}
        self.milestone_lights = lt.milestone_lights(conn, s, [r[0] for r in rows])
        self.links = [{"milestone": r[0], "same_as": r[3], "link": r[4]} for r in rows if r[3]]
        self.progress = [{
            "id": r.id, "item": r.item_id, "item_kind": r.item_kind, "period": r.period, "state": r.state,
            "percent": r.percent, "note": r.note, "problem": r.problem, "next": r.next_step,
            "evidence": list(r.evidence), "unit": r.unit, "by": r.who, "at": r.at, "on": r.reported_on,
            "source": r.source} for r in pg.reports_of_plan(conn, plan.id)]

    def node(self, node_id: str) -> dict[str, Any]:
        own = self.items.get(node_id)
        counts = self.counts.get(node_id)
        units = self.units.get(node_id)
        light = own.light if own else counts.light if counts else None
        return {"lead": list(units.lead) if units else [], "support": list(units.support) if units else [],
                "units_inherited_from": units.from_id if units and units.from_id != node_id else None,
                "light": light, "light_reason": own.reason if own else None,
                "expected": own.expected if own else None,
                "lights": dict(counts._asdict()) if counts else None}

    def milestone(self, milestone_id: str) -> dict[str, Any]:
        every, series, same_as, link = self.recurrence.get(milestone_id, (None, None, None, None))
        light = self.milestone_lights.get(milestone_id)
        return {"every": every, "series": series, "same_as": same_as, "link": link,
                "light": light.light if light else None}
