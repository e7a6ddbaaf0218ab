"""The workbook's cells as a spreadsheet reads them: text stays text, dates dates, however odd the clerk's notes."""
from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from store import actions
from store import queries as q
from store import report as rp
from tests.reports.conftest import AS_OF, DEMO
from tui.i18n import Catalog
from tui.reports.workbook import write_workbook

NOTES = {  # milestone -> the note a clerk typed when ticking it, and what the cell must read back as
    "c1.t1": ('=HYPERLINK("http://example.com","点我")', '\'=HYPERLINK("http://example.com","点我")'),
    "c1.t2.m1": ("#N/A", "#N/A"),  # an error value's spelling: still text
    "c2.p1.b": ("响铃\x07 & <b>粗</b> \ufffe", "响铃\\u0007 & <b>粗</b> \\ufffe"),  # no character XML forbids
    "c2.p1.c": ("\u3000首行缩进\n第二行", "\u3000首行缩进\n第二行"),  # its leading space kept, two lines
    "c1.t2.m2": ("长" * 40_000, "长" * 32_767),  # Excel's limit for a cell
}


@pytest.fixture
def ledger(demo_conn: sqlite3.Connection, tmp_path: Path) -> dict[str, tuple[Any, ...]]:
    for milestone, (note, _) in NOTES.items():
        actions.tick(demo_conn, f"{DEMO}/{milestone}", date(2023, 7, 1), note)
    plan = q.resolve_plan(demo_conn, "demo")
    path = tmp_path / "cells.xlsx"
    write_workbook(rp.build_report(demo_conn, plan, rp.period_for(plan, rp.ANNUAL, 2023), AS_OF), Catalog("zh"), path)
    book = openpyxl.load_workbook(path)
    assert book["台账"].sheet_view.tabSelected and not book["概况"].sheet_view.tabSelected  # opens on the ledger
    sheet = book["台账"]
    return {str(row[1].value).strip("\u3000"): (*row, sheet.row_dimensions[number].ht)
            for number, row in enumerate(sheet.iter_rows(min_row=3), 3) if row[1].value}


def test_notes_read_back_as_the_text_typed(ledger: dict[str, tuple[Any, ...]]) -> None:
    notes = {row[6].value: row[6].data_type for row in ledger.values() if row[6].value}
    for _, shown in NOTES.values():
        assert notes.get(shown) == "s", shown[:40]  # a string cell: never a formula, an error or a number


def test_dates_stay_dates_in_plain_and_wrapped_rows(ledger: dict[str, tuple[Any, ...]]) -> None:
    plain, wrapped = ledger["乙所建成投入使用"], ledger["丙所建成投入使用"]
    assert plain[7] is None and wrapped[7] == 30  # the two-line note makes its row two lines tall
    for row, due in ((plain, date(2023, 12, 31)), (wrapped, date(2024, 12, 31))):
        for cell, expected in ((row[3], due), (row[5], date(2023, 7, 1))):
            assert cell.is_date and cell.number_format == "yyyy-mm-dd" and cell.value.date() == expected
    assert wrapped[3].alignment.vertical == "top"  # a wrapped row's cells all sit at the top


def test_numbers_stay_numbers(demo_conn: sqlite3.Connection, tmp_path: Path) -> None:
    plan = q.resolve_plan(demo_conn, "demo")
    path = tmp_path / "numbers.xlsx"
    write_workbook(rp.build_report(demo_conn, plan, rp.period_for(plan, rp.ANNUAL, 2023), AS_OF), Catalog("zh"), path)
    chapters = openpyxl.load_workbook(path)["分章节"]
    headers = [c.value for c in chapters[2]]
    first = next(chapters.iter_rows(min_row=3))
    assert first[1].data_type == "n" and isinstance(first[1].value, int)  # the chapter's milestones: a count
    share = first[headers.index(Catalog("zh")("rp_share"))]
    assert isinstance(share.value, float) and share.number_format == "0%"
