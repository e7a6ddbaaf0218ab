"""Checks the transcription of the Xiangyang plan (seed 001) against the seed text itself.

Everything expected is parsed from the source lines; the YAML is only looked up.
"""
from __future__ import annotations

import re
from collections import Counter

import pytest

from tests.seeds.seedtext import (
    RECURRING,
    REPO,
    check_yearly,
    everything_text,
    milestones,
    plan,
    source_lines,
    squash,
    walk,
)

PLAN_ID = "xiangyang-2022-2025"
# The web copy carries one injected advertising string (in the page title and in two sentences).
# A clerk must never see it, not even in a `source` field: any part of it is looked for.
SPAM = "九游网官方网站入口"
SPAM_PARTS = (SPAM, "九游", "官方网站入口", "网站入口")


@pytest.fixture(scope="module")
def p():
    return plan(PLAN_ID)


@pytest.fixture(scope="module")
def src(p):
    return source_lines(p["source_file"])


def _find(src, pattern, start=0):
    for i in range(start, len(src)):
        if re.match(pattern, src[i].strip()):
            return i
    raise AssertionError(f"{pattern} not found")


@pytest.fixture(scope="module")
def ranges(src):
    """0-based line indexes of the plan's parts."""
    body = _find(src, r"第一章")
    end = _find(src, r"主题词")
    ind_head = _find(src, r"具体目标是")
    proj_head = _find(src, r"^项目$", ind_head)
    ch3 = _find(src, r"第三章")
    return {"body": body, "end": end, "ind": ind_head, "proj": proj_head, "ch3": ch3}


def _body(src, ranges):
    """(line number, stripped text) of the body lines outside the two tables."""
    for i in range(ranges["body"], ranges["end"]):
        if ranges["ind"] < i < ranges["ch3"]:
            continue
        s = src[i].strip()
        if s:
            yield i + 1, s


def _nodes(p, kind=None):
    return [n for n in walk(p["nodes"]) if kind is None or n["kind"] == kind]


def _at(p, line, kind=None):
    return [n for n in _nodes(p, kind) if n["line"] == line]


# ---------------------------------------------------------------- plan header

def test_header(p, src):
    assert p["source_file"] == "001_3b4492a3cd83446d.txt"
    title_line = next(s.strip() for s in src if s.strip().startswith("襄阳市市场监管规划") and SPAM not in s)
    assert squash(p["title"]) == squash(title_line)
    assert SPAM not in p["title"]
    assert p["period"] == {"start": 2022, "end": 2025}
    footer = "\n".join(src[-4:])
    m = re.search(r"发布机构\s*(\S+)", footer)
    assert p["bureau"] == m.group(1)
    assert str(p["issued"]) == re.search(r"发布日期\s*(\d{4}-\d\d-\d\d)", footer).group(1)
    assert "注入" in p["note"] and "页脚" in p["note"]


def test_no_chrome_or_spam_in_content(p, src):
    spam_lines = [i + 1 for i, s in enumerate(src) if SPAM in s]
    assert spam_lines == [1, 487, 509]  # the page title and two sentences of the body
    # the spam appears nowhere in the YAML of this plan (title, text, source, repair, note ...)
    raw = (REPO / "seed_plans.yaml").read_text(encoding="utf-8")
    for part in SPAM_PARTS:
        assert part not in raw, part
    for n in walk(p["nodes"]):
        for m in [n] + list(n.get("milestones") or []):
            for key, value in m.items():
                assert not any(part in str(value) for part in SPAM_PARTS), (m["id"], key)
    for ln in spam_lines[1:]:
        (n,) = [n for n in _at(p, ln) if n.get("source")]
        # the printed text is kept with the injected string cut out, and a note says so
        assert squash(n["source"]) == squash(src[ln - 1].replace(SPAM, "")), ln
        assert "注入" in n["note"], ln
    text = everything_text(p)
    for chrome in ("索引号", "发布机构", "主题词"):
        assert squash(chrome) not in text


# ---------------------------------------------------------------- headings

