"""The indicators view: a table of the plan's indicators with targets and recorded values by year,
each year's cell coloured met / not met / missing, and a chart of the selected indicator."""
from __future__ import annotations

import sqlite3
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static
from textual.worker import get_current_worker

from store import actions
from store import queries as q
from store import status as st
from store.safe_text import visible
from store.values import format_number
from tui.actions import APP, EN, INDICATORS, bindings
from tui.i18n import Catalog
from tui.phrases import value_warning
from tui.screens.record_dialog import RecordDialog
from tui.theme import STATE_STYLE
from tui.widgets.common import one_line
from tui.widgets.plan_header import PlanHeader
from tui.widgets.target_chart import TargetChart

if TYPE_CHECKING:
    from tui.app import PlanDeskApp

FIXED_COLUMNS = 5  # number, name, unit, attribute, baseline
YEAR_WIDTH = 12  # a longer printed target is cut with … (the chart and detail show it whole)


class IndicatorsLoaded(Message):
    def __init__(self, plan_id: str, indicators: list[q.Indicator], rollup: st.Rollup | None) -> None:
        self.plan_id, self.indicators, self.rollup = plan_id, indicators, rollup
        super().__init__()


def year_cell(ind: q.Indicator, year: int, today: date, t: Catalog) -> Text:
    """Two lines: the target as printed, then the recorded value in its status colour."""
    cell = ind.target(year)
    actual = ind.actuals.get(year)
    state = ind.status(year, today)
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(one_line(cell.printed) if cell is not None else "·", style="dim")
    text.append("\n")
    if actual is not None:
        text.append(format_number(actual), style=STATE_STYLE.get(state, ""))
    elif state == st.MISSING:
        text.append(t("missing"), style=STATE_STYLE[st.MISSING])
    elif cell is not None:
        text.append("-", style="dim")
    return text


def conflict_text(conflict: dict[str, object], t: Catalog) -> str:
    """A conflict between the plan's tables, in words: the year, then each table's printed value
    (and its basis, a total or a yearly increment, when those differ)."""
    values = conflict.get("values")
    bases = conflict.get("bases")
    parts = []
    for table, value in (values.items() if isinstance(values, dict) else []):
        basis = bases.get(table) if isinstance(bases, dict) else None
        parts.append(f"{table} {value}" + (f"({t(f'basis_{basis}')})" if basis else ""))
    return t("ui_conflict_year", year=conflict.get("year", "?"), values=t("ui_list_sep").join(parts))


