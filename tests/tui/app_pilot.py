"""Driving the main screen in the app's Pilot tests: go to a line, read what it shows, fill a dialog."""
from __future__ import annotations

from textual.widgets import Input, Static

from tests.tui.tui_helpers import YANGJIAO, settle
from tui.screens.form_dialog import FormDialog
from tui.screens.main_screen import MainScreen

YANGJIAO_KEY = f"m:{YANGJIAO}"


def main_screen(app) -> MainScreen:
    screen = app.screen_stack[0]
    assert isinstance(screen, MainScreen)
    return screen


def label(app, key: str) -> str:
    return main_screen(app).tree.by_key[key].label.plain


def cursor_key(app) -> str | None:
    item = main_screen(app).tree.current
    return item.key if item else None


def detail_text(app) -> str:
    from tui.widgets.detail_pane import DetailPane

    return main_screen(app).query_one(DetailPane).plain_text()


def header(app) -> str:
    """The main screen's header, also while a dialog is open over it."""
    return str(main_screen(app).query_one("#header", Static).render())


async def goto(pilot, key: str) -> None:
    main_screen(pilot.app).refresh_view(reveal=key)
    await settle(pilot)
    assert cursor_key(pilot.app) == key


async def fill(pilot, **values: str) -> None:
    """Type into the open dialog's fields and press Enter in the last one (saves)."""
    dialog = pilot.app.screen
    assert isinstance(dialog, FormDialog)
    for name, value in values.items():
        dialog.query_one(f"#field-{name}", Input).value = value
    dialog.query(Input).last().focus()
    await pilot.pause()
    await pilot.press("enter")
    await settle(pilot)


async def press_on(pilot, key: str, press: str) -> None:
    """Go to the line ``key`` and press ``press`` there (a dialog opens, a tick is made ...)."""
    await goto(pilot, key)
    await pilot.press(press)
    await settle(pilot)