def test_chapters(p, src, ranges):
    found = [(ln, s) for ln, s in _body(src, ranges) if re.match(r"第[一二三四五六七八九十]+章", s)]
    assert len(found) == 7
    chapters = _nodes(p, "chapter")
    assert len(chapters) == len(found)
    for ln, s in found:
        m = re.match(r"(第[一二三四五六七八九十]+章)\s*(.+)$", s)
        hits = [n for n in _at(p, ln, "chapter") if n["number"] == m.group(1)]
        assert hits and squash(hits[0]["title"]) == squash(m.group(2)), s


def test_sections(p, src, ranges):
    lvl1 = [(ln, s) for ln, s in _body(src, ranges) if re.match(r"[一二三四五六七八九十]+、", s)]
    lvl2 = [(ln, s) for ln, s in _body(src, ranges) if re.match(r"\([一二三四五六七八九十]+\)", s)]
    for ln, s in lvl1 + lvl2:
        m = re.match(r"([一二三四五六七八九十]+、|\([一二三四五六七八九十]+\))(.+)$", s)
        hits = [n for n in _at(p, ln, "section") if n.get("number") == m.group(1)]
        assert hits, s
        assert squash(hits[0]["title"]) == squash(m.group(2)), s
    assert len(_nodes(p, "section")) == len(lvl1) + len(lvl2) == 35


def test_numbered_tasks(p, src, ranges):
    expected = []
    for ln, s in _body(src, ranges):
        m = re.match(r"(\d+)\.(.+)$", s)
        if m:
            expected.append((ln, m.group(1), m.group(2)))
        # items numbered inside a paragraph: "1.建设网监工作体系:...;2.建设..."
        for m2 in re.finditer(r"[;。](\d)\.([^:;。]{2,20}):", s):
            expected.append((ln, m2.group(1), m2.group(2)))
    assert len(expected) == 17
    for ln, num, printed in expected:
        hits = [n for n in _at(p, ln, "task") if n.get("number") == num + "."]
        assert len(hits) == 1, (ln, num)
        t = squash(hits[0]["title"])
        assert t and squash(printed).startswith(t), (ln, num)
    assert len([n for n in _nodes(p, "task") if n.get("number")]) == 17


def test_boxes_and_entries(p, src, ranges):
    body = list(_body(src, ranges))
    boxes = [(k, ln, s) for k, (ln, s) in enumerate(body) if s.startswith("专栏")]
    assert len(boxes) == 7
    assert len(_nodes(p, "box")) == 7
    total_entries = 0
    for k, ln, s in boxes:
        m = re.match(r"(专栏\d[—-]\d)[::]?(.+)$", s)
        hits = [n for n in _at(p, ln, "box") if n["number"] == m.group(1)]
        assert hits and squash(hits[0]["title"]) == squash(m.group(2)), s
        box = hits[0]
        # goal line and the bullets that follow, up to the next heading
        goal = body[k + 1][1]
        assert re.match(r"(工作目标|总体目标)[::]", goal)
        assert squash(goal) in squash(box["text"]), s
        entries = []
        for ln2, s2 in body[k + 2:]:
            if re.match(r"专栏|[一二三四五六七八九十]+、|第[一二三四五六七八九十]+章", s2):
                break
            if s2.startswith("——"):
                entries.append((ln2, s2))
        kids = [c for c in box["children"] if c["kind"] == "entry"]
        assert len(kids) == len(entries), s
        for (ln2, s2), kid in zip(entries, kids, strict=True):
            assert kid["line"] == ln2
            assert squash(s2).startswith(squash(kid["title"])), ln2
        total_entries += len(entries)
    assert total_entries == len(_nodes(p, "entry")) == 27


def test_every_sentence_transcribed(p, src, ranges):
    """Every sentence (or ;-clause) of every body paragraph is in the transcription.

    Printed forms of repaired lines are kept in `source`, so they are found too."""
    text = everything_text(p)
    missing = []
    for ln, s in _body(src, ranges):
        if len(s) < 30:
            continue
        for seg in re.split(r"[。;;]", s.replace(SPAM, "")):
            seg = squash(seg)
            if seg and seg not in text:
                missing.append((ln, seg[:30]))
    assert not missing


