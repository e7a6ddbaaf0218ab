"""What the app asks of the reporting cycle (store.view_progress): the lights of the lines on
screen (for the open parents only, agreeing with the one rule), one line's reports and 序时, the
form's presets, and the reporting filters of the sparse tree."""
from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from store import lights as lt
from store import progress_actions as pa
from store import progress_views as pv
from store import tree as tr
from store import units as un
from store import view
from store import view_progress as vp
from store.errors import BadInput

WULONG = "wulong-2021-2025"
T_ON = f"{WULONG}/c3.s1.t1"
T_BEHIND = f"{WULONG}/c3.s2.t1"
JULY = date(2023, 7, 10)


def _settings(conn: sqlite3.Connection, today: date = JULY) -> lt.Settings:
    return lt.settings(conn, WULONG, today, 30)


def test_top_level_lines_carry_the_rule_s_lights_and_the_plan_s_counts(conn: sqlite3.Connection) -> None:
    pa.report(conn, T_BEHIND, "2023Q1", "滞后", on=JULY)
    pa.report(conn, T_BEHIND, "2023Q2", "滞后", on=JULY)  # behind twice running: red
    top = tr.children(conn, WULONG, None, JULY)
    lights = vp.line_lights(conn, WULONG, JULY, 30, {None: top})
    whole = lt.rollups(conn, _settings(conn), (0,))
    assert lights.total == whole[WULONG] and lights.total.red >= 1
    assert lights.lines[f"n:{WULONG}/c3"] == "red"  # as red as its reddest task
    for item in top:
        counts = whole.get(item.id)
        assert lights.lines.get(item.key) == (counts.light if counts else None), item.id


def test_an_open_branch_gets_its_lines_lights_only(conn: sqlite3.Connection) -> None:
    pa.report(conn, T_ON, "2023Q2", "推进中", percent=45, on=JULY)
    section = f"{WULONG}/c3.s1"
    lines = tr.children(conn, WULONG, section, JULY)
    lights = vp.line_lights(conn, WULONG, JULY, 30, {section: lines})
    assert lights.total is None  # opening a branch does not read the whole plan
    assert set(lights.lines) <= {i.key for i in lines}
    assert lights.lines[f"n:{T_ON}"] == "green"  # reported on time, 4.9 points behind
    others = [i for i in lines if i.id != T_ON]
    assert others and all(lights.lines[i.key] == "yellow" for i in others)  # no report for 2023Q2
    # the same answer in one pass over every depth ("open all", a sparse tree)
    assert vp.line_lights(conn, WULONG, JULY, 30, {section: lines}, everything=True).lines == lights.lines


def test_milestone_lines_have_their_own_light(conn: sqlite3.Connection) -> None:
    project = f"{WULONG}/a1.p1"
    lines = tr.children(conn, WULONG, project, JULY)
    milestones = [i for i in lines if i.kind == tr.MILESTONE]
    assert milestones
    lights = vp.line_lights(conn, WULONG, JULY, 30, {project: lines})
    own = lt.milestone_lights(conn, _settings(conn), [m.id for m in milestones])
    assert {m.key: own[m.id].light for m in milestones} == {k: v for k, v in lights.lines.items() if k.startswith("m:")}
    assert lights.lines[f"m:{WULONG}/a1.p1.yangjiao"] == "red"  # due 2022-12-31, not done


def test_item_progress_lists_reports_latest_first_with_the_light_and_the_expectation(conn: sqlite3.Connection) -> None:
    pa.report(conn, T_BEHIND, "2023Q1", "推进中", percent=20, on=date(2023, 4, 8))
    pa.report(conn, T_BEHIND, "2023Q2", "滞后", percent=25, problem="审查人员不足", next_step="8月底前完成培训",
              unit="区市场监管局", on=JULY)
    p = vp.item_progress(conn, WULONG, tr.NODE, T_BEHIND, JULY, 30)
    assert p.item_id == T_BEHIND
    assert [r.period for r in p.reports] == ["2023Q2", "2023Q1"]
    assert p.reports[0].problem == "审查人员不足"
    assert (p.light.light, p.light.reason) == ("yellow", "lag_yellow")
    assert p.expected_then == pytest.approx(49.9, abs=0.1)  # at the end of 2023Q2: what 25 % is held to
    assert p.light.expected == pytest.approx(50.4, abs=0.1)  # now (2023-07-10)
    assert p.due_period == "2023Q2"


def test_a_chapter_has_no_reports_of_its_own_but_counts_its_lights(conn: sqlite3.Connection) -> None:
    p = vp.item_progress(conn, WULONG, tr.NODE, f"{WULONG}/c3", JULY, 30)
    assert p.item_id is None and p.light is None and not p.reports
    assert p.under == lt.rollups(conn, _settings(conn), (0,))[f"{WULONG}/c3"]


def test_the_form_starts_from_the_lead_unit_and_the_period_of_the_date(conn: sqlite3.Connection) -> None:
    conn.execute("UPDATE plans SET report_cycle = 'month' WHERE id = ?", (WULONG,))
    from store import actions

    actions.set_units(conn, f"{WULONG}/c3", ["区市场监管局", "区发展改革委"], support=["区商务委"])
    form = vp.report_form(conn, T_ON, date(2023, 5, 20))
    assert form.item.id == T_ON
    assert form.unit == "区市场监管局、区发展改革委"  # inherited from the chapter, lead only
    assert form.period.key == "2023-04"  # the plan's cycle, the last month ended: the reports due then
    assert (form.start_year, form.end_year) == (2021, 2025)
    with pytest.raises(BadInput):
        vp.report_form(conn, f"{WULONG}/c3", JULY)  # a chapter: its tasks report
    with pytest.raises(BadInput):
        vp.check_period("2027Q1", 2021, 2025)
    assert vp.check_period("2023年第二季度", 2021, 2025).key == "2023Q2"


def test_reporting_filters_pick_what_the_rule_and_the_cuibao_list_pick(conn: sqlite3.Connection) -> None:
    pa.report(conn, T_ON, "2023Q2", "推进中", percent=45, on=JULY)
    s = _settings(conn)
    lights = lt.item_lights(conn, s)
    for colour in ("red", "yellow"):
        found = view.matches(conn, WULONG, ("light", colour), JULY, 30)
        assert found.nodes == {i for i, light in lights.items() if light.light == colour} and found.nodes
    unreported = view.matches(conn, WULONG, ("unreported", "2023Q2"), JULY, 30)
    assert unreported.nodes == set(pv.unreported(conn, WULONG, pv.due_period(conn, WULONG, JULY), JULY))
    assert T_ON not in unreported.nodes and T_BEHIND in unreported.nodes
    choices = vp.filter_choices(conn, WULONG, JULY)
    assert choices.due_period == "2023Q2" and ("区文化旅游委", 1) in choices.units


def test_unit_filters_tell_lead_from_supporting(conn: sqlite3.Connection) -> None:
    supported = view.matches(conn, WULONG, ("unit_support", "区文化旅游委"), JULY, 30).nodes
    assert f"{WULONG}/a4.t9" in supported
    assert supported == un.nodes_of(conn, WULONG, "区文化旅游委", un.SUPPORT)
    assert not view.matches(conn, WULONG, ("unit_lead", "区文化旅游委"), JULY, 30).nodes
    assert view.matches(conn, WULONG, ("unit", "区文化旅游委"), JULY, 30).nodes == supported
