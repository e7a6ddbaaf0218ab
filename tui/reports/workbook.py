"""The xlsx renderer: the ledger workbook (台账) a bureau keeps in Excel or WPS.

Sheets: 概况 (headline and chapters), 台账 (every task and milestone: 序号, 任务, 责任单位, 时限,
状态, 完成日期, 备注), 指标 (the annual or the pace table), 指标分年 (one row per indicator and
year: target, value, status; a narrow sheet instead of one 24-column sheet squeezed onto A4), and
the report's three lists.

Written in openpyxl's write-only mode: rows stream to the file as they are read, a handful of
named styles are shared by every cell (no style objects per cell), and nothing reads the sheet
back (``max_row`` after each row made the old writer quadratic). openpyxl writes the package, the
styles and each sheet's settings; the rows' markup is written by ``xlsx_rows`` (a cell object per
cell cost ten times the report itself). This module decides the look. Column widths come from the
headers and the first rows, measured with ``cell_len`` (a Chinese character is two wide); each
row is as tall as its most wrapped cell needs. Numbers are numbers, dates real dates, text an
explicit string cell through ``safe_text.cell_text`` (never a formula). Every sheet prints on A4
landscape, fit to the page width, title rows repeated, page numbers in the footer.

Of the report renderers, only this module and ``xlsx_rows`` import openpyxl.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from itertools import chain, islice
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.styles.numbers import FORMAT_DATE_YYYYMMDD2
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet
from rich.cells import cell_len

from store import report as rp
from tui.i18n import Catalog
from tui.reports import common as c
from tui.reports import indicator_tables, progress_tables
from tui.reports.xlsx_rows import RowWriter

DATE_FORMAT = "yyyy-mm-dd"
MAX_WIDTH = 50  # wider text wraps inside its cell
SAMPLE = 200  # rows measured for the column widths
LINE_HEIGHT = 15.0  # points per line of 11 pt text
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP_TOP = Alignment(vertical="top", wrap_text=True)


def _styles() -> dict[str, NamedStyle]:
    """The few styles every cell shares: registered once, referred to by name."""
    styles = {
        "pd_title": NamedStyle("pd_title", font=Font(bold=True, size=13)),
        "pd_head": NamedStyle("pd_head", font=Font(bold=True), fill=PatternFill("solid", fgColor="D9D9D9"),
                              border=BORDER, alignment=Alignment(horizontal="center", vertical="center",
                                                                 wrap_text=True)),
        "pd_text": NamedStyle("pd_text", alignment=WRAP_TOP),
        "pd_bold": NamedStyle("pd_bold", font=Font(bold=True), alignment=WRAP_TOP),
        "pd_chapter": NamedStyle("pd_chapter", font=Font(bold=True), fill=PatternFill("solid", fgColor="EDEDED"),
                                 alignment=WRAP_TOP),
        "pd_date": NamedStyle("pd_date", number_format=DATE_FORMAT, alignment=WRAP_TOP),
        "pd_pct": NamedStyle("pd_pct", number_format="0%", alignment=WRAP_TOP),
    }
    for light, (fill, text) in c.LIGHT_COLOURS.items():
        styles[f"pd_{light}"] = NamedStyle(f"pd_{light}", font=Font(color=text),
                                           fill=PatternFill("solid", fgColor=fill), alignment=WRAP_TOP)
    return styles


def _text_size(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, date):
        return 10
    return max((cell_len(part) for part in c.text_of(value).split("\n")), default=0)


class _Sheet:
    """A write-only sheet: title row, header row, then rows as they come (their markup by ``RowWriter``)."""

    def __init__(self, wb: Workbook, name: str, title: str, columns: list[c.Col], t: Catalog,
                 sample: list[c.Row], freeze_columns: int = 0, selected: bool = False):
        ws = wb.create_sheet(name[:31])
        keys = [col.key for col in columns]
        self.lit = {i for i, key in enumerate(keys) if key == "chapter"}  # coloured by its light alone
        self.bold_columns = {i for i, key in enumerate(keys) if key in ("attribute", "task")}
        widths = [cell_len(col.header) for col in columns]
        for row in sample:
            for i, value in enumerate(row.cells):
                widths[i] = max(widths[i], _text_size(value) + (2 * row.depth if i == 0 else 0))
        self.widths = [min(w + 2, MAX_WIDTH) for w in widths]
        self.rooms = [_room(w) for w in self.widths]
        for i, width in enumerate(self.widths, 1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.freeze_panes = f"{get_column_letter(freeze_columns + 1)}3"
        ws.print_title_rows = "1:2"
        ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        ws.page_setup.orientation = Worksheet.ORIENTATION_LANDSCAPE
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.print_options.gridLines = True  # the table's lines on paper, without a border object per cell
        ws.oddFooter.center.text = t("rp_xlsx_footer")
        ws.oddFooter.center.size = 9
        if selected:
            ws.sheet_view.tabSelected = True  # the sheet Excel opens on, alone: else two open grouped
        self.styles = _style_ids(wb, ws)
        self.light_styles = {light: self.styles[f"pd_{light}"] for light in c.LIGHT_COLOURS}
        self.rows = RowWriter(ws, len(columns), self.styles[_PLAIN_DATE], wb.epoch)
        self._plain_row([title], "pd_title", 1)
        self._plain_row([col.header for col in columns], "pd_head",
                        max(_lines(col.header, w) for col, w in zip(columns, self.widths, strict=True)))

    def _plain_row(self, values: list[str], style: str, lines: int) -> None:
        writer, attr = self.rows, self.styles[style]
        number = writer.next_index()
        # the title is one cell, the header one per column
        cells = [writer.cell(ref + number, value, attr) for ref, value in zip(writer.letters, values, strict=False)]
        writer.row(cells, LINE_HEIGHT * lines if lines > 1 else None)

    def row(self, row: c.Row, style: str | None = None) -> None:
        """One row. Only what needs a look of its own is styled: dates, shares, coloured states, bold
        cells, and text that wraps (and then the whole row, so that it all sits at the top)."""
        values = row.cells
        lines = 1
        for value, room in zip(values, self.rooms, strict=True):
            if isinstance(value, str) and (2 * len(value) > room or "\n" in value):  # else one line for sure
                n = _lines_in(value, room)
                if n > lines:
                    lines = n
        lights, states, tall, depth, bold = row.light, row.state, lines > 1, row.depth, row.bold
        styles, light_styles, lit_anyway, bold_columns = self.styles, self.light_styles, self.lit, self.bold_columns
        row_style = styles[style] if style else None
        writer = self.rows
        cell, letters = writer.cell, writer.letters
        number = writer.next_index()
        cells: list[str] = []
        for i, value in enumerate(values):
            if value is None or value == "":
                continue
            if depth and i == 0 and isinstance(value, str):
                value = "\u3000" * depth + value
            light = lights.get(i) if lights else None
            if light and (i in states or i in lit_anyway):
                attr = light_styles[light]
            elif row_style is not None:
                attr = row_style
            elif isinstance(value, date):
                attr = styles["pd_date" if tall else _PLAIN_DATE]  # openpyxl's own yyyy-mm-dd where nothing wraps
            elif isinstance(value, c.Percent):
                attr = styles["pd_pct"]
            elif bold and i in bold_columns:
                attr = styles["pd_bold"]
            elif tall:
                attr = styles["pd_text"]
            else:
                attr = ""
            cells.append(cell(letters[i] + number, value, attr))
        writer.row(cells, LINE_HEIGHT * lines if tall else None)

    def close(self) -> None:
        self.rows.close()


_PLAIN_DATE = "plain_date"  # not a named style: the number format openpyxl gives a date cell of its own


def _style_ids(wb: Workbook, ws: WriteOnlyWorksheet) -> dict[str, str]:
    """Each named style's ``s`` attribute, as openpyxl registers it for a cell, and the plain date's."""
    ids = {"": ""}
    for name in wb.named_styles:
        if name.startswith("pd_"):
            cell = WriteOnlyCell(ws)
            cell.style = name
            ids[name] = f' s="{cell.style_id}"'
    cell = WriteOnlyCell(ws)
    cell.number_format = FORMAT_DATE_YYYYMMDD2  # what openpyxl gives a cell when a date is put in it
    ids[_PLAIN_DATE] = f' s="{cell.style_id}"'
    return ids


def _lines(text: str, width: int) -> int:
    """About how many lines ``text`` takes wrapped in a column ``width`` characters wide.

    Estimated, as Excel does not say: a character of three UTF-8 bytes (Chinese) is taken as two
    columns wide, anything else as one (measured in C by the encoder: rows stream by the ten thousand).
    """
    return _lines_in(text, _room(width))


def _room(width: int) -> int:
    """The characters a line of a column ``width`` wide holds (a little is the cell's margin)."""
    return max(width - 1, 2)


def _lines_in(text: str, room: int) -> int:
    if "\n" in text:
        return sum(max(1, -(-_width(part) // room)) for part in text.split("\n"))
    if 2 * len(text) <= room:  # fits even if every character is wide
        return 1
    wide = _width(text)
    return 1 if wide <= room else -(-wide // room)  # the ceiling of wide / room


def _width(text: str) -> int:
    return len(text) + (len(text.encode("utf-8")) - len(text)) // 2


def _sampled(rows: Iterable[c.Row]) -> tuple[list[c.Row], Iterator[c.Row]]:
    it = iter(rows)
    first = list(islice(it, SAMPLE))
    return first, chain(first, it)


def _table_sheet(wb: Workbook, name: str, title: str, table: c.Table, t: Catalog, freeze_columns: int = 0) -> None:
    sample, rows = _sampled(table.rows)
    sheet = _Sheet(wb, name, title, table.columns, t, sample, freeze_columns)
    for row in rows:
        sheet.row(row)
    sheet.close()


def _summary(wb: Workbook, report: rp.Report, t: Catalog, heading: str) -> None:
    """The facts and the headline as label / value pairs (counts and shares as numbers)."""
    pairs = [c.Row([k, v]) for k, v in c.meta(report, t) + c.headline_rows(report, t)]
    columns = [c.Col("field", t("rp_field"), "text"), c.Col("value", t("rp_value"), "long")]
    sheet = _Sheet(wb, t("rp_sheet_summary"), heading, columns, t, pairs)
    for pair in pairs:
        sheet.row(pair)
    sheet.close()


def _ledger(wb: Workbook, report: rp.Report, t: Catalog, heading: str) -> None:
    columns = [c.Col("no", t("rp_no"), "text"), c.Col("task", t("rp_task"), "long"),
               c.Col("units", t("rp_units"), "long"), c.Col("due", t("due"), "date"),
               c.Col("state", t("status"), "state"), c.Col("done_on", t("done_on"), "date"),
               c.Col("note", t("rp_note"), "long")]

    def rows() -> Iterator[tuple[c.Row, str | None]]:
        assert report.ledger is not None
        for lr in report.ledger:
            if lr.kind == "chapter":
                yield c.Row([None, lr.title, None, None, None, None, None]), "pd_chapter"
                continue
            title = lr.title if lr.kind == "task" else "\u3000" + lr.title
            number, state = progress_tables.ledger_number(lr), progress_tables.ledger_state(lr, t)
            yield (c.Row([number, title, "、".join(lr.units), lr.due, state, lr.done_on,
                          lr.note or ""], {4: lr.state or ""}, {4: lr.light}),
                   "pd_bold" if lr.progress is not None else None)

    stream = rows()
    first = list(islice(stream, SAMPLE))
    sheet = _Sheet(wb, t("rp_sheet_ledger"), heading, columns, t, [r for r, _ in first], selected=True)
    for row, style in chain(first, stream):
        if style == "pd_bold":  # a task with several milestones: bold, its state still coloured
            sheet.row(c.Row(row.cells, row.state, row.light, bold=True))
        else:
            sheet.row(row, style)  # a chapter heading: its one cell filled
    sheet.close()


def _indicator_years(report: rp.Report, t: Catalog) -> c.Table:
    """One row per indicator and year: the target, the value and the status (the narrow, printable form)."""
    columns = [c.Col("number", "#", "text"), c.Col("name", t("indicator"), "long"), c.Col("unit", t("unit")),
               c.Col("attribute", t("attribute")), c.Col("year", t("rp_latest_year"), "int"),
               c.Col("target", t("target"), "num"), c.Col("actual", t("actual"), "num"),
               c.Col("status", t("status"), "state"), c.Col("note", t("rp_note"), "long")]
    rows = []
    for row in report.indicators:
        for y in row.years:
            target = indicator_tables.target_cell(y.target)
            notes = [indicator_tables.conflict_text(y.conflict, t)] if y.conflict else []
            if y.target is not None and y.target.derived:
                notes.append(t("rp_derived_note"))
            note = "; ".join(notes)
            rows.append(c.Row([row.number or "", row.name, row.unit or "", row.attribute or "", y.year, target,
                               y.actual, t(y.status), note], {7: y.status}, {7: y.light}, bold=row.binding))
    return c.Table("indicator_years", t("rp_sheet_indicator_years"), columns, rows, len(rows))


def build_workbook(report: rp.Report, t: Catalog) -> Workbook:
    wb = Workbook(write_only=True)
    for style in _styles().values():
        wb.add_named_style(style)
    plan = report.plan
    as_of = t("as_of", date=report.as_of.isoformat())
    _summary(wb, report, t, f"{plan.title} · {c.title(report, t)} · {as_of}")
    chapters = c.chapter_table(report, t)
    _table_sheet(wb, t("rp_sheet_chapters"), f"{plan.title} · {chapters.title} · {as_of}", chapters, t)
    _ledger(wb, report, t, f"{plan.title} · {t('rp_sheet_ledger')} · {as_of}")
    indicators = indicator_tables.indicator_table(report, t)
    _table_sheet(wb, t("rp_sheet_indicators"), f"{plan.title} · {indicators.title} · {as_of}", indicators, t,
                 freeze_columns=2)
    years = _indicator_years(report, t)
    _table_sheet(wb, t("rp_sheet_indicator_years"), f"{plan.title} · {years.title} · {as_of}", years, t,
                 freeze_columns=2)
    progress_sheets = {"progress": t("rp_sheet_progress"), "lagging": t("rp_sheet_lagging"),
                       "not_reported": t("rp_sheet_not_reported")}
    for table in progress_tables.progress_tables(report, t):  # the progress reports: a sheet each (issue 13)
        _table_sheet(wb, progress_sheets[table.key], f"{plan.title} · {table.title} · {as_of}", table, t)
    sheet_names = {rp.DUE_IN_PERIOD: "rp_sheet_due", rp.CARRIED: "rp_sheet_carried", rp.NEXT_PERIOD: "rp_sheet_next"}
    for section in report.sections:
        if section.key in sheet_names:
            table = c.list_table(section, t, limit=None)
            _table_sheet(wb, t(sheet_names[section.key]), f"{plan.title} · {table.title}", table, t)
    wb.active = 2  # the ledger (its sheet marked selected as it was written)
    return wb


def write_workbook(report: rp.Report, t: Catalog, target: str | Path | BinaryIO) -> None:
    build_workbook(report, t).save(target)
