"""Ask before a change the clerk should think about (archiving a chapter with everything in it).

Enter or ``y`` confirms, Esc or ``n`` cancels; the question names the item as plain text."""
from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tui.i18n import Catalog


class ConfirmDialog(ModalScreen[bool]):
    CSS_PATH = "dialog.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,n", "cancel", "k_close"), Binding("y", "confirm", "y")]

    def __init__(self, t: Catalog, heading: str, question: Text, confirm: str):
        super().__init__()
        self.t, self.heading, self.question, self.confirm_label = t, heading, question, confirm

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text(self.heading, style="bold"), id="dialog-title", markup=False)
            question = self.question.copy()
            question.overflow = "fold"
            yield Static(question, markup=False)
            with Horizontal(id="dialog-buttons"):
                yield Button(self.confirm_label, variant="error", id="confirm")
                yield Button(self.t("ui_cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#confirm", Button).focus()

    @on(Button.Pressed, "#confirm")
    def action_confirm(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
