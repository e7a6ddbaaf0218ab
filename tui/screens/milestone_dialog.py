"""Add a milestone or edit one: a title and a due date (ISO or a Chinese phrase)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual.widgets import Static

from store.clerk_dates import ClerkDateError, parse_clerk_date
from tui.i18n import Catalog
from tui.screens.form_dialog import Field, FormDialog, Refused
from tui.screens.tick_dialog import read_date


@dataclass(frozen=True)
class MilestoneForm:
    title: str
    due: date
    phrase: str  # what the clerk typed, kept when it was a phrase rather than a date


class MilestoneDialog(FormDialog[MilestoneForm]):
    def __init__(self, t: Catalog, heading: str, context: str, title: str, due: str, as_of: date | int):
        super().__init__(t, heading, [
            Field("title", t("ui_ms_title"), title),
            Field("due", t("ui_ms_due"), due),
        ], subtitle=Text(context))
        # phrases (年底, 6月底) are read in the as-of year; a bare year is taken as 31 December of it
        self.as_of = as_of if isinstance(as_of, date) else date(as_of, 12, 31)

    def check(self, values: dict[str, str]) -> MilestoneForm:
        title = values["title"].strip()
        if not title:
            raise Refused(self.t("ui_need_title"))
        text = values["due"].strip()
        due = read_date(text, self.as_of, self.t, self.t("due"))
        phrase = "" if text == due.isoformat() else text
        return MilestoneForm(title, due, phrase)

    def preview(self, values: dict[str, str]) -> None:
        text = values.get("due", "").strip()
        message = self.query_one("#dialog-message", Static)
        try:
            due = parse_clerk_date(text, self.as_of)
        except ClerkDateError:
            message.update("")
            return
        message.update(Text(self.t("ui_means", date=due.isoformat()), style="green"))
