"""Tick a milestone with a completion date (the as-of date unless changed) and a note."""
from __future__ import annotations

from datetime import date

from rich.text import Text

from store.clerk_dates import ClerkDateError, parse_clerk_date, parse_completion_date
from tui.i18n import Catalog
from tui.phrases import date_problem
from tui.screens.form_dialog import Field, FormDialog, Refused


def read_date(text: str, as_of: date, t: Catalog, what: str = "", completion: bool = False) -> date:
    """A date typed by a clerk (``2024/6/30``, ``2024年6月底``, ``年底``), read by the store's one
    clerk-date reader against the as-of date; a completion date may not be after it."""
    try:
        return (parse_completion_date if completion else parse_clerk_date)(text, as_of)
    except ClerkDateError as exc:
        raise Refused(date_problem(t, exc, what or t("ui_on_date"))) from None


class TickDialog(FormDialog[tuple[date, str | None]]):
    def __init__(self, t: Catalog, title: str, on_date: date, note: str | None, as_of: date | None = None,
                 ticked_on: date | None = None):
        fields = [Field("on", t("ui_on_date"), on_date.isoformat()), Field("note", t("ui_note"), note or "")]
        subtitle = Text(title)
        if ticked_on is not None:  # ticking again replaces a date: say so before it happens
            subtitle.append("\n" + t("in_already_ticked", on=ticked_on.isoformat()), style="bold yellow")
        super().__init__(t, t("k_tick_dialog_help"), fields, subtitle=subtitle)
        self.as_of = as_of or on_date

    def check(self, values: dict[str, str]) -> tuple[date, str | None]:
        on = read_date(values["on"], self.as_of, self.t, self.t("ui_on_date"), completion=True)
        return on, values["note"].strip() or None
