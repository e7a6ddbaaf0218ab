"""Checks of the Tongliao seed transcription (seed_parts/tongliao-2021-2025.yaml) against
the seed file 000_101de0a0ffcce441.txt (通辽市“十四五”市场监管规划).

Everything expected is parsed from the source text itself (headings, task paragraphs, 专栏
entries, indicator table cells, dated and numeric targets), then looked up in the YAML.
"""
from __future__ import annotations

import re
from collections import Counter

import pytest

from tests.seeds.seedtext import (
    RECURRING,
    check_yearly,
    everything_text,
    heading,
    milestones,
    plan,
    source_lines,
    squash,
    walk,
)

PLAN_ID = "tongliao-2021-2025"
SRC = "000_101de0a0ffcce441.txt"

PART_RE = heading(r"({cn}、)(.+)")
SEC_RE = heading(r"[((]({cn})[))](.+)")
BOX_RE = heading(r"(专栏\d+)[::](.+?)\s*\|")
ENTRY_SPLIT = re.compile(r"(?:^|\s)(\d+)\.\s")
# concrete numeric targets of the task part (counts, rates, per-population rates, money, staff)
TARGET_RE = re.compile(r"\d+(?:\.\d+)?(?:%|份/百万人口|件以上|家以上|项以上|万元|名)")
DEADLINE_RE = re.compile(r"到(20\d\d)年")


def L(n: int) -> str:
    """Source line n (1-based)."""
    return source_lines(SRC)[n - 1]


def lead(s: str) -> str:
    s = s.lstrip("—")
    return s.split("。", 1)[0]


@pytest.fixture(scope="module")
def P():
    return plan(PLAN_ID)


@pytest.fixture(scope="module")
def nodes(P):
    return list(walk(P["nodes"]))


def at(nodes, line, kind=None):
    return [n for n in nodes if n["line"] == line and (kind is None or n["kind"] == kind)]


# ---------- structure of the source ---------------------------------------------------------

def _structure():
    lines = source_lines(SRC)
    n = len(lines)
    title_line = next(i for i in range(1, n + 1)
                      if L(i) and "关于印发" not in L(i) and L(i).endswith("规划") and "“十四五”" in L(i))
    parts = [i for i in range(title_line + 1, n + 1) if PART_RE.match(L(i))]
    sections = [i for i in range(title_line + 1, n + 1) if SEC_RE.match(L(i))]
    boxes = [i for i in range(1, n + 1) if BOX_RE.match(L(i))]
    table_start = next(i for i in range(1, n + 1) if L(i) == "主要发展指标")
    table_end = next(i for i in range(table_start, n + 1) if L(i).startswith("(注:"))
    box_entry_lines = {b + 2 for b in boxes}
    # every non-heading, non-table, non-box paragraph, per part
    paras: dict[int, list[int]] = {p: [] for p in parts}
    bounds = parts + [n + 1]
    for k, p in enumerate(parts):
        for i in range(p + 1, bounds[k + 1]):
            s = L(i).strip()
            if not s or s == "|" or SEC_RE.match(s) or BOX_RE.match(s) or i in box_entry_lines:
                continue
            if table_start <= i <= table_end:
                continue
            paras[p].append(i)
    return dict(title_line=title_line, parts=parts, sections=sections, boxes=boxes,
                table_start=table_start, table_end=table_end, paras=paras,
                box_entry_lines=box_entry_lines)


S = _structure()
TASK_PART = next(p for p in S["parts"] if "重点任务" in L(p))
LAST_PART = S["parts"][-1]
TASK_SECTIONS = [s for s in S["sections"] if TASK_PART < s < LAST_PART]
TASK_LINES = [i for i in S["paras"][TASK_PART] if i > TASK_SECTIONS[0]]
NARRATIVE_LINES = [i for p in S["parts"][:2] for i in S["paras"][p]] + [
    i for i in S["paras"][TASK_PART] if i < TASK_SECTIONS[0]]


# ---------- plan metadata -------------------------------------------------------------------

