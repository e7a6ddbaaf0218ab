"""The app asks who is working once, on its first run (after which plan), and keeps the name."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.widgets import Input, OptionList

from store import journal
from tests.tui.tui_helpers import SIZE, make_app, settle
from tui.screens.name_dialog import NameDialog
from tui.screens.plan_chooser import PlanChooser


async def test_the_app_asks_once_for_a_name_and_journals_under_it(seeded_db: Path) -> None:
    app = make_app(seeded_db, ask_name=True)  # the first run: which plan, then who
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, PlanChooser)
            app.screen.query_one(OptionList).highlighted = 0
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, NameDialog)
            app.screen.query_one("#field-name", Input).value = "孙科员"
            await pilot.press("enter")
            await settle(pilot)
            assert not isinstance(app.screen, NameDialog)
            await pilot.press("ctrl+q")
    finally:
        journal.set_user(None)
    conn = sqlite3.connect(seeded_db)
    settings = dict(conn.execute("SELECT key, value FROM settings"))
    conn.close()
    assert settings["user"] == "孙科员" and settings["user_asked"] == "1"
