"""The reporting cycle in the app (issue 11): ``r`` writes a progress report through a form, the
detail pane shows the reports and the 序时 expectation, the tree and the header show the lights,
and the filter dialog narrows the tree to red, yellow, not reported, or a unit's tasks by role."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from rich.text import Text
from textual.widgets import Button, Input, OptionList, RadioButton, RadioSet, Static

from store import lights as lt
from store import progress_actions as pa
from store import progress_views as pv
from store.db import connect
from tests.tui.app_pilot import goto, header, main_screen, press_on
from tests.tui.tui_helpers import SIZE, WULONG, make_app, notifications, row, row_or_none, settle
from tui.screens.main_screen import MainScreen
from tui.screens.progress_dialog import ProgressDialog
from tui.theme import LIGHT_MARK, LIGHT_STYLE
from tui.widgets.detail_pane import DetailPane

TASK = f"{WULONG}/c3.s2.t1"
TASK_KEY = f"n:{TASK}"
JULY = date(2023, 7, 10)


def detail_text(app) -> str:
    return main_screen(app).query_one(DetailPane).plain_text(width=100)


def mark_style(label: str | Text) -> str | None:
    """The style of the light's mark on a tree line, None if the line has no mark."""
    assert isinstance(label, Text)  # a tree line's label is always Text
    at = label.plain.find(LIGHT_MARK)
    if at < 0:
        return None
    return next((str(span.style) for span in label.spans if span.start <= at < span.end), None)


async def open_form(pilot, key: str = TASK_KEY) -> ProgressDialog:
    await press_on(pilot, key, "r")
    dialog = pilot.app.screen
    assert isinstance(dialog, ProgressDialog)
    return dialog


def field(dialog: ProgressDialog, name: str) -> Input:
    return dialog.query_one(f"#field-{name}", Input)


def message(dialog: ProgressDialog) -> str:
    return str(dialog.query_one("#dialog-message", Static).render())


