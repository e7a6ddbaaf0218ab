"""Add or edit an item of the task tree: its kind, number, title and text, in one small form.

Compact (borderless one-line inputs) so that the whole form fits an 80x24 terminal; the kind is
chosen from the plan file's kinds, named in the clerk's language. What the clerk types is data,
shown and stored as typed (never markup).
"""
from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Select, Static

from store.node_actions import NODE_KINDS
from store.safe_text import visible
from tui.i18n import Catalog
from tui.screens.form_dialog import DIALOG_SHARE, Field, FormDialog, Refused

COMPACT_OVERHEAD = 5  # border 2, title 1, message 1, buttons 1


@dataclass(frozen=True)
class NodeForm:
    kind: str
    number: str
    title: str
    text: str


class NodeDialog(FormDialog[NodeForm]):

    def __init__(self, t: Catalog, heading: str, context: str, kind: str = "task", number: str = "",
                 title: str = "", text: str = ""):
        super().__init__(t, heading, [
            Field("number", t("tr_f_number"), number, t("tr_number_hint")),
            Field("title", t("tr_f_title"), title),
            Field("text", t("tr_f_text"), text),
        ], subtitle=Text(context), focus="title")
        self.kind = kind

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(id="dialog"):
            yield Static(Text(visible(self.title_text.plain), style="bold"), id="dialog-title", markup=False)
            # as in every form: the fields scroll on a short terminal, the message and buttons stay
            with VerticalScroll(id="dialog-body"):
                sub = Text(visible(self.subtitle.plain if isinstance(self.subtitle, Text) else self.subtitle or "",
                                   one_line=True), overflow="ellipsis", no_wrap=True)
                yield Static(sub, id="dialog-subtitle", markup=False)
                yield Static(Text(t("tr_f_kind")), classes="field-label", markup=False)
                yield Select([(t(f"kind_{k}"), k) for k in NODE_KINDS], value=self.kind, allow_blank=False,
                             id="field-kind", compact=True)
                for f in self.fields:
                    yield Static(Text(f.label), classes="field-label", markup=False)
                    yield Input(value=visible(f.value, one_line=True), placeholder=f.placeholder,
                                id=f"field-{f.name}", compact=True)
            yield Static("", id="dialog-message", markup=False)
            with Horizontal(id="dialog-buttons"):
                yield Button(t("ui_save"), variant="primary", id="save", compact=True)
                yield Button(t("ui_cancel"), id="cancel", compact=True)

    def _fit_body(self) -> None:
        """Compact: around the body only the border, the title, the message and one row of buttons."""
        rows = int(self.app.size.height * DIALOG_SHARE) - COMPACT_OVERHEAD - self._message_rows
        self.query_one("#dialog-body").styles.max_height = max(3, rows)

    def values(self) -> dict[str, str]:
        values = super().values()
        values["kind"] = str(self.query_one("#field-kind", Select).value)
        return values

    def check(self, values: dict[str, str]) -> NodeForm:
        title = " ".join(values["title"].split())
        if not title:
            raise Refused(self.t("ui_need_title"))
        kind = values["kind"] if values["kind"] in NODE_KINDS else self.kind
        return NodeForm(kind, values["number"].strip(), title, values["text"].strip())
