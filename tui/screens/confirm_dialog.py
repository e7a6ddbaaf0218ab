"""Ask before something a clerk may not mean: yes or no, Esc is no."""
from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from store.safe_text import visible
from tui.i18n import Catalog


class ConfirmDialog(ModalScreen[bool]):
    """Dismisses with True only for an explicit yes; the question scrolls on a short terminal."""

    CSS_PATH = "dialog.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "no", "k_close")]

    def __init__(self, t: Catalog, title: str, question: str, yes: str):
        super().__init__()
        self.t, self.title_text, self.question, self.yes = t, title, question, yes

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text(visible(self.title_text), style="bold"), id="dialog-title", markup=False)
            with VerticalScroll(id="dialog-body"):
                yield Static(Text(visible(self.question), overflow="fold"), id="confirm-question", markup=False)
            with Horizontal(id="dialog-buttons"):
                yield Button(self.yes, variant="error", id="confirm-yes")
                yield Button(self.t("ui_cancel"), variant="primary", id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#dialog-body").styles.max_height = max(3, int(self.app.size.height * 0.9) - 10)
        self.query_one("#confirm-no", Button).focus()  # Enter alone does not delete

    @on(Button.Pressed, "#confirm-yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-no")
    def action_no(self) -> None:
        self.dismiss(False)
