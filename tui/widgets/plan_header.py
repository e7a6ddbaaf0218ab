"""The header line: bureau / plan title, the as-of date, the plan's counts with the share done,
and the plan's reporting lights (red / yellow / green) once they are read."""
from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.widgets import Static

from store import queries as q
from store import status as st
from tui.i18n import Catalog
from tui.theme import counts_line, lights_line
from tui.widgets.common import one_line


def header_text(plan: q.Plan | None, rollup: st.Rollup | None, today: date, t: Catalog,
                view: str = "", lights: tuple[int, int, int] | None = None, width: int | None = None) -> Text:
    """Two lines: who and which plan; the as-of date, the counts, the share done, the lights. In a
    terminal narrower than the second line, it is made shorter step by step (narrower gaps, then
    without the share done, then without the counts of none), so that the lights still show."""
    text = Text(no_wrap=True, overflow="ellipsis")
    if plan is None:
        text.append(t("ui_loading"), style="dim")
        return text
    if plan.bureau:
        text.append(one_line(plan.bureau), style="dim")
        text.append(" / ", style="dim")
    text.append(one_line(plan.title), style="bold")
    text.append("\n")
    rollup = rollup or st.Rollup()
    variants = [_figures(rollup, today, t, view, lights, compact) for compact in range(4)]
    text.append_text(next((v for v in variants if width is None or v.cell_len <= width), variants[-1]))
    return text


def _figures(rollup: st.Rollup, today: date, t: Catalog, view: str, lights: tuple[int, int, int] | None,
             compact: int) -> Text:
    """The second line; ``compact`` 0 (all, wide gaps) to 3 (narrow gaps, no share, no zero counts)."""
    gap = "   " if compact == 0 else "  "
    line = Text()
    line.append(t("ui_as_of", date=today.isoformat()), style="bold cyan")
    line.append(gap)
    line.append_text(counts_line(rollup, t, " · " if compact == 0 else " ", zeros=compact < 3))
    if compact < 2:
        line.append(gap)
        line.append(t("ui_share", pct=f"{rollup.share_done:.0%}"), style="bold")
    if lights is not None:
        line.append("  ")
        line.append_text(lights_line(lights, t))
    if view:
        line.append(gap)
        line.append(view, style="reverse")
    return line


class PlanHeader(Static):
    """Two lines at the top of every screen; the screen calls ``show`` with fresh figures, and a
    change of width draws them again (shorter in a narrow terminal)."""

    _shown: tuple[q.Plan | None, st.Rollup | None, date, Catalog, str, tuple[int, int, int] | None] | None = None

    def show(self, plan: q.Plan | None, rollup: st.Rollup | None, today: date, t: Catalog,
             view: str = "", lights: tuple[int, int, int] | None = None) -> None:
        self._shown = (plan, rollup, today, t, view, lights)
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        if self._shown is not None:
            self.update(header_text(*self._shown, width=self.content_size.width or None))
