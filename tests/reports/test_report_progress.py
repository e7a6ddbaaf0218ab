"""The progress units reported, in the annual report: its data, the printout and the Word draft."""
from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import docx

from store import progress_actions as pa
from store import queries as q
from store import report as rp
from tui.i18n import Catalog
from tui.reports import render_text
from tui.reports.docx_draft import write_draft

ON_TRACK = "wulong/c3.s1.t1"
BEHIND = "wulong/c3.s2.t1"
DONE = "wulong/c3.box2.e1"
JULY = date(2023, 7, 10)
AS_OF = date(2024, 1, 15)  # the annual report is written once Q4 is over


def _enter_three(conn: sqlite3.Connection) -> None:
    pa.report(conn, ON_TRACK, "2023Q2", "推进中", on=JULY, percent=40, note="完成准入环境评估")
    pa.report(conn, BEHIND, "2023Q2", "滞后", on=JULY, percent=15, problem="审查人员不足", next_step="8月前完成培训")
    pa.report(conn, DONE, "2023Q2", "已完成", on=JULY, note="全程电子化上线")


def _annual(conn: sqlite3.Connection, as_of: date = AS_OF, narrative: bool = False) -> rp.Report:
    plan = q.resolve_plan(conn, "wulong")
    return rp.build_report(conn, plan, rp.period_for(plan, rp.ANNUAL, 2023), as_of, narrative=narrative)


def test_the_annual_report_holds_each_tasks_latest_report(conn: sqlite3.Connection) -> None:
    _enter_three(conn)
    report = _annual(conn)
    by_id = {r.node_id.split("/", 1)[1]: r for r in report.task_reports or []}
    assert set(by_id) == {"c3.s1.t1", "c3.s2.t1", "c3.box2.e1"}
    assert (by_id["c3.s1.t1"].state, by_id["c3.s1.t1"].percent, by_id["c3.s1.t1"].note) == ("on_track", 40,
                                                                                             "完成准入环境评估")
    assert by_id["c3.box2.e1"].state == "done"
    assert [(r.problem, r.next_step) for r in report.lagging_reports] == [("审查人员不足", "8月前完成培训")]
    assert all(r.chapter.startswith("第三章") for r in by_id.values())
    assert report.reporting_period == "2023Q4"
    # the three reported tasks do not owe 2023Q4, but most of the plan does
    assert report.units_not_reported


def test_a_newer_report_replaces_the_older_but_not_one_dated_after_the_as_of_date(conn: sqlite3.Connection) -> None:
    _enter_three(conn)
    pa.report(conn, ON_TRACK, "2023Q3", "on-track", on=date(2023, 10, 8), percent=60, note="完成评估报告")
    pa.report(conn, ON_TRACK, "2023Q4", "behind", on=date(2024, 1, 20), percent=70, problem="后来的问题")
    latest = {r.node_id: r for r in _annual(conn).task_reports or []}
    task = latest["wulong-2021-2025/c3.s1.t1"]
    assert (task.percent, task.note) == (60, "完成评估报告")
    assert "后来的问题" not in render_text("text", [_annual(conn)], Catalog("zh"), width=160)
    later = {r.node_id: r for r in _annual(conn, as_of=date(2024, 2, 1)).task_reports or []}
    assert later["wulong-2021-2025/c3.s1.t1"].problem == "后来的问题"
    # a report before the as-of date of the report is all it knows: in October, Q2's
    early = {r.node_id: r for r in _annual(conn, as_of=date(2023, 9, 30)).task_reports or []}
    assert early["wulong-2021-2025/c3.s1.t1"].percent == 40


def test_the_printout_shows_progress_lagging_tasks_and_units(conn: sqlite3.Connection) -> None:
    _enter_three(conn)
    for lang, heading, lagging in (("zh", "各章节任务进展情况", "进度滞后的任务"),
                                   ("en", "Progress reported, chapter by chapter", "Tasks reported behind")):
        text = render_text("text", [_annual(conn)], Catalog(lang), width=200)
        assert heading in text and lagging in text
        assert "完成准入环境评估" in text and "全程电子化上线" in text
        progress_part = text[text.index(lagging):]
        assert "审查人员不足" in progress_part and "8月前完成培训" in progress_part
    assert "2023Q4 未报送进展情况的单位" in render_text("text", [_annual(conn)], Catalog("zh"), width=200)


def test_without_reports_the_printout_says_so(conn: sqlite3.Connection) -> None:
    text = render_text("text", [_annual(conn)], Catalog("en"), width=200)
    assert "No progress reported in the period." in text and "No task reported behind." in text


def test_the_word_draft_uses_the_reports(conn: sqlite3.Connection, tmp_path: Path) -> None:
    _enter_three(conn)
    path = tmp_path / "annual.docx"
    write_draft(_annual(conn, narrative=True), path)
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    body = "\n".join(paragraphs)

    def chapter(start: str, end: str) -> str:
        return body[body.index(start):body.index(end)]

    tasks = chapter("三、重点任务推进情况", "四、存在问题及原因")
    assert "推进中，完成40%（2023Q2报送）。进展情况：完成准入环境评估。" in tasks
    assert "进展情况：全程电子化上线" in tasks
    problems = chapter("四、存在问题及原因", "五、下步打算")
    assert "“健全公平竞争审查机制”存在问题：审查人员不足。" in problems
    assert "【待填写" in problems  # the causes stay to be written
    assert "下步措施：8月前完成培训。" in body[body.index("五、下步打算"):]
    assert "未按时报送2023Q4进展情况的单位" in chapter("一、总体进展", "二、主要指标完成情况")


def test_the_word_draft_keeps_placeholders_where_nothing_was_reported(conn: sqlite3.Connection,
                                                                      tmp_path: Path) -> None:
    path = tmp_path / "annual.docx"
    write_draft(_annual(conn, narrative=True), path)
    body = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    tasks = body[body.index("三、重点任务推进情况"):body.index("四、存在问题及原因")]
    assert "本部分重点任务进展情况" in tasks and "报送）。进展情况" not in tasks
