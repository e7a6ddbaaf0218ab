"""Progress reports: entered in Chinese or English, several per period (the latest counts),
editable, journaled, undoable; a 已完成 report ticks the item and its linked copies."""
from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from store import actions, journal
from store import progress as pg
from store import progress_actions as pa
from store.db import open_store
from store.errors import BadInput, NotFound
from store.importer import import_file
from tests.conftest import FIXTURES, dump

PLAN = "track-2021-2025"
ON = date(2023, 7, 5)


@pytest.fixture
def track(tmp_path: Path) -> sqlite3.Connection:
    conn = open_store(tmp_path / "track.sqlite3", seed=False)
    import_file(conn, FIXTURES / "progress_plan.yaml")
    return conn


def done_on(conn: sqlite3.Connection, local_id: str) -> str | None:
    return conn.execute("SELECT done_on FROM milestones WHERE local_id = ?", (local_id,)).fetchone()[0]


@pytest.mark.parametrize(("word", "state"), [
    ("未启动", pg.NOT_STARTED), ("not-started", pg.NOT_STARTED), ("推进中", pg.ON_TRACK), ("on-track", pg.ON_TRACK),
    ("序时推进", pg.ON_TRACK), ("滞后", pg.BEHIND), ("欠进度", pg.BEHIND), ("behind", pg.BEHIND),
    ("已完成", pg.DONE), ("已办结", pg.DONE), ("Done", pg.DONE)])
def test_states_in_either_language(word: str, state: str) -> None:
    assert pg.parse_state(word) == state


def test_a_report_keeps_every_field_and_who_entered_it(track: sqlite3.Connection) -> None:
    change = pa.report(track, f"{PLAN}/c1.t1", "2023年第二季度", "滞后", on=ON, percent=40, note="完成方案起草",
                       problem="部门协调慢", next_step="7月召开协调会", evidence=["会议纪要.pdf", "现场照片"],
                       unit="登记注册科", source="台账2023Q2.xlsx")
    (r,) = pg.reports_of(track, f"{PLAN}/c1.t1")
    assert r.id == int(change.entity_id)
    assert (r.item_kind, r.period, r.state, r.percent, r.note, r.problem, r.next_step) == (
        "node", "2023Q2", "behind", 40.0, "完成方案起草", "部门协调慢", "7月召开协调会")
    assert (r.evidence, r.unit, r.reported_on, r.source) == (("会议纪要.pdf", "现场照片"), "登记注册科", "2023-07-05",
                                                             "台账2023Q2.xlsx")
    assert r.who == journal.current_user() and r.at
    entry = track.execute("SELECT action, entity FROM journal ORDER BY seq DESC LIMIT 1").fetchone()
    assert tuple(entry) == ("report_progress", "progress")


def test_the_latest_report_of_a_period_counts(track: sqlite3.Connection) -> None:
    pa.report(track, f"{PLAN}/c1.t1", "2023Q2", "推进中", on=date(2023, 7, 1), percent=30)
    pa.report(track, f"{PLAN}/c1.t1", "2023Q2", "推进中", on=date(2023, 7, 8), percent=45)
    pa.report(track, f"{PLAN}/c1.t1", "2023Q1", "推进中", on=date(2023, 7, 9), percent=20)
    from store import periods as pr

    assert pg.latest(track, f"{PLAN}/c1.t1", pr.parse("2023Q2")).percent == 45.0
    assert pg.latest(track, f"{PLAN}/c1.t1").period == "2023Q2"  # the latest period, not the latest typed
    assert [r.percent for r in pg.reports_of(track, f"{PLAN}/c1.t1")] == [45.0, 30.0, 20.0]
    assert pg.latest_in_period(track, PLAN, pr.parse("2023Q2"))[f"{PLAN}/c1.t1"].percent == 45.0


def test_a_done_report_ticks_the_open_milestones_and_their_copies_and_one_undo_takes_all_back(
        track: sqlite3.Connection) -> None:
    pa.report(track, f"{PLAN}/c1.t2", "2023Q4", "已完成", on=date(2023, 12, 20), note="平台上线")
    assert done_on(track, "c1.t2.m1") == "2023-12-20"
    assert done_on(track, "a1.r1.m1") == "2023-12-20"  # the annex's copy of the same target
    (undone,) = actions.undo(track)
    assert undone.entity == "progress"
    assert done_on(track, "c1.t2.m1") is None and done_on(track, "a1.r1.m1") is None
    assert pg.reports_of(track, f"{PLAN}/c1.t2") == []
    actions.redo(track)
    assert done_on(track, "a1.r1.m1") == "2023-12-20" and len(pg.reports_of(track, f"{PLAN}/c1.t2")) == 1


