"""Checks of the Linyi 2023 work plan (工作要点) transcription against its seed file.

Everything expected is parsed from the source text (004_8b2a779b28bc2033.txt), so an edit of
seed_parts/linyi-2023.yaml (or seed_plans.yaml) that loses a heading, a paragraph, a piece of
text or a concrete 2023 target fails here.
"""
from __future__ import annotations

import re

import pytest

from tests.seeds.seedtext import milestones, plan, source_lines, squash, walk

PLAN_ID = "linyi-2023"
SOURCE = "004_8b2a779b28bc2033.txt"

PART_RE = re.compile(r"^([一二三四五六七八九十]+)、(.+)$")
TASK_RE = re.compile(r"^(\d+)\.(.+?)。")

# Concrete quantities: a number with a unit of count, amount, rate or rank.
QTY_RE = re.compile(
    r"(?P<pre>[\u4e00-\u9fff]?)"
    r"(?P<qty>\d+(?:\.\d+)?(?:-\d+)?万?(?:个百分点|批次/千人|亿元|批次|个|家|项|位|%))"
    r"(?P<post>[\u4e00-\u9fff]?)"
)
# Counts of items the text lists in full, or numbers inside names: not targets.
QTY_NOT_TARGETS = {
    "等6个产业": 4,  # 在木业、食品、机械、建材、化工、玩具等6个产业 (a count of the listed industries)
    "等7项提升行动": 25,  # 落实好……等7项提升行动 (a count of the listed actions)
}
# Commitments printed as 确保… that are not concrete, checkable targets.
ENSURE_NOT_TARGETS = {"确保重大活动承办餐饮单位食品安全", "确保市场监管工作的正确方向"}
RANK_RE = re.compile(r"全省领先|全省中上游|全省前\d位|高于全国平均水平")
ENSURE_RE = re.compile(r"确保[^,;。]+")
DONE_RE = re.compile(r"完成([^,;。]+)")
DUE_RE = re.compile(r"年内|年底|年末|上半年|下半年|[一二三四]季度|\d+月底")


@pytest.fixture(scope="module")
def p():
    return plan(PLAN_ID)


@pytest.fixture(scope="module")
def lines():
    return source_lines(SOURCE)


def _structure(lines):
    """(parts, tasks, paragraphs) parsed from the source.

    parts: [(line, number, title)]; tasks: [(line, number, title, part_number)];
    paragraphs (unnumbered, after a numbered task): [(line, text, task_number)].
    """
    parts, tasks, paras = [], [], []
    cur_part = cur_task = None
    for n, s in enumerate(lines, 1):
        if not s.strip():
            continue
        if m := PART_RE.match(s):
            cur_part, cur_task = m.group(1) + "、", None
            parts.append((n, cur_part, m.group(2)))
        elif m := TASK_RE.match(s):
            cur_task = m.group(1) + "."
            tasks.append((n, cur_task, m.group(2), cur_part))
        elif cur_part is not None:
            assert cur_task is not None, f"line {n}: paragraph outside any task"
            paras.append((n, s, cur_task))
    return parts, tasks, paras


def _nodes_at(p, n):
    return [x for x in walk(p["nodes"]) if x["line"] == n]


def _parent_map(p):
    parents = {}

    def rec(nodes, parent):
        for x in nodes or []:
            parents[x["id"]] = parent
            rec(x.get("children"), x)

    rec(p["nodes"], None)
    return parents


def test_plan_header(p):
    assert p["region"] == "临沂市"
    assert p["source_file"] == SOURCE
    assert p["period"] == {"start": 2023, "end": 2023}
    assert "2023" in p["title"] and "临沂" in p["title"]
    assert "补" in p["note"]  # the title is supplied: the source has no title block
    assert not p.get("indicators")  # the source has no indicator table


def test_intro_paragraph(p, lines):
    parts, _, _ = _structure(lines)
    first_heading = parts[0][0]
    intro = [(n, s) for n, s in enumerate(lines[: first_heading - 1], 1) if s.strip()]
    assert intro, "the source opens with the general-requirement paragraph"
    for n, s in intro:
        found = [x for x in _nodes_at(p, n) if x["kind"] == "text"]
        assert found, f"line {n}: no text node"
        assert squash(found[0].get("text")) == squash(s)
    assert sum(1 for x in walk(p["nodes"]) if x["kind"] == "text") == len(intro)


def test_parts(p, lines):
    parts, _, _ = _structure(lines)
    assert len(parts) == 6
    nodes = [x for x in p["nodes"] if x["kind"] == "part"]
    assert len(nodes) == len(parts)
    for n, number, title in parts:
        found = [x for x in nodes if x["line"] == n]
        assert found, f"line {n}: part {number}{title} missing"
        assert found[0]["number"] == number
        assert squash(found[0]["title"]) == squash(title)