def test_paragraph_nodes(p, src, ranges):
    """Each body paragraph that is not a heading starts a node (task/text/entry) or is a
    box goal / chapter intro / inline-list paragraph of a section."""
    for ln, s in _body(src, ranges):
        if len(s) < 30 or re.match(r"(\d+\.|——|专栏|工作目标|总体目标)", s):
            continue
        at = _at(p, ln)
        chapter_intro = any(
            n["kind"] in ("chapter", "section") and squash(s).startswith(squash(n.get("text") or "")[:20])
            and (n.get("text") or "") for n in _nodes(p) if n["line"] in (ln - 2, ln)
        )
        assert at or chapter_intro, ln


# ---------------------------------------------------------------- tables

def _cells(src, a, b):
    return [(i + 1, src[i].strip()) for i in range(a, b) if src[i].strip()]


def _indicator_rows(src, ranges):
    cells = _cells(src, ranges["ind"] + 1, ranges["proj"])
    k = next(i for i, (_, c) in enumerate(cells) if c == "指标属性") + 1
    rows, cat, pending, expect = [], "", [], 1
    while k < len(cells):
        ln, c = cells[k]
        if c != str(expect):
            # a category cell (merged, printed once per group, sometimes over two lines)
            pending.append(c)
            k += 1
            continue
        if pending:
            cat, pending = "".join(pending), []
        vals = []
        j = k + 2
        while cells[j][1] not in ("预期性", "约束性"):
            vals.append(cells[j][1])
            j += 1
        rows.append({"line": ln, "number": c, "cat": cat, "name": cells[k + 1][1],
                     "values": vals, "attr": cells[j][1]})
        expect += 1
        k = j + 1
    return rows


def test_indicators(p, src, ranges):
    rows = _indicator_rows(src, ranges)
    assert len(rows) == 18
    inds = p["indicators"]
    assert len(inds) == len(rows)
    assert len({i["id"] for i in inds}) == len(inds)
    by_num = {i["number"]: i for i in inds}
    for r in rows:
        ind = by_num[r["number"]]
        assert squash(ind["name"] + (ind.get("unit") or "")) == squash(r["name"]), r["name"]
        if "(" in r["name"]:
            assert ind["unit"] == re.search(r"\((.+)\)$", r["name"]).group(1)
        else:
            assert "unit" not in ind
        assert ind["category"] == r["cat"]
        assert ind["attribute"] == r["attr"]
        assert ind["baseline_year"] == 2021
        main = ind["rows"][0]
        assert main["line"] == r["line"]
        vals = main["values"]
        assert set(vals) <= {2021, 2025}
        assert all(isinstance(v, str) for v in vals.values())
        if len(r["values"]) == 2:
            assert vals == {2021: r["values"][0], 2025: r["values"][1]}, r["number"]
        else:
            # rows 9, 10, 12, 14 print one value for two columns: recorded once, explained
            assert len(r["values"]) == 1 and list(vals.values()) == r["values"], r["number"]
            assert "只印一个值" in ind["note"]
    assert [r["number"] for r in rows if len(r["values"]) == 1] == ["9", "10", "12", "14"]


def test_projects(p, src, ranges):
    cells = _cells(src, ranges["proj"], ranges["ch3"])
    k = next(i for i, (_, c) in enumerate(cells) if c == "指标属性") + 1
    cat = cells[k][1]
    rows: list[tuple[int, str, str, str, str, str]] = []
    k += 1
    while k < len(cells):
        (ln, num), (nl, name), (_, state), (_, target), (_, attr) = cells[k:k + 5]
        assert num == str(len(rows) + 1)
        rows.append((nl, num, name, state, target, attr))
        k += 5
    assert len(rows) == 7
    projects = _nodes(p, "project")
    assert len(projects) == 7
    for nl, num, name, state, target, attr in rows:
        hits = [n for n in _at(p, nl, "project") if n["number"] == num]
        assert hits, name
        n = hits[0]
        assert squash(n["title"]) == squash(name)
        assert n["fields"] == {"项目": cat, "2021年状态": state, "2025年目标": target, "指标属性": attr}
        ms = n.get("milestones") or []
        assert any(m["due"] == "2025年" and squash(target) in squash(m["title"]) for m in ms), name
        if re.search(r"20\d\d年", state):
            year = re.search(r"20\d\d年", state).group(0)
            assert any(m["due"] == year for m in ms), name


