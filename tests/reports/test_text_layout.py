"""The printout on narrow terminals and Chinese line breaking; CSV counts as numbers of their own."""
from __future__ import annotations

import csv
import io
import re

from hypothesis import given, settings
from hypothesis import strategies as hs
from rich.cells import cell_len

from tui.reports.linebreak import CLOSING, OPENING, wrap

PIECES = ["市场", "监管", "所", "建成", "投入使用", "，", "。", "、", "；", "：", "）", "》", "」", "”", "（", "《",
          "“", "2023", "98.5%", "c1.s2", " ", "年", "4万户", "—"]


@settings(max_examples=300, deadline=None)
@given(hs.lists(hs.sampled_from(PIECES), min_size=1, max_size=40), hs.integers(min_value=6, max_value=40))
def test_chinese_line_breaking(pieces: list[str], columns: int) -> None:
    text = "".join(pieces)
    lines = wrap(text, columns)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")  # nothing lost, nothing added
    for n, line in enumerate(lines):
        if n:
            assert line[:1] not in CLOSING, (text, lines)  # no line starts with closing punctuation
        if n < len(lines) - 1:
            assert line[-1:] not in OPENING, (text, lines)  # nor ends with an opening one
        hanging = "".join(sorted(CLOSING))
        leading = "".join(sorted(OPENING))
        assert cell_len(line.rstrip(hanging).lstrip(leading)) <= columns, (text, lines)  # only brackets hang over
    for number in re.findall(r"[A-Za-z0-9][A-Za-z0-9._%/+\-:@#]*", text):
        if cell_len(number) <= columns:
            assert any(number in line for line in lines), (number, lines)  # a number is never split


def test_examples_of_breaking() -> None:
    assert wrap("到2025年，全区市场主体达到4万户。", 10) == ["到2025年，", "全区市场主", "体达到4万", "户。"]
    assert wrap("合格率达到98.5%以上", 12) == ["合格率达到", "98.5%以上"]


def test_a_narrow_terminal_gets_cards_that_keep_chapter_names_whole(cli, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    _, out, _ = cli("report", "--plan", "wulong", "--midterm", "--format", "text", "--today", "2024-01-15")
    lines = out.splitlines()
    assert max(cell_len(line) for line in lines) <= 80
    for chapter in ("第三章 持续优化营商环境,服务国家创新试点建设",
                    "第六章 完善消费维权体系,服务世界知名旅游目的地建设"):
        assert any(chapter in line for line in lines), chapter  # on one line, not two characters a line
    assert not any(line.strip() and len(line.strip()) <= 2 and not line.strip().isdigit() for line in lines)


def test_the_status_stays_readable_at_80_columns(cli, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    _, out, _ = cli("status", "--plan", "luoyang", "--format", "text", "--today", "2024-01-15")
    assert max(cell_len(line) for line in out.splitlines()) <= 80
    assert "市场主体总量" in out


def test_csv_counts_are_numbers_in_columns_of_their_own(cli) -> None:
    _, out, _ = cli("report", "--plan", "wulong", "--midterm", "--format", "csv", "--today", "2024-01-15")
    rows = list(csv.reader(io.StringIO(out)))
    header = next(r for r in rows if r[:2] == ["编号", "章节"])
    chapters = [r for r in rows if r and r[0].startswith("wulong-2021-2025/") and len(r) == len(header)]
    assert chapters
    for row in chapters:
        counts = dict(zip(header, row, strict=True))
        for key in ("到期数", "按期完成", "逾期", "全规划完成", "全规划总数"):
            assert re.fullmatch(r"\d+", counts[key]), (key, counts[key])  # never "6/12", which Excel makes a date
    assert not any(re.fullmatch(r"\d+/\d+", cell) for row in rows for cell in row)
