"""Checks of the Wulong plan transcription (wulong-2021-2025) against its seed text.

The expectations are parsed from the seed file itself (003_a3c6fb84209f3d63.txt), so an edit of
the YAML that loses a heading, a task, a 专栏 entry, an indicator value, a project or a milestone
fails here.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest

from tests.seeds.seedtext import (
    RECURRING,
    check_links,
    check_yearly,
    everything_text,
    milestone_ids,
    milestones,
    plan,
    source_lines,
    squash,
    walk,
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


@pytest.fixture(scope="module")
def p():
    return plan(PLAN_ID)


@pytest.fixture(scope="module")
def nodes(p):
    return list(walk(p["nodes"]))


@pytest.fixture(scope="module")
def by_line(nodes):
    out: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for n in nodes:
        out.setdefault((n["kind"], n["line"]), []).append(n)
    return out


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


# ---------------------------------------------------------------- plan metadata
def test_metadata(p):
    assert p["region"] == "武隆区"
    assert p["source_file"] == SRC
    assert p["doc_number"] == "武隆府发〔2022〕5号"
    assert str(p["issued"]) == "2022-04-13"
    assert "〔2022〕5号" in L(13) and "2022-04-13" in L(16) and L(28) == "2022413"
    assert p["period"] == {"start": 2021, "end": 2025}
    assert squash(p["title"]) == squash(L(33) + L(35))


def test_ids_unique(p, nodes):
    ids = [n["id"] for n in nodes] + [m["id"] for m in milestones(p)] + [i["id"] for i in p["indicators"]]
    dup = [k for k, v in Counter(ids).items() if v > 1]
    assert not dup, dup
    for i in ids:
        assert re.fullmatch(r"[A-Za-z0-9._-]+", i), i


# ---------------------------------------------------------------- headings
def test_chapters(by_line, nodes):
    chs = src_chapters()
    assert len(chs) == 8
    assert sum(1 for n in nodes if n["kind"] == "chapter") == len(chs)
    for line, num, title in chs:
        (node,) = by_line[("chapter", line)]
        assert node["number"] == num
        assert node["title"] == title


def test_sections(by_line, nodes, p):
    secs = src_sections()
    assert len(secs) == 27
    assert sum(1 for n in nodes if n["kind"] == "section") == len(secs)
    for line, num, rest in secs:
        (node,) = by_line[("section", line)]
        if num is not None:
            assert node["number"] == num
        else:
            assert node.get("repair") and node.get("source"), "lost section number must be repaired"
        # the heading is the start of the printed line; the body (if any) follows it
        assert squash(rest).startswith(squash(node["title"])), (line, node["title"])
        if squash(rest) != squash(node["title"]):       # heading run into its body on the same line
            body = node.get("text") or "".join(
                c.get("text", "") for c in node.get("children") or [] if c["kind"] == "task" and "number" not in c)
            assert squash(node["title"]) + squash(body) == squash(rest), line
    # numbering within each chapter runs (一)(二)(三)... without gaps (lost numbers repaired)
    for ch in p["nodes"]:
        if ch["kind"] != "chapter":
            continue
        nums = [c["number"] for c in ch.get("children") or [] if c["kind"] == "section"]
        assert nums == [f"({CN_NUM[i]})" for i in range(len(nums))], (ch["id"], nums)


def test_tasks(by_line, nodes):
    tasks = src_tasks()
    assert len(tasks) == 45
    body_tasks = [n for n in nodes if n["kind"] == "task" and not n["id"].startswith("a") and "number" in n]
    assert len(body_tasks) == len(tasks)
    for line, num, rest in tasks:
        (node,) = by_line[("task", line)]
        assert node["number"] == num
        assert squash(rest).startswith(squash(node["title"])), line


def test_boxes_and_entries(by_line, nodes):
    boxes = src_boxes()
    assert [b[1] for b in boxes] == [f"专栏{i}" for i in range(1, 7)]
    assert sum(1 for n in nodes if n["kind"] == "box") == 6
    n_entries = 0
    for line, num, title, end in boxes:
        (box,) = by_line[("box", line)]
        assert box["number"] == num
        assert squash(box["title"]) == squash(title)
        entries = src_numbered(line + 1, end)
        n_entries += len(entries)
        kids = [c for c in box.get("children") or [] if c["kind"] == "entry"]
        assert len(kids) == len(entries), num
        for (eline, enum, rest), kid in zip(entries, kids, strict=True):
            assert kid["line"] == eline and kid["number"] == enum
            assert squash(rest).startswith(squash(kid["title"])), eline
    assert n_entries == 15
    assert sum(1 for n in nodes if n["kind"] == "entry") == n_entries


def test_sections_without_numbered_tasks_are_tasks(by_line, nodes):
    """第六章 (二) and (三) print their action as one paragraph run into the heading: it is a task."""
    found = src_unnumbered_tasks()
    assert [line for line, _ in found] == [417, 419]
    for line, rest in found:
        (sec,) = by_line[("section", line)]
        (task,) = by_line[("task", line)]
        assert task in sec["children"] and "number" not in task
        assert squash(sec["title"]) + squash(task["text"]) == squash(rest)
        assert squash(task["text"]).startswith(squash(task["title"]))
        assert task["title"] == task["text"].split("。")[0]
    unnumbered = [n for n in nodes if n["kind"] == "task" and "number" not in n]
    assert len(unnumbered) == len(found)


# ---------------------------------------------------------------- full text
def test_every_body_line_transcribed(p):
    """Every printed line of the plan body is in the transcription (full text, not shortened)."""
    everything = everything_text(p)
    lines = [(BASIS_LINE, L(BASIS_LINE))] + nonblank(*BODY)
    split = {n for n, _ in src_unnumbered_tasks()}   # heading + task paragraph: checked in their own test
    missing = [n for n, t in lines
               if not BOX1_TABLE[0] <= n <= BOX1_TABLE[1] and n not in split and squash(t) not in everything]
    assert not missing, missing


def test_repairs_recorded(nodes):
    """Garbled spots are repaired with the printed form kept in `source`."""
    garbles = {39: "20212025", 47: "全区场监管", 49: "20191月", 441: "国市监信规20213", 477: "〔202135号",
               542: "20232024", 574: "20222025"}
    for line, printed in garbles.items():
        assert printed in L(line)
        holders = [n for n in nodes if printed in (n.get("source") or "")]
        assert holders, line
        for n in holders:
            assert n.get("repair")
            assert printed not in (n.get("title", "") + n.get("text", "") + str(n.get("fields", "")))


# ---------------------------------------------------------------- indicators
def test_indicators(p):
    t1 = parse_table(BOX1_TABLE[0] + 12, BOX1_TABLE[1] + 1, 3)   # skip the 6-cell header
    t3 = parse_table(*ANNEX3, 6)
    assert len(t1) == 17 and len(t3) == 17
    inds = {i["number"]: i for i in p["indicators"]}
    assert len(p["indicators"]) == 17 and set(inds) == {r["num"] for r in t1}
    for r1, r3 in zip(t1, t3, strict=True):
        ind = inds[r1["num"]]
        name, unit = name_unit(r1["name"])
        assert ind["name"] == name
        assert ind.get("unit") == unit
        assert ind["category"] == r1["cat"] == r3["cat"]
        assert ind["attribute"] == r1["vals"][2]
        assert ind["baseline_year"] == 2020
        rows = {r["table"]: r for r in ind["rows"]}
        assert set(rows) == {"专栏1", "附件3"}
        assert rows["专栏1"]["line"] == r1["line"]
        assert rows["专栏1"]["values"] == {2020: r1["vals"][0], 2025: r1["vals"][1]}
        assert rows["附件3"]["line"] == r3["line"]
        assert rows["附件3"]["values"] == {2020 + k: v for k, v in enumerate(r3["vals"])}
        assert all(isinstance(v, str) for r in ind["rows"] for v in r["values"].values())
        if name.startswith(("新增", "新建")):
            assert ind.get("measure") == "increment"
            assert rows["附件3"].get("basis") == "increment"
    # 地理标志总量: a total in 专栏1 (7 -> 12), yearly increments in 附件3 (7, 0, 2, 1, 1, 1)
    geo = next(i for i in p["indicators"] if i["name"] == "地理标志总量")
    assert geo.get("measure", "total") == "total"
    assert next(r for r in geo["rows"] if r["table"] == "附件3")["basis"] == "increment"
    deaths = next(i for i in p["indicators"] if i["name"].startswith("万台特种设备死亡人数"))
    assert deaths["better"] == "lower"
    assert sum(1 for i in p["indicators"] if i["better"] == "lower") == 1


# ---------------------------------------------------------------- 规划目标 milestones
def test_goal_milestones(p, nodes):
    ms_by_line: dict[int, list[dict[str, Any]]] = {}
    for m in milestones(p):
        ms_by_line.setdefault(m["line"], []).append(m)
    expected = 0
    for n, t in nonblank(93, 103):
        for seg in re.findall(r"(?:到)?(20\d\d年),([^。]+)", t):
            year, clauses = seg
            for clause in clauses.split(","):
                own = re.match(r"^(20\d\d年)(.+)$", clause)     # a clause with its own year
                due_year = own.group(1) if own else year
                expected += 1
                hits = [x for x in ms_by_line.get(n, []) if squash(clause) in squash(x["title"])]
                assert len(hits) == 1, (n, clause)
                assert due_year in hits[0]["due"], (n, clause)
    assert expected == 16


# ---------------------------------------------------------------- annexes
def test_annex1_projects(p, by_line, nodes):
    projects = [n for n in nodes if n["kind"] == "project"]
    assert len(projects) == 3
    cs = nonblank(*ANNEX1)
    # 8 columns: 序号, 项目名称, 建设地点, 主要建设内容和规模, 总投资(万元), 资金来源, 建设周期, 责任单位
    assert len(cs) == 24
    everything = everything_text(p)
    for k, proj in enumerate(projects):
        row = [t for _, t in cs[8 * k:8 * k + 8]]
        assert proj["number"] == row[0]
        assert proj["title"] == row[1] and proj["line"] == cs[8 * k + 1][0]
        assert proj["units"] == [row[7]]
        f = proj["fields"]
        assert set(f) >= {"建设地点", "主要建设内容和规模", "总投资(万元)", "资金来源", "建设周期"}
        assert f["建设地点"] == row[2]
        assert squash(f["主要建设内容和规模"]).replace("明厨亮灶", "厨亮灶") == squash(row[3])
        assert f["总投资(万元)"] == row[4]
        assert f["资金来源"] == row[5]
        assert re.sub(r"\D", "", f["建设周期"]) == re.sub(r"\D", "", row[6])     # 20232024 -> 2023—2024
    for n, t in cs:
        assert squash(t) in everything, n


# 附件2 prints fewer cells than its five year columns (2021..2025年目标任务) for rows 1 and 2;
# the years are decided from 附件1's 建设周期 and 附件4 (see the project notes in the YAML).
ANNEX2_YEARS = {"1": [2022, 2023, 2024], "2": [2022, 2023, 2024, 2025], "3": [2021, 2022, 2023, 2024, 2025]}


def test_annex2_milestones(nodes):
    projects = {n["number"]: n for n in nodes if n["kind"] == "project"}
    rows = src_annex2_rows()
    assert set(rows) == set(projects) == set(ANNEX2_YEARS)
    for num, (_, name, place, cells) in rows.items():
        proj = projects[num]
        assert proj["title"] == name
        assert place in (proj["fields"]["建设地点"], proj["fields"].get("建设地点(附件2)"))
        ms = proj["milestones"]
        assert len(ms) == len(cells) == len(ANNEX2_YEARS[num])
        for (line, cell), m, year in zip(cells, ms, ANNEX2_YEARS[num], strict=True):
            assert m["line"] == line
            assert squash(cell) in (squash(m["title"]), squash(m.get("source", ""))), line
            assert m["due"] == f"{year}年"
    station = {m["id"]: m["due"] for m in projects["1"]["milestones"]}
    assert station == {"a1.p1.yangjiao": "2022年", "a1.p1.huolu": "2023年", "a1.p1.fenglai": "2024年"}


def test_annex4_tasks(p):
    (annex,) = [n for n in p["nodes"] if n.get("number") == "附件4"]
    assert squash(annex["title"]) == squash(L(949))
    rows = src_annex4_rows()
    assert len(rows) == 10
    kids = annex["children"]
    assert len(kids) == len(rows)
    for row, kid in zip(rows, kids, strict=True):
        assert kid["kind"] == "task"
        assert kid["number"] == row["num"]
        assert kid["title"] == row["name"][1] and kid["line"] == row["name"][0]
        assert kid["fields"]["类别"] == row["cat"]
        (m,) = kid["milestones"]
        assert squash(m["title"]) == squash(row["goal"][1]) and m["line"] == row["goal"][0]
        assert m["due"] == "2022年"


# ---------------------------------------------------------------- targets kept in chapter text

CHAPTER_TEXT = (297, 480)   # 第三章 .. 第七章 (the action chapters)
# numeric targets printed only in the chapter text -> a printed fragment of each, by line
TEXT_TARGETS = {
    323: ["对全区26个乡镇(街道)全覆盖", "对辖区内11所初高中实现全覆盖"],
    365: ["投资1.5亿元建设面积2000平方米的国家级发展研究中心"],
    383: ["督促特种设备生产企业100%完成年报"],
    427: ["每年组织开展一次消费体察"],
    459: ["48小时之内反馈处理结果"],
}
# lines of the action chapters that print a number but no target of the plan, and why
NOT_TARGETS = {
    305: "4类模式: the kinds of reform, a count",
    343: "4个主攻方向: a count of directions",
    355: "4.26世界知识产权日: the name of a day",
    413: "12315消费维权服务站: a hotline's name",
    415: "12315/12345: hotline names",
    441: "国市监信规〔2021〕3号: a document number",
    477: "市监稽发〔2021〕35号: a document number",
}


def test_numeric_targets_in_chapter_text_are_milestones(p):
    lines = {n for n, t in nonblank(*CHAPTER_TEXT) if re.search(r"\d|每年", re.sub(r"^(\d+\.|专栏\d+)", "", t))}
    assert lines == set(TEXT_TARGETS) | set(NOT_TARGETS)
    by_line: dict[int, list[dict[str, Any]]] = {}
    for m in milestones(p):
        by_line.setdefault(m["line"], []).append(m)
    for line, fragments in TEXT_TARGETS.items():
        for frag in fragments:
            assert frag in L(line), (line, frag)      # the list itself is checked against the source
            hits = [m for m in by_line.get(line, []) if squash(frag) in squash(m["title"])]
            assert len(hits) == 1, (line, frag)
            assert squash(hits[0]["title"]) in squash(L(line))


# lines with a recurring requirement -> how many yearly milestones (every: year) the text gives
YEARLY = {383: 1, 427: 1}
NOT_RECURRING = {
    57: "发展现状: 年报率95%以上 (past figures)",
    305: "推进年报多报合一 (a reform, not a yearly target)",
    375: "纳入党委、政府年度综合目标考核 (how food safety is assessed)",
    441: "年报公示 as one dimension of a credit-risk index",
    485: "保障措施: 纳入年度工作部署",
    493: "保障措施: 年度监测分析",
}


def test_recurring_requirements_are_yearly(p):
    lines = {n for n, t in nonblank(BASIS_LINE, ANNEX4[1]) if RECURRING.search(t)}
    assert lines == set(YEARLY) | set(NOT_RECURRING)
    for m in check_yearly(p, source_lines(SRC), YEARLY):
        assert m["due"] == "2025年" and m["start"] == "2022年", m["id"]


def test_repeated_targets_are_linked(p, nodes):
    """附件4 rows that repeat an 附件1 project's 2022 target or a 规划目标 clause, and the 2025 target of
    附件2 that repeats a 规划目标 clause, are one target: the repeating place links to the original."""
    ids = milestone_ids(p)
    links = {m["id"]: m["same_as"] for m in check_links(p)}
    projects = {n["title"]: n for n in nodes if n["kind"] == "project"}
    annex4 = {n["line"]: n for n in nodes if n["kind"] == "task" and n["id"].startswith("a4.")}
    expected: dict[str, str] = {}
    goals = [(n, clause) for n, t in nonblank(93, 103) for clause in re.split(r"[,。]", t) if clause]
    for row in src_annex4_rows():
        kid = annex4[row["name"][0]]
        (m,) = kid["milestones"]
        name = row["name"][1]
        if name in projects:                                     # the project's 2022 column in 附件2
            (orig,) = [x for x in projects[name]["milestones"] if x["due"] == "2022年"]
            expected[m["id"]] = orig["id"]
        for n, clause in goals:                                  # a 规划目标 clause dated 2022
            g = re.match(r"^2022年建成(.+)$", clause)
            if g and g.group(1) in row["goal"][1]:
                (orig,) = [x for x in ids.values() if x["line"] == n and squash(clause) in squash(x["title"])]
                expected[m["id"]] = orig["id"]
    for name, proj in projects.items():                          # 到2025年,建成<project>N个
        for n, clause in goals:
            if re.match("^(到2025年)?建成" + re.escape(name), clause):
                (orig,) = [x for x in ids.values() if x["line"] == n and squash(clause) in squash(x["title"])]
                (last,) = [x for x in proj["milestones"] if x["due"] == "2025年"]
                expected[last["id"]] = orig["id"]
    assert len(expected) == 5
    assert links == expected
    assert links["a4.t4.m1"] == "a1.p1.yangjiao"


def test_units_named_in_the_text(p, nodes):
    """Units the text names as partners (联合X、Y) are the item's supporting units, as printed; no
    lead is invented where none is printed; the 附件1 责任单位 column is each project's lead."""
    found = []
    for n, t in nonblank(BODY[0], ANNEX4[1]):
        for g in re.finditer(r"联合(区[^,。;]+?)(?:,|调研)", t):
            found.append((n, g.group(1).split("、")))
    assert found == [(355, ["区检察院", "区司法局"]), (1019, ["区文化旅游委"])]
    for n, units in found:
        holders = [x for x in nodes if x.get("support") == units]
        assert len(holders) == 1, n
        node = holders[0]
        assert node["line"] == n or any(m["line"] == n for m in node.get("milestones") or [])
        assert "lead" not in node and "units" not in node
    assert sum(1 for x in nodes if x.get("support")) == len(found)
    for proj in (x for x in nodes if x["kind"] == "project"):
        assert (proj.get("lead") or proj.get("units")) == ["区市场监管局"]