async def test_r_writes_a_report_that_shows_at_once_and_ctrl_z_takes_back(seeded_db: Path) -> None:
    conn = connect(seeded_db)
    from store import actions

    actions.set_units(conn, f"{WULONG}/c3", ["区市场监管局"])  # the task inherits its chapter's lead unit
    conn.close()
    app = make_app(seeded_db, plan="wulong", today=JULY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = await open_form(pilot)
        # presets: the quarter just ended (whose reports are due), the lead unit (inherited), on track
        assert field(dialog, "period").value == "2023Q2"
        assert field(dialog, "unit").value == "区市场监管局"
        assert dialog.query_one("#field-state", RadioSet).pressed_button.id == "state-on_track"
        assert "2023-04-01 to 2023-06-30" in message(dialog)
        # a period outside the plan and a share over 100 are refused in place, nothing is lost
        field(dialog, "note").value = "完成清理"
        field(dialog, "period").value = "2027Q1"
        await pilot.click("#save")
        await settle(pilot)
        assert app.screen is dialog and "outside the plan's period 2021-2025" in message(dialog)
        field(dialog, "period").value = "2023年第二季度"
        field(dialog, "percent").value = "120"
        await pilot.click("#save")
        await settle(pilot)
        assert app.screen is dialog and "from 0 to 100, not 120" in message(dialog)
        assert field(dialog, "note").value == "完成清理"
        # the keyboard chooses the state: from the preset (推进中) right to 滞后, enter; on to the period
        dialog.query_one("#field-state", RadioSet).focus()
        await pilot.press("right", "enter")
        assert field(dialog, "period").has_focus
        field(dialog, "percent").value = "25%"
        field(dialog, "problem").value = "审查人员不足,存量文件清理未完成[/]"
        field(dialog, "next").value = "8月底前完成培训和清理"
        field(dialog, "evidence").value = "公平竞争审查台账.xlsx；培训通知.pdf"
        await pilot.click("#save")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        saved = row(seeded_db, "SELECT * FROM progress WHERE item_id = ?", TASK)
        assert saved is not None
        assert (saved["period"], saved["state"], saved["percent"], saved["unit"], saved["reported_on"]) == \
            ("2023Q2", "behind", 25.0, "区市场监管局", "2023-07-10")
        assert saved["note"] == "完成清理" and saved["problem"].endswith("[/]")
        assert json.loads(saved["evidence"]) == ["公平竞争审查台账.xlsx", "培训通知.pdf"]
        # the detail pane and the tree follow
        text = detail_text(app)
        assert "2023Q2 · behind 25%" in text and "审查人员不足,存量文件清理未完成[/]" in text
        assert "8月底前完成培训和清理" in text and "公平竞争审查台账.xlsx；培训通知.pdf" in text
        assert "reported 25% for 2023Q2 against 49.9% expected by its end (24.9 points behind)" in text
        tree = main_screen(app).tree
        assert mark_style(tree.by_key[TASK_KEY].label) == LIGHT_STYLE["yellow"]  # 滞后, 24.9 points behind
        # ctrl+z takes the report back
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert row_or_none(seeded_db, "SELECT * FROM progress WHERE item_id = ?", TASK) is None
        assert "no progress report yet" in detail_text(app)


async def test_a_done_report_ticks_the_task_and_turns_its_light_green(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong", today=JULY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = await open_form(pilot)
        dialog.query_one("#state-done", RadioButton).value = True
        field(dialog, "period").value = "2023Q2"
        await pilot.click("#save")
        await settle(pilot)
        assert row(seeded_db, "SELECT done_on FROM milestones WHERE id = ?", TASK)["done_on"] == "2023-07-10"
        label = main_screen(app).tree.by_key[TASK_KEY].label
        assert label.plain.startswith("[x] ") and mark_style(label) == LIGHT_STYLE["green"]


async def test_r_on_a_chapter_says_to_report_on_its_tasks(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong", today=JULY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press_on(pilot, f"n:{WULONG}/c3", "r")
        assert isinstance(app.screen, MainScreen)
        assert any("no target of its own" in str(n.message) for n in notifications(app))


async def test_the_form_fits_80x24_in_chinese(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong", today=JULY, lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        dialog = await open_form(pilot)
        labels = [str(b.label) for b in dialog.query(RadioButton)]
        assert labels == ["未启动", "推进中", "滞后", "已完成"]
        screen_region = dialog.region
        for widget in [*dialog.query(Input), *dialog.query(RadioButton), *dialog.query(Button)]:
            region = widget.region
            assert region.height and screen_region.contains_region(region), widget
        assert str(dialog.query_one("#dialog-title", Static).render()) == "为所选任务或节点录入进展情况"
        field(dialog, "period").value = "明年"
        await pilot.click("#save")
        await settle(pilot)
        assert "不是报送期:明年" in message(dialog)


async def test_the_detail_pane_shows_the_light_its_reason_and_the_xushi_expectation(seeded_db: Path) -> None:
    conn = connect(seeded_db)
    pa.report(conn, TASK, "2023Q1", "推进中", percent=20, note="完成第一批清理", on=date(2023, 4, 8),
              source="台账一季度.xlsx")
    pa.report(conn, TASK, "2023Q2", "滞后", percent=25, problem="审查人员不足\x1b[2J", unit="区市场监管局\u202e",
              on=JULY)
    conn.close()
    app = make_app(seeded_db, plan="wulong", today=JULY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, TASK_KEY)
        text = detail_text(app)
        assert "yellow · behind the time elapsed" in text
        assert "50.4% of its span has elapsed" in text  # 序时进度 as of 2023-07-10
        assert text.index("2023Q2 · behind 25%") < text.index("2023Q1 · on track 20%")  # latest first
        assert "from 台账一季度.xlsx" in text and "完成第一批清理" in text
        # report text is data: a control or bidi character is shown, never acted on
        assert "审查人员不足\\u001b[2J" in text and "区市场监管局\\u202e" in text and "\x1b" not in text
        # a chapter: the lights of its tasks
        await goto(pilot, f"n:{WULONG}/c3")
        assert "Under it:" in detail_text(app) and "tracked items" in detail_text(app)


async def test_tree_lines_and_header_show_the_lights_of_the_lines_on_screen_only(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong", today=JULY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tree = main_screen(app).tree
        conn = connect(seeded_db)
        whole = lt.rollups(conn, lt.settings(conn, WULONG, JULY, 30), (0,))
        conn.close()
        total = whole[WULONG]
        assert f"red {total.red} yellow {total.yellow} green {total.green}" in header(app)
        assert set(tree.lights) <= {k for k, n in tree.by_key.items() if n.parent is tree.root}  # top level only
        c3 = tree.by_key[f"n:{WULONG}/c3"]
        light = whole[f"{WULONG}/c3"].light
        assert light is not None and mark_style(c3.label) == LIGHT_STYLE[light]
        assert c3.label.plain.endswith(f"{LIGHT_MARK} 0/11")  # beside done/total
        # opening a branch brings its lines' lights
        await goto(pilot, f"n:{WULONG}/a1.p1")
        assert f"m:{WULONG}/a1.p1.yangjiao" not in tree.lights
        await pilot.press("right")
        await settle(pilot)
        yangjiao = tree.by_key[f"m:{WULONG}/a1.p1.yangjiao"]
        assert mark_style(yangjiao.label) == LIGHT_STYLE["red"]  # overdue since 2022-12-31
        assert f"{LIGHT_MARK} due 2022-12-31" in yangjiao.label.plain


async def test_filters_red_yellow_not_reported_and_unit_by_role(seeded_db: Path) -> None:
    conn = connect(seeded_db)
    pa.report(conn, f"{WULONG}/c3.s1.t1", "2023Q2", "推进中", percent=45, on=JULY)
    s = lt.settings(conn, WULONG, JULY, 30)
    lights = lt.item_lights(conn, s)
    owing = set(pv.unreported(conn, WULONG, pv.due_period(conn, WULONG, JULY), JULY))
    conn.close()
    app = make_app(seeded_db, plan="wulong", today=JULY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tree = main_screen(app).tree

        async def choose(*option_ids: str) -> None:
            await pilot.press("f")
            await settle(pilot)
            for option_id in option_ids:
                options = app.screen.query_one(OptionList)
                options.highlighted = next(i for i in range(options.option_count)
                                           if options.get_option_at_index(i).id == option_id)
                await pilot.press("enter")
                await settle(pilot)

        for colour in ("red", "yellow"):
            await choose(f"f-{colour}")
            assert tree.matched == {f"n:{i}" for i, x in lights.items() if x.light == colour}
            assert all(tree.lights[k] == colour for k in tree.matched)
            assert f"{colour.capitalize()} lights" in str(app.screen.query_one("#filter-bar", Static).render())
        await choose("f-unreported")
        assert tree.matched == {f"n:{i}" for i in owing} and f"n:{WULONG}/c3.s1.t1" not in tree.matched
        assert "Not reported for 2023Q2" in str(app.screen.query_one("#filter-bar", Static).render())
        await pilot.press("f")
        await settle(pilot)
        options = app.screen.query_one(OptionList)
        unit_option = next(options.get_option_at_index(i).id for i in range(options.option_count)
                           if "区文化旅游委" in str(options.get_option_at_index(i).prompt))
        await pilot.press("escape")
        await settle(pilot)
        await choose(unit_option, "unit_support")
        assert f"n:{WULONG}/a4.t9" in tree.matched
        assert "Unit, as supporting: 区文化旅游委" in str(app.screen.query_one("#filter-bar", Static).render())
        await choose(unit_option, "unit_lead")
        assert not tree.matched  # nobody names it as a lead unit


async def test_a_large_plan_s_lights_come_after_the_first_paint_with_its_roll_ups(seeded_db: Path,
                                                                                   monkeypatch) -> None:
    from store import view

    monkeypatch.setattr(view, "SMALL_PLAN", 0)  # Wulong as if it had 50,000 milestones
    conn = connect(seeded_db)
    first = view.first_view(conn, 1, WULONG, JULY, 30)
    conn.close()
    assert first.lights is None and not first.rollups  # the first paint reads neither
    app = make_app(seeded_db, plan="wulong", today=JULY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tree = main_screen(app).tree
        assert "red 16 yellow 64 green 0" in header(app)
        c3 = tree.by_key[f"n:{WULONG}/c3"]
        assert mark_style(c3.label) == LIGHT_STYLE["yellow"] and "0/11" in c3.label.plain
