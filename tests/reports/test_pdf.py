"""The HTML report printed to PDF by a real headless Chromium (Debian's ``chromium``).

Skips, saying why, where Chromium, pdftotext/pdfinfo (poppler-utils) or a Chinese font is
missing; ``.ci/run`` installs them so that CI runs it.
"""
from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from store import queries as q
from store import report as rp
from tests.reports.conftest import AS_OF
from tui.i18n import Catalog
from tui.reports import render_text


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def _needs() -> str:
    chromium = _chromium()
    if chromium is None:
        pytest.skip("Chromium is not installed (apt-get install chromium); .ci/run installs it")
    if not (shutil.which("pdftotext") and shutil.which("pdfinfo")):
        pytest.skip("pdftotext/pdfinfo are not installed (apt-get install poppler-utils)")
    fonts = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True) if shutil.which("fc-list") else None
    if fonts is None or not fonts.stdout.strip():
        pytest.skip("no Chinese font for Chromium (apt-get install fonts-wqy-microhei)")
    return chromium


def print_pdf(html: Path, pdf: Path, profile: Path) -> None:
    chromium = _needs()
    result = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", "--no-pdf-header-footer", html.as_uri()],
        capture_output=True, text=True, timeout=180)
    assert pdf.exists() and pdf.stat().st_size > 0, result.stderr[-2000:]


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_annual_report_prints_to_pdf(demo_conn: sqlite3.Connection, tmp_path: Path) -> None:
    _needs()
    plan = q.resolve_plan(demo_conn, "demo")
    report = rp.build_report(demo_conn, plan, rp.period_for(plan, rp.ANNUAL, 2023), AS_OF)
    html = tmp_path / "report.html"
    html.write_text(render_text("html", [report], Catalog("zh")), encoding="utf-8")
    pdf = tmp_path / "report.pdf"
    print_pdf(html, pdf, tmp_path / "chromium-profile")
    text = pdf_text(pdf)
    for expected in ("2023年度监测报告", "示范区市场监管“十四五”规划", "总体情况", "分章节完成情况",
                     "主要指标完成情况(2023年目标)", "市场主体总量", "未达标", "上半年完成方案", "方案已印发",
                     "逾期及结转事项", "下期(2024年)到期事项", "丙所建成投入使用", "历年目标值与实际值"):
        assert expected in text, expected
    # sections flow one after another; every page carries its number ("— 1 / 2 —")
    pages = pdf_pages(pdf)
    assert 2 <= pages <= 4, pages
    sections = text.split("\f")[:pages]  # pdftotext ends every page with a form feed
    assert all(page.strip() for page in sections)
    for number, page in enumerate(sections, 1):
        assert re.search(rf"—\s*{number}\s*/\s*{pages}\s*—", page), (number, page[-200:])
    assert "分章节完成情况" in sections[0] and "丙所" in sections[-1]