# ---------------------------------------------------------------- counts and lines
def test_counts(p, nodes):
    kinds = Counter(n["kind"] for n in nodes)
    assert kinds["chapter"] == len(src_chapters())
    assert kinds["section"] == len(src_sections())
    assert kinds["task"] == len(src_tasks()) + len(src_unnumbered_tasks()) + len(src_annex4_rows())
    assert kinds["box"] == len(src_boxes())
    assert kinds["project"] == 3
    assert kinds["annex"] == 2
    assert len(p["indicators"]) == 17
    n_annex2 = sum(len(r[3]) for r in src_annex2_rows().values())
    assert len(list(milestones(p))) >= 16 + n_annex2 + 10


def _start_of(s: str) -> str:
    s = squash(s)
    return re.sub(r"^到?20\d\d年", "", s)[:6] or s[:6]


def test_lines_point_at_titles(p, nodes):
    bad = []
    for n in nodes:
        printed = squash(L(n["line"]))
        if not (_start_of(n["title"]) in printed or (n.get("source") and _start_of(n["source"]) in printed)):
            bad.append(n["id"])
        for m in n.get("milestones") or []:
            printed = squash(L(m["line"]))
            if not (_start_of(m["title"]) in printed or (m.get("source") and _start_of(m["source"]) in printed)):
                bad.append(m["id"])
    assert not bad, bad
