"""Export carries the reporting cycle (reports, units, lights, links, occurrences), and a re-import
of the plan file keeps all of it."""
from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from store import actions
from store import progress_actions as pa
from store import queries as q
from store.db import open_store
from store.export import export_plan
from store.importer import import_file
from tests.conftest import FIXTURES

PLAN = "track-2021-2025"
JULY = date(2023, 7, 10)


@pytest.fixture
def track(tmp_path: Path) -> sqlite3.Connection:
    conn = open_store(tmp_path / "track.sqlite3", seed=False)
    import_file(conn, FIXTURES / "progress_plan.yaml")
    return conn


def entered(conn: sqlite3.Connection) -> None:
    pa.report(conn, f"{PLAN}/c1.t1", "2023Q2", "滞后", on=JULY, percent=35, note="方案起草", problem="人手不足",
              next_step="借调人员", evidence=["纪要.pdf", "照片"], unit="登记注册科", source="台账.xlsx")
    pa.report(conn, f"{PLAN}/a1.r1.m1", "2023Q2", "已完成", on=JULY)  # ticks the linked c1.t2.m1 too
    actions.tick(conn, f"{PLAN}/c1.t3.eval.y2022", date(2022, 12, 1))
    actions.set_units(conn, f"{PLAN}/c1.t1", ["综合科"], support=["信用科"])


def tracked_parts(data: dict[str, Any]) -> dict[str, Any]:
    return {"progress": [{k: v for k, v in r.items() if k != "at"} for r in data["progress"]],
            "links": data["links"],
            "nodes": {n["id"]: (n["lead"], n["support"], n["light"], n["light_reason"]) for n in data["nodes"]},
            "milestones": {m["id"]: (m["done_on"], m["every"], m["series"], m["link"], m["light"])
                           for m in data["milestones"]}}


def test_export_has_reports_units_lights_and_links(track: sqlite3.Connection) -> None:
    entered(track)
    data = export_plan(track, q.resolve_plan(track, PLAN), JULY)
    report = data["progress"][0]
    assert {k: report[k] for k in ("item", "period", "state", "percent", "note", "problem", "next", "evidence",
                                   "unit", "on", "source")} == {
        "item": f"{PLAN}/c1.t1", "period": "2023Q2", "state": "behind", "percent": 35.0, "note": "方案起草",
        "problem": "人手不足", "next": "借调人员", "evidence": ["纪要.pdf", "照片"], "unit": "登记注册科",
        "on": "2023-07-10", "source": "台账.xlsx"}
    assert report["by"] and report["at"]
    nodes = {n["id"]: n for n in data["nodes"]}
    assert (nodes[f"{PLAN}/c1.t1"]["lead"], nodes[f"{PLAN}/c1.t1"]["support"]) == (["综合科"], ["信用科"])
    assert nodes[f"{PLAN}/c1.t1"]["light"] == "yellow" and nodes[f"{PLAN}/c1.t1"]["light_reason"] == "lag_yellow"
    # the chapter: c1.t1 behind, c1.t2 done, c1.t3 (its 2022 round ticked) not reported for 2023Q2
    assert nodes[f"{PLAN}/c1"]["light"] == "yellow"
    assert nodes[f"{PLAN}/c1"]["lights"] == {"red": 0, "yellow": 2, "green": 1}
    assert data["links"] == [{"milestone": f"{PLAN}/a1.r1.m1", "same_as": f"{PLAN}/c1.t2.m1",
                              "link": f"{PLAN}/c1.t2.m1"}]
    milestones = {m["id"]: m for m in data["milestones"]}
    assert milestones[f"{PLAN}/c1.t2.m1"]["done_on"] == "2023-07-10"
    assert milestones[f"{PLAN}/c1.t3.eval.y2023"]["every"] == "year"
    assert data["reporting"] == {"cycle": "quarter", "yellow_lag": 10.0, "red_lag": 30.0,
                                         "due_period": "2023Q2"}


def test_reimporting_the_plan_file_keeps_it_all(track: sqlite3.Connection) -> None:
    entered(track)
    plan = q.resolve_plan(track, PLAN)
    before = tracked_parts(export_plan(track, plan, JULY))
    import_file(track, FIXTURES / "progress_plan.yaml")
    assert tracked_parts(export_plan(track, plan, JULY)) == before
