"""``?``: every key of every screen, from the bindings themselves (so the list never goes stale)."""
from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from tui.i18n import Catalog
from tui.screens.dialog import Dialog

Section = tuple[str, list[tuple[str, str]]]  # heading, (key display, description)


def help_table(sections: list[Section], t: Catalog) -> Table:
    table = Table(box=None, show_header=True, header_style="bold", padding=(0, 2), expand=True)
    table.add_column(t("ui_key"), no_wrap=True, style="bold cyan")
    table.add_column(t("ui_what"), ratio=1, overflow="fold")
    for i, (heading, rows) in enumerate(sections):
        if i:
            table.add_row("", "")
        table.add_row(Text(heading, style="bold underline"), Text(""))
        for key, what in rows:
            table.add_row(Text(key), Text(what))
    return table


class HelpScreen(Dialog[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "cancel", "k_close", show=False),
        Binding("q", "cancel", "k_close", show=False),
    ]

    def __init__(self, t: Catalog, sections: list[Section]):
        super().__init__(t)
        self.sections = sections

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="wide tall"):
            yield Static(Text(self.t("ui_help_title"), style="bold"), markup=False)
            with VerticalScroll(id="help-scroll"):
                yield Static(help_table(self.sections, self.t), id="help-table", markup=False)
