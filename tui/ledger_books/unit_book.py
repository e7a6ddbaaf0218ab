"""The unit's workbook (.xlsx) written: the format is ``store.ledger_format``, read back by ``store.ledger_read``.

Sheets: 填报说明 (the cover: plan, period, unit, deadline, the date the unit fills in, short
instructions), 台账 (one row per item: a hidden key column, what was sent, locked and grey, then
the yellow cells the unit fills), and a hidden ``plandesk`` sheet holding the workbook's identity.
It must work in Excel, WPS and LibreOffice alike, so it uses only what all three keep: a list
data validation for the state (the drop-down), a whole-number one for the percent, sheet
protection WITHOUT a password (only the fill-in cells unlocked; nobody is ever locked out),
wrapped text with row heights set from the text (``rich.cells.cell_len``: a Chinese character
is two columns), A4 landscape fitted to the page width, title rows repeated, page numbers.
Every text goes through ``safe_text.cell_text`` (never a live formula); numbers stay numbers.
The workbook's words are Chinese whatever the clerk's UI language: it is a form for the units.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, time, timedelta
from decimal import Decimal
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from rich.cells import cell_len

from store import ledger as lg
from store import periods as pr
from store import progress as pg
from store.ledger_format import (
    CHAPTER,
    COLUMNS,
    COVER_SHEET,
    DATA_SHEET,
    DUE,
    EXPECTED,
    FILL_IN,
    FILLED_ON_LABEL,
    HEADER_ROW,
    KEY,
    LAST_NOTE,
    LAST_STATE,
    META_SHEET,
    NUMBER,
    PERCENT,
    ROLE,
    STATE,
    STATE_CHOICES,
    TASK,
)
from store.records import numbered
from store.safe_text import cell_text, visible

FONT_NAME = "宋体"
FONT = Font(name=FONT_NAME, size=10)
BOLD = Font(name=FONT_NAME, size=10, bold=True)
TITLE = Font(name=FONT_NAME, size=14, bold=True)
LINE_POINTS = 13.5  # one wrapped line of 10 pt text
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
GREY = PatternFill("solid", fgColor="F2F2F2")
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
YELLOW = PatternFill("solid", fgColor="FFF2CC")
WRAP = Alignment(vertical="top", wrap_text=True)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
UNLOCKED = Protection(locked=False)
DATE_FORMAT = "yyyy-mm-dd"

INSTRUCTIONS = (
    "请在“台账”工作表中逐项填写黄色单元格：本期状态（从下拉列表选择）、完成进度（0—100的整数）、进展情况、"
    "存在问题、下步措施、佐证材料（文件名或说明，多项分行填写）。",
    "本期状态：未启动 / 推进中（含序时推进、超进度）/ 滞后（落后于序时进度或计划）/ 已完成。"
    "任务已全部完成的，选“已完成”。",
    "灰色单元格为下发内容（任务、职责、完成时限、序时进度、上期情况），已锁定，仅供参考。"
    "牵头单位填报任务总体进展，配合单位填报本单位承担部分的进展。",
    "工作表已设保护（无密码），可调整列宽、行高；请勿增删工作表、勿改动隐藏的校验编码列，"
    "否则该文件无法导入。",
    "请在本页填写填报日期，保存为 .xlsx 格式（Excel、WPS 均可），于报送截止日期前报送。",
)


def protect(ws: Worksheet) -> None:
    """Sheet protection with no password: the locked cells stay as sent, widths and heights may change."""
    p = ws.protection
    p.sheet = True
    p.formatColumns = False
    p.formatRows = False
    p.selectLockedCells = False
    p.selectUnlockedCells = False


def print_setup(ws: Worksheet, title_rows: str | None) -> None:
    """A4 landscape, fitted to the page width, title rows repeated, page numbers in the footer."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    page, footer = ws.sheet_properties.pageSetUpPr, ws.oddFooter
    assert page is not None and footer is not None  # a new sheet has both (openpyxl's types allow none)
    page.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    if title_rows:
        ws.print_title_rows = title_rows
    footer.center.text = "第 &P 页，共 &N 页"
    footer.center.size = 9


