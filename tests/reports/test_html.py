"""The printable HTML page: self-contained, A4, page breaks, rows kept whole, inline SVG charts."""
from __future__ import annotations

import re
import sqlite3

from store import queries as q
from store import report as rp
from tests.reports.conftest import AS_OF
from tui.i18n import Catalog
from tui.reports import render_text


def _html(conn: sqlite3.Connection, kind: str = rp.ANNUAL, year: int | None = 2023) -> str:
    plan = q.resolve_plan(conn, "demo")
    return render_text("html", [rp.build_report(conn, plan, rp.period_for(plan, kind, year), AS_OF)], Catalog("zh"))


def test_self_contained(demo_conn: sqlite3.Connection) -> None:
    page = _html(demo_conn)
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert "<script" not in page.lower()
    assert not re.search(r"""(src|href)\s*=""", page, re.I)  # nothing to fetch
    assert "@import" not in page and "url(" not in page


def test_print_stylesheet(demo_conn: sqlite3.Connection) -> None:
    page = _html(demo_conn)
    assert re.search(r"@page\s*\{\s*size:\s*A4", page)
    assert "break-before: page" in page and "page-break-before: always" in page
    assert "tr, figure" in page and "break-inside: avoid" in page and "page-break-inside: avoid" in page
    assert "thead { display: table-header-group; }" in page
    assert "@bottom-center" in page and "counter(page)" in page  # page numbers when printed
    assert "section + section" not in page  # sections flow; only a second report starts a page
    assert '<col class="c-chapter">' in page and "col.c-note" in page
    for font in ("Noto Serif CJK SC", "SimSun", "Microsoft YaHei", "PingFang SC"):
        assert font in page


def test_sections_and_charts(demo_conn: sqlite3.Connection) -> None:
    page = _html(demo_conn)
    assert page.count("<section") == 7  # headline, chapters, indicators, charts, three lists
    for heading in ("2023年度监测报告", "总体情况", "分章节完成情况", "主要指标完成情况(2023年目标)",
                    "2023年到期事项完成情况", "逾期及结转事项", "下期(2024年)到期事项"):
        assert heading in page
    assert page.count("<svg") == 2  # one chart per indicator with numbers
    total = page[page.rindex("<svg"):page.rindex("</svg>")]  # 市场主体总量: binding 死亡率 comes first
    assert 'aria-label="市场主体总量"' in total and ">3.6<" in total and ">3.7<" in total and "<rect" in total
    assert 'class="nowrap light-red"' in page  # 市场主体总量 not met


def test_final_report_says_there_is_no_next_period(demo_conn: sqlite3.Connection) -> None:
    page = _html(demo_conn, rp.FINAL, None)
    assert "总结评估报告(2021-2025年)" in page and "无:规划期至此结束" in page
