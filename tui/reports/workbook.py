"""The xlsx renderer: the ledger workbook (台账) a bureau keeps in Excel or WPS.

Sheets: 概况 (headline and chapters), 台账 (every task and milestone: 序号, 任务, 责任单位, 时限,
状态, 完成日期, 备注), 指标 (every year's target, value and status), and the report's three lists.
Header rows frozen, column widths measured with ``rich.cells.cell_len`` (a Chinese character is
two columns wide), status cells filled red / yellow / green, dates as real Excel dates, and
print setup (A4 landscape, fit to width, header rows repeated) so that it prints unedited.

The only module that imports openpyxl.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from rich.cells import cell_len

from store import report as rp
from tui.i18n import Catalog
from tui.reports import common as c

DATE_FORMAT = "yyyy-mm-dd"
MAX_WIDTH = 60  # wider text wraps inside its cell
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
CHAPTER_FILL = PatternFill("solid", fgColor="EDEDED")
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FILLS = {light: PatternFill("solid", fgColor=fill) for light, (fill, _) in c.LIGHT_COLOURS.items()}
FONTS = {light: Font(color=text) for light, (_, text) in c.LIGHT_COLOURS.items()}
_PLAIN_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # control characters a cell cannot hold


def _text(value: object) -> object:
    return _ILLEGAL.sub("", value) if isinstance(value, str) else value


class _Sheet:
    """A sheet with a title row, a frozen header row and widths that fit the text."""

    def __init__(self, ws: Worksheet, title: str, headers: list[str], freeze_columns: int = 0):
        self.ws = ws
        self.headers = headers
        self.widths = [cell_len(h) for h in headers]
        ws.append([_text(title)])
        ws.cell(1, 1).font = Font(bold=True, size=13)
        ws.append([_text(h) for h in headers])
        for col in range(1, len(headers) + 1):
            cell = ws.cell(2, col)
            cell.font = Font(bold=True)
            cell.fill = HEADER_FILL
            cell.border = BORDER
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.freeze_panes = f"{get_column_letter(freeze_columns + 1)}3"  # ws.cell() would create row 3
        ws.print_title_rows = "1:2"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True

    def row(self, values: list[object], lights: dict[int, str | None] | None = None, bold: bool = False,
            fill: PatternFill | None = None) -> int:
        ws = self.ws
        ws.append([_text(v) for v in values])
        r = ws.max_row
        for col, value in enumerate(values, 1):
            cell = ws.cell(r, col)
            cell.border = BORDER
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            if isinstance(value, date):
                cell.number_format = DATE_FORMAT
                width = 10
            else:
                width = cell_len("" if value is None else str(value))
            self.widths[col - 1] = max(self.widths[col - 1], width)
            if bold:
                cell.font = Font(bold=True)
            if fill is not None:
                cell.fill = fill
        for col, light in (lights or {}).items():
            if light in FILLS:
                ws.cell(r, col).fill = FILLS[light]
                ws.cell(r, col).font = FONTS[light]
        return r

    def finish(self) -> None:
        for col, width in enumerate(self.widths, 1):
            self.ws.column_dimensions[get_column_letter(col)].width = min(width + 2, MAX_WIDTH)
        last = get_column_letter(len(self.headers))
        if self.ws.max_row > 2:
            self.ws.auto_filter.ref = f"A2:{last}{self.ws.max_row}"


def _sheet(wb: Workbook, name: str, title: str, headers: list[str], freeze_columns: int = 0) -> _Sheet:
    ws = wb.create_sheet(name[:31])
    return _Sheet(ws, title, headers, freeze_columns)


def _number_or_text(printed: str | None) -> object:
    if printed is None:
        return None
    return float(printed) if _PLAIN_NUMBER.match(printed) else printed


def build_workbook(report: rp.Report, t: Catalog) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    plan = report.plan
    heading = f"{plan.title} · {c.title(report, t)} · {t('as_of', date=report.as_of.isoformat())}"

    summary = _sheet(wb, t("rp_sheet_summary"), heading, [t("rp_field"), t("rp_value")])
    for key, value in c.meta(report, t) + c.headline_rows(report, t):
        summary.row([key, value])
    summary.ws.append([])
    chapters_at = summary.ws.max_row + 1
    headers = c.chapter_headers(report, t)
    summary.ws.append(headers)
    for col in range(1, len(headers) + 1):
        summary.ws.cell(chapters_at, col).font = Font(bold=True)
        summary.ws.cell(chapters_at, col).fill = HEADER_FILL
        summary.ws.cell(chapters_at, col).border = BORDER
    summary.widths += [cell_len(h) for h in headers[len(summary.widths):]]
    summary.headers = headers if len(headers) > len(summary.headers) else summary.headers
    for row in report.chapters:
        cells: list[object] = list(c.chapter_cells(report, row))
        cells[1:7] = [int(v) for v in cells[1:7]]
        summary.row(cells, {1: row.counts.light if row.counts.total else None})
    summary.finish()
    summary.ws.auto_filter.ref = None

    ledger_headers = [t("rp_no"), t("rp_task"), t("rp_units"), t("due"), t("status"), t("done_on"), t("rp_note")]
    ledger = _sheet(wb, t("rp_sheet_ledger"), f"{plan.title} · {t('rp_sheet_ledger')} · "
                    f"{t('as_of', date=report.as_of.isoformat())}", ledger_headers)
    for lrow in report.ledger or []:
        if lrow.kind == "chapter":
            ledger.row(["", lrow.title, "", None, "", None, ""], bold=True, fill=CHAPTER_FILL)
            continue
        title = lrow.title if lrow.kind == "task" else "　" + lrow.title
        ledger.row([lrow.number, title, "、".join(lrow.units), lrow.due, c.ledger_state(lrow, t), lrow.done_on,
                    lrow.note or ""], {5: lrow.light}, bold=lrow.progress is not None)
    ledger.finish()

    years = sorted({y.year for row in report.indicators for y in row.years})
    ind_headers = [t("rp_no"), t("rp_category"), t("indicator"), t("unit"), t("attribute"), t("rp_baseline_year"),
                   t("baseline")]
    for y in years:
        ind_headers += [t("rp_year_target", year=y), t("rp_year_actual", year=y), t("rp_year_status", year=y)]
    ind_headers += [f"{t('rp_gap')} ({report.indicator_year})", t("rp_note")]
    indicators = _sheet(wb, t("rp_sheet_indicators"), f"{plan.title} · {t('rp_sheet_indicators')} · "
                        f"{t('as_of', date=report.as_of.isoformat())}", ind_headers, freeze_columns=3)
    for row in report.indicators:
        values: list[object] = [row.number or "", row.category or "", row.name, row.unit or "", row.attribute or "",
                                row.baseline_year, _number_or_text(row.baseline)]
        lights: dict[int, str | None] = {}
        by_year = {y.year: y for y in row.years}
        for y in years:
            cell = by_year.get(y)
            if cell is None:
                values += [None, None, ""]
                continue
            values += [_number_or_text(cell.target), cell.actual, t(cell.status)]
            lights[len(values)] = cell.light
        notes = [c.conflict_text(y.conflict, t) and f"{y.year}: {c.conflict_text(y.conflict, t)}"
                 for y in row.years if y.conflict]
        if row.note:
            notes.append(row.note)
        values += [row.gap, "; ".join(n for n in notes if n)]
        indicators.row(values, lights, bold=False)
        if row.binding:
            indicators.ws.cell(indicators.ws.max_row, 5).font = Font(bold=True)
    indicators.finish()

    list_headers = [c.column_header(k, t) for k in rp.PERIOD_COLUMNS]
    sheet_names = {"due_in_period": "rp_sheet_due", "carried": "rp_sheet_carried", "next_period": "rp_sheet_next"}
    for section in report.sections:
        if section.key not in sheet_names:
            continue
        sheet = _sheet(wb, t(sheet_names[section.key]), f"{plan.title} · {c.section_heading(section, t)}",
                       list_headers)
        for i, it in enumerate(section.items, 1):
            values = [c.cell(it, k, i, t) for k in rp.PERIOD_COLUMNS]
            values[0] = i
            values[4] = it.due
            values[6] = it.done_on
            sheet.row(values, {6: it.light})
        sheet.finish()
    active = 1 if report.ledger is not None else 0
    wb.active = active
    for index, ws in enumerate(wb.worksheets):  # else Excel opens with two sheets grouped
        ws.sheet_view.tabSelected = index == active
    return wb


def write_workbook(report: rp.Report, t: Catalog, path: str | Path) -> bool:
    """Save atomically (store/files.py); True if an existing file was replaced."""
    from store.files import write_output

    return write_output(path, build_workbook(report, t).save)
