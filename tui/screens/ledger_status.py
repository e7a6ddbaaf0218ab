"""``l``: the units' ledger for the period whose reports are due: which units answered, whom to chase.

The same data as ``plandesk ledger status`` (``store.ledger.status``), read in a worker and drawn
as a table; unit names and file names are data, shown as ``Text`` (never markup).
"""
from __future__ import annotations

import sqlite3
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Static

from tui.screens.dialog import Dialog

if TYPE_CHECKING:
    from store.ledger import UnitStatus
    from tui.app import PlanDeskApp
    from tui.i18n import Catalog


class LedgerLoaded(Message):
    def __init__(self, period: str, rows: list[UnitStatus], unnamed: int) -> None:
        self.period, self.rows, self.unnamed = period, rows, unnamed
        super().__init__()


def status_table(rows: list[UnitStatus], t: Catalog) -> Table:
    table = Table(box=None, show_header=True, header_style="bold", padding=(0, 2), expand=True)
    table.add_column(t("lg_col_unit"), overflow="fold")
    for key in ("lg_col_sent", "lg_col_answered", "lg_col_missing"):
        table.add_column(t(key), justify="right", no_wrap=True)
    table.add_column(t("lg_col_files"), ratio=1, overflow="fold")
    for r in rows:
        table.add_row(Text(r.unit), Text(str(r.sent)), Text(str(r.answered), style="green" if r.answered else "dim"),
                      Text(str(r.missing), style="bold yellow" if r.missing else "dim"),
                      Text("\n".join(r.files) if r.files else "—", style="" if r.files else "dim"))
    return table


class LedgerStatusScreen(Dialog[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("l", "cancel", "k_close", show=False)]

    app: PlanDeskApp
    shown: tuple[object, ...] = ()

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="wide tall"):
            yield Static(Text(self.t("lg_loading"), style="bold"), id="ledger-title", markup=False)
            with VerticalScroll(id="help-scroll"):
                yield Static("", id="ledger-table", markup=False)
                yield Static("", id="ledger-chase", markup=False)

    def on_mount(self) -> None:
        plan = self.app.plan
        if plan is not None:
            self._load(plan.id, self.app.today)

    @work(thread=True, exclusive=True, group="ledger")
    def _load(self, plan_id: str, today: date) -> None:
        from store import ledger as lg
        from store import progress_views as pv

        def job(conn: sqlite3.Connection) -> tuple[str, list[UnitStatus], int]:
            period = pv.due_period(conn, plan_id, today)
            return period.key, lg.status(conn, plan_id, period), lg.unnamed_count(conn, plan_id, period)

        period, rows, unnamed = self.app.db.read(job)
        self.post_message(LedgerLoaded(period, rows, unnamed))

    @on(LedgerLoaded)
    def _loaded(self, message: LedgerLoaded) -> None:
        t = self.t
        title = Text(t("lg_status_heading", period=message.period), style="bold")
        table = status_table(message.rows, t) if message.rows else Text(
            t("lg_nothing_owed", plan=self.app.plan.id if self.app.plan else "", period=message.period))
        chase = [r.unit for r in message.rows if r.answered == 0]
        lines = Text("\n")
        if message.rows:
            lines.append(t("lg_status_chase", units="、".join(chase)) if chase else t("lg_status_all"),
                         style="yellow" if chase else "green")
        if message.unnamed:
            lines.append("\n" + t("lg_unnamed", n=message.unnamed, period=message.period), style="dim")
        self.shown = (title, table, lines)
        for widget_id, renderable in zip(("ledger-title", "ledger-table", "ledger-chase"), self.shown, strict=True):
            self.query_one(f"#{widget_id}", Static).update(renderable)

    def plain_text(self, width: int = 100) -> str:
        """What the screen shows, as plain text (for tests and screen readers)."""
        from io import StringIO

        from rich.console import Console

        console = Console(width=width, record=True, file=StringIO(), color_system=None)
        for renderable in self.shown:
            console.print(renderable)
        return console.export_text()