def test_metadata(P):
    m = re.match(r"^(.+?)关于印发(.+)的通知$", L(1))
    assert m
    assert P["bureau"] == m.group(1)
    assert P["title"] == m.group(2) == L(S["title_line"])
    date_line = next(L(i) for i in range(1, S["title_line"]) if re.match(r"^\d{4}年\d+月\d+日$", L(i)))
    y, mo, d = map(int, re.findall(r"\d+", date_line))
    assert str(P["issued"]) == f"{y:04d}-{mo:02d}-{d:02d}"
    assert P["period"] == {"start": 2021, "end": 2025}
    assert P["source_file"] == SRC
    assert P["region"] == "通辽市"


def test_front_matter(nodes):
    notice = at(nodes, 1, "text")
    assert notice and squash(notice[0]["title"]) == squash(L(1))
    assert squash(L(2) + L(3) + L(4)) == squash(notice[0]["text"])
    preamble = [i for i in range(S["title_line"] + 1, S["parts"][0])]
    for i in preamble:
        got = at(nodes, i, "text")
        assert got and squash(got[0]["text"]) == squash(L(i)), i


# ---------- headings ------------------------------------------------------------------------

def test_parts(nodes):
    assert len(S["parts"]) == 4
    got = [n for n in nodes if n["kind"] == "part"]
    assert len(got) == len(S["parts"])
    for i in S["parts"]:
        num, title = PART_RE.match(L(i)).groups()
        n = at(nodes, i, "part")
        assert n, f"part on line {i} missing"
        assert n[0]["number"] == num and squash(n[0]["title"]) == squash(title)


def test_sections(nodes):
    got = [n for n in nodes if n["kind"] == "section"]
    assert len(got) == len(S["sections"]) == 17
    for i in S["sections"]:
        num, rest = SEC_RE.match(L(i)).groups()
        n = at(nodes, i, "section")
        assert n, f"section on line {i} missing"
        n = n[0]
        assert squash(n["number"]) == num
        if "。" in rest:  # heading run into its body (四、规划实施)
            head, body = rest.split("。", 1)
            assert squash(n["title"]) == squash(head)
            assert squash(n["text"]) == squash(body)
        else:
            assert squash(n["title"]) == squash(rest)


def test_task_sections_are_eight():
    assert len(TASK_SECTIONS) == 8


def test_section_children_belong(P):
    """Each task/box sits under the (一)-(八) section it is printed in."""
    part = next(n for n in P["nodes"] if n["kind"] == "part" and n["line"] == TASK_PART)
    secs = [c for c in part["children"] if c["kind"] == "section"]
    bounds = TASK_SECTIONS + [LAST_PART]
    for k, s in enumerate(secs):
        assert s["line"] == TASK_SECTIONS[k]
        for c in s.get("children") or []:
            assert bounds[k] < c["line"] < bounds[k + 1], c["id"]


# ---------- task paragraphs -----------------------------------------------------------------

def test_tasks(nodes):
    tasks = [n for n in nodes if n["kind"] == "task"]
    assert len(tasks) == len(TASK_LINES) == 34
    for i in TASK_LINES:
        n = at(nodes, i, "task")
        assert len(n) == 1, f"task on line {i} missing"
        assert squash(n[0]["title"]) == squash(lead(L(i))), i
        assert squash(n[0]["text"]) == squash(L(i)), i


def test_narrative(nodes):
    for i in NARRATIVE_LINES:
        n = at(nodes, i, "text")
        assert len(n) == 1, f"text paragraph on line {i} missing"
        assert squash(n[0]["text"]) == squash(L(i)), i
        assert squash(n[0]["title"]) == squash(lead(L(i))), i
    # notice + preamble + narrative paragraphs + indicator-table caption node
    texts = [n for n in nodes if n["kind"] == "text"]
    assert len(texts) == len(NARRATIVE_LINES) + 3


def test_table_caption_and_footnote(nodes):
    n = at(nodes, S["table_start"], "text")
    assert n and n[0]["title"] == L(S["table_start"])
    assert squash(n[0]["text"]) == squash(L(S["table_end"]))


