"""Pilot tests: adding, editing and deleting milestones, and setting a task's unit."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.tui.app_pilot import cursor_key, detail_text, fill, goto, label, main_screen, press_on
from tests.tui.tui_helpers import SIZE, WULONG, forget_notifications, make_app, notifications, row, settle
from tui.screens.main_screen import MainScreen


async def test_add_edit_delete_milestone_and_undo_the_delete(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    node = f"{WULONG}/a1.p1"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press_on(pilot, f"n:{node}", "a")
        await fill(pilot, title="完成验收", due="2024年6月底")
        added = row(seeded_db,
                    "SELECT id, due, due_phrase, title FROM milestones WHERE node_id = ? AND origin = 'clerk'", node)
        assert (added["title"], added["due"], added["due_phrase"]) == ("完成验收", "2024-06-30", "2024年6月底")
        new_key = f"m:{added['id']}"
        assert cursor_key(app) == new_key, "the new milestone is selected"
        assert "完成验收" in label(app, new_key)
        # edit: title and a due phrase without a year (the as-of year)
        await pilot.press("e")
        await settle(pilot)
        await fill(pilot, title="完成竣工验收", due="年底")
        edited = row(seeded_db, "SELECT title, due FROM milestones WHERE id = ?", added["id"])
        assert (edited["title"], edited["due"]) == ("完成竣工验收", "2023-12-31")
        assert "完成竣工验收" in label(app, new_key)
        # delete, then undo brings it back
        await pilot.press("delete")
        await settle(pilot)
        assert row(seeded_db, "SELECT archived_at FROM milestones WHERE id = ?", added["id"])["archived_at"]
        assert new_key not in main_screen(app).tree.by_key
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert row(seeded_db, "SELECT archived_at FROM milestones WHERE id = ?", added["id"])["archived_at"] is None
        assert new_key in main_screen(app).tree.by_key


async def test_set_responsible_unit(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    node = f"{WULONG}/a1.p2"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press_on(pilot, f"n:{node}", "u")
        await fill(pilot, units="区商务委、区市场监管局")
        saved = row(seeded_db, "SELECT units_override FROM nodes WHERE id = ?", node)
        assert json.loads(saved["units_override"]) == ["区商务委", "区市场监管局"]
        assert "区商务委、区市场监管局" in detail_text(app)


async def test_milestone_keys_on_a_chapter_warn_and_change_nothing(seeded_db: Path) -> None:
    """d (tick with a date), e (edit) and x (delete) need a milestone: on a chapter line they say
    so, open no dialog and write nothing."""
    def state() -> tuple[Any, ...]:
        return tuple(row(seeded_db, "SELECT (SELECT count(*) FROM journal) AS j, (SELECT count(*) FROM milestones)"
                                    " AS m, (SELECT count(*) FROM milestones WHERE done_on IS NOT NULL) AS d"))

    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, f"n:{WULONG}/c4")
        before = state()
        for key in ("d", "e", "x"):
            forget_notifications(app)
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, MainScreen), key
            assert [str(n.message) for n in notifications(app)] == ["Select a milestone first"], key
        assert state() == before