def lines_needed(text: str, width: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` characters wide (a Chinese
    character counts two), each paragraph on its own lines."""
    usable = max(int(width) - 1, 1)
    return sum(max(1, math.ceil(cell_len(part) / usable)) for part in str(text).split("\n"))


def row_height(texts: Sequence[tuple[object, float]], minimum_lines: int = 1) -> float:
    """Points for a row whose cells hold ``texts`` (value, column width), wrapped."""
    lines = max([minimum_lines] + [lines_needed(str(v), w) for v, w in texts if v not in (None, "")])
    return round(lines * LINE_POINTS + 4, 1)


def put(ws: Worksheet, row: int, col: int, value: object, *, font: Font = FONT, fill: PatternFill | None = None,
        align: Alignment = WRAP, number_format: str | None = None, border: bool = True) -> None:
    """One cell: text made safe (never a formula), numbers and dates as they are."""
    shown = cell_text(value) if isinstance(value, str) else value
    if shown is not None and not isinstance(shown, (str, int, float, Decimal, date, time, timedelta)):
        raise ValueError(f"Cannot convert {shown!r} to Excel")  # what openpyxl would say
    cell = ws.cell(row, col, shown)
    cell.font = font
    cell.alignment = align
    if border:
        cell.border = BORDER
    if fill is not None:
        cell.fill = fill
    if number_format:
        cell.number_format = number_format


def first_sheet(wb: Workbook) -> Worksheet:
    """A new workbook's one sheet (openpyxl types ``active`` as any kind of sheet, or none)."""
    ws = wb.active
    assert isinstance(ws, Worksheet)
    return ws


def _cover(wb: Workbook, plan_title: str, plan_id: str, period: pr.Period, ledger: lg.UnitLedger,
           deadline: date | None, exported: date) -> None:
    ws = first_sheet(wb)
    ws.title = COVER_SHEET
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 70
    put(ws, 1, 1, plan_title, font=TITLE, align=CENTRE, border=False)
    put(ws, 2, 1, f"{period.label_zh()}任务进展台账", font=TITLE, align=CENTRE, border=False)
    for r in (1, 2):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
        ws.row_dimensions[r].height = row_height([(plan_title if r == 1 else "", 43)]) + 8
    support = len(ledger.rows) - ledger.lead_count
    fields: list[tuple[str, object, str | None]] = [
        ("规划", f"{plan_title}（{plan_id}）", None),
        ("报告期", f"{period.label_zh()}（{period.key}）", None),
        ("填报单位", ledger.unit, None),
        ("填报任务", f"{len(ledger.rows)} 项（牵头 {ledger.lead_count} 项，配合 {support} 项）", None),
        ("报送截止日期", deadline if deadline else "按通知要求", DATE_FORMAT if deadline else None),
        ("下发日期", exported, DATE_FORMAT),
        (FILLED_ON_LABEL, None, DATE_FORMAT),
    ]
    row = 4
    for label, value, fmt in fields:
        put(ws, row, 1, label, font=BOLD, fill=GREY)
        unlocked = label == FILLED_ON_LABEL
        put(ws, row, 2, value, fill=YELLOW if unlocked else None, number_format=fmt,
            align=Alignment(horizontal="left", vertical="top", wrap_text=True))
        if unlocked:
            ws.cell(row, 2).protection = UNLOCKED
        ws.row_dimensions[row].height = row_height([(value, 70)])
        row += 1
    row += 1
    put(ws, row, 1, "填报说明", font=BOLD, border=False)
    for n, text in enumerate(INSTRUCTIONS, 1):
        row += 1
        put(ws, row, 1, f"{n}. {text}", border=False)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        ws.row_dimensions[row].height = row_height([(f"{n}. {text}", 84)])
    print_setup(ws, None)
    ws.page_setup.orientation = "portrait"
    protect(ws)


def _meta(wb: Workbook, plan_id: str, period: pr.Period, unit: str, exported: date) -> None:
    ws = wb.create_sheet(META_SHEET)
    for pair in (("format", lg.FORMAT), ("plan", plan_id), ("period", period.key), ("unit", unit),
                 ("exported", exported.isoformat()), ("checksum", lg.book_checksum(plan_id, period.key, unit))):
        ws.append([cell_text(v) for v in pair])
    ws.sheet_state = "hidden"
    protect(ws)


def _state_zh(state: str | None) -> str | None:
    return pg.STATE_ZH.get(state) if state else None


def _data(wb: Workbook, plan_title: str, plan_id: str, period: pr.Period, ledger: lg.UnitLedger,
          deadline: date | None) -> None:
    ws = wb.create_sheet(DATA_SHEET, 1)
    ids = list(COLUMNS)
    col = {key: n for n, key in enumerate(ids, 1)}
    last = get_column_letter(len(ids))
    widths = [COLUMNS[k][1] for k in ids]
    for n, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(n)].width = width
    ws.column_dimensions["A"].hidden = True
    heading = f"{plan_title} {period.label_zh()}任务进展台账（{ledger.unit}）"
    due = deadline.isoformat() if deadline else "按通知要求"
    subheading = (f"填报单位：{ledger.unit}　报告期：{period.key}　报送截止：{due}　"
                  "黄色单元格由填报单位填写，其余已锁定")
    visible_width = sum(widths[1:])
    for r, (text, font) in enumerate(((heading, TITLE), (subheading, FONT)), 1):
        put(ws, r, 2, text, font=font, align=CENTRE if r == 1 else WRAP, border=False)
        ws.merge_cells(f"B{r}:{last}{r}")
        ws.row_dimensions[r].height = row_height([(text, visible_width * (0.7 if r == 1 else 1))]) + (6 if r == 1
                                                                                                       else 0)
    for key, n in col.items():
        put(ws, HEADER_ROW, n, COLUMNS[key][0], font=BOLD, fill=YELLOW if key in FILL_IN else HEADER_FILL,
            align=CENTRE)
    ws.row_dimensions[HEADER_ROW].height = row_height([(COLUMNS[k][0], COLUMNS[k][1]) for k in ids])
    first = HEADER_ROW + 1
    for i, item in enumerate(ledger.rows):
        r = first + i
        task = numbered(item.number, item.title)
        values = {
            KEY: lg.row_key(plan_id, item.item_id, period.key, ledger.unit, item.role), NUMBER: i + 1,
            CHAPTER: item.chapter, TASK: task, ROLE: item.role,
            DUE: date.fromisoformat(item.due) if item.due else None,
            EXPECTED: None if item.expected is None else round(item.expected, 1),
            LAST_STATE: _state_zh(item.last_state), LAST_NOTE: item.last_note,
        }
        for key, value in values.items():
            put(ws, r, col[key], value, fill=GREY,
                number_format=DATE_FORMAT if key == DUE else "0.0" if key == EXPECTED else None,
                align=CENTRE if key in (NUMBER, ROLE, DUE, EXPECTED, LAST_STATE) else WRAP)
        for key in FILL_IN:
            put(ws, r, col[key], None, fill=YELLOW, number_format="0" if key == PERCENT else None,
                align=CENTRE if key in (STATE, PERCENT) else WRAP)
            ws.cell(r, col[key]).protection = UNLOCKED
        ws.row_dimensions[r].height = row_height([(values[k], COLUMNS[k][1]) for k in values if k != KEY],
                                                 minimum_lines=3)
    end = first + max(len(ledger.rows), 1) - 1
    states = DataValidation(type="list", formula1='"' + ",".join(STATE_CHOICES) + '"', allow_blank=True,
                            showErrorMessage=True, showInputMessage=True, errorTitle="本期状态",
                            error="请从下拉列表中选择：" + "、".join(STATE_CHOICES), promptTitle="本期状态",
                            prompt="请选择：" + "、".join(STATE_CHOICES))
    percent = DataValidation(type="whole", operator="between", formula1="0", formula2="100", allow_blank=True,
                             showErrorMessage=True, showInputMessage=True, errorTitle="完成进度",
                             error="请填写 0—100 之间的整数", promptTitle="完成进度", prompt="0—100 的整数")
    for validation, key in ((states, STATE), (percent, PERCENT)):
        letter = get_column_letter(col[key])
        validation.add(f"{letter}{first}:{letter}{end}")
        ws.add_data_validation(validation)
    ws.freeze_panes = ws.cell(first, col[ROLE])
    ws.print_area = f"B1:{last}{end}"
    print_setup(ws, f"1:{HEADER_ROW}")
    protect(ws)


def write_unit_book(handle: BinaryIO, *, plan_title: str, plan_id: str, period: pr.Period,
                    ledger: lg.UnitLedger, deadline: date | None, exported: date) -> None:
    """Write one unit's workbook for ``period`` to ``handle``."""
    wb = Workbook()
    wb.properties.creator = "plandesk"
    wb.properties.title = visible(f"{plan_title} {period.label_zh()} {ledger.unit}", one_line=True)  # no XML control
    _cover(wb, plan_title, plan_id, period, ledger, deadline, exported)
    _data(wb, plan_title, plan_id, period, ledger, deadline)
    _meta(wb, plan_id, period, ledger.unit, exported)
    wb.active = 0
    wb.security = WorkbookProtection(lockStructure=True)
    wb.save(handle)
