"""The whole plan with its state as plain data (``plandesk export --format json``).

The shape is documented in the README; it is what other tools (a spreadsheet, a script)
read, so keys only get added, never renamed.
"""
from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

from store import queries as q
from store import status as st

EXPORT_VERSION = 1


def export_plan(conn: sqlite3.Connection, plan: q.Plan, today: date,
                soon_days: int = st.DEFAULT_SOON_DAYS) -> dict[str, Any]:
    rollups = q.rollups(conn, plan.id, today, soon_days)
    total = rollups.get(plan.id, st.Rollup())
    nodes = q.nodes(conn, plan.id)
    milestones = q.milestones(conn, plan.id, today, soon_days)
    return {
        "plandesk_export": EXPORT_VERSION,
        "as_of": today.isoformat(),
        "due_soon_days": soon_days,
        "plan": {"id": plan.id, "region": plan.region, "bureau": plan.bureau, "title": plan.title,
                 "doc_number": plan.doc_number, "period": {"start": plan.start_year, "end": plan.end_year},
                 "source_file": plan.source_file},
        "summary": _rollup(total),
        "nodes": [{
            "id": n.id, "parent": n.parent_id, "kind": n.kind, "number": n.number, "title": n.title,
            "text": n.text, "units": n.own_units, "fields": n.fields or None,
            "source": {"file": plan.source_file, "line": n.line, "printed": n.source, "repair": n.repair},
            "status": _rollup(rollups.get(n.id, st.Rollup())),
        } for n in nodes],
        "milestones": [{
            "id": m.id, "node": m.node_id, "title": m.title, "due": m.due.isoformat(),
            "due_phrase": m.due_phrase or None, "start": m.start.isoformat() if m.start else None,
            "done_on": m.done_on.isoformat() if m.done_on else None, "note": m.done_note,
            "status": m.state, "origin": m.origin, "implicit": m.implicit,
            "source": {"file": plan.source_file, "line": m.line},
        } for m in milestones],
        "indicators": [_indicator(ind, today) for ind in q.indicators(conn, plan.id)],
    }


def _rollup(rollup: st.Rollup) -> dict[str, Any]:
    return {"light": rollup.light, "total": rollup.total, "done": rollup.done,
            "share_done": round(rollup.share_done, 4), "counts": dict(rollup.counts)}


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
