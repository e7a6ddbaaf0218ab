"""Checks the Luoyang transcription (luoyang-2021-2025) against its seed text.

Everything expected is parsed from the seed file 002_c97b93fe9adfb2ac.txt itself
(洛阳市“十四五”市场监管现代化规划, 洛政〔2022〕57号), so that a YAML edit that loses a
heading, a paragraph, a 专栏 entry, an indicator value or a dated target fails here.
"""
from __future__ import annotations

import re

import pytest

from tests.seeds.seedtext import (
    CN,
    RECURRING,
    check_links,
    check_yearly,
    everything_text,
    heading,
    milestones,
    plan,
    source_lines,
    squash,
    walk,
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


@pytest.fixture(scope="module")
def p():
    return plan(PLAN_ID)


@pytest.fixture(scope="module")
def nodes(p):
    return list(walk(p["nodes"]))


def at(nodes, n: int, kind: str) -> dict:
    found = [x for x in nodes if x["line"] == n and x["kind"] == kind]
    assert len(found) == 1, f"line {n}: expected one {kind} node, found {len(found)}"
    return found[0]


# ---------------------------------------------------------------- plan header

def test_header(p):
    assert p["source_file"] == FILE
    assert p["period"] == {"start": 2021, "end": 2025}
    head = "\n".join(src()[:BODY_START])
    doc_no = re.search(r"洛政〔\d{4}〕\d+号", head).group(0)
    assert p["doc_number"] == doc_no
    y, m, d = re.search(r"(\d{4})年(\d{1,2})月(\d{1,2})日", head).groups()
    assert str(p["issued"]) == f"{y}-{int(m):02d}-{int(d):02d}"
    title = re.search(r"《(.+?)》", head).group(1)
    assert p["title"] == title
    assert p["region"] == "洛阳市"


# ---------------------------------------------------------------- headings

def test_chapters(nodes):
    printed = [(n, RE_CHAPTER.match(s)) for n, s in body() if RE_CHAPTER.match(s)]
    assert len(printed) == 9
    for n, m in printed:
        node = at(nodes, n, "chapter")
        assert node["number"] == f"第{m.group(1)}章"
        assert squash(node["title"]) == squash(m.group(2))
    assert len([x for x in nodes if x["kind"] == "chapter"]) == len(printed)


def test_sections(nodes):
    printed = [(n, s, RE_SECTION.match(s)) for n, s in body() if RE_SECTION.match(s)]
    assert len(printed) == 32
    for n, s, m in printed:
        node = at(nodes, n, "section")
        assert node["number"] == f"{m.group(1)}、"
        # a heading run into its body is split into title + text and keeps the printed form
        assert squash(s) in (squash(node["number"] + node["title"]),
                             squash(node.get("source") or "")), n
        if node.get("source"):
            assert squash(node["source"]) == squash(node["number"] + node["title"] + node["text"])
    assert len([x for x in nodes if x["kind"] == "section"]) == len(printed)


def test_numbered_tasks_full_text(nodes):
    printed = [(n, s, RE_TASK.match(s)) for n, s in body() if RE_TASK.match(s)]
    assert len(printed) == 63
    for n, s, m in printed:
        node = at(nodes, n, "task")
        assert node["number"] == f"({m.group(1)})"
        assert squash(node["title"]) == squash(m.group(2)), n
        if node.get("source"):  # repaired body: the printed paragraph is kept whole
            assert node["source"] == s and node.get("repair"), n
            assert repaired_from(node["text"], m.group(3)), n
        else:
            assert squash(node["text"]) == squash(m.group(3)), n
    numbered = [x for x in nodes if x["kind"] == "task" and x.get("number")]
    assert len(numbered) == len(printed)


def box_ranges() -> list[tuple[int, int, re.Match]]:
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


def test_boxes(nodes):
    boxes = box_ranges()
    assert len(boxes) == 8
    for n, _end, m in boxes:
        node = at(nodes, n, "box")
        assert node["number"] == f"专栏{m.group(1)}"
        assert squash(node["title"]) == squash(m.group(2))
    assert [int(m.group(1)) for _, _, m in boxes] == list(range(1, 9))
    assert len([x for x in nodes if x["kind"] == "box"]) == len(boxes)


def test_box_entries_full_text(nodes):
    total = 0
    for start, end, _m in box_ranges():
        box = at(nodes, start, "box")
        lines = [(n, text_at(n)) for n in range(start + 1, end + 1) if text_at(n)]
        expected = []
        i = 0
        while i < len(lines):
            n, s = lines[i]
            m = RE_ENTRY.match(s)
            assert m, f"line {n}: unexpected line inside 专栏"
            body_n, body_s = lines[i + 1]
            expected.append((n, m, body_s))
            i += 2
        kids = box.get("children") or []
        assert len(kids) == len(expected), start
        for (n, m, body_s), kid in zip(expected, kids):
            assert kid["kind"] == "entry" and kid["line"] == n
            assert kid["number"] == m.group(1)
            assert squash(kid["title"]) == squash(m.group(2))
            if kid.get("source"):
                assert kid["source"] == body_s and kid.get("repair")
                assert repaired_from(kid["text"], body_s), n
            else:
                assert squash(kid["text"]) == squash(body_s), n
        total += len(expected)
    assert total == 32
    assert len([x for x in nodes if x["kind"] == "entry"]) == total


def test_every_paragraph_is_transcribed(p, nodes):
    """Every printed line of the body (narrative, chapter intros, unnumbered task paragraphs)
    is in some node's title/text/source."""
    texts = []
    for x in nodes:
        texts.append(squash((x.get("number") or "") + (x.get("title") or "") + (x.get("text") or "")))
        texts.append(squash(x.get("source") or ""))
    for n, s in body():
        sq = squash(s)
        assert any(sq in t for t in texts), f"line {n} not transcribed: {s[:40]}"
    # the notice and the preamble before 第一章
    for n, s in enumerate(src()[:BODY_START - 1], 1):
        s = s.strip()
        if re.search(r"^《|^各县区|^洛政|年\d+月\d+日$|规划$", s):
            assert any(squash(s) in t for t in texts), n
    # a paragraph node (no number) carries the whole printed paragraph as its text
    for x in nodes:
        if x["kind"] in ("text", "task") and not x.get("number") and BODY_START <= x["line"] <= BODY_END:
            printed = text_at(x["line"])
            if x.get("source"):
                assert x["source"] == printed and repaired_from(x["text"], printed), x["id"]
            else:
                assert squash(x["text"]) == squash(printed), x["id"]
    # sections whose single narrative paragraph is kept in the section's text (第二章一、, 第九章)
    for x in nodes:
        if x["kind"] == "section" and x.get("text") and not x.get("source"):
            nxt = next(n for n, _ in body() if n > x["line"])
            assert squash(x["text"]) == squash(text_at(nxt)), x["id"]
    allt = everything_text(p)
    assert squash(text_at(first_line(r"^“十四五”时期是我国开启"))) in allt


def test_unnumbered_task_paragraphs(nodes):
    """Sections of chapters 3-8 that print a paragraph instead of (一) items: the paragraph is a task."""
    lines = body()
    chap = 0
    count = 0
    for i, (n, s) in enumerate(lines):
        if RE_CHAPTER.match(s):
            chap = CN.index(RE_CHAPTER.match(s).group(1)) + 1
            continue
        if 3 <= chap <= 8 and RE_SECTION.match(s):
            nxt_n, nxt = lines[i + 1]
            if not (RE_TASK.match(nxt) or RE_SECTION.match(nxt) or RE_CHAPTER.match(nxt)):
                node = at(nodes, nxt_n, "task")
                assert squash(node["text"]) == squash(nxt)
                count += 1
    assert count == 4
    assert len([x for x in nodes if x["kind"] == "task" and not x.get("number")]) == count


# ---------------------------------------------------------------- indicators

def printed_indicators():
    cells = [(n, text_at(n)) for n in range(TABLE_START + 1, TABLE_END + 1) if text_at(n)]
    header = [s for _, s in cells[:4]]
    assert header == ["类别", "指标", "2020年", "2025年"]
    y0, y1 = int(header[2][:4]), int(header[3][:4])
    rows, cat, i = [], None, 4
    while i < len(cells):
        n, s = cells[i]
        m = RE_IND.match(s)
        if not m:
            cat = s
            i += 1
            continue
        rows.append({"line": n, "number": m.group(1), "name": m.group(2), "category": cat,
                     "values": {y0: cells[i + 1][1], y1: cells[i + 2][1]}, "attribute": cells[i + 3][1]})
        i += 4
    return rows


def test_indicators(p):
    rows = printed_indicators()
    assert len(rows) == 21
    inds = p["indicators"]
    assert len(inds) == len(rows)
    by_no = {i["number"]: i for i in inds}
    for r in rows:
        ind = by_no[r["number"]]
        unit = ind.get("unit")
        assert r["name"] == ind["name"] + (f"({unit})" if unit else ""), r["number"]
        assert ind["attribute"] == r["attribute"]
        assert ind["category"] == r["category"]
        assert ind["baseline_year"] == 2020
        assert ind["better"] in ("higher", "lower")
        row = ind["rows"][0]
        assert row["line"] == r["line"]
        assert {int(k): v for k, v in row["values"].items()} == r["values"], r["number"]
        assert all(isinstance(v, str) for v in row["values"].values())
    assert by_no["4"]["better"] == "lower" and by_no["18"]["better"] == "lower"


# ---------------------------------------------------------------- milestones

# clauses of dated sentences that are means/purposes, not targets (not milestones)
NOT_TARGETS = {
    "积极推动中药信息化追溯体系运行", "提高药品监管工作水平和效率", "切实保障中药质量安全",
    "进一步提升洛阳企业品牌知名度和市场竞争力", "全力保障人民群众舌尖上的安全",
}
# printed targets without a deadline but with a concrete number (due: end of the period)
UNDATED = [
    (312, "将注销时间压减至1个工作日"),
    (328, "实施洛阳8大产业专利导航示范项目"),
    (422, "95%以上的规模以上食品生产企业通过ISO22000等先进质量管理体系认证"),
    (448, "网络餐饮服务第三方平台及其分支机构和自建网站餐饮服务提供者备案率保持100%"),
    (448, "入网餐饮服务提供者持证率和公示率达到100%"),
    (450, "农产品和食品抽检量不低于4批次/千人"),
    (450, "监督抽检不合格食品核查处置率达到100%"),
    (496, "每万台特种设备至少配备1名A类安全监察员"),
    (496, "每个市场监管所至少配备2名B类安全监察员"),
    (558, "筹建2-3家国家级和省级产业计量测试中心"),
    (580, "国际标准10项"),
    (580, "国家标准150项"),
    (584, "组织制定发布地方标准50项以上"),
    (588, "创建省级以上标准化试点示范项目20个以上"),
    (592, "全市年度公开标准不低于1000项"),
    (614, "至少建设一个质量基础设施“一站式”服务平台"),
]


def dated_sentences():
    """(line, deadline phrase, [clauses]) for each sentence with a deadline in 2021-2025."""
    out = []
    for n, s in body():
        for sent in re.split(r"[。]", s):
            m = RE_DEADLINE.search(sent)
            if not m:
                continue
            after = sent[m.end():]
            lead = re.match(r"^(年底前|底)?,?", after)
            rest = after[lead.end():]
            clauses = [c for c in re.split(r"[,;]", rest) if c]
            out.append((n, sent, clauses))
    return out


def ms_on(p, n: int) -> list[dict]:
    return [m for m in milestones(p) if m["line"] == n]


def test_dated_targets_each_clause_is_a_milestone(p):
    sents = dated_sentences()
    assert len(sents) == 15
    for n, sent, clauses in sents:
        on = ms_on(p, n)
        assert on, f"line {n}: dated target without milestone"
        joined = squash("\n".join((m["title"] + "\n" + (m.get("source") or "")) for m in on))
        for c in clauses:
            if c in NOT_TARGETS:
                continue
            # a clause listing several targets with 、 may be split into one milestone each
            assert squash(c) in joined or all(squash(part) in joined for part in c.split("、")), \
                f"line {n}: clause not a milestone: {c}"
        year = RE_DEADLINE.search(sent).group(0)
        assert any(year in m["due"] for m in on)


def test_dated_milestone_clauses_are_separate(p):
    """A deadline with several target clauses gives at least one milestone per clause."""
    need: dict[int, int] = {}
    for n, _sent, clauses in dated_sentences():
        need[n] = need.get(n, 0) + len([c for c in clauses if c not in NOT_TARGETS])
    for n, k in need.items():
        dated = [m for m in ms_on(p, n) if not (m.get("note") or "").startswith("原文未写期限")]
        assert len(dated) >= k, f"line {n}: {len(dated)} dated milestones for {k} clauses"


def test_undated_concrete_targets(p):
    for n, clause in UNDATED:
        assert clause in text_at(n), (n, clause)  # the list itself is checked against the source
        on = ms_on(p, n)
        assert any(squash(clause) in squash(m["title"] + (m.get("source") or "")) for m in on), (n, clause)


def test_milestone_counts_and_dues(p):
    ms = list(milestones(p))
    assert len(ms) >= 51
    for m in ms:
        assert m["due"], m["id"]
        assert re.search(r"20(2[1-5])年", m["due"]), m["id"]


# ---------------------------------------------------------------- recurring and repeated targets

# lines with a recurring requirement -> how many yearly milestones (every: year) the text gives
YEARLY = {472: 1, 592: 1}
# lines that match RECURRING but hold no recurring target of the plan, and why
NOT_RECURRING = {
    48: "发展基础: 每年查处…2600余件, 逐年递增 (past figures)",
    56: "发展基础: 年报公示率连续五年 (past figures)",
    370: "纳入政府部门年度考核 (how the policy is assessed, not a yearly target)",
    684: "组织实施: 纳入年度工作部署",
    688: "组织实施: 年度计划指标体系, 年度目标",
}


def test_recurring_requirements_are_yearly(p):
    lines = {n for n, s in body() if RECURRING.search(s)}
    assert lines == set(YEARLY) | set(NOT_RECURRING)
    for m in check_yearly(p, src(), YEARLY):
        assert m["due"] == "2025年" and m["start"] == "2022年", m["id"]


def repeated_box_targets() -> list[tuple[str, int, int]]:
    """(clause, first line, repeating line): a numeric target printed in two 专栏 entries."""
    seen: dict[str, list[int]] = {}
    for start, end, _m in box_ranges():
        for n in range(start + 1, end + 1):
            for clause in re.split(r"[,;。]", text_at(n)):
                if re.search(r"\d", clause) and len(clause) >= 8:
                    seen.setdefault(squash(clause), []).append(n)
    return [(c, ls[0], ls[1]) for c, ls in seen.items() if len(ls) > 1]


def test_repeated_box_targets_are_linked(p):
    """A target printed in two 专栏 entries is one target: the repeat links to the first."""
    repeats = repeated_box_targets()
    assert [(a, b) for _, a, b in repeats] == [(436, 448), (436, 448)]
    links = check_links(p)
    assert len(links) == len(repeats)
    for clause, first, again in repeats:
        (orig,) = [m for m in ms_on(p, first) if clause in squash(m["title"] + (m.get("source") or ""))]
        (rep,) = [m for m in ms_on(p, again) if clause in squash(m["title"] + (m.get("source") or ""))]
        assert rep["same_as"] == orig["id"], clause


# ---------------------------------------------------------------- lines and ids

def test_lines_point_at_titles(p, nodes):
    items = list(nodes) + list(milestones(p))
    for x in items:
        printed = squash(text_at(x["line"]))
        keys = [squash(x["title"])[:6], squash(x.get("source") or "")[:6]]
        assert any(k and k in printed for k in keys), f"{x['id']}: line {x['line']}"


def test_ids_unique(p, nodes):
    ids = [x["id"] for x in nodes] + [m["id"] for m in milestones(p)] + [i["id"] for i in p["indicators"]]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[A-Za-z0-9._-]+", i) for i in ids)


def test_counts(p, nodes):
    kinds = {}
    for x in nodes:
        kinds[x["kind"]] = kinds.get(x["kind"], 0) + 1
    assert kinds["chapter"] == 9
    assert kinds["section"] == 32
    assert kinds["task"] == 67
    assert kinds["box"] == 8
    assert kinds["entry"] == 32
    assert len(p["indicators"]) == 21


# Luoyang names no unit for any task: 配合上级部门 / 配合做好… say the bureau helps unnamed others,
# the rest describe mechanisms (有效配合的执法机制, 一个部门牵头、多个部门配合) or a 协作 in general.
UNIT_WORDS = re.compile(r"牵头|配合|责任单位|联合\S{2,6}部门")


def test_no_units_invented(p):
    hits = {n for n, t in enumerate(src(), 1) if UNIT_WORDS.search(t)}
    assert hits == {318, 350, 378, 402, 530, 654}
    assert not any(x.get(k) for x in walk(p["nodes"]) for k in ("units", "lead", "support"))