def test_a_report_on_one_milestone_and_an_implicit_one_means_its_task(track: sqlite3.Connection) -> None:
    pa.report(track, f"{PLAN}/c1.t3.eval.y2023", "2023", "done", on=date(2023, 11, 30))
    assert done_on(track, "c1.t3.eval.y2023") == "2023-11-30" and done_on(track, "c1.t3.eval.y2024") is None
    (r,) = pg.reports_of(track, f"{PLAN}/c1.t3")  # the task sees its targets' reports
    assert (r.item_kind, r.node_id) == ("milestone", f"{PLAN}/c1.t3")
    assert pg.resolve_item(track, "c1.t1").kind == "node"


def test_edit_and_delete_are_journaled_and_undoable(track: sqlite3.Connection) -> None:
    change = pa.report(track, f"{PLAN}/c1.t1", "2023Q2", "behind", on=ON, percent=40, problem="资金未到位")
    report_id = int(change.entity_id)
    pa.edit(track, report_id, percent=55, problem=None, next_step="追加预算")
    r = pg.get(track, report_id)
    assert (r.percent, r.problem, r.next_step, r.state) == (55.0, None, "追加预算", "behind")
    actions.undo(track)
    assert (pg.get(track, report_id).percent, pg.get(track, report_id).problem) == (40.0, "资金未到位")
    pa.delete(track, report_id)
    with pytest.raises(NotFound):
        pg.get(track, report_id)
    actions.undo(track)
    assert pg.get(track, report_id).percent == 40.0


@pytest.mark.parametrize(("ref", "period", "state", "percent"), [
    (f"{PLAN}/c1", "2023Q2", "推进中", None),  # a chapter is not a tracked item
    (f"{PLAN}/c1.t1", "2026Q1", "推进中", None),  # outside the plan
    (f"{PLAN}/c1.t1", "2023Q5", "推进中", None),
    (f"{PLAN}/c1.t1", "2023Q2", "差不多", None),
    (f"{PLAN}/c1.t1", "2023Q2", "推进中", 140),
    (f"{PLAN}/nothing", "2023Q2", "推进中", None),
])
def test_a_bad_report_is_refused_and_changes_nothing(tmp_path: Path, track: sqlite3.Connection, ref: str,
                                                     period: str, state: str, percent: float | None) -> None:
    before = dump(tmp_path / "track.sqlite3")
    with pytest.raises((BadInput, NotFound)):
        pa.report(track, ref, period, state, on=ON, percent=percent)
    assert dump(tmp_path / "track.sqlite3") == before


def test_ticking_one_of_a_linked_pair_ticks_both_in_one_entry(track: sqlite3.Connection) -> None:
    actions.tick(track, f"{PLAN}/a1.r1.m1", date(2023, 9, 1), "已上线")
    rows = track.execute("SELECT local_id, done_on, done_note FROM milestones WHERE link IS NOT NULL").fetchall()
    assert sorted(map(tuple, rows)) == [("a1.r1.m1", "2023-09-01", "已上线"), ("c1.t2.m1", "2023-09-01", "已上线")]
    assert track.execute("SELECT count(*) FROM journal WHERE action = 'tick'").fetchone()[0] == 1
    actions.untick(track, f"{PLAN}/c1.t2.m1")
    assert done_on(track, "a1.r1.m1") is None
    actions.undo(track)
    assert done_on(track, "a1.r1.m1") == "2023-09-01" and done_on(track, "c1.t2.m1") == "2023-09-01"
    actions.undo(track)
    assert done_on(track, "a1.r1.m1") is None and done_on(track, "c1.t2.m1") is None


def test_reimport_keeps_progress_reports(tmp_path: Path, track: sqlite3.Connection) -> None:
    pa.report(track, f"{PLAN}/c1.t1", "2023Q2", "推进中", on=ON, percent=40)
    import_file(track, FIXTURES / "progress_plan.yaml")
    assert [r.percent for r in pg.reports_of(track, f"{PLAN}/c1.t1")] == [40.0]