# ---------------------------------------------------------------- milestones

DEADLINE = re.compile(r"到“十四五”期末|“十四五”期末|2022-2025年期间|到2025年|^2025年,|每年|年抽检|100%|分年度开展")
# number of target clauses per line, counted from the source sentence by hand
CLAUSES = {31: 4, 347: 1, 353: 1, 369: 5, 375: 3, 397: 1, 401: 2, 409: 3, 449: 1, 471: 5, 507: 1}


def test_dated_targets_are_milestones(p, src, ranges):
    lines = {ln for ln, s in _body(src, ranges) if DEADLINE.search(s)}
    assert lines == set(CLAUSES)
    per_line = Counter(m["line"] for m in milestones(p))
    for ln, n in CLAUSES.items():
        assert per_line[ln] >= n, ln
    # plus the national projects: 7 targets for 2025 and the 2022 re-review
    assert len(list(milestones(p))) == sum(CLAUSES.values()) + 8 == 35
    for m in milestones(p):
        assert m["due"]
        if "十四五”期末" in src[m["line"] - 1] and m["line"] in (369, 375) and "期末" in m["title"]:
            assert m["due"] == "2025年末"


# lines with a recurring requirement -> how many yearly milestones the text gives there
YEARLY = {347: 1, 353: 1, 409: 3, 507: 1}
# lines that match but hold no recurring target of the plan, and why
NOT_RECURRING = {
    543: "保障措施: 年度经费预算 / 支出计划 (how the plan is funded, not a target)",
    559: "保障措施: 纳入年度考核范围 (how the plan is assessed, not a target)",
}


def test_recurring_requirements_are_yearly(p, src, ranges):
    """每年 / 年度 / 年抽检 requirements are one milestone per year of the plan (every: year)."""
    lines = {ln for ln, s in _body(src, ranges) if RECURRING.search(s)}
    assert lines == set(YEARLY) | set(NOT_RECURRING)
    yearly = check_yearly(p, src, YEARLY)
    for m in yearly:
        assert str(m["due"]).startswith("2025") and str(m["start"]).startswith("2022"), m["id"]
    # the food-safety clause (line 409): three yearly rates, each its own milestone
    assert {m["id"] for m in yearly if m["line"] == 409} == {"c4.s2.box1.e1.m1", "c4.s2.box1.e1.m2", "c4.s2.box1.e1.m3"}


# ---------------------------------------------------------------- lines, ids, counts

def test_lines_point_at_titles(p, src):
    items = list(walk(p["nodes"])) + list(milestones(p))
    for it in items:
        line = squash(src[it["line"] - 1])
        ok = squash(it["title"])[:6] in line
        if not ok and it.get("source"):
            ok = squash(it["source"])[:6] in line
        assert ok, (it["id"], it["line"])
    for ind in p["indicators"]:
        for row in ind["rows"]:
            assert src[row["line"] - 1].strip() == ind["number"]


def test_ids_unique(p):
    ids = [n["id"] for n in walk(p["nodes"])] + [m["id"] for m in milestones(p)]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[A-Za-z0-9._-]+", i) for i in ids)


def test_counts(p):
    kinds = Counter(n["kind"] for n in walk(p["nodes"]))
    assert kinds == {"chapter": 7, "section": 35, "task": 33, "box": 7, "entry": 27,
                     "project": 7, "text": 16}


# Xiangyang names no unit for any task: 牵头/配合 in the text say the bureau leads (做好…牵头工作) or
# helps others (配合做好…), describe a mechanism (多部门协调配合), or are 保障措施 (各项工作任务的牵头单位).
UNIT_WORDS = re.compile(r"牵头|配合|责任单位|联合\S{2,6}部门")


def test_no_units_invented(p, src):
    hits = {n for n, t in enumerate(src, 1) if UNIT_WORDS.search(t)}
    assert hits == {349, 359, 435, 475, 559}
    assert not any(x.get(k) for x in walk(p["nodes"]) for k in ("units", "lead", "support"))
