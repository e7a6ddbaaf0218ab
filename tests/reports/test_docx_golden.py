"""Every part of the Word draft against the parts recorded before its writer was made faster.

The draft's paragraphs are added with their styles looked up once and their text as one element
(``docx_draft.Draft.styled``, ``add_text``) instead of through python-docx's slower setters: this
holds that every paragraph, run, style and table stays what it was, on the fixture plan (annual,
mid-term, final, with and without ids and a signed date) and on every seed plan with milestones
ticked with notes that need care. The parts are compared by digest (the package's properties aside).

After an intended change to the draft, regenerate with ``PLANDESK_REGEN=1 python -m pytest
tests/reports/test_docx_golden.py``, open the drafts, and commit the new digests.
"""
from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from store import queries as q
from store import report as rp
from tests.reports.conftest import AS_OF
from tests.reports.golden import SEED_AS_OF, SEED_PLANS, check_parts, part_digests, tick_with_notes
from tui.reports.docx_draft import write_draft

EXPECTED = Path(__file__).resolve().parent / "expected" / "drafts.json"
NOTES = ("=SUM(A1)", " 前后空格 ", 'a & b <c> "d"', "行一\n行二", "tab\there", "ctrl\x01x", "长" * 80, None)


def _check(case: str, report: rp.Report, **options: Any) -> None:
    check_parts(EXPECTED, case, part_digests(lambda out: write_draft(report, out, **options)), "Word draft")


@pytest.mark.parametrize(("kind", "year", "options"), [
    (rp.FINAL, None, {}), (rp.MIDTERM, None, {"with_ids": True}),
    (rp.ANNUAL, 2023, {"issuer": "某市市场监督管理局", "signed": date(2024, 1, 20)})])
def test_fixture_plan_draft_is_unchanged(demo_conn: sqlite3.Connection, kind: str, year: int | None,
                                         options: dict[str, Any]) -> None:
    plan = q.resolve_plan(demo_conn, "demo")
    report = rp.build_report(demo_conn, plan, rp.period_for(plan, kind, year), AS_OF, narrative=True)
    _check(f"demo-{kind}-{year}", report, **options)


@pytest.mark.parametrize("prefix", SEED_PLANS)
def test_seed_plan_final_draft_is_unchanged(conn: sqlite3.Connection, prefix: str) -> None:
    plan = q.resolve_plan(conn, prefix)
    tick_with_notes(conn, plan.id, 5, NOTES)
    for period in (rp.FINAL, rp.MIDTERM):
        report = rp.build_report(conn, plan, rp.period_for(plan, period, None), SEED_AS_OF, narrative=True)
        _check(f"seed-{prefix}-{period}", report)
