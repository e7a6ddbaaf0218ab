"""The workbook as LibreOffice prints it: A4 landscape, legible type, numbered pages, nothing overprinted."""
from __future__ import annotations

import shutil
import statistics
from pathlib import Path

import pytest

from tests.reports import office

AS_OF = ["--today", "2024-01-15"]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory, _seeded_template: Path) -> tuple[Path, str]:
    office.needs_office()
    from tui.cli import main

    work = tmp_path_factory.mktemp("xlsx-pdf")
    db = work / "plandesk.sqlite3"
    shutil.copy(_seeded_template, db)
    book = work / "wulong-midterm.xlsx"
    for args in (["record", "wulong/i01", "2022", "3.5"], ["record", "wulong/i01", "2023", "3.6"],
                 ["tick", "wulong/a1.p1.yangjiao", "--on", "2022-11-30", "--note", "已验收"],
                 ["report", "--plan", "wulong", "--midterm", "--format", "xlsx", "-o", str(book), *AS_OF]):
        assert main(["--db", str(db), *args]) == 0
    pdf = office.to_pdf(book, work)
    return pdf, office.text(pdf)


def test_every_page_is_a4_landscape_and_numbered(printed: tuple[Path, str]) -> None:
    pdf, text = printed
    sizes = office.page_sizes(pdf)
    assert sizes and all(abs(w - 841.9) < 2 and abs(h - 595.3) < 2 for w, h in sizes)
    pages = text.split("\f")[: len(sizes)]
    assert all(f"第 {n} 页" in page for n, page in enumerate(pages, 1)), "a page without its number"


def test_the_sheets_print_their_content(printed: tuple[Path, str]) -> None:
    _, text = printed
    for expected in ("台账", "羊角市场监管所建成投入使用", "2022-11-30", "已验收", "主要指标进度评价(2021-2023年)",
                     "市场主体总量", "难以完成", "指标分年", "分章节完成情况", "逾期及结转事项"):
        assert expected in text, expected
    assert "'-" not in text  # the plans' "-" (none) is a dash, not text behind an apostrophe


def test_type_is_legible_and_rows_do_not_overprint(printed: tuple[Path, str]) -> None:
    pdf, _ = printed
    words = office.words(pdf)
    heights = [w.y1 - w.y0 for w in words]
    assert statistics.median(heights) >= 6.5  # points: no 24-column sheet squeezed onto a page
    assert office.overprinted(words) == []
