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

import hashlib
import io
import json
import os
import sqlite3
import zipfile
from datetime import date
from pathlib import Path

import pytest

from store import actions
from store import queries as q
from store import report as rp
from tests.reports.conftest import AS_OF
from tui.i18n import Catalog
from tui.reports.workbook import write_workbook

EXPECTED = Path(__file__).resolve().parent / "expected" / "workbooks.json"
SEED_PLANS = ("wulong", "linyi", "luoyang", "tongliao", "xiangyang")
NOTES = ("=SUM(A1)", " 前后空格 ", 'a & b <c> "d"', "行一\n行二", "ctrl\x01x", "+1", "长" * 80, None)
SEED_AS_OF = date(2024, 1, 15)


def _parts(report: rp.Report, lang: str) -> dict[str, str]:
    out = io.BytesIO()
    write_workbook(report, Catalog(lang), out)
    with zipfile.ZipFile(out) as archive:
        return {name: hashlib.sha256(archive.read(name)).hexdigest()[:20] for name in sorted(archive.namelist())
                if name != "docProps/core.xml"}  # its creation and modification times


def _check(case: str, parts: dict[str, str]) -> None:
    recorded = json.loads(EXPECTED.read_text(encoding="utf-8")) if EXPECTED.exists() else {}
    if os.environ.get("PLANDESK_REGEN"):
        recorded[case] = parts
        EXPECTED.write_text(json.dumps(recorded, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    expected = recorded[case]
    differ = sorted(name for name in expected.keys() | parts.keys() if expected.get(name) != parts.get(name))
    assert not differ, f"{case}: these parts of the workbook changed: {differ}"


@pytest.mark.parametrize(("kind", "year", "lang"), [(rp.FINAL, None, "zh"), (rp.MIDTERM, None, "en"),
                                                    (rp.ANNUAL, 2023, "zh")])
def test_fixture_plan_workbook_is_unchanged(demo_conn: sqlite3.Connection, kind: str, year: int | None,
                                            lang: str) -> None:
    plan = q.resolve_plan(demo_conn, "demo")
    report = rp.build_report(demo_conn, plan, rp.period_for(plan, kind, year), AS_OF)
    _check(f"demo-{kind}-{year}-{lang}", _parts(report, lang))


@pytest.mark.parametrize("prefix", SEED_PLANS)
def test_seed_plan_final_workbook_is_unchanged(conn: sqlite3.Connection, prefix: str) -> None:
    plan = q.resolve_plan(conn, prefix)
    ids = [row[0] for row in conn.execute("SELECT id FROM milestones WHERE plan_id = ? ORDER BY seq", (plan.id,))]
    for k, milestone in enumerate(ids[::7]):  # every seventh milestone done, some late, with a note needing care
        actions.tick(conn, milestone, date(2021 + k % 3, 1 + k % 12, 1 + k % 28), NOTES[k % len(NOTES)])
    report = rp.build_report(conn, plan, rp.period_for(plan, rp.FINAL, None), SEED_AS_OF)
    _check(f"seed-{prefix}-final", _parts(report, "zh"))
