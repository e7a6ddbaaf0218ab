"""The rich printouts of the command line (status, plans, overdue, history).

Plan text always goes in as ``rich.text.Text`` (never markup). Colour follows the terminal;
``NO_COLOR`` and a pipe give plain text. This module never imports Textual.
"""
from __future__ import annotations

import sqlite3
from datetime import date

from rich import box
from rich.console import Console, Group
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from store import queries as q
from store import status as st
from store.history import Entry
from store.safe_text import visible
from tui.i18n import Catalog

STATE_STYLE = {st.DONE: "green", st.DONE_LATE: "green", st.OVERDUE: "bold red", st.DUE_SOON: "yellow",
               st.OPEN: "", st.MET: "green", st.NOT_MET: "bold red", st.NO_VALUE: "dim",
               st.MISSING: "bold red", st.NO_TARGET: "dim"}
LIGHT_STYLE = {"red": "bold red", "yellow": "yellow", "green": "green", "done": "dim green"}


def make_console(**kwargs: object) -> Console:
    """Colour when the terminal has it; plain text for NO_COLOR or a pipe (rich's own rules)."""
    return Console(highlight=False, emoji=False, markup=False, **kwargs)  # type: ignore[arg-type]


def counts_line(rollup: st.Rollup, t: Catalog) -> Text:
    line = Text()
    parts = [("done", rollup.done, "green"), ("overdue", rollup.counts[st.OVERDUE], "bold red"),
             ("due_soon", rollup.counts[st.DUE_SOON], "yellow"), ("open", rollup.counts[st.OPEN], "")]
    for i, (key, n, style) in enumerate(parts):
        if i:
            line.append(" · ")
        line.append(f"{t(key)} {n}", style=style if n else "")
    return line


def plan_header(plan: q.Plan, rollup: st.Rollup, today: date, t: Catalog) -> Group:
    title = Text(plan.title, style="bold")
    sub = Text(f"{plan.region} · {plan.period} · {t('as_of', date=today.isoformat())} · {plan.id}", style="dim")
    bar = Table.grid(padding=(0, 1))
    bar.add_row(ProgressBar(total=max(rollup.total, 1), completed=rollup.done, width=30,
                            complete_style="green", finished_style="green"),
                Text(t("share_done", done=rollup.done, total=rollup.total, pct=f"{rollup.share_done:.0%}")))
    return Group(title, sub, bar, counts_line(rollup, t))


def print_status(console: Console, conn: sqlite3.Connection, plan: q.Plan, today: date, t: Catalog,
                 soon_days: int = st.DEFAULT_SOON_DAYS) -> None:
    """The one-glance status of a plan: share done, chapters, overdue, due soon, indicators.

    Assembled by ``store.report.build_status`` and drawn by the rich renderer of the reports, so
    that ``status --format text|html|json`` show the same content through the same code.
    """
    from store.report import build_status
    from tui.reports.terminal import print_reports

    print_reports(console, [build_status(conn, plan, today, soon_days)], t)


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
        table.add_row(Text(plan.id), Text(plan.region), Text(plan.title), Text(plan.period),
                      Text(f"{rollup.done}/{rollup.total} {rollup.share_done:.0%}"),
                      Text(str(rollup.counts[st.OVERDUE]), style="bold red" if rollup.counts[st.OVERDUE] else ""))
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
