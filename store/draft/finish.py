"""Finish the tree: each node's kind, intro paragraphs, milestones from the text, stable ids.

Kinds, explicitly: a heading on its own line, or one with numbered items or boxes under it,
is a part (一、/第X部分 at the top), chapter (第X章 at the top) or section. A numbered item
run into its paragraph with nothing numbered under it, a numbered sentence (ending in 。) with
nothing under it (1.2024年6月底前出台……措施。), a numbered item with nothing under it inside a
section (2.开展“守护消费”专项行动), and an unnumbered paragraph, is a
``task`` (a paragraph that asks for action: 推进/加强/实施/开展/完善/建立/落实 …) unless it
sits under a narrative heading (背景, 现状, 形势, 指导思想, 基本原则, 目标, 保障措施 …), is a
label (``主要工作:``) or precedes every heading: then it is ``text``, not tracked.

Ids follow the numbering path (c3.s1.t2, c3.box2.e1) so that a corrected document drafts to
the same ids and re-imports onto the first draft without losing a tick; unnumbered items are
counted among their unnumbered siblings (p1, p2; x1 for text).

A note after an item (（牵头单位：甲；配合单位：乙）, （6月底前完成）) gives it its lead and supporting
units and its deadline (``unit_notes``): its undated targets take that date, and an item that
states no target falls due itself.
"""
from __future__ import annotations

import re
from collections import defaultdict

from store.deadlines import parse_deadline
from store.draft.model import DraftMilestone, DraftNode
from store.draft.review import Review
from store.draft.targets import find_targets, sentences
from store.draft.unit_notes import take_notes

NARRATIVE = re.compile(r"(背景|现状|形势|发展基础|工作基础|现实基础|成就|成效|机遇|挑战|工作总结|工作回顾|總結|回顧|"
                       r"指导思想|基本原则|总体要求|"
                       r"发展目标|主要目标|规划目标|总体目标|目标要求|重大意义|保障措施|保障机制|规划实施|组织实施|实施保障|"
                       r"编制依据|总则|附则|現狀|形勢|發展基礎|成效|機遇|挑戰|指導思想|基本原則|總體要求|發展目標|"
                       r"主要目標|規劃目標|總體目標|保障措施|保障機制|規劃實施|組織實施)")
_SECTION_STYLES = ("part", "chapter", "jie", "cn_dun", "cn_paren")
_LABEL = re.compile(r"^(.{0,16}[::]|注[::]|[(（]注)")
_PREFIX = {"part": "p", "chapter": "c", "section": "s", "task": "t", "box": "box", "entry": "e", "text": "x",
           "annex": "a", "project": "proj"}


def finish(root: DraftNode, start: int, end: int, review: Review, recurring_key: bool) -> None:
    _fold_intros(root)
    _kinds(root, narrative=False)
    take_notes(root, start, end)
    _milestones(root, start, end, review, recurring_key)
    _ids(root.children, "")


def _is_structural(node: DraftNode) -> bool:
    return node.kind in ("heading", "box", "annex") or node.from_table


def _fold_intros(node: DraftNode) -> None:
    """A section's paragraphs before its first numbered item are the section's own text."""
    for child in node.children:
        _fold_intros(child)
    if node.kind != "heading" or not any(c.kind == "heading" for c in node.children):
        return
    while node.children and node.children[0].kind == "para" and not node.children[0].fields.get("_table"):
        para = node.children.pop(0)
        node.text = f"{node.text}\n{para.text}".strip()
        node.paras.extend(para.paras)
        for grandchild in para.children:
            node.children.insert(0, grandchild)
            grandchild.parent = node


