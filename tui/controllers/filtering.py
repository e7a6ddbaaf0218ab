"""Search and filters: ``/`` searches, ``f`` filters, ``o`` overdue only, ``esc`` shows all again.

A filter shows a sparse tree (the matches and their ancestors, as org-mode does); which items
match is the store's answer (``store.view.matches``: milestone states, lights, not reported for
the period whose reports are due, a unit as lead or supporting); here are only the box, the bar
and the dialog.
"""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from store import tree as tr
from store import view_progress as vp
from store.view import Filter
from tui.controllers.selection import Selection

if TYPE_CHECKING:
    from tui.i18n import Catalog


class FilterChoicesLoaded(Message):
    def __init__(self, choices: vp.FilterChoices) -> None:
        self.choices = choices
        super().__init__()


def filter_label(flt: Filter | None, t: Catalog) -> str:
    if flt is None:
        return ""
    kind, arg = flt
    if kind == "search":
        return t("ui_filter_search", text=arg)
    if kind.startswith("unit"):
        return t(f"ui_filter_{kind}", unit=arg)
    if kind == "unreported":
        return t("ui_filter_unreported", period=arg)
    return t(f"ui_filter_{arg}")


class Filtering(Selection):
    def show_filter_bar(self, n: int | None) -> None:
        found = self.query("#filter-bar")
        if self.flt is None:
            found.remove_class("visible")
            return
        if found:
            bar = found.first(Static)
        else:
            bar = Static("", id="filter-bar", markup=False)
            self.query_one("#left", Vertical).mount(bar, before=self.tree)
        what = filter_label(self.flt, self.app.t)
        text = self.app.t("ui_matches", what=what, n=n) if n else self.app.t("ui_no_matches", what=what)
        bar.update(Text(text, style="bold" if n else "bold red"))
        bar.add_class("visible")

    def search_box(self) -> Input | None:
        """The search box, once the clerk has searched: it is hidden until "/", so it is built
        on first use rather than at start-up."""
        found = self.query("#search")
        return found.first(Input) if found else None

    async def action_search(self) -> None:
        search = self.search_box()
        if search is None:
            search = Input(placeholder=self.app.t("ui_search_placeholder"), id="search")
            await self.query_one("#left", Vertical).mount(search, before=0)
        search.add_class("visible")
        if self.flt and self.flt[0] == "search":
            search.value = self.flt[1]
        search.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "search":
            return
        text = event.value.strip()
        self.tree.focus()
        event.input.remove_class("visible")
        self.set_filter(("search", text) if text else None)

    def set_filter(self, flt: Filter | None) -> None:
        if flt is not None and flt[0] == "all":
            flt = None
        self.flt = flt
        keep = self.selected_key
        self.reload(reveal=keep if flt is None else None)

    def action_clear_filter(self) -> None:
        search = self.search_box()
        if search is not None and search.has_focus:
            search.remove_class("visible")
            self.tree.focus()
            return
        if self.flt is not None:
            self.set_filter(None)

    def action_overdue_only(self) -> None:
        self.set_filter(None if self.flt == ("state", tr.OVERDUE_ONLY) else ("state", tr.OVERDUE_ONLY))

    def action_filter(self) -> None:
        if self.app.plan is not None:
            self._load_filter_choices(self.app.plan.id, self.app.today)

    @work(thread=True, exclusive=True, group="units")
    def _load_filter_choices(self, plan_id: str, today: date) -> None:
        self.post_message(FilterChoicesLoaded(self.app.db.read(vp.filter_choices, plan_id, today)))

    def on_filter_choices_loaded(self, message: FilterChoicesLoaded) -> None:
        from tui.screens.filter_dialog import FilterDialog

        def chosen(flt: Filter | None) -> None:
            if flt is not None:
                self.set_filter(flt)

        self.app.push_screen(FilterDialog(self.app.t, message.choices), chosen)
