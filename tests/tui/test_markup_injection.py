"""Plan text is never markup: titles like ``完成[/]`` and ``[red]x`` show literally, nothing crashes."""
from __future__ import annotations

from pathlib import Path

from textual.coordinate import Coordinate
from textual.widgets import DataTable, Static

from tests.tui.tui_helpers import SIZE, make_app, notifications, row, settle
from tui.screens.indicators_screen import IndicatorsScreen
from tui.screens.main_screen import MainScreen
from tui.widgets.detail_pane import DetailPane

PLAN = "markup-2021-2025"


async def test_tree_detail_table_and_notifications_show_markup_literally(markup_db: Path) -> None:
    app = make_app(markup_db, plan="markup")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        tree = main.tree
        # header: plan title and bureau literally
        header = str(main.query_one("#header", Static).render())
        assert "标记测试[/]规划" in header and "[bold]局[/bold]" in header
        # tree: open everything
        main.refresh_view(reveal=f"m:{PLAN}/c1.t2.m2")
        await settle(pilot)
        labels = {k: n.label.plain for k, n in tree.by_key.items()}
        assert labels[f"n:{PLAN}/c1"].startswith("第[一]章 完成[/]")
        assert "1. [red]x" in labels[f"n:{PLAN}/c1.t1"]
        assert "2. [bold]粗[/bold]" in labels[f"n:{PLAN}/c1.t2"]
        assert "完成[/]" in labels[f"m:{PLAN}/c1.t2.m1"]
        assert "[@click=app.quit]点我[/]" in labels[f"m:{PLAN}/c1.t2.m2"]
        # detail pane of each line
        for key, expected in ((f"n:{PLAN}/c1", "正文里有[/]和[red]红[/red]以及[link=http://x]链接[/link]。"),
                              (f"n:{PLAN}/c1.t1", "[bold]粗[/bold]的说明文字"),
                              (f"m:{PLAN}/c1.t2.m1", "完成[/]")):
            tree.select_key(key)
            await settle(pilot)
            text = main.query_one(DetailPane).plain_text(width=200)
            assert expected in text, key
        tree.select_key(f"n:{PLAN}/c1")
        await settle(pilot)
        assert "[b]科室[/b]" in main.query_one(DetailPane).plain_text(width=200)
        assert "markup[/].txt" in main.query_one(DetailPane).plain_text(width=200)
        # notifications: tick a milestone titled 完成[/], and one whose title is a click action
        tree.select_key(f"m:{PLAN}/c1.t2.m1")
        await settle(pilot)
        await pilot.press("space")
        await settle(pilot)
        assert any("完成[/]" in str(n.message) for n in notifications(app))
        tree.select_key(f"m:{PLAN}/c1.t2.m2")
        await settle(pilot)
        await pilot.press("space")
        await settle(pilot)
        assert app.is_running, "a title with an @click action did not run it"
        assert any("[@click=app.quit]点我[/]" in str(n.message) for n in notifications(app))
        assert row(markup_db, "SELECT done_on FROM milestones WHERE id = ?", f"{PLAN}/c1.t2.m1")["done_on"]
        # search and filter with a bracket query
        await pilot.press("slash")
        await pilot.press(*"[/]")
        await pilot.press("enter")
        await settle(pilot)
        assert f"n:{PLAN}/c1" in tree.matched
        assert "[/]" in str(main.query_one("#filter-bar", Static).render())
        # indicators table
        await pilot.press("i")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, IndicatorsScreen)
        table = screen.query_one(DataTable)
        cells = [table.get_cell_at(Coordinate(0, c)) for c in range(len(table.columns))]
        plain = [c.plain if hasattr(c, "plain") else str(c) for c in cells]
        assert "[red]x" in plain[1]
        assert "[/]" in plain[2]
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, IndicatorsScreen)
        # rendering the whole screen at idle (where DataTable would parse markup) does not crash
        await pilot.pause(0.2)
        app.save_screenshot(str(markup_db.parent / "screen.svg"))
        assert app.is_running
