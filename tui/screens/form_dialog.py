"""A small modal form: labelled inputs, a message line for refusals, Save and Cancel.

Subclasses say which fields they have and turn the typed values into a result in ``check``;
raising ``Refused`` shows the reason in place and keeps the dialog open (a clerk's typo never
closes the dialog or loses what was typed). Enter in the last field (or in a field named in
``submit_from``) saves; Esc cancels. ``focus`` names the field the cursor starts in.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from store.safe_text import visible
from tui.i18n import Catalog

R = TypeVar("R")
# rows a dialog needs around its scrolling body: border 2, padding 2, title 2, the message's
# margin 1 (plus its lines), buttons 4; the dialog may take 90% of the screen (dialog.tcss)
BODY_OVERHEAD = 11
DIALOG_SHARE = 0.9


def _visible_text(text: Text) -> Text:
    """A styled Text with its control and bidi characters made visible (styles dropped only then)."""
    shown = visible(text.plain)
    return text if shown == text.plain else Text(shown, style=text.style)


class Refused(Exception):
    """What the clerk typed cannot be saved; the message says why."""


@dataclass
class Field:
    name: str
    label: str
    value: str = ""
    placeholder: str = ""


class FormDialog(ModalScreen[R], Generic[R]):
    CSS_PATH = "dialog.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "k_close")]

    def __init__(self, t: Catalog, title: Text | str, fields: list[Field], subtitle: Text | str | None = None,
                 focus: str | None = None, submit_from: tuple[str, ...] = ()):
        super().__init__()
        self.t = t
        self.focus_field = focus
        self.submit_from = submit_from
        self.title_text = title if isinstance(title, Text) else Text(title)
        self.subtitle = subtitle
        self.fields = fields
        self._message_rows = 1

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text(visible(self.title_text.plain), style="bold"), id="dialog-title", markup=False)
            # the subtitle and fields scroll when the terminal is short (80x24); the message line
            # and the buttons below them always stay in view
            with VerticalScroll(id="dialog-body"):
                if self.subtitle:
                    sub = self.subtitle if isinstance(self.subtitle, Text) else Text(self.subtitle)
                    sub = _visible_text(sub)
                    sub.overflow = "fold"
                    yield Static(sub, id="dialog-subtitle", markup=False)
                for f in self.fields:
                    yield Static(Text(f.label), classes="field-label", markup=False)
                    # plan text in a field is shown (and saved back) with controls as visible markers
                    yield Input(value=visible(f.value, one_line=True), placeholder=f.placeholder,
                                id=f"field-{f.name}")
            yield Static("", id="dialog-message", markup=False)
            with Horizontal(id="dialog-buttons"):
                yield Button(self.t("ui_save"), variant="primary", id="save")
                yield Button(self.t("ui_cancel"), id="cancel")

    def on_mount(self) -> None:
        self._fit_body()
        if self.focus_field:
            self.query_one(f"#field-{self.focus_field}", Input).focus()
            return
        inputs = list(self.query(Input))
        if inputs:
            inputs[0].focus()

    def on_resize(self) -> None:
        self._fit_body()

    def _fit_body(self) -> None:
        """Give the scrolling body what the screen leaves after the title, message and buttons."""
        rows = int(self.app.size.height * DIALOG_SHARE) - BODY_OVERHEAD - self._message_rows
        self.query_one("#dialog-body").styles.max_height = max(3, rows)

    def values(self) -> dict[str, str]:
        return {f.name: self.query_one(f"#field-{f.name}", Input).value for f in self.fields}

    def check(self, values: dict[str, str]) -> R:  # pragma: no cover - each dialog overrides
        raise NotImplementedError

    def refuse(self, message: str) -> None:
        line = self.query_one("#dialog-message", Static)
        text = Text(visible(message), style="bold red", overflow="fold")
        line.update(text)
        # a long refusal takes rows from the fields, not from the buttons
        self._message_rows = max(1, len(text.wrap(self.app.console, max(line.size.width, 20))))
        self._fit_body()

    def submit(self) -> None:
        try:
            result = self.check(self.values())
        except Refused as exc:
            self.refuse(str(exc))
            return
        self.dismiss(result)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        inputs = list(self.query(Input))
        if event.input is inputs[-1] or event.input.id in {f"field-{name}" for name in self.submit_from}:
            self.submit()
        else:
            inputs[inputs.index(event.input) + 1].focus()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self.preview(self.values())

    def preview(self, values: dict[str, Any]) -> None:
        """Subclasses may show what a value means as the clerk types (a date phrase's date)."""

    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        self.submit()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
