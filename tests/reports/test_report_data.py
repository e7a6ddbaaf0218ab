"""The report as plain data: periods, what is counted where, binding indicators first, the gap."""
from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest

from store import queries as q
from store import report as rp
from store.errors import BadInput
from tests.reports.conftest import AS_OF, DEMO
from tui.reports.json_data import to_json


def _section(report: rp.Report, key: str) -> rp.Listing:
    """A list the report must have."""
    found = report.section(key)
    assert found is not None, key
    return found


def _plan(start: int, end: int) -> q.Plan:
    return q.Plan("p", "区", "规划", None, None, start, end, None)


@pytest.mark.parametrize(("start", "end", "midterm"), [(2021, 2025, (2021, 2023)), (2022, 2025, (2022, 2023)),
                                                       (2023, 2023, (2023, 2023))])
def test_periods(start: int, end: int, midterm: tuple[int, int]) -> None:
    plan = _plan(start, end)
    mid = rp.period_for(plan, rp.MIDTERM)
    assert (mid.start_year, mid.end_year) == midterm
    final = rp.period_for(plan, rp.FINAL)
    assert (final.start_year, final.end_year) == (start, end)
    assert rp.next_period(plan, final) is None
    assert rp.period_for(plan, rp.ANNUAL, end).label == str(end)


def test_annual_year_must_lie_in_the_plan() -> None:
    with pytest.raises(BadInput, match="outside the plan's period 2021-2025"):
        rp.period_for(_plan(2021, 2025), rp.ANNUAL, 2026)


def test_next_period_after_a_year_and_after_the_midterm() -> None:
    plan = _plan(2021, 2025)
    assert rp.next_period(plan, rp.period_for(plan, rp.ANNUAL, 2023)).label == "2024"
    assert rp.next_period(plan, rp.period_for(plan, rp.MIDTERM)).label == "2024-2025"


def test_annual_report_of_the_fixture_plan(demo_conn: sqlite3.Connection) -> None:
    plan = q.resolve_plan(demo_conn, "demo")
    report = rp.build_report(demo_conn, plan, rp.period_for(plan, rp.ANNUAL, 2023), AS_OF)
    # due in 2023: 开办专区 (open), 方案 (done late); 乙所 2023年 (open)
    assert report.headline.total == 3 and report.headline.counts["done_late"] == 1
    assert report.plan_total.total == 6 and report.plan_total.done == 2
    due = list(_section(report, "due_in_period"))
    assert [i.id.split("/")[1] for i in due] == ["c1.t2.m2", "c1.t2.m1", "c2.p1.b"]
    done_late = due[0]
    assert (done_late.state, done_late.done_on, done_late.note) == ("done_late", date(2023, 7, 15), "方案已印发")
    assert list(_section(report, "carried")) == [] and _section(report, "carried").total == 0
    upcoming = report.section("next_period")
    assert upcoming.period.label == "2024" and [i.title for i in upcoming] == ["丙所建成投入使用"]
    # the binding 死亡率 comes first; 市场主体总量 3.6 against 3.7: not met, gap -0.1
    first, second = report.indicators
    assert first.binding and first.status == "met"
    assert (second.target.number, second.actual, second.status, second.gap) == (3.7, 3.6, "not_met", -0.1)
    assert isinstance(report.headline.total, int) and report.chapters[0].plan.total == 3
    assert [c.label for c in report.chapters] == [
        "第一章 优化营商环境", "第二章 重大项目"]


def test_overdue_items_from_earlier_years_are_carried_forward(demo_conn: sqlite3.Connection) -> None:
    plan = q.resolve_plan(demo_conn, "demo")
    report = rp.build_report(demo_conn, plan, rp.period_for(plan, rp.ANNUAL, 2024), date(2024, 3, 1))
    carried = list(_section(report, "carried"))
    ids = [i.id.split("/")[1] for i in carried]
    assert ids == ["c1.t2.m1", "c2.p1.b"]
    assert all(i.carried for i in carried)


def test_a_tick_after_the_as_of_date_does_not_count(demo_conn: sqlite3.Connection) -> None:
    plan = q.resolve_plan(demo_conn, "demo")
    report = rp.build_report(demo_conn, plan, rp.period_for(plan, rp.ANNUAL, 2023), date(2023, 7, 1))
    item = next(i for i in report.section("due_in_period") if i.id.endswith("c1.t2.m2"))
    assert item.state == "overdue" and item.done_on is None
    assert item.note is None  # the tick's note is dated with the tick: not yet either


def test_deterministic(demo_conn: sqlite3.Connection) -> None:
    plan = q.resolve_plan(demo_conn, DEMO)
    period = rp.period_for(plan, rp.FINAL)
    first = to_json([rp.build_report(demo_conn, plan, period, AS_OF)])
    second = to_json([rp.build_report(demo_conn, plan, period, AS_OF)])
    assert first == second and json.loads(first)["sections"][0]["items"]


