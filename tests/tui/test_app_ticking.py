"""Pilot tests: ticking a milestone, the tick dialog, indicator values, undo and redo of a tick."""
from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Static

from tests.tui.app_pilot import YANGJIAO_KEY, fill, goto, header, label, press_on
from tests.tui.tui_helpers import SIZE, WULONG, YANGJIAO, make_app, row, row_or_none, settle
from tui.screens.form_dialog import FormDialog
from tui.screens.indicators_screen import IndicatorsScreen
from tui.screens.main_screen import MainScreen


async def test_tick_and_untick_with_space_saved_at_once(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, YANGJIAO_KEY)
        assert label(app, YANGJIAO_KEY).startswith("[ ] 羊角市场监管所建成投入使用")
        await pilot.press("space")
        await settle(pilot)
        saved = row(seeded_db, "SELECT done_on FROM milestones WHERE id = ?", YANGJIAO)
        assert saved["done_on"] == "2023-06-30"
        assert label(app, YANGJIAO_KEY).startswith("[x] ")
        assert "done 2023-06-30" in label(app, YANGJIAO_KEY)
        assert "done 2" in header(app)  # the station and 附件4's row that repeats it (same_as)
        assert "1/3" in label(app, f"n:{WULONG}/a1.p1")
        await pilot.press("space")
        await settle(pilot)
        assert row(seeded_db, "SELECT done_on FROM milestones WHERE id = ?", YANGJIAO)["done_on"] is None
        assert label(app, YANGJIAO_KEY).startswith("[ ] ")
        journal = row(seeded_db, "SELECT count(*) AS n FROM journal WHERE entity_id = ?", YANGJIAO)
        assert journal["n"] == 2


async def test_tick_a_task_with_its_implicit_milestone_from_the_node(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    task = f"{WULONG}/c4.s2.t1"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press_on(pilot, f"n:{task}", "space")
        assert row(seeded_db, "SELECT done_on FROM milestones WHERE id = ?", task)["done_on"] == "2023-06-30"
        assert label(app, f"n:{task}").startswith("[x] ")


async def test_tick_dialog_takes_a_chinese_date_and_a_note(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press_on(pilot, YANGJIAO_KEY, "d")
        dialog = app.screen
        assert dialog.query_one("#field-on", Input).value == "2023-06-30"  # the as-of date by default
        await fill(pilot, on="2023年5月8日", note="已验收")
        saved = row(seeded_db, "SELECT done_on, done_note FROM milestones WHERE id = ?", YANGJIAO)
        assert (saved["done_on"], saved["done_note"]) == ("2023-05-08", "已验收")
        assert isinstance(app.screen, MainScreen)


async def test_tick_dialog_refuses_a_non_date_and_stays_open(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press_on(pilot, YANGJIAO_KEY, "d")
        await fill(pilot, on="下周吧", note="")
        assert isinstance(app.screen, FormDialog)
        assert "not a date: 下周吧" in str(app.screen.query_one("#dialog-message", Static).render())
        assert row(seeded_db, "SELECT done_on FROM milestones WHERE id = ?", YANGJIAO)["done_on"] is None


async def test_record_indicator_value_and_refuse_a_non_number(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, IndicatorsScreen)
        table = screen.query_one(DataTable)
        assert table.row_count == 17
        first = screen.indicators[0]
        # move to the 2022 column of the first indicator
        col = 5 + screen.years.index(2022)
        for _ in range(col):
            await pilot.press("right")
        await pilot.press("r")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        assert dialog.query_one("#field-year", Input).value == "2022"
        await fill(pilot, value="三点六")
        assert isinstance(app.screen, FormDialog), "a non-number keeps the dialog open"
        assert "not a number: 三点六" in str(app.screen.query_one("#dialog-message", Static).render())
        assert row_or_none(seeded_db, "SELECT * FROM actuals WHERE indicator_id = ?", first.id) is None
        await fill(pilot, value="3.6")
        assert isinstance(app.screen, IndicatorsScreen)
        saved = row(seeded_db, "SELECT year, value FROM actuals WHERE indicator_id = ?", first.id)
        assert (saved["year"], saved["value"]) == (2022, 3.6)
        cell = table.get_cell_at(table.cursor_coordinate)
        assert "3.6" in cell.plain


async def test_record_from_the_keyboard_only_as_the_readme_says(seeded_db: Path) -> None:
    """i, down to 消费投诉按期办结率, r, type the value, enter: saved for the as-of year."""
    app = make_app(seeded_db, plan="wulong")  # as of 2023-06-30
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        for _ in range(13):
            await pilot.press("down")
        await pilot.press("r")
        await settle(pilot)
        assert app.focused is not None and app.focused.id == "field-value"
        await pilot.press(*"96.5", "enter")
        await settle(pilot)
        assert isinstance(app.screen, IndicatorsScreen)
        saved = row(seeded_db, "SELECT year, value FROM actuals WHERE indicator_id = ?", f"{WULONG}/i14")
        assert (saved["year"], saved["value"]) == (2023, 96.5)


async def test_undo_and_redo_a_tick(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press_on(pilot, YANGJIAO_KEY, "space")
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert row(seeded_db, "SELECT done_on FROM milestones WHERE id = ?", YANGJIAO)["done_on"] is None
        assert label(app, YANGJIAO_KEY).startswith("[ ] ")
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert row(seeded_db, "SELECT done_on FROM milestones WHERE id = ?", YANGJIAO)["done_on"] == "2023-06-30"
        assert label(app, YANGJIAO_KEY).startswith("[x] ")
