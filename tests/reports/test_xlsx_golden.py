"""Every part of the workbook against the parts recorded before its writer was made faster.

The workbook's rows are written as markup by plandesk itself (``xlsx_rows``, ``xlsx_columns``),
column by column, with repeated cells made once: this holds that every cell, value, style, row
height, column width and sheet setting stays what it was, on the fixture plan (annual, mid-term,
final) and on every seed plan with milestones ticked with notes that need care (a formula's lead,
a control character, markup characters, a newline, leading spaces). The parts are compared by
digest (the package's creation time aside).

After an intended change to the workbook, regenerate with ``PLANDESK_REGEN=1 python -m pytest
tests/reports/test_xlsx_golden.py``, open the workbooks, and commit the new digests.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from store import queries as q
from store import report as rp
from tests.reports.conftest import AS_OF
from tests.reports.golden import SEED_AS_OF, SEED_PLANS, check_parts, part_digests, tick_with_notes
from tui.i18n import Catalog
from tui.reports.workbook import write_workbook

EXPECTED = Path(__file__).resolve().parent / "expected" / "workbooks.json"
NOTES = ("=SUM(A1)", " 前后空格 ", 'a & b <c> "d"', "行一\n行二", "ctrl\x01x", "+1", "长" * 80, None)


def _check(case: str, report: rp.Report, lang: str) -> None:
    check_parts(EXPECTED, case, part_digests(lambda out: write_workbook(report, Catalog(lang), out)), "workbook")

@pytest.mark.parametrize(("kind", "year", "lang"), [(rp.FINAL, None, "zh"), (rp.MIDTERM, None, "en"),
                                                    (rp.ANNUAL, 2023, "zh")])
def test_fixture_plan_workbook_is_unchanged(demo_conn: sqlite3.Connection, kind: str, year: int | None,
                                            lang: str) -> None:
    plan = q.resolve_plan(demo_conn, "demo")
    report = rp.build_report(demo_conn, plan, rp.period_for(plan, kind, year), AS_OF)
    _check(f"demo-{kind}-{year}-{lang}", report, lang)


@pytest.mark.parametrize("prefix", SEED_PLANS)
def test_seed_plan_final_workbook_is_unchanged(conn: sqlite3.Connection, prefix: str) -> None:
    plan = q.resolve_plan(conn, prefix)
    tick_with_notes(conn, plan.id, 7, NOTES)
    report = rp.build_report(conn, plan, rp.period_for(plan, rp.FINAL, None), SEED_AS_OF)
    _check(f"seed-{prefix}-final", report, "zh")