def test_numbered_tasks(p, lines):
    _, tasks, _ = _structure(lines)
    assert [int(t[1][:-1]) for t in tasks] == list(range(1, 24))
    parents = _parent_map(p)
    nodes = [x for x in walk(p["nodes"]) if x["kind"] == "task" and x.get("number")]
    assert len(nodes) == len(tasks)
    for n, number, title, part in tasks:
        found = [x for x in _nodes_at(p, n) if x["kind"] == "task" and x.get("number") == number]
        assert found, f"line {n}: task {number}{title} missing"
        assert squash(found[0]["title"]) == squash(title)
        parent = parents[found[0]["id"]]
        assert parent is not None and parent["kind"] == "part" and parent["number"] == part


def test_unnumbered_paragraphs_under_their_task(p, lines):
    _, _, paras = _structure(lines)
    assert {t for _, _, t in paras} == {"11.", "12."}
    assert len(paras) == 6
    parents = _parent_map(p)
    nodes = [x for x in walk(p["nodes"]) if x["kind"] == "task" and not x.get("number")]
    assert len(nodes) == len(paras)
    for n, s, task in paras:
        found = [x for x in _nodes_at(p, n) if x["kind"] == "task" and not x.get("number")]
        assert found, f"line {n}: unnumbered paragraph of task {task} missing"
        x = found[0]
        assert s.startswith(x["title"]) or squash(s).startswith(squash(x["title"]))
        parent = parents[x["id"]]
        assert parent is not None and parent.get("number") == task, f"line {n}: not under task {task}"


def test_full_text_of_every_line(p, lines):
    """Each source line is transcribed in full by the node that starts on it."""
    for n, s in enumerate(lines, 1):
        if not s.strip():
            continue
        want = squash(s)
        cands = []
        for x in _nodes_at(p, n):
            num, title, text = x.get("number") or "", x.get("title") or "", x.get("text") or ""
            cands += [squash(num + title + text), squash(text), squash(num + title)]
            # a repaired node: the printed form is in `source`, the repaired text differs
            # from it only by the repair (a few characters)
            if (x.get("source") and x.get("repair") and text
                    and abs(len(squash(text)) - len(squash(x["source"]))) <= 3):
                cands.append(squash(num + title + x["source"]))
        assert want in cands, f"line {n}: text not transcribed in full"


def test_repair_of_lost_character(p, lines):
    """Task 11 prints 行为排整治 (lost 查): repaired text, printed form kept in source."""
    n = next(i for i, s in enumerate(lines, 1) if s.startswith("11."))
    assert "不正当竞争行为排整治" in lines[n - 1]
    x = next(x for x in _nodes_at(p, n) if x.get("number") == "11.")
    assert "不正当竞争行为排查整治" in x["text"]
    assert "不正当竞争行为排整治" in x["source"]
    assert x.get("repair")


def _targets(lines):
    """(line, kind, printed) of every concrete target the source prints."""
    out = []
    for n, s in enumerate(lines, 1):
        if PART_RE.match(s):
            continue
        body = TASK_RE.sub("", s, count=1) if TASK_RE.match(s) else s
        for m in QTY_RE.finditer(body):
            start = m.start("qty")
            if any(
                ln == n and body.find(k) >= 0 and body.find(k) <= start < body.find(k) + len(k)
                for k, ln in QTY_NOT_TARGETS.items()
            ):
                continue
            out.append((n, "qty", m.group(0)))
        for m in ENSURE_RE.finditer(body):
            if m.group(0) not in ENSURE_NOT_TARGETS:
                out.append((n, "ensure", m.group(0)))
        for m in RANK_RE.finditer(body):
            out.append((n, "rank", m.group(0)))
        for m in DONE_RE.finditer(body):
            obj = m.group(1)
            if obj.endswith("建设"):
                for item in obj[: -len("建设")].split("、"):
                    out.append((n, "done", item))
            else:
                out.append((n, "done", obj))
        for m in DUE_RE.finditer(body):
            out.append((n, "due", m.group(0)))
        if "4・26" in body:
            out.append((n, "date", "4・26"))
        if "开展一次" in body:
            out.append((n, "qty", "开展一次"))
    return out


def test_not_target_exclusions_still_printed(lines):
    for k, n in QTY_NOT_TARGETS.items():
        assert k in lines[n - 1]
    text = "\n".join(lines)
    for k in ENSURE_NOT_TARGETS:
        assert k in text


def test_every_concrete_target_is_a_milestone(p, lines):
    targets = _targets(lines)
    assert len(targets) >= 40
    ms = list(milestones(p))
    for n, kind, printed in targets:
        here = [m for m in ms if m["line"] == n]
        if kind == "due":
            assert any(m["due"] == printed for m in here), f"line {n}: no milestone due {printed}"
        else:
            assert any(squash(printed) in squash(m["title"]) for m in here), (
                f"line {n}: target {printed!r} has no milestone"
            )


def test_milestone_count_and_dues(p, lines):
    ms = list(milestones(p))
    qty = {(n, printed) for n, kind, printed in _targets(lines) if kind in ("qty", "date")}
    assert len(ms) >= len(qty)
    assert len(ms) == 43 + len(_deliverables(lines))
    allowed = re.compile(r"^(2023年|年内|年底|上半年|\d{4}-\d{2}-\d{2})$")
    for m in ms:
        assert allowed.match(str(m["due"])), m
        assert not str(m["due"]).startswith(("2024", "2025", "2035")), m


