"""The ledger workbook, read back with openpyxl."""
from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import openpyxl
from rich.cells import cell_len

from store import queries as q
from store import report as rp
from tests.reports.conftest import AS_OF
from tui.i18n import Catalog
from tui.reports.workbook import write_workbook

LEDGER_HEADERS = ["序号", "任务", "责任单位", "时限", "状态", "完成日期", "备注"]


def _workbook(conn: sqlite3.Connection, tmp_path: Path, lang: str = "zh") -> openpyxl.Workbook:
    plan = q.resolve_plan(conn, "demo")
    report = rp.build_report(conn, plan, rp.period_for(plan, rp.ANNUAL, 2023), AS_OF)
    path = tmp_path / "ledger.xlsx"
    write_workbook(report, Catalog(lang), path)
    return openpyxl.load_workbook(path)


def _fill(cell) -> str:
    return str(cell.fill.fgColor.rgb)[-6:] if cell.fill and cell.fill.fill_type == "solid" else ""


def test_sheets_headers_and_frozen_rows(demo_conn: sqlite3.Connection, tmp_path: Path) -> None:
    wb = _workbook(demo_conn, tmp_path)
    assert wb.sheetnames == ["概况", "分章节", "台账", "指标", "指标分年", "进展情况", "滞后任务", "未报送单位",
                             "本期到期", "逾期结转", "下期到期"]
    assert wb.active.title == "台账"
    ledger = wb["台账"]
    assert [c.value for c in ledger[2]] == LEDGER_HEADERS
    assert ledger.freeze_panes == "A3"
    assert wb["指标"].freeze_panes == "C3"
    assert wb["本期到期"].freeze_panes == "A3"
    assert ledger.print_title_rows == "$1:$2"
    assert str(ledger.page_setup.paperSize) == ledger.PAPERSIZE_A4 and ledger.page_setup.orientation == "landscape"


def test_ledger_rows_dates_and_status_colours(demo_conn: sqlite3.Connection, tmp_path: Path) -> None:
    ledger = _workbook(demo_conn, tmp_path)["台账"]
    rows = {r[1].value: r for r in ledger.iter_rows(min_row=3) if r[1].value}
    assert "第一章 优化营商环境" in rows and rows["第一章 优化营商环境"][0].value in (None, "")
    late = rows["\u3000上半年完成方案"]
    assert late[0].value == "2.2"
    assert isinstance(late[3].value, datetime) and late[3].value.date().isoformat() == "2023-06-30"
    assert late[3].number_format == "yyyy-mm-dd" and late[3].is_date
    assert late[4].value == "逾期完成" and _fill(late[4]) == "C6EFCE"
    assert late[5].value.date().isoformat() == "2023-07-15" and late[6].value == "方案已印发"
    station = rows["市场监管所"]
    assert station[2].value == "区市场监管局" and station[4].value == "推进中 1/3"


def test_overdue_is_red_and_due_soon_yellow(demo_conn: sqlite3.Connection, tmp_path: Path) -> None:
    plan = q.resolve_plan(demo_conn, "demo")
    report = rp.build_report(demo_conn, plan, rp.period_for(plan, rp.ANNUAL, 2023),
                             datetime(2023, 12, 10).date())
    path = tmp_path / "l.xlsx"
    write_workbook(report, Catalog("zh"), path)
    ledger = openpyxl.load_workbook(path)["台账"]
    states = {r[1].value.strip("\u3000"): (r[4].value, _fill(r[4])) for r in ledger.iter_rows(min_row=3)
              if r[1].value and r[4].value}
    assert states["建成企业开办专区"] == ("临期", "FFEB9C")
    report = rp.build_report(demo_conn, plan, rp.period_for(plan, rp.ANNUAL, 2024), datetime(2024, 2, 1).date(),
                             )
    write_workbook(report, Catalog("zh"), path)
    ledger = openpyxl.load_workbook(path)["台账"]
    states = {r[1].value.strip("\u3000"): (r[4].value, _fill(r[4])) for r in ledger.iter_rows(min_row=3)
              if r[1].value and r[4].value}
    assert states["建成企业开办专区"] == ("逾期", "FFC7CE")


def test_indicator_sheets_print_on_a4(demo_conn: sqlite3.Connection, tmp_path: Path) -> None:
    wb = _workbook(demo_conn, tmp_path)
    sheet = wb["指标"]  # the annual table: one target per indicator, not a column triple per year
    headers = [c.value for c in sheet[2]]
    assert len(headers) <= 12 and "2021年目标" not in headers
    rows = {r[1].value: r for r in sheet.iter_rows(min_row=3)}
    assert list(rows) == ["万台特种设备死亡率", "市场主体总量"]  # binding first
    col = {h: i for i, h in enumerate(headers)}
    total = rows["市场主体总量"]
    assert total[col["目标值"]].value == 3.7 and total[col["实际值"]].value == 3.6  # numbers, not text
    assert total[col["差距"]].value == -0.1 and total[col["差距"]].data_type == "n"
    assert total[col["状态"]].value == "未达标" and _fill(total[col["状态"]]) == "FFC7CE"
    assert rows["万台特种设备死亡率"][col["目标值"]].value == "≤0.1"  # a comparator target stays as printed
    years = wb["指标分年"]  # every year of every indicator, one row each
    headers = [c.value for c in years[2]]
    assert len(headers) <= 9
    by_year = {(r[1].value, r[4].value): r for r in years.iter_rows(min_row=3)}
    assert {y for name, y in by_year if name == "市场主体总量"} == {2021, 2022, 2023, 2024, 2025}
    col = {h: i for i, h in enumerate(headers)}
    assert by_year[("市场主体总量", 2022)][col["实际值"]].value == 3.5
    assert "表间不一致" in str(by_year[("市场主体总量", 2025)][col["备注"]].value)  # 2025: 专栏1 4, 附件3 4.1
    for ws in (sheet, years):
        assert ws.page_setup.orientation == "landscape" and ws.sheet_properties.pageSetUpPr.fitToPage
        assert "&P" in str(ws.oddFooter.center.text) and ws.print_title_rows == "$1:$2"


def test_column_widths_fit_chinese_text(demo_conn: sqlite3.Connection, tmp_path: Path) -> None:
    ledger = _workbook(demo_conn, tmp_path)["台账"]
    task_width = ledger.column_dimensions["B"].width
    longest = max(cell_len(str(c.value)) for c in ledger["B"][2:] if c.value)
    assert task_width >= min(longest, 58)  # measured in cells: a Chinese character is two wide
    assert ledger.column_dimensions["D"].width >= 10  # a date


def test_english_labels(demo_conn: sqlite3.Connection, tmp_path: Path) -> None:
    wb = _workbook(demo_conn, tmp_path, "en")
    assert wb.sheetnames[2] == "Ledger"
    assert [c.value for c in wb["Ledger"][2]] == ["No.", "Task", "Responsible", "Due", "Status", "Done", "Note"]