def test_ledger_groups_milestones_under_their_task(demo_conn: sqlite3.Connection) -> None:
    plan = q.resolve_plan(demo_conn, DEMO)
    report = rp.build_report(demo_conn, plan, rp.period_for(plan, rp.ANNUAL, 2023), AS_OF)
    ledger = list(report.ledger or [])
    rows = [(r.kind, r.task_no, r.milestone_no, r.title) for r in ledger]
    assert rows[:5] == [("chapter", None, None, "第一章 优化营商环境"), ("task", 1, None, "1. 深化商事制度改革"),
                        ("task", 2, None, "2. 到2023年底建成企业开办专区"), ("milestone", 2, 1, "建成企业开办专区"),
                        ("milestone", 2, 2, "上半年完成方案")]
    task = ledger[2]
    assert task.progress == (1, 2) and task.state is None and task.light == "green"
    assert sum(r.kind == "task" for r in ledger) == 3


def test_an_evaluation_judges_indicators_by_pace_not_by_one_year(demo_conn: sqlite3.Connection) -> None:
    plan = q.resolve_plan(demo_conn, DEMO)
    report = rp.build_report(demo_conn, plan, rp.period_for(plan, rp.MIDTERM), AS_OF)
    paces = {r.name: r.pace for r in report.indicators}
    assert paces["万台特种设备死亡率"].rating == "ahead_done"
    total = paces["市场主体总量"]  # 3.4 -> 4: 3.6 in 2023 after 3.5 in 2022 will not get there
    assert total.rating == "at_risk" and total.end_year == 2025 and total.latest == 3.6
    annual = rp.build_report(demo_conn, plan, rp.period_for(plan, rp.ANNUAL, 2023), AS_OF)
    assert all(r.pace is None for r in annual.indicators)


def test_the_midterm_table_is_not_the_annual_one(cli) -> None:
    # Xiangyang prints 2021 and 2025 only: the old mid-term table said 无目标 for every indicator
    code, out, _ = cli("report", "--plan", "xiangyang", "--midterm", "--format", "csv", "--today", "2024-01-15")
    indicators = out.split("主要指标进度评价(2022-2023年)")[1].split("\n\n")[0]
    assert code == 0 and "无目标" not in indicators and "2025年目标" in indicators and "时间进度" in indicators
    code, out, _ = cli("report", "--plan", "xiangyang", "--year", "2023", "--format", "csv", "--today", "2024-01-15")
    assert "主要指标完成情况(2023年目标)" in out


def test_nothing_after_the_as_of_date_shows(demo_db) -> None:
    from store import actions
    from store.db import open_store

    conn = open_store(demo_db, seed=False)
    actions.record(conn, f"{DEMO}/i1", 2024, 3.9)  # a value for a year not yet begun on the as-of date
    actions.tick(conn, f"{DEMO}/c2.p1.b", date(2023, 12, 1), "验收通过")  # ticked after the as-of date
    plan = q.resolve_plan(conn, DEMO)
    report = rp.build_report(conn, plan, rp.period_for(plan, rp.MIDTERM), AS_OF)
    total = next(r for r in report.indicators if r.name == "市场主体总量")
    assert next(y for y in total.years if y.year == 2024).actual is None and total.pace.latest_year == 2023
    station = next(i for i in report.section("due_in_period") if i.id.endswith("c2.p1.b"))
    assert (station.state, station.done_on, station.note) == ("open", None, None)
    later = rp.build_report(conn, plan, rp.period_for(plan, rp.MIDTERM), date(2024, 1, 15))
    station = next(i for i in later.section("due_in_period") if i.id.endswith("c2.p1.b"))
    assert (station.state, station.note) == ("done", "验收通过")
    conn.close()


_LISTED = [
    rp.Item("p/c1.t1.m1", '引号"与\\反斜杠\n换行\x07铃\u2028', date(2023, 3, 1), "年内", date(2022, 1, 1),
            date(2023, 2, 1), "备注 \"注\"\t", "done", -28, True, "p/c1.t1", "1. 任务", "一、", "p/c1",
            ("区\"局\"", "科室\\"), True),
    rp.Item("p/x", "=SUM(A1)", date(2021, 1, 1), None, None, None, None, "overdue", 900, False, "p/n", "", "",
            "", (), False),
    rp.Item("p/y", "", date(2025, 12, 31), None, None, None, "", "open", -1000, False, "p/n", "t", "c", "p/c",
            ("单位",), False),
    rp.Item("p/z", "z", date(2025, 12, 31), None, None, None, None, "open", -1000, False, "p/n", "t", "二、", "p/c",
            ("单位",), False),  # the same chapter id and units as the one before, another chapter label
]


def test_listed_items_are_written_as_the_encoder_writes_their_dicts() -> None:
    """The lists' fast writer gives the bytes ``json.dumps`` gives each item's dict: escapes, nulls,
    empty texts and booleans alike, also when its caches already hold parts of an earlier item;
    and a separator or bidi character escaped (``\\u2028``), the same text to any reader."""
    from store.safe_text import json_safe
    from tui.reports.json_data import item_dict, item_writer

    write = item_writer()
    for item in _LISTED + _LISTED:
        assert write(item) == json_safe(json.dumps(item_dict(item), ensure_ascii=False))
        assert json.loads(write(item)) == json.loads(json.dumps(item_dict(item)))
    assert "\\u2028" in write(_LISTED[0]) and "\u2028" not in write(_LISTED[0])
