"""First run: a bureau whose plan is not listed drafts it from its document in the plan chooser."""
from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import Input, OptionList, Static

from tests.tui.tui_helpers import SIZE, make_app, settle
from tui.screens.main_screen import MainScreen
from tui.screens.plan_chooser import DRAFT_OPTION, PlanChooser

FIXTURE = Path(__file__).resolve().parents[1] / "draft" / "fixtures" / "annual_plan.txt"


async def _wait_for(pilot, condition, rounds: int = 60) -> None:
    for _ in range(rounds):
        await settle(pilot, rounds=2)
        if condition():
            return
    raise AssertionError("timed out")


async def test_draft_a_plan_that_is_not_listed_then_open_it(seeded_db: Path, tmp_path: Path) -> None:
    source = tmp_path / "docs" / "annual_plan.txt"
    source.parent.mkdir()
    shutil.copy(FIXTURE, source)
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        chooser = app.screen
        assert isinstance(chooser, PlanChooser)
        options = chooser.query_one(OptionList)
        options.highlighted = options.get_option_index(DRAFT_OPTION)
        await pilot.press("enter")
        await settle(pilot)
        path = chooser.query_one("#draft-path", Input)
        assert path.display and path.has_focus
        path.value = str(source)
        await pilot.press("enter")
        status = chooser.query_one("#draft-status", Static)
        await _wait_for(pilot, lambda: "Imported" in str(status.render()))
        said = str(status.render())
        assert str(source.with_suffix(".yaml")) in said and str(source.parent / "annual_plan.review.txt") in said
        assert source.with_suffix(".yaml").exists() and (source.parent / "annual_plan.review.txt").exists()
        assert options.highlighted_option.id == "plan:annual-plan-2024"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.plan.id == "annual-plan-2024"


async def test_an_unreadable_file_is_said_in_the_chooser(seeded_db: Path, tmp_path: Path) -> None:
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        chooser = app.screen
        options = chooser.query_one(OptionList)
        options.highlighted = options.get_option_index(DRAFT_OPTION)
        await pilot.press("enter")
        await settle(pilot)
        chooser.query_one("#draft-path", Input).value = str(tmp_path / "missing\u202e.docx")  # a bidi override
        await pilot.press("enter")
        status = chooser.query_one("#draft-status", Static)
        await _wait_for(pilot, lambda: "Could not draft" in str(status.render()))
        said = str(status.render())
        assert "no such file" in said
        assert "\u202e" not in said and "missing\\u202e" in said, "the typed path's control is shown as a marker"
        assert isinstance(app.screen, PlanChooser)
