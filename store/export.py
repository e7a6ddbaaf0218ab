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
    tracking = _Tracking(conn, plan, nodes, today, soon_days)
    data = {
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
            **tracking.node(n),
        } for n in nodes],
        "milestones": [{
            "id": m.id, "node": m.node_id, "title": m.title, "due": m.due.isoformat(),
            "due_phrase": m.due_phrase or None, "start": m.start.isoformat() if m.start else None,
            "done_on": m.done_on.isoformat() if m.done_on else None, "note": m.done_note,
            "status": m.state, "origin": m.origin, "implicit": m.implicit,
            "source": {"file": plan.source_file, "line": m.line},
            **tracking.milestone(m.id),
        } for m in milestones],
        "indicators": [_indicator(ind, today) for ind in q.indicators(conn, plan.id)],
    }
    data["reporting"] = tracking.reporting
    data["links"] = tracking.links
    data["progress"] = tracking.progress
    return data


class _Tracking:
    """Issue 11's part of the export: units that apply, lights, recurring and linked milestones,
    progress reports. Keys only get added to the existing shape."""

    def __init__(self, conn: sqlite3.Connection, plan: q.Plan, nodes: list[q.Node], today: date,
                 soon_days: int) -> None:
        from store import lights as lt
        from store import progress as pg

        s = lt.settings(conn, plan.id, today, soon_days)
        self.reporting = {"cycle": s.cycle, "yellow_lag": s.yellow, "red_lag": s.red,
                          "due_period": s.due_period.key}
        self.items = lt.item_lights(conn, s)
        depths = tuple(sorted({n.depth for n in nodes}))
        self.counts = lt.rollups(conn, s, depths) if depths else {}
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

    def node(self, n: q.Node) -> dict[str, Any]:
        own = self.items.get(n.id)
        counts = self.counts.get(n.id)
        light = own.light if own else counts.light if counts else None
        return {"lead": n.effective_units, "support": n.effective_support,
                "units_inherited_from": n.applying.from_id if n.applying and n.applying.from_id != n.id else None,
                "light": light, "light_reason": own.reason if own else None,
                "expected": own.expected if own else None,
                "lights": dict(counts._asdict()) if counts else None}

    def milestone(self, milestone_id: str) -> dict[str, Any]:
        every, series, same_as, link = self.recurrence.get(milestone_id, (None, None, None, None))
        light = self.milestone_lights.get(milestone_id)
        return {"every": every, "series": series, "same_as": same_as, "link": link,
                "light": light.light if light else None}



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
