"""The report of the fixture plan against stored expected output (md, csv, json, text).

After an intended change, regenerate with ``PLANDESK_REGEN=1 python -m pytest tests/reports`` and
review the diff of tests/reports/expected/ before committing it.
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from store import queries as q
from store import report as rp
from tests.reports.conftest import AS_OF
from tui.i18n import Catalog
from tui.reports import render_text

EXPECTED = Path(__file__).resolve().parent / "expected"

CASES = [  # (file name, period kind, year, format, language)
    ("annual-2023.zh.md", rp.ANNUAL, 2023, "md", "zh"),
    ("annual-2023.zh.csv", rp.ANNUAL, 2023, "csv", "zh"),
    ("annual-2023.json", rp.ANNUAL, 2023, "json", "zh"),
    ("annual-2023.zh.txt", rp.ANNUAL, 2023, "text", "zh"),
    ("annual-2023.en.txt", rp.ANNUAL, 2023, "text", "en"),
    ("midterm.en.md", rp.MIDTERM, None, "md", "en"),
    ("final.zh.txt", rp.FINAL, None, "text", "zh"),
]


@pytest.mark.parametrize(("name", "kind", "year", "fmt", "lang"), CASES, ids=[c[0] for c in CASES])
def test_matches_stored_output(demo_conn: sqlite3.Connection, name: str, kind: str, year: int | None, fmt: str,
                               lang: str) -> None:
    plan = q.resolve_plan(demo_conn, "demo")
    report = rp.build_report(demo_conn, plan, rp.period_for(plan, kind, year), AS_OF)
    text = render_text(fmt, [report], Catalog(lang), width=110)
    path = EXPECTED / name
    if os.environ.get("PLANDESK_REGEN"):
        path.write_text(text, encoding="utf-8", newline="")
    assert text == path.read_bytes().decode("utf-8"), f"differs from {path} (PLANDESK_REGEN=1 rewrites)"


def test_status_text_matches_stored_output(demo_conn: sqlite3.Connection) -> None:
    plan = q.resolve_plan(demo_conn, "demo")
    text = render_text("text", [rp.build_status(demo_conn, plan, AS_OF)], Catalog("en"), width=110)
    path = EXPECTED / "status.en.txt"
    if os.environ.get("PLANDESK_REGEN"):
        path.write_text(text, encoding="utf-8", newline="")
    assert text == path.read_bytes().decode("utf-8")
