"""Where to move an item: type to narrow the list of the plan's items, enter on the new parent.

The list shows the items the chosen one may go under (never itself or anything inside it), in
document order, indented by level; "top level" is the first choice. A large plan lists the first
``SHOWN`` matches (typing narrows it), so the dialog opens at once even for 50,000 items.
"""
from __future__ import annotations

from typing import NamedTuple

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.i18n import Catalog
from tui.screens.dialog import Dialog
from tui.widgets.common import one_line

TOP = "\x00top"  # the choice "top level" (no node id looks like this)
SHOWN = 200


class Candidate(NamedTuple):
    id: str
    label: str  # number and title
    depth: int


class ParentPicker(Dialog[str]):
    """Dismisses with the chosen parent's id, ``TOP`` for the top level, or None (cancelled)."""

    def __init__(self, t: Catalog, moving: str, candidates: list[Candidate], current: str | None):
        super().__init__(t)
        self.moving = moving
        self.candidates = candidates
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text(self.t("tr_move_title"), style="bold"), markup=False)
            subtitle = Text(one_line(self.moving), overflow="ellipsis", no_wrap=True)
            yield Static(subtitle, id="dialog-subtitle", markup=False)
            yield Input(placeholder=self.t("tr_move_search"), id="parent-search", compact=True)
            yield OptionList(id="parent-options")
            yield Static("", id="parent-count", markup=False)

    def on_mount(self) -> None:
        self.show("")
        self.query_one(Input).focus()

    def show(self, needle: str) -> None:
        needle = needle.strip()
        matches = [c for c in self.candidates if needle in c.label] if needle else self.candidates
        options = [Option(Text(self.t("tr_top_level"), style="bold"), id=TOP)] if not needle else []
        for c in matches[:SHOWN]:
            label = Text("  " * c.depth, no_wrap=True, overflow="ellipsis")
            label.append(one_line(c.label), style="bold" if c.id == self.current else "")
            options.append(Option(label, id=c.id))
        listing = self.query_one(OptionList)
        listing.clear_options()
        listing.add_options(options)
        if options:
            listing.highlighted = 0
        shown = min(len(matches), SHOWN)
        self.query_one("#parent-count", Static).update(
            Text(self.t("tr_move_count", shown=shown, total=len(matches)) if len(matches) > shown else ""))

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        self.show(event.value)

    @on(Input.Submitted)
    def _enter(self) -> None:
        listing = self.query_one(OptionList)
        if listing.highlighted is not None and listing.option_count:
            self.dismiss(listing.get_option_at_index(listing.highlighted).id)

    def on_key(self, event: events.Key) -> None:
        """↑ ↓ in the search box move in the list (the list keeps its own keys when focused)."""
        listing = self.query_one(OptionList)
        if self.focused is self.query_one(Input) and event.key in ("up", "down"):
            listing.action_cursor_up() if event.key == "up" else listing.action_cursor_down()
            event.stop()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
