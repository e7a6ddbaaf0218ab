"""Driving the main screen in the app's Pilot tests: go to a line, read what it shows, fill a dialog."""
from __future__ import annotations

from textual.widgets import Input, Static
from tui_helpers import YANGJIAO, settle

from tui.screens.form_dialog import FormDialog
from tui.screens.main_screen import MainScreen

YANGJIAO_KEY = f"m:{YANGJIAO}"


def main_screen(app) -> MainScreen:  # type: ignore[no-untyped-def]
    screen = app.screen_stack[0]
    assert isinstance(screen, MainScreen)
    return screen


def label(app, key: str) -> str:  # type: ignore[no-untyped-def]
    return main_screen(app).tree.by_key[key].label.plain


def cursor_key(app) -> str | None:  # type: ignore[no-untyped-def]
    item = main_screen(app).tree.current
    return item.key if item else None


def detail_text(app) -> str:  # type: ignore[no-untyped-def]
    from tui.widgets.detail_pane import DetailPane

    return main_screen(app).query_one(DetailPane).plain_text()


def header(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one("#header", Static).render())


async def goto(pilot, key: str) -> None:  # type: ignore[no-untyped-def]
    main_screen(pilot.app).refresh_view(reveal=key)
    await settle(pilot)
    assert cursor_key(pilot.app) == key


async def fill(pilot, **values: str) -> None:  # type: ignore[no-untyped-def]
    """Type into the open dialog's fields and press Enter in the last one (saves)."""
    dialog = pilot.app.screen
    assert isinstance(dialog, FormDialog)
    for name, value in values.items():
        dialog.query_one(f"#field-{name}", Input).value = value
    dialog.query(Input).last().focus()
    await pilot.pause()
    await pilot.press("enter")
    await settle(pilot)