# ---------- 专栏 ----------------------------------------------------------------------------

def _entries(line: int) -> list[tuple[str | None, str]]:
    body = L(line).rstrip("|").strip()
    pieces = ENTRY_SPLIT.split(body)
    out: list[tuple[str | None, str]] = []
    if pieces[0].strip():
        out.append((None, pieces[0].strip()))
    for k in range(1, len(pieces), 2):
        out.append((pieces[k] + ".", pieces[k + 1].strip()))
    return out


def test_boxes(nodes):
    assert len(S["boxes"]) == 5
    boxes = [n for n in nodes if n["kind"] == "box"]
    assert len(boxes) == len(S["boxes"])
    for i in S["boxes"]:
        num, title = BOX_RE.match(L(i)).groups()
        n = at(nodes, i, "box")
        assert n, f"专栏 on line {i} missing"
        assert n[0]["number"] == num and squash(n[0]["title"]) == squash(title)


def test_box_entries(nodes):
    total = 0
    for i in S["boxes"]:
        box = at(nodes, i, "box")[0]
        printed = _entries(i + 2)
        kids = [c for c in box.get("children") or [] if c["kind"] == "entry"]
        assert len(kids) == len(printed), box["number"]
        for (num, text), kid in zip(printed, kids, strict=True):
            assert kid.get("number") == num
            assert squash(kid["title"]) == squash(lead(text))
            assert squash(kid["text"]) == squash(text)
            assert kid["line"] == i + 2
        total += len(printed)
    assert total == len([n for n in nodes if n["kind"] == "entry"]) == 13


def test_no_projects_or_chapters(nodes):
    kinds = Counter(n["kind"] for n in nodes)
    assert kinds["project"] == 0 and kinds["chapter"] == 0 and kinds["annex"] == 0


# ---------- indicators ----------------------------------------------------------------------

def _table_rows():
    start, end = S["table_start"], S["table_end"]
    cells = [(i, L(i).rstrip("|").strip()) for i in range(start + 1, end)]
    cells = [(i, c) for i, c in cells if c]
    header = [c for _, c in cells[:5]]
    assert header[0] == "序号" and squash(header[1]) == "指标" and header[4] == "指标性质"
    years = [int(header[2].rstrip("年")), int(header[3].rstrip("年"))]
    body = cells[5:]
    assert len(body) % 5 == 0
    rows = []
    for k in range(0, len(body), 5):
        (ln, num), (_, name), (_, v0), (_, v1), (_, attr) = body[k:k + 5]
        assert re.fullmatch(r"\d+", num)
        rows.append(dict(line=ln, number=num, name=name, values={years[0]: v0, years[1]: v1}, attr=attr))
    return years, rows


def test_indicators(P):
    years, rows = _table_rows()
    inds = P["indicators"]
    assert len(rows) == len(inds) == 11
    by_num = {i["number"]: i for i in inds}
    for r in rows:
        ind = by_num[r["number"]]
        assert ind["baseline_year"] == years[0]
        assert squash(ind["name"]) + squash(ind.get("unit", "")) == squash(r["name"].replace("※", ""))
        assert ind["attribute"] in ("约束性", "预期性") and ind["attribute"].startswith(r["attr"])
        assert len(ind["rows"]) == 1
        row = ind["rows"][0]
        assert row["line"] == r["line"]
        assert row["table"] == L(S["table_start"])
        assert {int(k): v for k, v in row["values"].items()} == r["values"]
        for v in row["values"].values():
            assert isinstance(v, str)
        assert ind["better"] == ("lower" if "死亡" in r["name"] else "higher")


# ---------- milestones ----------------------------------------------------------------------

def _ms_at(P, line):
    return [m for m in milestones(P) if m["line"] == line]


def _target_lines():
    return [i for i in range(S["parts"][1], LAST_PART) if not (S["table_start"] <= i <= S["table_end"])]


