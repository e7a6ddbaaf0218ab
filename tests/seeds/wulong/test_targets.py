"""Wulong transcription: indicators, goals, the annexes' projects and milestones, targets in the
chapter text, recurring and linked targets, units."""
from __future__ import annotations

import re
from typing import Any

from tests.seeds.seedtext import (
    RECURRING,
    check_links,
    check_yearly,
    everything_text,
    milestone_ids,
    milestones,
    source_lines,
    squash,
)
from tests.seeds.wulong.source import (
    ANNEX1,
    ANNEX3,
    ANNEX4,
    BASIS_LINE,
    BODY,
    BOX1_TABLE,
    SRC,
    L,
    name_unit,
    nonblank,
    parse_table,
    src_annex2_rows,
    src_annex4_rows,
)


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
