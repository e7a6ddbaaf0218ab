"""The app with bad input and hostile text: dates and values refused in place, text shown as text,
dialogs that fit 80x24, and deletes and re-ticks that say what they do."""
from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from tests.tui.app_pilot import fill, goto, press_on
from tests.tui.tui_helpers import SIZE, YANGJIAO, make_app, notifications, row, settle
from tui.screens.form_dialog import FormDialog
from tui.screens.main_screen import MainScreen

YANGJIAO_KEY = f"m:{YANGJIAO}"


def message(app) -> str:
    return str(app.screen.query_one("#dialog-message", Static).render())


async def test_a_completion_date_after_the_as_of_date_is_refused_in_place(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")  # as of 2023-06-30
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press_on(pilot, YANGJIAO_KEY, "d")
        await fill(pilot, on="年底", note="")
        assert isinstance(app.screen, FormDialog)
        assert "2023-12-31 is after the as-of date 2023-06-30" in message(app)
        assert row(seeded_db, "SELECT done_on FROM milestones WHERE id = ?", YANGJIAO)["done_on"] is None
        await fill(pilot, on="6月底", note="")  # a phrase in the as-of year
        assert isinstance(app.screen, MainScreen)
        assert row(seeded_db, "SELECT done_on FROM milestones WHERE id = ?", YANGJIAO)["done_on"] == "2023-06-30"


async def test_the_as_of_date_dialog_reads_phrases_and_refuses_far_years(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        await fill(pilot, on="3000-01-01")
        assert isinstance(app.screen, FormDialog) and "outside the years 1949..2100" in message(app)
        await fill(pilot, on="2023年11月底")
        await settle(pilot)
        assert app.today.isoformat() == "2023-11-30"


async def _record_dialog_on_i14(pilot) -> None:
    await settle(pilot)
    await pilot.press("i")
    await settle(pilot)
    for _ in range(13):  # 消费投诉按期办结率 (%), the as-of year's column
        await pilot.press("down")
    await pilot.press("r")
    await settle(pilot)


async def test_record_dialog_reads_a_decimal_comma_and_refuses_a_year_outside_the_plan(seeded_db: Path) -> None:
    from tui.screens.indicators_screen import IndicatorsScreen

    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await _record_dialog_on_i14(pilot)
        await fill(pilot, year="2032", value="96,5")
        assert isinstance(app.screen, FormDialog)
        assert "2032 is outside the plan's period 2021..2025" in message(app)
        await fill(pilot, year="2023", value="96,5")
        assert isinstance(app.screen, IndicatorsScreen)
        saved = row(seeded_db, "SELECT value FROM actuals WHERE indicator_id = ? AND year = 2023",
                    "wulong-2021-2025/i14")
        assert saved["value"] == 96.5  # before: 965


async def test_a_percentage_over_100_is_recorded_with_a_warning(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await _record_dialog_on_i14(pilot)
        await fill(pilot, value="965")
        await settle(pilot)
        warnings = [n.message for n in notifications(app) if n.severity == "warning"]
        assert any("965% is outside 0..100" in w for w in warnings)
        saved = row(seeded_db, "SELECT value FROM actuals WHERE indicator_id = ? AND year = 2023",
                    "wulong-2021-2025/i14")
        assert saved["value"] == 965.0


def _hostile_db(tmp_path: Path) -> Path:
    from store.db import open_store
    from store.importer import import_file
    from tests.conftest import FIXTURES

    path = tmp_path / "hostile.sqlite3"
    conn = open_store(path, seed=False)
    import_file(conn, FIXTURES / "hostile_plan.yaml")
    conn.close()
    return path


def _assert_no_controls(text: str) -> None:
    import re

    found = re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text)
    assert found is None, f"raw {found.group()!r} drawn" if found else ""


async def test_hostile_plan_text_is_drawn_as_text_everywhere(tmp_path: Path) -> None:
    from textual.widgets import DataTable

    from tui.screens.indicators_screen import IndicatorsScreen
    from tui.widgets.detail_pane import DetailPane

    db = _hostile_db(tmp_path)
    app = make_app(db, plan="hostile")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.refresh_view(reveal="m:hostile-2021-2025/c1.t1.m1")
        await settle(pilot)
        labels = [node.label.plain for node in screen.tree.by_key.values() if node.label is not None]
        assert any("里程碑\\u001b[31m红" in label for label in labels)
        for label in labels:
            _assert_no_controls(label)
        detail = screen.query_one(DetailPane).plain_text()
        assert "任务\\u001b[2K\\u001b[1G伪造的一行" in detail
        _assert_no_controls(detail)
        _assert_no_controls(app.export_screenshot())  # header, tree, detail pane as drawn
        await pilot.press("space")  # tick: the toast names the hostile title
        await settle(pilot)
        toasts = [str(n.message) for n in notifications(app)]
        assert any("\\u001b[31m" in toast for toast in toasts)
        for toast in toasts:
            _assert_no_controls(toast)
        _assert_no_controls(app.export_screenshot())
        await pilot.press("e")  # the edit dialog: title, subtitle and fields
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)
        _assert_no_controls(app.export_screenshot())
        assert "\\u001b[31m" in app.screen.query_one("#field-title", Input).value
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("i")  # the indicators view
        await settle(pilot)
        assert isinstance(app.screen, IndicatorsScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        _assert_no_controls(app.export_screenshot())
        detail_text = str(app.screen.query_one("#ind-detail", Static).render())
        assert "\\u001b]52;c;ZXZpbA==" in detail_text


SMALL = (80, 24)


def _fits(app) -> None:
    """The open dialog lies on the screen, and its buttons and message line inside it."""
    from textual.geometry import Region

    screen = app.screen
    dialog = screen.query_one("#dialog")
    assert Region(0, 0, *SMALL).contains_region(dialog.region), dialog.region
    for wid in ("#save", "#cancel", "#dialog-message"):
        if screen.query(wid):
            widget = screen.query_one(wid)
            assert dialog.content_region.contains_region(widget.region), (type(screen).__name__, wid)


async def test_every_dialog_fits_an_80x24_terminal(seeded_db: Path) -> None:
    from tui.screens.indicators_screen import IndicatorsScreen

    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await goto(pilot, YANGJIAO_KEY)
        for key in ("d", "a", "e", "u", "t", "f", "p"):
            await pilot.press(key)
            await settle(pilot)
            assert app.screen is not app.screen_stack[0], key
            _fits(app)
            await pilot.press("escape")
            await settle(pilot)
        await pilot.press("d")  # a refusal: the message line shows and the buttons stay in view
        await settle(pilot)
        await fill(pilot, on="这不是一个日期,而是一段很长的文字,长到错误信息要折成两行才放得下", note="")
        assert "not a date" in message(app)
        _fits(app)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, IndicatorsScreen)
        await pilot.press("r")
        await settle(pilot)
        _fits(app)


async def test_no_widget_edge_falls_inside_a_toasts_text(seeded_db: Path) -> None:
    """Textual drops a wide character where an overlay crosses a widget edge (issue #6357), so a
    toast's text must not span the tree/detail divider or any other edge, at 80x24 and wider."""

    for size in (SMALL, (121, 36)):
        app = make_app(seeded_db, plan="wulong")
        async with app.run_test(size=size, notifications=True) as pilot:
            await settle(pilot)
            await press_on(pilot, YANGJIAO_KEY, "space")
            await pilot.pause(0.2)
            [toast] = list(app.screen.query("Toast"))  # by CSS type name: Toast is not public API
            text = toast.content_region
            assert text.width > 20
            for widget in app.screen.walk_children():
                region = widget.region
                if type(widget).__name__ == "Toast" or not region or not region.overlaps(toast.region):
                    continue
                for edge in (region.x, region.right):
                    assert not text.x < edge < text.right, (size, type(widget).__name__, edge, text)


def _detail(app) -> str:
    from tui.widgets.detail_pane import DetailPane

    return app.screen_stack[0].query_one(DetailPane).plain_text()


async def test_deleting_a_plan_milestone_asks_first_then_refreshes_tree_and_detail(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("o")  # overdue only: 羊角 is overdue as of 2023-06-30
        await settle(pilot)
        await goto(pilot, YANGJIAO_KEY)
        assert "羊角市场监管所建成投入使用" in _detail(app)
        await pilot.press("delete")
        await settle(pilot)
        assert app.screen is not app.screen_stack[0], "a milestone from the plan file: asked first"
        _fits(app)
        await pilot.press("escape")  # no: nothing happens
        await settle(pilot)
        assert row(seeded_db, "SELECT archived_at FROM milestones WHERE id = ?", YANGJIAO)["archived_at"] is None
        await pilot.press("delete")
        await settle(pilot)
        await pilot.click("#confirm-yes")
        await settle(pilot)
        assert row(seeded_db, "SELECT archived_at FROM milestones WHERE id = ?", YANGJIAO)["archived_at"]
        screen = app.screen_stack[0]
        assert YANGJIAO_KEY not in screen.tree.by_key, "the filtered tree no longer shows it"
        assert "羊角市场监管所建成投入使用" not in _detail(app), "the detail pane no longer shows it"


async def test_after_a_delete_in_a_search_the_detail_pane_follows_the_cursor(seeded_db: Path) -> None:
    """Before: the cursor's line number stayed, no highlight came, the deleted milestone stayed shown."""
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        await pilot.press(*"羊角", "enter")
        await settle(pilot)
        await press_on(pilot, YANGJIAO_KEY, "delete")
        await pilot.click("#confirm-yes")
        await settle(pilot)
        screen = app.screen_stack[0]
        assert YANGJIAO_KEY not in screen.tree.by_key
        item = screen.tree.current
        assert item is not None and item.milestone is not None
        assert _detail(app).splitlines()[0] == item.milestone.title


async def test_ticking_a_ticked_milestone_again_says_so(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press_on(pilot, YANGJIAO_KEY, "d")
        await fill(pilot, on="2022-11-30", note="")
        await pilot.press("d")
        await settle(pilot)
        subtitle = str(app.screen.query_one("#dialog-subtitle", Static).render())
        assert "Already ticked as done on 2022-11-30" in subtitle
