"""How the Luoyang seed text is read: its parts, headings and printed items.

Everything the Luoyang checks expect is parsed from the seed file 002_c97b93fe9adfb2ac.txt itself
(洛阳市“十四五”市场监管现代化规划, 洛政〔2022〕57号), so that a YAML edit that loses a heading, a
paragraph, a 专栏 entry, an indicator value or a dated target fails."""
from __future__ import annotations

import re
from typing import Any

from tests.seeds.seedtext import (
    heading,
    source_lines,
    squash,
)

FILE = "002_c97b93fe9adfb2ac.txt"


PLAN_ID = "luoyang-2021-2025"


RE_CHAPTER = heading(r"第({cn})章\s*(.+)")


RE_SECTION = heading(r"({cn})、(.+)")


RE_TASK = heading(r"\(({cn})\)(.+?)。(.*)")


RE_BOX = heading(r"专栏(\d+)\s*(.+)")


RE_ENTRY = heading(r"(0\d)\s*(.+)")


RE_IND = heading(r"(\d+)\.(.+)")


# a deadline inside the plan period (2021-2025): 到2025年 / 到2025年底 / 2022年年底前 / 2025年,
RE_DEADLINE = re.compile(r"20(2[1-5])年")


def repaired_from(text: str, printed: str) -> bool:
    """`text` is `printed` with a few characters inserted (a lost 以, bracket or quote put back)."""
    a, b = squash(printed), squash(text)
    if text == printed or not 0 <= len(b) - len(a) <= 3:
        return False
    it = iter(b)
    return all(ch in it for ch in a)


def src() -> tuple[str, ...]:
    return source_lines(FILE)


def text_at(n: int) -> str:
    return src()[n - 1].strip()


def first_line(pattern: str) -> int:
    for i, s in enumerate(src(), 1):
        if re.search(pattern, s):
            return i
    raise AssertionError(pattern)


# plan body: from 第一章 to the line before the web page's 政策解读 link (page chrome after it)
BODY_START = first_line(r"^第一章")


BODY_END = first_line(r"^政策解读相关链接") - 1


# the indicator table: from its caption to the line before 第三章
TABLE_START = first_line(r"主要指标\s*$")


TABLE_END = first_line(r"^第三章") - 1


def body() -> list[tuple[int, str]]:
    return [(n, text_at(n)) for n in range(BODY_START, BODY_END + 1)
            if text_at(n) and not (TABLE_START <= n <= TABLE_END)]


def at(nodes, n: int, kind: str) -> dict[str, Any]:
    found = [x for x in nodes if x["line"] == n and x["kind"] == kind]
    assert len(found) == 1, f"line {n}: expected one {kind} node, found {len(found)}"
    return found[0]


def box_ranges() -> list[tuple[int, int, re.Match[str]]]:
    """(start, end, match) of each 专栏: it ends at the next heading."""
    lines = body()
    out = []
    for i, (n, s) in enumerate(lines):
        m = RE_BOX.match(s)
        if not m:
            continue
        end = BODY_END
        for n2, s2 in lines[i + 1:]:
            if RE_TASK.match(s2) or RE_SECTION.match(s2) or RE_CHAPTER.match(s2) or RE_BOX.match(s2):
                end = n2 - 1
                break
        out.append((n, end, m))
    return out
