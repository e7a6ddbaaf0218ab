"""Pilot tests: what the app tells the clerk about itself: the help, the palette, the Chinese
labels, the tree's measure."""
from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from tests.tui.app_pilot import YANGJIAO_KEY, goto, header, main_screen
from tests.tui.tui_helpers import SIZE, make_app, settle
from tui.screens.help_screen import HelpScreen
from tui.screens.main_screen import MainScreen


async def test_help_lists_every_key(seeded_db: Path) -> None:
    from tui.actions import ACTIONS

    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        rows = _table_rows(app.screen)
        text = "\n".join(" ".join(r) for r in rows)
        for action in ACTIONS:
            assert app.t(f"{action.id}_help") in text, action
        for key in ("space", "ctrl+z", "ctrl+y", "/", "?", "ctrl+p", "n", "t", "p", "i", "r"):
            assert any(cells[0] == key or key in cells[0].split(", ") for cells in rows), key
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


def _table_rows(screen) -> list[list[str]]:
    """The help screen's (keys, what) rows, as it was given them."""
    return [[keys, what] for _, rows in screen.sections for keys, what in rows]


async def test_every_action_is_in_the_command_palette(seeded_db: Path) -> None:
    from textual.command import CommandPalette

    from tui.actions import ACTIONS

    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # open the palette: with nothing typed it lists every command it has
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert CommandPalette.is_open(app)
        shown = {str(option.prompt).split("\n")[0] for option in app.screen.query(OptionList).first().options}
        assert shown == {app.t(a.id) for a in ACTIONS if a.palette}
        # and one runs from there: pick "Overdue"
        await pilot.press(*"Overdue")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert main_screen(app).flt == ("state", "overdue")


async def test_chinese_labels_under_lang_zh(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong", lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "截至 2023-06-30" in header(app)
        assert "逾期 17" in header(app)
        descriptions = {b.binding.description for b in app.screen.active_bindings.values()}
        assert "勾选" in descriptions and "搜索" in descriptions


async def test_tree_measures_lines_as_textual_tree_does(seeded_db: Path) -> None:
    """PlanTree measures line widths without building styled labels; horizontal scrolling must
    still reach the end of the longest (wide-character) title, expanded or not."""
    from rich.style import Style

    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, YANGJIAO_KEY)
        tree = main_screen(app).tree
        shown = [tree.get_node_at_line(n) for n in range(tree.last_line + 1)]
        nodes = [node for node in shown if node is not None]
        assert len(nodes) == len(shown) > 1
        assert any(node.allow_expand and node.is_expanded for node in nodes)
        assert any(node.allow_expand and not node.is_expanded for node in nodes)
        assert any(not node.allow_expand for node in nodes)
        for node in nodes:  # as Tree measures: the label as drawn, icon and all
            assert tree.get_label_width(node) == tree.render_label(node, Style(), Style()).cell_len, node.label
