"""A small chart of an indicator's target against its recorded value, year by year.

Horizontal bars on one scale (baseline, then per year the target and the actual), drawn with
Rich text. Textual's Sparkline was the other candidate, but it rescales each series to its own
minimum and maximum and has no labels, so a target line and an actual line drawn with it could
not be compared; plotext would be a new dependency for five bars.
"""
from __future__ import annotations

from datetime import date

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

from store import queries as q
from store.safe_text import visible
from store.values import format_number
from tui.i18n import Catalog
from tui.theme import STATE_STYLE

BAR = "█"


def chart_text(ind: q.Indicator | None, years: list[int], today: date, t: Catalog, width: int = 40) -> Text:
    text = Text()
    if ind is None:
        return text
    title = Text(t("ui_chart"), style="bold")
    if ind.unit:
        title.append(f" ({visible(ind.unit)})", style="dim")
    text.append_text(title)
    rows: list[tuple[str, str, float | None, str, str]] = []  # year, what, number, printed, style
    base = next((c for c in ind.cells if c.year == ind.baseline_year and c.effective), None)
    if base is not None or ind.baseline_printed:
        number = base.number if base else None
        rows.append((str(ind.baseline_year), t("baseline"), number, ind.baseline_printed or "", "cyan"))
    for year in years:
        if year <= ind.baseline_year:
            continue
        cell = ind.target(year)
        actual = ind.actuals.get(year)
        if cell is None and actual is None:
            continue
        if cell is not None:
            rows.append((str(year), t("target"), cell.number, cell.printed, "blue"))
        state = ind.status(year, today)
        rows.append(("" if cell is not None else str(year), t("actual"), actual,
                     format_number(actual) if actual is not None else t(state), STATE_STYLE.get(state, "") or "white"))
    numbers = [abs(r[2]) for r in rows if r[2] is not None]
    top = max(numbers) if numbers else 0.0
    label_w = max((cell_len(r[1]) for r in rows), default=4)
    bar_w = max(width - 6 - label_w - 10, 5)
    for shown_year, what, number, printed, style in rows:
        text.append("\n")
        text.append(f"{shown_year:<5} ", style="bold")
        text.append(what + " " * (label_w - cell_len(what)) + " ", style="dim")
        n = int(round(abs(number) / top * bar_w)) if number is not None and top else 0
        text.append(BAR * n, style=style)
        text.append(" " + visible(printed, one_line=True), style=style if number is not None else "dim")
    return text


class TargetChart(Static):
    def show(self, ind: q.Indicator | None, years: list[int], today: date, t: Catalog) -> None:
        width = self.size.width or 48
        self.update(chart_text(ind, years, today, t, width))
