"""Tick a milestone with a completion date (the as-of date unless changed) and a note."""
from __future__ import annotations

from datetime import date

from rich.text import Text

from store.deadlines import DeadlineError, parse_deadline
from tui.i18n import Catalog
from tui.screens.form_dialog import Field, FormDialog, Refused


def read_date(text: str, default_year: int, t: Catalog) -> date:
    """A date typed by a clerk: ISO or a Chinese phrase (``2024年6月底``, ``年底``)."""
    try:
        return parse_deadline(text, default_year).due
    except (DeadlineError, ValueError):
        raise Refused(t("ui_not_date", text=text)) from None


class TickDialog(FormDialog[tuple[date, str | None]]):
    def __init__(self, t: Catalog, title: str, on_date: date, note: str | None):
        super().__init__(t, t("k_tick_dialog_help"), [
            Field("on", t("ui_on_date"), on_date.isoformat()),
            Field("note", t("ui_note"), note or ""),
        ], subtitle=Text(title))
        self.default_year = on_date.year

    def check(self, values: dict[str, str]) -> tuple[date, str | None]:
        on = read_date(values["on"], self.default_year, self.t)
        return on, values["note"].strip() or None
