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
    report = rp.build_report(conn, plan, rp.period_for(plan, rp.ANNUAL, 2023), AS_OF, ledger=True)
    path = tmp_path / "ledger.xlsx"
    write_workbook(report, Catalog(lang), path)
    return openpyxl.load_workbook(path)


def _fill(cell) -> str:  # type: ignore[no-untyped-def]
    return str(cell.fill.fgColor.rgb)[-6:] if cell.fill and cell.fill.fill_type == "solid" else ""


def test_sheets_headers_and_frozen_rows(demo_conn: sqlite3.Connection, tmp_path: Path) -> None:
    wb = _workbook(demo_conn, tmp_path)
    assert wb.sheetnames == ["概况", "台账", "指标", "本期到期", "逾期结转", "下期到期"]
    ledger = wb["台账"]
    assert [c.value for c in ledger[2]] == LEDGER_HEADERS
    assert ledger.freeze_panes == "A3"
    assert wb["指标"].freeze_panes == "D3"
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
                             datetime(2023, 12, 10).date(), ledger=True)
    path = tmp_path / "l.xlsx"
    write_workbook(report, Catalog("zh"), path)
    ledger = openpyxl.load_workbook(path)["台账"]
    states = {r[1].value.strip("\u3000"): (r[4].value, _fill(r[4])) for r in ledger.iter_rows(min_row=3)
              if r[1].value and r[4].value}
    assert states["建成企业开办专区"] == ("临期", "FFEB9C")
    report = rp.build_report(demo_conn, plan, rp.period_for(plan, rp.ANNUAL, 2024), datetime(2024, 2, 1).date(),
                             ledger=True)
    write_workbook(report, Catalog("zh"), path)
    ledger = openpyxl.load_workbook(path)["台账"]
    states = {r[1].value.strip("\u3000"): (r[4].value, _fill(r[4])) for r in ledger.iter_rows(min_row=3)
              if r[1].value and r[4].value}
    assert states["建成企业开办专区"] == ("逾期", "FFC7CE")


def test_indicator_sheet_has_every_year(demo_conn: sqlite3.Connection, tmp_path: Path) -> None:
    sheet = _workbook(demo_conn, tmp_path)["指标"]
    headers = [c.value for c in sheet[2]]
    for year in range(2021, 2026):
        assert f"{year}年目标" in headers and f"{year}年实际" in headers and f"{year}年状态" in headers
    rows = {r[2].value: r for r in sheet.iter_rows(min_row=3)}
    assert list(rows) == ["万台特种设备死亡率", "市场主体总量"]  # binding first
    total = rows["市场主体总量"]
    col = {h: i for i, h in enumerate(headers)}
    assert total[col["2023年目标"]].value == 3.7 and total[col["2023年实际"]].value == 3.6
    assert total[col["2023年状态"]].value == "未达标" and _fill(total[col["2023年状态"]]) == "FFC7CE"
    assert total[col["2022年实际"]].value == 3.5
    assert "表间不一致" in total[col["备注"]].value  # 2025: 专栏1 4, 附件3 4.1
    death = rows["万台特种设备死亡率"]
    assert death[col["2023年目标"]].value == "≤0.1" and _fill(death[col["2023年状态"]]) == "C6EFCE"


def test_column_widths_fit_chinese_text(demo_conn: sqlite3.Connection, tmp_path: Path) -> None:
    ledger = _workbook(demo_conn, tmp_path)["台账"]
    task_width = ledger.column_dimensions["B"].width
    longest = max(cell_len(str(c.value)) for c in ledger["B"][2:] if c.value)
    assert task_width >= min(longest, 58)  # measured in cells: a Chinese character is two wide
    assert ledger.column_dimensions["D"].width >= 10  # a date


def test_english_labels(demo_conn: sqlite3.Connection, tmp_path: Path) -> None:
    wb = _workbook(demo_conn, tmp_path, "en")
    assert wb.sheetnames[1] == "Ledger"
    assert [c.value for c in wb["Ledger"][2]] == ["No.", "Task", "Responsible", "Due", "Status", "Done", "Note"]
