"""Wulong transcription: the plan's heading, chapters, sections, tasks, 专栏, every body line,
repairs, counts and lines."""
from __future__ import annotations

import re
from collections import Counter

from tests.seeds.seedtext import (
    everything_text,
    milestones,
    squash,
)
from tests.seeds.wulong.source import (
    BASIS_LINE,
    BODY,
    BOX1_TABLE,
    CN_NUM,
    SRC,
    L,
    nonblank,
    src_annex2_rows,
    src_annex4_rows,
    src_boxes,
    src_chapters,
    src_numbered,
    src_sections,
    src_tasks,
    src_unnumbered_tasks,
)


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