def test_every_deadline_has_milestones(P):
    for i in _target_lines():
        for sentence in L(i).split("。"):
            for m in DEADLINE_RE.finditer(sentence):
                year = m.group(1)
                rest = sentence[m.end():].lstrip(",底")
                clauses = [c for c in re.split(r"[,,]", rest) if c.strip()]
                ms = [x for x in _ms_at(P, i) if year in str(x["due"])]
                assert len(ms) >= len(clauses), (i, sentence)
                for c in clauses:
                    assert any(squash(c)[:4] in squash(x["title"]) for x in ms), (i, c)


def test_shisiwu_period_targets(P):
    for i in range(TASK_PART, LAST_PART):
        for sentence in L(i).split("。"):
            if "“十四五”期间" in sentence:
                rest = sentence.split("期间", 1)[1]
                ms = _ms_at(P, i)
                for c in re.split(r"[,,]", rest):
                    if c.strip():
                        assert any(squash(c) in squash(x["title"]) for x in ms), (i, c)


def test_numeric_targets(P):
    found = 0
    for i in range(TASK_PART, LAST_PART):
        printed = Counter(TARGET_RE.findall(L(i)))
        if not printed:
            continue
        got: Counter[str] = Counter()
        for x in _ms_at(P, i):
            got.update(TARGET_RE.findall(x["title"]))
        for t, k in printed.items():
            assert got[t] >= k, (i, t)
        found += sum(printed.values())
    assert found == 16
    assert len(list(milestones(P))) >= 21


def test_milestone_dues(P):
    for m in milestones(P):
        due = str(m["due"])
        assert re.search(r"20\d\d", due), m["id"]
        y = DEADLINE_RE.search(m["title"])
        if y:
            assert y.group(1) in due, m["id"]


# ---------- lines and ids -------------------------------------------------------------------

def test_lines_point_at_titles(P, nodes):
    for n in nodes:
        t = squash(n.get("source") or n["title"])
        assert t in squash(L(n["line"])), n["id"]
    for m in milestones(P):
        t = squash(m.get("source") or m["title"])
        assert t[:6] in squash(L(m["line"])), m["id"]


def test_ids_unique(P, nodes):
    ids = [n["id"] for n in nodes] + [m["id"] for m in milestones(P)] + [i["id"] for i in P["indicators"]]
    assert len(ids) == len(set(ids))
    for i in ids:
        assert re.fullmatch(r"[A-Za-z0-9._-]+", i), i


def test_everything_text_covers_body(P):
    """Every printed paragraph of the plan body is in the transcription, squashed."""
    everything = everything_text(P)
    for p in S["parts"]:
        for i in S["paras"][p]:
            assert squash(L(i)) in everything or all(
                squash(piece) in everything for piece in L(i).split("。") if piece), i
    for b in S["boxes"]:
        for _, text in _entries(b + 2):
            assert squash(text) in everything


# ---------------------------------------------------------------- recurring targets and units
# Lines that match RECURRING, and why none is a recurring target of the plan.
NOT_RECURRING = {
    178: "四、规划实施: 纳入年度工作部署, 形成年度计划 (how the plan is run)",
    180: "四、规划实施: 年度监测分析 (how the plan is evaluated)",
}


def test_no_recurring_targets(P, nodes):
    lines = {n for n, t in enumerate(source_lines(SRC), 1) if RECURRING.search(t)}
    assert lines == set(NOT_RECURRING)
    for n in lines:
        assert all(x["kind"] in ("part", "section", "text") for x in at(nodes, n))
    check_yearly(P, source_lines(SRC), {})


# Tongliao names no responsible unit for any task: the only 牵头/配合 in the text describe a
# mechanism (政法牵头) or one action inside a broad task (配合自治区局做好…行动), not a task's units.
UNIT_WORDS = re.compile(r"牵头|配合|责任单位|联合\S{2,6}部门")


def test_no_units_invented(P, nodes):
    hits = {n for n, t in enumerate(source_lines(SRC), 1) if UNIT_WORDS.search(t)}
    assert hits == {38, 130, 156}
    assert not any(x.get(k) for x in nodes for k in ("units", "lead", "support"))
