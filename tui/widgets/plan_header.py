"""The header line: bureau / plan title, the as-of date, and the plan's counts with the share done."""
from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.widgets import Static

from store import queries as q
from store import status as st
from tui.i18n import Catalog
from tui.theme import counts_line
from tui.widgets.common import one_line


def header_text(plan: q.Plan | None, rollup: st.Rollup | None, today: date, t: Catalog,
                view: str = "") -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    if plan is None:
        text.append(t("ui_loading"), style="dim")
        return text
    if plan.bureau:
        text.append(one_line(plan.bureau), style="dim")
        text.append(" / ", style="dim")
    text.append(one_line(plan.title), style="bold")
    text.append("\n")
    text.append(t("ui_as_of", date=today.isoformat()), style="bold cyan")
    text.append("   ")
    rollup = rollup or st.Rollup()
    text.append_text(counts_line(rollup, t))
    text.append("   ")
    text.append(t("ui_share", pct=f"{rollup.share_done:.0%}"), style="bold")
    if view:
        text.append("   ")
        text.append(view, style="reverse")
    return text


class PlanHeader(Static):
    """Two lines at the top of every screen; the screen calls ``show`` with fresh figures."""

    def show(self, plan: q.Plan | None, rollup: st.Rollup | None, today: date, t: Catalog,
             view: str = "") -> None:
        self.update(header_text(plan, rollup, today, t, view))
