"""The move dialog shows the item being moved as text: a control sequence in its title is a
visible marker, never sent to the terminal or read as markup."""
from __future__ import annotations

from textual.app import App
from textual.widgets import Static

from tui.i18n import Catalog
from tui.screens.parent_picker import Candidate, ParentPicker


async def test_the_moved_items_title_is_shown_as_text() -> None:
    hostile = "任务\x1b[2J[b]粗[/b]\u202e反"
    candidates = [Candidate("p/c1", "第一章\x1b]0;x\x07", 0)]

    class Host(App[None]):
        def on_mount(self) -> None:
            self.push_screen(ParentPicker(Catalog("zh"), hostile, candidates, None))

    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        subtitle = app.screen.query_one("#dialog-subtitle", Static)
        shown = str(subtitle.render())
        assert "\x1b" not in shown and "\u202e" not in shown
        assert "\\u001b" in shown and "[b]粗[/b]" in shown