class IndicatorsScreen(Screen[None]):
    CSS_PATH = "indicators.tcss"
    ACTIONS_WHERE = (INDICATORS, APP)
    BINDINGS: ClassVar[list[BindingType]] = bindings(ACTIONS_WHERE, EN)  # per language: actions.localized

    app: PlanDeskApp

    def __init__(self, then: str | None = None) -> None:
        super().__init__()
        self.indicators: list[q.Indicator] = []
        self.years: list[int] = []
        self.then = then
        self.rollup: st.Rollup | None = None

    def compose(self) -> ComposeResult:
        yield PlanHeader(id="header")
        yield DataTable(id="indicators", cursor_type="cell", zebra_stripes=True)
        with Horizontal(id="ind-bottom"):
            yield TargetChart(id="chart", markup=False)
            with VerticalScroll(id="ind-detail-scroll"):
                yield Static("", id="ind-detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.show_header()
        self.query_one(DataTable).focus()
        self.reload()

    def show_header(self) -> None:
        self.query_one(PlanHeader).show(self.app.plan, self.rollup, self.app.today, self.app.t,
                                        self.app.t("k_indicators"))

    def reload(self) -> None:
        if self.app.plan is not None:
            self._load(self.app.plan.id, self.app.today, self.app.soon_days)

    @work(thread=True, exclusive=True, group="indicators")
    def _load(self, plan_id: str, today: date, soon: int) -> None:
        worker = get_current_worker()

        def job(conn: sqlite3.Connection) -> tuple[list[q.Indicator], st.Rollup | None]:
            return q.indicators(conn, plan_id), q.rollups(conn, plan_id, today, soon).get(plan_id)

        inds, rollup = self.app.db.read(job)
        if not worker.is_cancelled:
            self.post_message(IndicatorsLoaded(plan_id, inds, rollup))

    @on(IndicatorsLoaded)
    def _loaded(self, message: IndicatorsLoaded) -> None:
        plan = self.app.plan
        if plan is None or plan.id != message.plan_id:
            return
        t, today = self.app.t, self.app.today
        self.indicators = message.indicators
        self.rollup = message.rollup
        self.show_header()
        self.years = st.indicator_years(plan.start_year, plan.end_year, self.indicators)
        table = self.query_one(DataTable)
        cursor = table.cursor_coordinate
        table.clear(columns=True)
        table.add_column(Text("#"), key="number")
        table.add_column(Text(t("indicator")), key="name", width=24)
        table.add_column(Text(t("unit")), key="unit")
        table.add_column(Text(t("attribute")), key="attribute")
        table.add_column(Text(t("baseline")), key="baseline")
        for year in self.years:
            cells = [year_cell(ind, year, today, t) for ind in self.indicators]
            widest = max((cell_len(line) for c in cells for line in c.plain.split("\n")), default=4)
            table.add_column(Text(str(year)), key=str(year), width=min(max(widest, 5), YEAR_WIDTH))
        for ind in self.indicators:
            attr = ind.attribute or (t("binding") if ind.binding else "")
            name = Text(one_line(ind.name), no_wrap=True, overflow="ellipsis")
            if ind.conflicts:
                name.append(" *", style="yellow")
            baseline = Text(f"{ind.baseline_year}\n", style="dim")
            baseline.append(one_line(ind.baseline_printed), style="")
            row = [Text(one_line(ind.number)), name, Text(one_line(ind.unit)),
                   Text(attr, style="bold" if ind.binding else ""), baseline]
            row += [year_cell(ind, year, today, t) for year in self.years]
            table.add_row(*row, key=ind.id, height=2)
        if not self.indicators:
            self.query_one("#ind-detail", Static).update(Text(t("ui_no_indicators"), style="dim"))
        elif cursor.row < table.row_count:
            table.cursor_coordinate = cursor
        if not self.indicators:
            pass
        else:
            self.show_selected()
        if self.then:
            action, self.then = self.then, None
            self.call_after_refresh(self.run_action, action)

    def selected(self) -> tuple[q.Indicator | None, int]:
        table = self.query_one(DataTable)
        coord = table.cursor_coordinate
        ind = self.indicators[coord.row] if 0 <= coord.row < len(self.indicators) else None
        col = coord.column - FIXED_COLUMNS
        if 0 <= col < len(self.years):
            year = self.years[col]
        else:
            plan = self.app.plan
            year = st.default_indicator_year(plan.start_year, plan.end_year, self.app.today) if plan else \
                self.app.today.year
        return ind, year

    @on(DataTable.CellSelected)
    def _cell_chosen(self, event: DataTable.CellSelected) -> None:
        self.action_record()

    @on(DataTable.CellHighlighted)
    def _cell(self, event: DataTable.CellHighlighted) -> None:
        self.show_selected()

    def show_selected(self) -> None:
        ind, year = self.selected()
        t = self.app.t
        self.query_one(TargetChart).show(ind, self.years, self.app.today, t)
        detail = Text(overflow="fold")
        if ind is not None:
            detail.append(visible(ind.name), style="bold")
            detail.append(f"\n{ind.id}", style="dim")
            if ind.category:
                detail.append("\n")
                detail.append(visible(ind.category))
            detail.append(f"\n{year}: ")
            state = ind.status(year, self.app.today)
            detail.append(t(state), style=STATE_STYLE.get(state, ""))
            note = ind.actual_notes.get(year)
            if note:
                detail.append("\n")
                detail.append(visible(note), style="italic")
            if ind.note:
                detail.append(f"\n{t('ui_notes')}: ")
                detail.append(visible(ind.note))
            for conflict in ind.conflicts:
                detail.append("\n")
                detail.append(t("ui_conflict", detail=""), style="yellow")
                detail.append(visible(conflict_text(conflict, t)))
        self.query_one("#ind-detail", Static).update(detail)

    def action_record(self) -> None:
        ind, year = self.selected()
        if ind is None:
            return
        t = self.app.t
        indicator_id = ind.id

        def chosen(result: tuple[int, float, str | None] | None) -> None:
            if result is None:
                return
            y, value, note = result

            def recorded(change: object) -> None:
                self.app.notify(t("recorded", id=indicator_id, year=y, value=format_number(value)), markup=False)
                for warning in value_warning(t, value, unit):  # recorded all the same
                    self.app.notify(warning, markup=False, severity="warning")

            self.app.write(lambda conn: actions.record(conn, indicator_id, y, value, note), recorded)

        unit = ind.unit
        plan = self.app.plan
        period = (plan.start_year, plan.end_year) if plan is not None else None
        self.app.push_screen(RecordDialog(t, ind.name, ind.unit, year, ind.actuals.get(year),
                                          ind.actual_notes.get(year), period=period), chosen)

    def action_back(self) -> None:
        self.app.pop_screen()

    def data_changed(self, focus: str | None = None, touched: frozenset[str] | None = None) -> None:
        self.reload()
