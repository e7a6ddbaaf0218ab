"""How the Wulong seed text (003_a3c6fb84209f3d63.txt) is read: its line ranges and the items it prints.

The expectations of the Wulong checks are parsed from the seed file itself, so an edit of the YAML
that loses a heading, a task, a 专栏 entry, an indicator value, a project or a milestone fails."""
from __future__ import annotations

import re

from tests.seeds.seedtext import (
    source_lines,
)

PLAN_ID = "wulong-2021-2025"


SRC = "003_a3c6fb84209f3d63.txt"


BASIS_LINE = 39            # 根据……特制定本规划 (the plan's basis paragraph)


BODY = (41, 493)           # 第一章 .. end of 第八章


BOX1_TABLE = (107, 294)    # 专栏1 indicator table cells (header + 17 rows)


ANNEX1 = (530, 576)        # 附件1 table body


ANNEX2 = (599, 639)        # 附件2 table body


ANNEX3 = (666, 943)        # 附件3 table body


ANNEX4 = (961, 1025)       # 附件4 table body


# 第七章 (二): the whole number is lost and the heading runs into its body on this line.
LOST_WHOLE_NUMBER = {443: "科技创新智慧监管"}


CN_NUM = "一二三四五六七八九十"


def L(n: int) -> str:
    return source_lines(SRC)[n - 1].strip()


def nonblank(a: int, b: int) -> list[tuple[int, str]]:
    return [(n, L(n)) for n in range(a, b + 1) if L(n)]


# ---------------------------------------------------------------- source parsing
def src_chapters():
    out = []
    for n, t in nonblank(*BODY):
        m = re.match(r"^(第[一二三四五六七八九十]+章)\s+(.+)$", t)
        if m:
            out.append((n, m.group(1), m.group(2)))
    return out


def src_sections():
    """(line, printed number or None, rest of the line) for every section heading of the body."""
    out: list[tuple[int, str | None, str]] = []
    for n, t in nonblank(*BODY):
        m = re.match(r"^\(([一二三四五六七八九十])\)(.+)$", t)
        if m:
            out.append((n, f"({m.group(1)})", m.group(2)))
        elif t.startswith(")"):
            out.append((n, None, t[1:]))          # "(X" lost, only ")" printed
        elif n in LOST_WHOLE_NUMBER:
            assert t.startswith(LOST_WHOLE_NUMBER[n])
            out.append((n, None, t))
    return out


def src_boxes():
    """(line, 专栏N, title, end line) for every 专栏 of the body."""
    chap_lines = [n for n, _, _ in src_chapters()] + [BODY[1] + 1]
    out = []
    for n, t in nonblank(*BODY):
        m = re.match(r"^(专栏\d+)\s+(.+)$", t)
        if m:
            end = min(c for c in chap_lines if c > n) - 1
            out.append((n, m.group(1), m.group(2), end))
    return out


def in_box(n: int) -> bool:
    return any(b <= n <= e for b, _, _, e in src_boxes())


def src_numbered(a: int, b: int):
    out = []
    for n, t in nonblank(a, b):
        m = re.match(r"^(\d+)\.\s*(\D.*)$", t)       # "1. 标题。正文", not a decimal such as "3.4"
        if m:
            out.append((n, m.group(1) + ".", m.group(2)))
    return out


def src_tasks():
    return [x for x in src_numbered(*BODY) if not in_box(x[0])]


TASK_CHAPTERS = ("第三章", "第四章", "第五章", "第六章", "第七章")   # the chapters of action (not 背景/要求/保障)


def src_unnumbered_tasks():
    """(line, section heading + body) of every section of an action chapter that has no numbered task:
    its body paragraph is the task."""
    chapters = src_chapters()
    stops = sorted([c[0] for c in chapters] + [s[0] for s in src_sections()] + [b[0] for b in src_boxes()]
                   + [BODY[1] + 1])
    numbered = [t[0] for t in src_tasks()]
    out = []
    for line, _num, rest in src_sections():
        chapter = max((c for c in chapters if c[0] < line), key=lambda c: c[0])
        if chapter[1] not in TASK_CHAPTERS:
            continue
        end = min(x for x in stops if x > line)
        if not any(line < t < end for t in numbered):
            out.append((line, rest))
    return out


def parse_table(a: int, b: int, nvals: int):
    """Rows of a flattened table: [category] 序号 name value*nvals; category only on a group's first row."""
    cs = nonblank(a, b)
    rows, i, cat = [], 0, None
    while i < len(cs):
        n, c = cs[i]
        if c.startswith("注"):
            break
        if not re.fullmatch(r"\d+", c):
            cat = c
            i += 1
            continue
        rows.append(dict(cat=cat, num=c, line=n, name=cs[i + 1][1], vals=[v for _, v in cs[i + 2:i + 2 + nvals]]))
        i += 2 + nvals
    return rows


def name_unit(printed: str):
    m = re.match(r"^(.*?)(?:\((.+?)\)?)?$", printed)   # the unit's ")" is lost in rows like "(%"
    return m.group(1), m.group(2)


def src_annex2_rows():
    """{序号: (line of name, name, place, [(line, cell), ...])} of 附件2."""
    cs = nonblank(*ANNEX2)
    rows, i = {}, 0
    while i < len(cs):
        num = cs[i][1]
        assert re.fullmatch(r"\d+", num)
        j = i + 3
        cells = []
        while j < len(cs) and not re.fullmatch(r"\d+", cs[j][1]):
            cells.append(cs[j])
            j += 1
        rows[num] = (cs[i + 1][0], cs[i + 1][1], cs[i + 2][1], cells)
        i = j
    return rows


def src_annex4_rows():
    cs = nonblank(*ANNEX4)
    rows, i, cat = [], 0, None
    while i < len(cs):
        n, num = cs[i]
        assert re.fullmatch(r"\d+", num)
        rest = []
        j = i + 1
        while j < len(cs) and not re.fullmatch(r"\d+", cs[j][1]):
            rest.append(cs[j])
            j += 1
        if len(rest) == 3:
            cat = rest[0][1]
            rest = rest[1:]
        assert len(rest) == 2
        rows.append(dict(num=num, cat=cat, name=rest[0], goal=rest[1]))
        i = j
    return rows
