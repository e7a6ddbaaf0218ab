"""Change the as-of date: every status and colour follows."""
from __future__ import annotations

from datetime import date

from tui.i18n import Catalog
from tui.screens.form_dialog import Field, FormDialog
from tui.screens.tick_dialog import read_date


class DateDialog(FormDialog[date]):
    def __init__(self, t: Catalog, today: date):
        super().__init__(t, t("k_date_help"), [Field("on", t("ui_as_of_label"), today.isoformat())])
        self.as_of = today

    def check(self, values: dict[str, str]) -> date:
        text = values["on"].strip()
        if not text:
            return date.today()  # the clerk asked for the real today
        return read_date(text, self.as_of, self.t, self.t("in_as_of"))
