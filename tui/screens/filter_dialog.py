"""Choose a filter for the task tree: a milestone state (overdue, due soon, not done), a light
(red, yellow), not reported for the period whose reports are due, or a unit; a unit is then
asked for as lead (牵头), supporting (配合) or either, in the same dialog."""
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
from store.view_progress import FilterChoices
from tui.i18n import Catalog
from tui.theme import LIGHT_STYLE, STATE_STYLE, light_mark

ROLES = ("unit", "unit_lead", "unit_support")  # either, lead, supporting: the filter kinds of store.view
ROLE_LABELS = {"unit": "ui_filter_role_any", "unit_lead": "ui_filter_role_lead",
               "unit_support": "ui_filter_role_support"}


class FilterDialog(ModalScreen[Filter | None]):
    CSS_PATH = "dialog.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "k_close")]

    def __init__(self, t: Catalog, choices: FilterChoices):
        super().__init__()
        self.t = t
        self.units = choices.units
        self.due_period = choices.due_period
        self.choices: dict[str, Filter] = {
            "f-overdue": ("state", tr.OVERDUE_ONLY),
            "f-due-soon": ("state", tr.DUE_SOON),
            "f-not-done": ("state", tr.NOT_DONE),
            "f-red": ("light", "red"),
            "f-yellow": ("light", "yellow"),
            "f-unreported": ("unreported", self.due_period),
        }
        self.unit_of = {f"u{i}": name for i, (name, _) in enumerate(self.units)}
        self.choices["f-all"] = ("all", "")
        self.unit: str | None = None  # chosen: now asking for its role

    def _options(self) -> list[Option | None]:
        t = self.t
        red, yellow = light_mark("red"), light_mark("yellow")
        options: list[Option | None] = [
            Option(Text(t("ui_filter_overdue"), style=STATE_STYLE["overdue"]), id="f-overdue"),
            Option(Text(t("ui_filter_due_soon"), style=STATE_STYLE["due_soon"]), id="f-due-soon"),
            Option(Text(t("ui_filter_not_done")), id="f-not-done"),
            None,
            Option(red.append(" ").append(t("ui_filter_red"), style=LIGHT_STYLE["red"]), id="f-red"),
            Option(yellow.append(" ").append(t("ui_filter_yellow"), style=LIGHT_STYLE["yellow"]), id="f-yellow"),
            Option(Text(t("ui_filter_unreported", period=self.due_period)), id="f-unreported"),
            None,
        ]
        for option_id, name in self.unit_of.items():
            label = Text(t("ui_filter_unit", unit=""))
            label.append(visible(name, one_line=True))
            label.append(f"  ({dict(self.units)[name]})", style="dim")
            options.append(Option(label, id=option_id))
        if self.units:
            options.append(None)
        options.append(Option(Text(t("ui_filter_all")), id="f-all"))
        return options

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text(self.t("ui_filter_title"), style="bold"), id="filter-title", markup=False)
            yield OptionList(*self._options(), id="filter-options")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def ask_role(self, unit: str) -> None:
        """A unit was chosen: ask whether its tasks as lead, as supporting, or either."""
        self.unit = unit
        title = Text(self.t("ui_filter_role_title", unit=visible(unit, one_line=True)), style="bold")
        self.query_one("#filter-title", Static).update(title)
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([Option(Text(self.t(ROLE_LABELS[role])), id=role) for role in ROLES])
        options.highlighted = 0

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if self.unit is not None:
            self.dismiss((option_id, self.unit) if option_id in ROLES else None)
        elif option_id in self.unit_of:
            self.ask_role(self.unit_of[option_id])
        else:
            self.dismiss(self.choices.get(option_id))

    def action_cancel(self) -> None:
        self.dismiss(None)
