"""Record or correct an indicator's value for a year; a non-number is refused in place."""
from __future__ import annotations

from rich.text import Text

from store.values import ValueError_, YearOutsidePeriod, check_year, format_number, parse_actual
from tui.i18n import Catalog
from tui.screens.form_dialog import Field, FormDialog, Refused


class RecordDialog(FormDialog[tuple[int, float, str | None]]):
    def __init__(self, t: Catalog, name: str, unit: str | None, year: int, value: float | None,
                 note: str | None, period: tuple[int, int] | None = None):
        label = f"{name} ({unit})" if unit else name
        super().__init__(t, t("ui_record_title", name=name), [
            Field("year", t("ui_year"), str(year)),
            Field("value", t("ui_value") + (f" ({unit})" if unit else ""), format_number(value)),
            Field("note", t("ui_note"), note or ""),
        ], subtitle=Text(label), focus="value", submit_from=("value",))  # the year comes from the table cell
        self.period = period

    def check(self, values: dict[str, str]) -> tuple[int, float, str | None]:
        try:
            year = int(values["year"].strip())
        except ValueError:
            raise Refused(self.t("ui_not_year", text=values["year"])) from None
        if not 1900 < year < 2200:
            raise Refused(self.t("ui_not_year", text=values["year"]))
        if self.period is not None:
            try:
                check_year(year, *self.period)
            except YearOutsidePeriod as exc:
                raise Refused(self.t("in_year_outside", year=exc.year, start=exc.start, end=exc.end)) from None
        try:
            value = parse_actual(values["value"])
        except ValueError_:
            raise Refused(self.t("in_not_a_number", text=values["value"])) from None
        return year, value, values["note"].strip() or None
