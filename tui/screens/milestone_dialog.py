"""Add a milestone or edit one: a title and a due date (ISO or a Chinese phrase)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual.widgets import Static

from store.deadlines import DeadlineError, parse_deadline
from tui.i18n import Catalog
from tui.screens.form_dialog import Field, FormDialog, Refused


@dataclass(frozen=True)
class MilestoneForm:
    title: str
    due: date
    phrase: str  # what the clerk typed, kept when it was a phrase rather than a date


class MilestoneDialog(FormDialog[MilestoneForm]):
    def __init__(self, t: Catalog, heading: str, context: str, title: str, due: str, default_year: int):
        super().__init__(t, heading, [
            Field("title", t("ui_ms_title"), title),
            Field("due", t("ui_ms_due"), due),
        ], subtitle=Text(context))
        self.default_year = default_year

    def check(self, values: dict[str, str]) -> MilestoneForm:
        title = values["title"].strip()
        if not title:
            raise Refused(self.t("ui_need_title"))
        text = values["due"].strip()
        try:
            due = parse_deadline(text, self.default_year).due
        except (DeadlineError, ValueError):
            raise Refused(self.t("ui_not_date", text=text)) from None
        phrase = "" if text == due.isoformat() else text
        return MilestoneForm(title, due, phrase)

    def preview(self, values: dict[str, str]) -> None:
        text = values.get("due", "").strip()
        message = self.query_one("#dialog-message", Static)
        try:
            due = parse_deadline(text, self.default_year).due
        except (DeadlineError, ValueError):
            message.update("")
            return
        message.update(Text(self.t("ui_means", date=due.isoformat()), style="green"))
