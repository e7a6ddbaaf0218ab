"""The office's consolidated ledger (汇总台账) for a period, written from ``store.ledger.master_rows``.

One sheet with every tracked item of the plan (all units), its lead and supporting units, due
date, 序时进度 at the end of the period, its light as of the as-of date, and the report that
counts for the period (state, percent, 进展情况, 存在问题, 下步措施, 佐证材料, the reporting unit,
date and source file), with an autofilter so the office can show one unit or one colour; and a
second sheet with the round's status by unit (``store.ledger.status``). Nothing is decided
here: units, lights, 序时 and "the latest report counts" come from their own modules.
"""
from __future__ import annotations

import sqlite3
from datetime import date
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from store import ledger as lg
from store import lights as lt
from store import periods as pr
from store import progress as pg
from store.records import numbered
from tui.ledger_books import unit_book as lb
from tui.theme import LIGHT_COLOURS

LIGHT_ZH = {lt.RED: "红灯", lt.YELLOW: "黄灯", lt.GREEN: "绿灯"}
HEADERS: list[tuple[str, float]] = [
    ("序号", 5), ("所属章节", 12), ("任务", 24), ("牵头单位", 12), ("配合单位", 12), ("完成时限", 10.5),
    ("序时进度(%)", 7.5), ("亮灯", 6), ("状态", 7), ("完成进度(%)", 7.5), ("进展情况", 28), ("存在问题", 20),
    ("下步措施", 20), ("佐证材料", 14), ("报送单位", 10), ("报告日期", 10.5), ("来源", 16),
]
STATUS_HEADERS: list[tuple[str, float]] = [("单位", 18), ("应报任务", 9), ("已报", 7), ("未报", 7),
                                           ("报送文件", 40), ("最近录入", 20)]


def _sheet_head(ws: Worksheet, title: str, headers: list[tuple[str, float]]) -> None:
    last = get_column_letter(len(headers))
    lb.put(ws, 1, 1, title, font=lb.TITLE, align=lb.CENTRE, border=False)
    ws.merge_cells(f"A1:{last}1")
    ws.row_dimensions[1].height = 24
    for n, (header, width) in enumerate(headers, 1):
        lb.put(ws, 2, n, header, font=lb.BOLD, fill=lb.HEADER_FILL, align=lb.CENTRE)
        ws.column_dimensions[get_column_letter(n)].width = width
    ws.row_dimensions[2].height = lb.row_height([(h, w) for h, w in headers])
    ws.freeze_panes = "D3"
    lb.print_setup(ws, "1:2")


def write_master(handle: BinaryIO, conn: sqlite3.Connection, plan_id: str, plan_title: str, period: pr.Period,
                 today: date, soon_days: int) -> int:
    """Write the consolidated workbook; returns how many items it lists."""
    items = lg.master_rows(conn, plan_id, period, today, soon_days)
    wb = Workbook()
    ws = lb.first_sheet(wb)
    ws.title = "汇总台账"
    _sheet_head(ws, f"{plan_title} {period.label_zh()}任务进展汇总台账（截至 {today.isoformat()}）", HEADERS)
    for r, item in enumerate(items, 3):
        report = item.report
        values: list[object] = [
            r - 2, item.chapter, numbered(item.number, item.title), "、".join(item.lead), "、".join(item.support),
            item.due, item.expected, LIGHT_ZH[item.light], pg.STATE_ZH[report.state] if report else None,
            report.percent if report else None, report.note if report else None,
            report.problem if report else None, report.next_step if report else None,
            "\n".join(report.evidence) if report else None, report.unit if report else None,
            date.fromisoformat(report.reported_on) if report else None, report.source if report else None,
        ]
        for n, value in enumerate(values, 1):
            lb.put(ws, r, n, value, number_format=lb.DATE_FORMAT if isinstance(value, date) else
                   "0.0" if n == 7 else None)
        fill, colour = LIGHT_COLOURS[item.light]  # the report workbook's
        ws.cell(r, 8).fill = PatternFill("solid", fgColor=fill)
        ws.cell(r, 8).font = Font(name=lb.FONT_NAME, size=10, color=colour, bold=True)
        ws.row_dimensions[r].height = lb.row_height([(v, w) for v, (_, w) in zip(values, HEADERS, strict=True)
                                                     if not isinstance(v, (int, float, date))])
    ws.auto_filter.ref = f"A2:{get_column_letter(len(HEADERS))}{max(len(items) + 2, 3)}"
    _status_sheet(wb, conn, plan_id, plan_title, period)
    wb.properties.creator = "plandesk"
    wb.save(handle)
    return len(items)


def _status_sheet(wb: Workbook, conn: sqlite3.Connection, plan_id: str, plan_title: str, period: pr.Period) -> None:
    ws = wb.create_sheet("报送情况")
    _sheet_head(ws, f"{plan_title} {period.label_zh()}各单位报送情况", STATUS_HEADERS)
    ws.freeze_panes = "B3"
    for r, s in enumerate(lg.status(conn, plan_id, period), 3):
        values: list[object] = [s.unit, s.sent, s.answered, s.missing, "\n".join(s.files), s.last_at]
        for n, value in enumerate(values, 1):
            lb.put(ws, r, n, value)
        ws.row_dimensions[r].height = lb.row_height([(v, w) for v, (_, w) in zip(values, STATUS_HEADERS, strict=True)
                                                     if isinstance(v, str)])
