"""Luoyang transcription: the indicators, the dated and undated targets as milestones, recurring
and repeated targets."""
from __future__ import annotations

import re
from typing import Any

from tests.seeds.luoyang.source import RE_DEADLINE, RE_IND, TABLE_END, TABLE_START, body, box_ranges, src, text_at
from tests.seeds.seedtext import (
    RECURRING,
    check_links,
    check_yearly,
    milestones,
    squash,
)


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


def ms_on(p, n: int) -> list[dict[str, Any]]:
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
