"""Choose a filter for the task tree: overdue only, due soon, not done, or a responsible unit."""
from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from store import tree as tr
from store.safe_text import visible
from store.view import Filter
from tui.i18n import Catalog


class FilterDialog(ModalScreen[Filter | None]):
    CSS_PATH = "dialog.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "k_close")]

    def __init__(self, t: Catalog, units: list[tuple[str, int]]):
        super().__init__()
        self.t = t
        self.choices: dict[str, Filter] = {
            "f-overdue": ("state", tr.OVERDUE_ONLY),
            "f-due-soon": ("state", tr.DUE_SOON),
            "f-not-done": ("state", tr.NOT_DONE),
        }
        self.units = units
        for i, (name, _) in enumerate(units):
            self.choices[f"u{i}"] = ("unit", name)
        self.choices["f-all"] = ("all", "")

    def compose(self) -> ComposeResult:
        t = self.t
        options: list[Option | None] = [
            Option(Text(t("ui_filter_overdue"), style="bold red"), id="f-overdue"),
            Option(Text(t("ui_filter_due_soon"), style="yellow"), id="f-due-soon"),
            Option(Text(t("ui_filter_not_done")), id="f-not-done"),
            None,
        ]
        for i, (name, n) in enumerate(self.units):
            label = Text(t("ui_filter_unit", unit=""))
            label.append(visible(name, one_line=True))
            label.append(f"  ({n})", style="dim")
            options.append(Option(label, id=f"u{i}"))
        if self.units:
            options.append(None)
        options.append(Option(Text(t("ui_filter_all")), id="f-all"))
        with Vertical(id="dialog"):
            yield Static(Text(t("ui_filter_title"), style="bold"), markup=False)
            yield OptionList(*options, id="filter-options")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices.get(event.option.id or ""))

    def action_cancel(self) -> None:
        self.dismiss(None)