def test_years_that_are_not_deadlines(p, lines):
    """A year in a name (三年行动方案, 专项规划(2025-2035)) is no deadline: the deliverable is due in 2023."""
    text = "\n".join(lines)
    for name in ("2023-2025年知识产权三年行动方案", "农贸市场专项规划(2025-2035)", "2023年营商环境提升措施"):
        assert name in text
        (m,) = [m for m in milestones(p) if squash(name) in squash(m["title"])]
        assert m["due"] == "2023年", m["id"]
    for m in milestones(p):
        assert not re.search(r"20(2[4-9]|3\d)", str(m["due"])), m


# 2023 deliverables: a document, meeting or bid to be done once (出台/制定/修订/召开/申报/争取/启动…编制),
# or a named campaign to run (开展“…” / 开展第…届… / 开展2023… / 开展党的二十大…).
DELIVERABLE_RE = re.compile(
    r"(?:系统谋划)?(?:出台|制定|修订|召开|申报|启动|争取)[^,;。]*"
    r"|开展(?:“[^”]+”|第[^,;。]+届|20\d\d|党的二十大)[^,;。]*"
)
# matches that are no deliverable of their own, and why
NOT_DELIVERABLES = {
    (6, "争取立项国家级、省级标准化试点项目6个以上"): "a counted target, already a milestone",
    (20, "开展“一县区(行业)一典型”培树活动"): "its target is the count 新增县区(行业)典型15-20个",
    (20, "出台扶持政策"): "the counties issue them (推动各区县出台扶持政策), not the bureau",
    (24, "开展“清洁厨房”建设"): "its target is 年底80%以上的大中型餐饮单位达到清洁厨房要求",
    (30, "制定抽查计划"): "routine planning of the 双随机 checks",
    (32, "制定食品、药品、产品质量等法定抽检计划"): "routine planning of the statutory sampling",
    (35, "争取1项省级或国家级试点"): "a counted target per office, already a milestone",
}


def _deliverables(lines):
    out = []
    for n, s in enumerate(lines, 1):
        for m in DELIVERABLE_RE.finditer(s):
            if (n, m.group(0)) not in NOT_DELIVERABLES:
                out.append((n, m.group(0)))
    return out


def test_2023_deliverables_are_milestones(p, lines):
    """出台2023年营商环境提升措施, 开展2023网络市场监管专项行动, 制定…三年行动方案 and every
    deliverable like them is a milestone of its own, due in 2023."""
    found = _deliverables(lines)
    assert len(found) == 24
    for key in NOT_DELIVERABLES:
        assert any(m.group(0) == key[1] for m in DELIVERABLE_RE.finditer(lines[key[0] - 1])), key
    ms = list(milestones(p))
    for n, printed in found:
        hits = [m for m in ms if m["line"] == n and squash(printed) in squash(m["title"])]
        assert len(hits) == 1, (n, printed)
        assert hits[0]["due"] in ("2023年", "年内", "年底"), hits[0]["id"]
    for printed in ("出台2023年营商环境提升措施", "开展2023网络市场监管专项行动",
                    "制定2023-2025年知识产权三年行动方案"):
        assert any(squash(printed) in squash(m["title"]) for m in ms), printed


def test_units_named_in_the_text(p, lines):
    """Departments a task works with (联合X部门 / 与X、Y等部门协作) are its supporting units, as printed;
    no lead is invented (the bureau itself is not printed per task)."""
    found = []
    for n, s in enumerate(lines, 1):
        for m in re.finditer(r"(?:联合|与)((?:[\u4e00-\u9fff]{2}、)*[\u4e00-\u9fff]{2})等?部门", s):
            found.append((n, m.group(1).split("、")))
    assert found == [(16, ["住建"]), (17, ["发改", "网信", "商务", "公安"]), (21, ["商务", "文旅", "教育", "体育"])]
    nodes = list(walk(p["nodes"]))
    for n, units in found:
        (node,) = [x for x in nodes if x["line"] == n]
        assert node["support"] == units
        assert "lead" not in node and "units" not in node
    assert sum(1 for x in nodes if x.get("support")) == len(found)


def test_lines_hold_titles(p, lines):
    items = list(walk(p["nodes"])) + list(milestones(p))
    for x in items:
        assert 1 <= x["line"] <= len(lines), x["id"]
        held = squash(lines[x["line"] - 1])
        keys = [squash(x["title"])[:6]]
        if x.get("source"):
            keys.append(squash(x["source"])[:6])
        assert any(k and k in held for k in keys), f"{x['id']}: line {x['line']} does not hold its title"


def test_ids_unique(p):
    ids = [x["id"] for x in walk(p["nodes"])] + [m["id"] for m in milestones(p)]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[A-Za-z0-9._-]+", i) for i in ids)


def test_node_counts(p, lines):
    parts, tasks, paras = _structure(lines)
    kinds = [x["kind"] for x in walk(p["nodes"])]
    assert kinds.count("part") == len(parts) == 6
    assert kinds.count("task") == len(tasks) + len(paras) == 29
    assert set(kinds) <= {"part", "task", "text"}
