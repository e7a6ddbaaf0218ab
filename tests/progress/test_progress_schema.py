"""The schema and plan-format additions of progress tracking: an old file migrates with its ticks,
the new keys load (and bad ones are refused with a line number), re-import keeps what was entered."""
from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from store import db as db_module
from store import schema
from store.db import open_store
from store.errors import ImportFailed
from store.importer import import_file
from store.loader import load_plan_file
from tests.conftest import FIXTURES

PLAN = "track-2021-2025"


@pytest.fixture
def track(tmp_path: Path) -> sqlite3.Connection:
    conn = open_store(tmp_path / "track.sqlite3", seed=False)
    import_file(conn, FIXTURES / "progress_plan.yaml")
    return conn


def write_plan(tmp_path: Path, old: str, new: str) -> Path:
    text = (FIXTURES / "progress_plan.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "edited.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_a_version_1_file_migrates_with_its_ticks_and_overrides(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.sqlite3"
    with monkeypatch.context() as m:  # a file as plandesk 1 wrote it
        m.setattr(db_module, "SCHEMA_VERSION", 1)
        old = open_store(path, seed=False)
        old.execute("INSERT INTO plans (id, region, title, start_year, end_year) "
                    "VALUES ('p', '区', '规划', 2021, 2025)")
        old.execute("INSERT INTO nodes (id, plan_id, local_id, kind, title, units, units_override, seq, depth, path, "
                    "last_seq) VALUES ('p/t', 'p', 't', 'task', '任务', '[\"区市场监管局\"]', '[\"综合科\"]', "
                    "1, 0, 't', 1)")
        old.execute("INSERT INTO milestones (id, plan_id, node_id, local_id, title, due, seq, done_on, done_note) "
                    "VALUES ('p/t', 'p', 'p/t', 't', '任务', '2025-12-31', 1, '2023-05-01', '已验收')")
        old.close()
    conn = open_store(path, seed=False)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == db_module.SCHEMA_VERSION
    row = conn.execute("SELECT done_on, done_note, link, every FROM milestones WHERE id = 'p/t'").fetchone()
    assert tuple(row) == ("2023-05-01", "已验收", None, None)
    node = conn.execute("SELECT units, units_override, support FROM nodes WHERE id = 'p/t'").fetchone()
    assert tuple(node) == ('["区市场监管局"]', '["综合科"]', None)
    assert conn.execute("SELECT count(*) FROM progress").fetchone()[0] == 0
    assert list(tmp_path.glob("old.sqlite3.v1-*.bak"))
    assert max(schema.MIGRATIONS) == db_module.SCHEMA_VERSION


def test_lead_support_reporting_every_and_same_as_load() -> None:
    (plan,) = load_plan_file(FIXTURES / "progress_plan.yaml")
    nodes = {n.local_id: n for n in plan.nodes}
    assert nodes["c1"].units == ["区市场监管局"] and nodes["c1"].support == ["区发改委", "区商务委"]
    assert nodes["c1.t3"].units == ["综合科"] and nodes["c1.t3"].support == ["法规科", "信用科"]
    assert (plan.report_cycle, plan.yellow_lag, plan.red_lag) == ("quarter", 10.0, 30.0)
    yearly = [m for m in plan.milestones if m.series == "c1.t3.eval"]
    assert [m.local_id for m in yearly] == [f"c1.t3.eval.y{y}" for y in range(2022, 2026)]
    assert yearly[1].title == "开展营商环境评价（2023年）"
    assert (yearly[1].start, yearly[1].due) == (date(2023, 1, 1), date(2023, 12, 31))
    assert {m.local_id: m.same_as for m in plan.milestones if m.same_as} == {"a1.r1.m1": "c1.t2.m1"}


def test_quarterly_target_becomes_one_milestone_per_quarter(tmp_path: Path) -> None:
    path = write_plan(tmp_path, "every: year\n            start: 2022年\n            due: 2025年底",
                      "every: quarter\n            start: 2023年\n            due: 2023年底")
    (plan,) = load_plan_file(path)
    ids = [(m.local_id, m.title, m.due.isoformat()) for m in plan.milestones if m.series]
    assert ids[1] == ("c1.t3.eval.2023q2", "开展营商环境评价（2023年第二季度）", "2023-06-30")
    assert len(ids) == 4


@pytest.mark.parametrize(("old", "new", "field"), [
    ("same_as: c1.t2.m1", "same_as: c9.nothing", "same_as"),
    ("same_as: c1.t2.m1", "same_as: a1.r1.m1", "same_as"),
    ("every: year", "every: month", "every"),
    ("red_lag: 30", "red_lag: 5", "red_lag"),
    ("cycle: quarter", "cycle: weekly", "cycle"),
    ("support: 法规科，信用科", "support: {a: b}", "support"),
])
def test_bad_new_keys_are_refused_with_their_line(tmp_path: Path, old: str, new: str, field: str) -> None:
    with pytest.raises(ImportFailed) as failure:
        load_plan_file(write_plan(tmp_path, old, new))
    assert any(f": {field}: " in problem and ":0:" not in problem for problem in failure.value.problems), \
        failure.value.problems


def test_linked_milestones_share_a_group(track: sqlite3.Connection) -> None:
    rows = dict(track.execute("SELECT local_id, link FROM milestones WHERE link IS NOT NULL").fetchall())
    assert rows == {"c1.t2.m1": f"{PLAN}/c1.t2.m1", "a1.r1.m1": f"{PLAN}/c1.t2.m1"}


def test_reimport_keeps_ticks_of_occurrences_and_links_and_takes_a_new_link_s_tick(
        tmp_path: Path, track: sqlite3.Connection) -> None:
    from store import actions

    actions.tick(track, f"{PLAN}/c1.t3.eval.y2022", date(2022, 11, 1), "已评价")
    import_file(track, write_plan(tmp_path, "title: 开展营商环境评价", "title: 开展优化营商环境评价"))
    row = track.execute("SELECT title, done_on, done_note FROM milestones WHERE local_id = ?",
                        ("c1.t3.eval.y2022",)).fetchone()
    assert tuple(row) == ("开展优化营商环境评价（2022年）", "2022-11-01", "已评价")
    # a link added later: the copy takes the tick of the milestone it repeats
    text = write_plan(tmp_path, "          - id: a1.r1.m1\n",
                      "          - id: a1.r1.m2\n            title: 2022年评价\n            due: 2022年\n"
                      "            same_as: c1.t3.eval.y2022\n            line: 22\n          - id: a1.r1.m1\n")
    (report,) = import_file(track, text)
    assert report.linked_ticks == [f"{PLAN}/a1.r1.m2"]
    assert track.execute("SELECT done_on FROM milestones WHERE local_id = 'a1.r1.m2'").fetchone()[0] == "2022-11-01"
