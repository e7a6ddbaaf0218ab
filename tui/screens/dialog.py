"""The house dialog: a modal screen drawn by dialog.tcss that escape closes without an answer.

Every dialog used to repeat the style sheet, the escape binding and the cancel action; a dialog
now says only what it asks (its own keys are added to these: Textual merges BINDINGS along the
class hierarchy).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Generic, TypeVar

from textual.binding import Binding, BindingType
from textual.screen import ModalScreen

if TYPE_CHECKING:
    from tui.i18n import Catalog

Answer = TypeVar("Answer")


class Dialog(ModalScreen[Answer | None], Generic[Answer]):
    CSS_PATH = "dialog.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "k_close")]

    def __init__(self, t: Catalog) -> None:
        super().__init__()
        self.t = t  # the catalog the dialog speaks in (the app's, or a test's language)

    def action_cancel(self) -> None:
        self.dismiss(None)
