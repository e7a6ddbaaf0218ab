"""Luoyang transcription: the plan's heading, chapters, sections, tasks, 专栏 and their entries,
every paragraph, lines, ids, counts, and no invented units."""
from __future__ import annotations

import re

from tests.seeds.luoyang.source import (
    BODY_END,
    BODY_START,
    FILE,
    RE_CHAPTER,
    RE_ENTRY,
    RE_SECTION,
    RE_TASK,
    at,
    body,
    box_ranges,
    first_line,
    repaired_from,
    src,
    text_at,
)
from tests.seeds.seedtext import (
    CN,
    everything_text,
    milestones,
    squash,
    walk,
)


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
        for (n, m, body_s), kid in zip(expected, kids, strict=True):
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
    for i, (_n, s) in enumerate(lines):
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
    kinds: dict[str, int] = {}
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