def _kinds(node: DraftNode, narrative: bool) -> None:
    for child in node.children:
        own_narrative = narrative or (child.kind in ("heading", "annex") and bool(NARRATIVE.search(child.title)))
        if child.kind == "heading" and not child.children and not own_narrative and (
                child.fields.get("_sentence") or (node.kind != "root" and not child.paras)):
            # an item with nothing under it (1.2024年6月底前出台……措施。, 2.开展“守护消费”专项行动): what it
            # says is the work, and its deadline is in it
            child.kind = "task"
            if not child.paras:
                child.paras.append((child.line, child.title))
        elif child.kind == "heading":
            has_items = any(_is_structural(c) for c in child.children)
            run_in_section = child.style in _SECTION_STYLES and child.level <= 2
            if child.separate or has_items or run_in_section:
                if node.kind == "root":
                    child.kind = "chapter" if child.style in ("chapter", "h1") else "part"
                else:
                    child.kind = "section"
                if run_in_section and not (child.separate or child.children) and not own_narrative and child.paras:
                    _task_from_body(child)
            else:
                child.kind = "text" if own_narrative else "task"
        elif child.kind == "para":
            label = bool(_LABEL.match(child.text)) or bool(child.fields.get("_table"))
            child.kind = "text" if own_narrative or node.kind in ("root", "annex") or label else "task"
        _kinds(child, own_narrative)


def _task_from_body(section: DraftNode) -> None:
    """``(二)规范新型消费市场。健全……``: a section run into its only paragraph; the paragraph is
    the section's one task, so it is tracked."""
    task = section.add(DraftNode("task", section.title, section.line, text=section.text))
    task.paras, section.paras, section.text = section.paras, [], ""


def _milestones(node: DraftNode, start: int, end: int, review: Review, recurring_key: bool) -> None:
    for child in node.children:
        quantitative = child.kind in ("task", "entry")
        noted = child.fields.pop("_due", None)  # the deadline its note gives (（6月底前完成）, unit_notes)
        for line, text in child.paras:
            for target in find_targets(text, start, end, quantitative):
                due, year = (noted, _year_of(noted, end)) if noted and not target.phrase else (target.due, target.year)
                child.milestones.append(DraftMilestone(target.title, due, line, year, recurring=target.recurring))
                if target.recurring and not recurring_key:
                    review.add(line, "draft_recurring", title=target.title[:30], year=target.year)
                if target.yearless and start != end:
                    review.add(line, "draft_year_missing", phrase=target.phrase, year=target.year)
        if noted and not child.milestones and child.kind in ("task", "entry") and child.paras:
            # the note's deadline is the item's: the item itself is what falls due
            line, text = child.paras[-1]
            said = sentences(text)  # its last sentence: a run-in heading (特种设备安全。) is not the work
            title = said[-1].rstrip("。；;") if said else child.title
            child.milestones.append(DraftMilestone(title, noted, line, _year_of(noted, end)))
        _milestones(child, start, end, review, recurring_key)


def _year_of(phrase: str, end: int) -> int:
    return parse_deadline(phrase, end).due.year


def _ids(nodes: list[DraftNode], parent_id: str) -> None:
    used: set[str] = set()
    unnumbered: dict[str, int] = defaultdict(int)
    for node in nodes:
        prefix = _PREFIX.get(node.kind, "x")
        if node.kind == "box" and node.fields.get("_token"):
            digits = re.findall(r"\d+", node.fields["_token"])
            local = "box" + "-".join(digits) if digits else f"box{node.ordinal or len(used) + 1}"
        elif node.ordinal is not None and node.style is not None and not node.style.startswith("h"):
            local = f"{prefix}{node.ordinal}"
        elif node.number and node.number.isdigit():
            local = f"{prefix}{int(node.number)}"
        else:
            key = "p" if node.kind == "task" else prefix
            unnumbered[key] += 1
            local = f"{key}{unnumbered[key]}"
        base, n = local, 1
        while local in used:
            n += 1
            local = f"{base}_{n}"
        used.add(local)
        node.id = f"{parent_id}.{local}" if parent_id else local
        taken: set[str] = set()
        for k, milestone in enumerate(node.milestones, start=1):
            key = milestone.key or f"m{k}"
            while key in taken:
                key += "b"
            taken.add(key)
            milestone.id = f"{node.id}.{key}"
        _ids(node.children, node.id)
