"""The rich printouts of the command line (status, plans, overdue, history).

Plan text always goes in as ``rich.text.Text`` (never markup) made by ``shown`` (control and bidi
characters as visible ``\\uXXXX`` markers, never acting on the terminal). Colour follows the terminal;
``NO_COLOR`` and a pipe give plain text. This module never imports Textual.
"""
from __future__ import annotations

import sqlite3
from datetime import date
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, Group
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from store import queries as q
from store import status as st
from store.safe_text import visible
from tui.i18n import Catalog
from tui.theme import DONE_BAR, STATE_STYLE, counts_line

if TYPE_CHECKING:
    from store.history import Entry


def make_console(**kwargs: object) -> Console:
    """Colour when the terminal has it; plain text for NO_COLOR or a pipe (rich's own rules)."""
    return Console(highlight=False, emoji=False, markup=False, **kwargs)  # type: ignore[arg-type]


def shown(text: object, style: str = "") -> Text:
    """Plan or clerk text for a printout: never markup, never a terminal control sequence."""
    return Text(visible("" if text is None else str(text)), style=style)


def plan_header(plan: q.Plan, rollup: st.Rollup, today: date, t: Catalog) -> Group:
    title = shown(plan.title, style="bold")
    sub = shown(f"{plan.region} · {plan.period} · {t('as_of', date=today.isoformat())} · {plan.id}", style="dim")
    bar = Table.grid(padding=(0, 1))
    bar.add_row(ProgressBar(total=max(rollup.total, 1), completed=rollup.done, width=30,
                            complete_style=DONE_BAR, finished_style=DONE_BAR),
                Text(t("share_done", done=rollup.done, total=rollup.total, pct=f"{rollup.share_done:.0%}")))
    return Group(title, sub, bar, counts_line(rollup, t))




def print_plans(console: Console, conn: sqlite3.Connection, today: date, t: Catalog) -> None:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column(t("id"), no_wrap=True)  # ids are typed back: never broken across lines
    table.add_column(t("region"), no_wrap=True)
    table.add_column(t("title"), overflow="fold", ratio=1)  # the title takes what is left
    table.add_column(t("period"), no_wrap=True)
    table.add_column(t("done"), justify="right", no_wrap=True)
    table.add_column(t("overdue"), justify="right", no_wrap=True)
    for plan in q.list_plans(conn):
        rollup = q.rollups(conn, plan.id, today, max_depth=0).get(plan.id, st.Rollup())
        table.add_row(shown(plan.id), shown(plan.region), shown(plan.title), Text(plan.period),
                      Text(f"{rollup.done}/{rollup.total} {rollup.share_done:.0%}"),
                      Text(str(rollup.counts[st.OVERDUE]),
                           style=STATE_STYLE[st.OVERDUE] if rollup.counts[st.OVERDUE] else ""))
    console.print(table)


def print_history(console: Console, entries: list[Entry], t: Catalog) -> None:
    """The journal: when (local time, minutes), who, what, the item and plan, field: before → after."""
    from tui.history_text import action_text, changes_text, item_text, when

    if not entries:
        console.print(Text(t("no_history")))
        return
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    table.add_column(t("when"), no_wrap=True)
    table.add_column(t("who"), no_wrap=True)
    table.add_column(t("action"), no_wrap=True)
    table.add_column(t("item"), overflow="fold")
    table.add_column(t("before_after"), overflow="fold")
    for entry in entries:
        item = Text(item_text(entry))
        item.append(f"\n{entry.entity_id}", style="dim")
        table.add_row(Text(str(entry.seq)), Text(when(entry)), Text(visible(entry.who, one_line=True)),
                      Text(action_text(entry, t)), item, Text(changes_text(entry, t)))
    console.print(table)
