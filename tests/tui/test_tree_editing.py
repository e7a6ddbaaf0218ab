"""Pilot tests: the clerk fixes the task tree in the app (add, edit, move, archive items), sees it
at once, and ctrl+z takes it back; the dialogs fit an 80x24 terminal."""
from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, Input, OptionList, Select

from tests.tui.app_pilot import cursor_key, goto, label, main_screen, press_on
from tests.tui.tui_helpers import SIZE, WULONG, make_app, notifications, row, row_or_none, settle
from tui.screens.confirm_dialog import ConfirmDialog
from tui.screens.node_dialog import NodeDialog
from tui.screens.parent_picker import ParentPicker

C3 = f"{WULONG}/c3"


def children(db: Path, parent: str) -> list[str]:
    import sqlite3

    conn = sqlite3.connect(str(db))
    try:
        return [r[0] for r in conn.execute("SELECT id FROM nodes WHERE parent_id = ? AND archived_at IS NULL "
                                           "ORDER BY seq", (parent,))]
    finally:
        conn.close()


def shown_children(app, parent: str) -> list[str]:
    node = main_screen(app).tree.by_key[f"n:{parent}"]
    return [c.data.id for c in node.children if c.data is not None and c.data.kind == "n"]


async def test_add_a_section_under_a_chapter_edit_it_and_undo(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press_on(pilot, f"n:{C3}", "A")
        dialog = app.screen
        assert isinstance(dialog, NodeDialog)
        assert dialog.query_one("#field-kind", Select).value == "section"  # under a chapter: a section
        dialog.query_one("#field-number", Input).value = "（九）"
        dialog.query_one("#field-title", Input).value = "[b]中期调整[/b]新增一节"  # data, never markup
        dialog.query_one("#field-text", Input).value = "根据中期评估新增。"
        dialog.query_one("#field-text", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        new = f"{WULONG}/c3.new1"
        saved = row(seeded_db, "SELECT kind, number, title, text, origin FROM nodes WHERE id = ?", new)
        assert tuple(saved) == ("section", "（九）", "[b]中期调整[/b]新增一节", "根据中期评估新增。", "clerk")
        assert children(seeded_db, C3)[-1] == new and shown_children(app, C3)[-1] == new
        assert cursor_key(app) == f"n:{new}" and "[b]中期调整[/b]新增一节" in label(app, f"n:{new}")
        # edit it: the dialog opens with its values
        await pilot.press("E")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, NodeDialog)
        assert dialog.query_one("#field-title", Input).value == "[b]中期调整[/b]新增一节"
        dialog.query_one("#field-title", Input).value = "优化准入服务"
        dialog.query_one("#field-text", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert row(seeded_db, "SELECT title FROM nodes WHERE id = ?", new)["title"] == "优化准入服务"
        assert "优化准入服务" in label(app, f"n:{new}")
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert row(seeded_db, "SELECT title FROM nodes WHERE id = ?", new)["title"] == "[b]中期调整[/b]新增一节"
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert row_or_none(seeded_db, "SELECT id FROM nodes WHERE id = ?", new) is None
        assert new not in shown_children(app, C3)


async def test_move_up_and_down_among_siblings_then_undo(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    first, second = f"{C3}.s1", f"{C3}.s2"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, f"n:{second}")
        before = children(seeded_db, C3)
        await pilot.press("ctrl+up")
        await settle(pilot)
        assert children(seeded_db, C3)[:2] == [second, first] and shown_children(app, C3)[:2] == [second, first]
        assert cursor_key(app) == f"n:{second}"
        await pilot.press("ctrl+up")  # already first: said, nothing written
        await settle(pilot)
        assert children(seeded_db, C3)[:2] == [second, first]
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert children(seeded_db, C3) == before
        await pilot.press("ctrl+z", "ctrl+z")
        await settle(pilot)
        assert children(seeded_db, C3) == before and shown_children(app, C3) == before


async def test_move_an_item_under_another_chapter_with_the_picker(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    moving, c4 = f"{C3}.s2", f"{WULONG}/c4"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press_on(pilot, f"n:{moving}", "M")
        picker = app.screen
        assert isinstance(picker, ParentPicker)
        ids = [picker.query_one(OptionList).get_option_at_index(i).id
               for i in range(picker.query_one(OptionList).option_count)]
        assert moving not in ids and f"{moving}.t1" not in ids  # never under itself or inside it
        await pilot.press(*"第四章")
        await settle(pilot)
        assert picker.query_one(OptionList).get_option_at_index(0).id == c4
        await pilot.press("enter")
        await settle(pilot)
        assert row(seeded_db, "SELECT parent_id FROM nodes WHERE id = ?", moving)["parent_id"] == c4
        assert children(seeded_db, c4)[-1] == moving
        assert cursor_key(app) == f"n:{moving}" and shown_children(app, c4)[-1] == moving
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert row(seeded_db, "SELECT parent_id FROM nodes WHERE id = ?", moving)["parent_id"] == C3


async def test_archive_asks_first_and_undo_brings_the_subtree_back(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    gone = f"{C3}.s1"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press_on(pilot, f"n:{gone}", "X")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # cancelled: nothing happens
        await settle(pilot)
        assert row(seeded_db, "SELECT archived_at FROM nodes WHERE id = ?", gone)["archived_at"] is None
        await pilot.press("X")
        await settle(pilot)
        await pilot.press("enter")  # Enter alone is "no": archiving a chapter takes a deliberate yes
        await settle(pilot)
        assert row(seeded_db, "SELECT archived_at FROM nodes WHERE id = ?", gone)["archived_at"] is None
        await pilot.press("X")
        await settle(pilot)
        await pilot.click("#confirm-yes")
        await settle(pilot)
        assert row(seeded_db, "SELECT archived_at FROM nodes WHERE id = ?", gone)["archived_at"]
        assert row(seeded_db, "SELECT count(*) AS n FROM milestones WHERE node_id LIKE ? AND archived_at IS NULL",
                   f"{gone}%")["n"] == 0
        assert gone not in shown_children(app, C3) and cursor_key(app) == f"n:{C3}"
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert row(seeded_db, "SELECT archived_at FROM nodes WHERE id = ?", gone)["archived_at"] is None
        assert gone in shown_children(app, C3)


async def test_an_edit_on_a_milestone_line_is_refused_with_a_word(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press_on(pilot, f"m:{WULONG}/a1.p1.yangjiao", "X")
        assert not isinstance(app.screen, ConfirmDialog)
        assert any("not a milestone" in str(n.message) for n in notifications(app))


async def test_the_dialogs_fit_an_80_by_24_terminal_in_chinese(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong", lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await goto(pilot, f"n:{C3}.s1")
        for key, kind in (("E", NodeDialog), ("M", ParentPicker), ("X", ConfirmDialog)):
            await pilot.press(key)
            await settle(pilot)
            dialog = app.screen
            assert isinstance(dialog, kind)
            shown = [*dialog.query(Input), *dialog.query(Button), *dialog.query(Select),
                     *dialog.query("#parent-options")]
            assert shown
            for widget in shown:
                region = widget.region
                assert region.height and region.y >= 0 and region.y + region.height <= 24, (kind, widget)
                assert region.x >= 0 and region.x + region.width <= 80, (kind, widget)
            await pilot.press("escape")
            await settle(pilot)
        assert app.screen is main_screen(app)
