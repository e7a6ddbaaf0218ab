"""Choose a plan: on the very first run, which one is the bureau's own; later, ``p`` switches."""
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

from store import queries as q
from store.safe_text import visible
from tui.i18n import Catalog


class PlanChooser(ModalScreen[str | None]):
    """Dismisses with the chosen plan's id (``None``: cancelled)."""

    CSS_PATH = "dialog.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "k_close")]

    def __init__(self, t: Catalog, plans: list[q.Plan], current: str | None, first_run: bool):
        super().__init__()
        self.t = t
        self.plans = plans
        self.current = current
        self.first_run = first_run

    def compose(self) -> ComposeResult:
        options = []
        for i, plan in enumerate(self.plans):
            label = Text()
            label.append(visible(plan.region, one_line=True), style="bold")
            label.append("  ")
            label.append(visible(plan.title, one_line=True))
            label.append(f"  {plan.period} · {plan.id}", style="dim")
            options.append(Option(label, id=f"p{i}"))
        with Vertical(id="dialog", classes="wide"):
            heading = self.t("ui_choose_plan") if self.first_run else self.t("ui_switch_plan")
            yield Static(Text(heading, style="bold"), id="chooser-title", markup=False)
            yield OptionList(*options, id="plan-options")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        for i, plan in enumerate(self.plans):
            if plan.id == self.current:
                options.highlighted = i

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        index = int((event.option.id or "p0")[1:])
        self.dismiss(self.plans[index].id)

    def action_cancel(self) -> None:
        if self.first_run:
            self.app.exit(0)
        else:
            self.dismiss(None)
