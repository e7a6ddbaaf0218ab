"""The streamed export says exactly what the whole-document export said, for any state of a plan."""
from __future__ import annotations

import io
import json
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from store import actions
from store import queries as q
from store import status as st
from store.export import _indicator, _rollup, write_export

TODAY = date(2023, 6, 30)
PLANS = ["tongliao", "xiangyang", "luoyang", "wulong", "linyi"]


def reference_export(conn: sqlite3.Connection, plan: q.Plan, today: date, soon_days: int) -> dict[str, Any]:
    """The export as it was built before streaming: one dict from the query objects (the oracle)."""
    rollups = q.rollups(conn, plan.id, today, soon_days)
    return {
        "plandesk_export": 1, "as_of": today.isoformat(), "due_soon_days": soon_days,
        "plan": {"id": plan.id, "region": plan.region, "bureau": plan.bureau, "title": plan.title,
                 "doc_number": plan.doc_number, "period": {"start": plan.start_year, "end": plan.end_year},
                 "source_file": plan.source_file},
        "summary": _rollup(rollups.get(plan.id, st.Rollup())),
        "nodes": [{
            "id": n.id, "parent": n.parent_id, "kind": n.kind, "number": n.number, "title": n.title,
            "text": n.text, "units": n.effective_units, "fields": n.fields or None,
            "source": {"file": plan.source_file, "line": n.line, "printed": n.source, "repair": n.repair},
            "status": _rollup(rollups.get(n.id, st.Rollup())),
        } for n in q.nodes(conn, plan.id)],
        "milestones": [{
            "id": m.id, "node": m.node_id, "title": m.title, "due": m.due.isoformat(),
            "due_phrase": m.due_phrase or None, "start": m.start.isoformat() if m.start else None,
            "done_on": m.done_on.isoformat() if m.done_on else None, "note": m.done_note,
            "status": m.state, "origin": m.origin, "implicit": m.implicit,
            "source": {"file": plan.source_file, "line": m.line},
        } for m in q.milestones(conn, plan.id, today, soon_days)],
        "indicators": [_indicator(ind, today) for ind in q.indicators(conn, plan.id)],
    }


def streamed(conn: sqlite3.Connection, plan: q.Plan, today: date, soon_days: int = 30) -> str:
    out = io.StringIO()
    write_export(conn, plan, today, out, soon_days)
    return out.getvalue()


# keys the reporting cycle adds (tested in tests/progress/test_progress_export.py): the oracle predates them
TRACKING_NODE_KEYS = {"lead", "support", "units_inherited_from", "light", "light_reason", "expected", "lights"}
TRACKING_MILESTONE_KEYS = {"every", "series", "same_as", "link", "light"}
TRACKING_TOP_KEYS = {"reporting", "links", "progress"}


def without_tracking(data: dict[str, Any]) -> dict[str, Any]:
    """The streamed export less the reporting-cycle keys, to compare with the oracle."""
    assert data.keys() >= TRACKING_TOP_KEYS
    rest = {k: v for k, v in data.items() if k not in TRACKING_TOP_KEYS}
    rest["nodes"] = [{k: v for k, v in n.items() if k not in TRACKING_NODE_KEYS} for n in data["nodes"]]
    rest["milestones"] = [{k: v for k, v in m.items() if k not in TRACKING_MILESTONE_KEYS}
                          for m in data["milestones"]]
    return rest


@pytest.mark.parametrize("plan_ref", PLANS)
def test_every_seed_plan_exports_the_same_content(conn: sqlite3.Connection, plan_ref: str) -> None:
    plan = q.resolve_plan(conn, plan_ref)
    for today, soon in ((TODAY, 30), (date(2021, 3, 1), 0), (date(2026, 1, 1), 400)):
        expected = reference_export(conn, plan, today, soon)
        assert without_tracking(json.loads(streamed(conn, plan, today, soon))) == expected


def test_what_the_clerk_entered_is_exported_the_same(conn: sqlite3.Connection) -> None:
    plan = q.resolve_plan(conn, "wulong")
    actions.tick(conn, "wulong-2021-2025/a1.p1.yangjiao", date(2022, 11, 30), '已验收"[/]\x1b[2J')
    actions.tick(conn, "wulong-2021-2025/a1.p3.y2021", date(2022, 3, 1))  # done late
    actions.tick(conn, "wulong-2021-2025/a1.p2.y2022", date(2023, 9, 1))  # ticked after the as-of date
    actions.add_milestone(conn, "wulong-2021-2025/a1.p1", "自加里程碑 \\ \"引号\"", date(2023, 7, 15))
    actions.set_units(conn, "wulong-2021-2025/a1.p1", ["区市场监管局", "区商务委"])
    actions.set_units(conn, "wulong-2021-2025/a1.p2", [])
    actions.delete_milestone(conn, "wulong-2021-2025/a1.p3.y2022")
    actions.record(conn, "wulong-2021-2025/i14", 2023, 96.5, "年报")
    expected = reference_export(conn, plan, TODAY, 30)
    text = streamed(conn, plan, TODAY)
    assert without_tracking(json.loads(text)) == expected
    assert "\x1b" not in text  # control characters are escaped in JSON strings


def test_an_empty_list_is_still_valid_json(tmp_path: Path) -> None:
    from store.db import open_store
    from store.importer import import_file

    plan_file = tmp_path / "tiny.yaml"
    plan_file.write_text("id: tiny\nregion: 某区\ntitle: 小规划\nperiod: {start: 2023, end: 2023}\n"
                         "source_file: t.txt\nnodes:\n  - id: c1\n    kind: text\n    title: 背景\n    line: 1\n",
                         encoding="utf-8")
    conn = open_store(tmp_path / "t.sqlite3", seed=False)
    import_file(conn, plan_file)
    plan = q.resolve_plan(conn, "tiny")
    data = json.loads(streamed(conn, plan, TODAY))
    assert without_tracking(data) == reference_export(conn, plan, TODAY, 30)
    assert data["milestones"] == [] and data["indicators"] == []
    conn.close()
