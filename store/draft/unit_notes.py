"""What a plan says about an item in a note after it: its units and its deadline.

A 工作要点 without a 任务分解表 says who and by when in a note after each item, in a few shapes:

- ``（牵头单位：县市场监管局；配合单位：县发改委、县财政局）`` (parentheses, ：, ；or ，between the parts);
- ``（责任单位：县市场监管局）``: 责任单位 is the lead where nobody is named 牵头, else the support
  (as a task table's 责任单位 column is read, ``table_items``);
- ``牵头单位：知识产权科。`` as the paragraph's last sentence;
- ``（县市场监管局牵头，县发改委、县财政局配合）``;
- a deadline in the closing bracket: ``（6月底前完成）``, ``（完成时限：2024年9月底）``,
  ``（时间节点：年底前；牵头单位：执法大队）``.

The note is taken out of the item's title (it names who and when, not what) and out of the text
its targets are read from; the text as printed keeps it. Units are split at 、，,;/ and a trailing
等 is dropped. A bracket that says neither (（含地理标志）) is part of the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from store.draft.model import DraftNode
from store.draft.targets import due_in_plan

# a county bureau's 股室 / 科室 / 处室 name its own sections as a city's 单位 / 部门 do
_LEAD = ("牵头单位", "牵头部门", "牵头股室", "牵头科室", "牵头处室", "牽頭單位", "牽頭部門")
_RESPONSIBLE = ("责任单位", "责任部门", "责任股室", "责任科室", "责任处室", "責任單位", "責任部門")
_SUPPORT = ("配合单位", "配合部门", "配合股室", "配合科室", "配合处室", "协办单位", "协同单位", "参与单位",
            "配合單位", "配合部門", "協辦單位", "參與單位")
_WHEN = ("完成时限", "时间节点", "完成时间", "时限", "进度安排", "完成時限", "時間節點", "完成時間", "時限")
_KEY = "|".join(_LEAD + _RESPONSIBLE + _SUPPORT + _WHEN)
_UNIT_KEY = "|".join(_LEAD + _RESPONSIBLE + _SUPPORT)
_LABELLED = re.compile(rf"(?P<key>{_KEY})\s*[:：]\s*(?P<value>.*?)\s*(?=[；;，,。]?\s*(?:{_KEY})\s*[:：]|[；;。]?\s*$)")
_CLOSING = re.compile(r"[（(](?P<note>[^()（）]{1,80})[)）]\s*[。；;]?\s*$")
# a note names a few units: past 200 characters it is text (and no unit name a page long)
_IN_BRACKETS = re.compile(rf"[（(]\s*((?:{_UNIT_KEY})\s*[:：][^()（）]{{0,200}})[)）]")
_LAST_SENTENCE = re.compile(rf"(?:^|(?<=[。；;]))\s*((?:{_UNIT_KEY})\s*[:：][^。()（）]{{0,200}})。?\s*$")
_LEAD_BY = re.compile(r"[（(]\s*(?P<lead>[^()（）,，;；]{2,40}?)牵头"
                      r"(?:\s*[,，;；、]\s*(?P<support>[^()（）]{2,80}?)配合)?\s*[)）]")


@dataclass
class Note:
    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    due: str | None = None  # a deadline phrase the plan loader reads, inside the plan
    span: tuple[int, int] | None = None  # where the note is in the text; None: no note


def note_of(text: str, start: int, end: int) -> Note:
    """The note ``text`` carries about its units and deadline (``Note().span`` None for none)."""
    if (closing := _CLOSING.search(text)) is not None:
        note = _read(closing["note"], start, end)
        if note.lead or note.support or note.due:
            note.span = closing.span()
            return note
    for found in (_IN_BRACKETS.search(text), _LAST_SENTENCE.search(text)):
        if found is not None:
            note = _read(found[1], start, end)
            if note.lead or note.support:
                note.span = found.span()
                return note
    if (by := _LEAD_BY.search(text)) is not None:
        return Note(_split(by["lead"].removeprefix("由")), _split(by["support"] or ""), None, by.span())
    return Note()


def units_of(text: str) -> tuple[list[str], list[str], tuple[int, int] | None]:
    """(lead, support, where the note is) of the units a text names; ([], [], None) for none."""
    note = note_of(text, 0, 9999)
    return (note.lead, note.support, note.span) if note.lead or note.support else ([], [], None)


def _read(content: str, start: int, end: int) -> Note:
    """A note's parts: labelled (牵头单位：…, 完成时限：…), else the whole of it a deadline (6月底前完成)
    or a 甲牵头，乙配合."""
    note = Note()
    responsible: list[str] = []
    labelled = list(_LABELLED.finditer(content))
    for part in labelled:
        key, value = part["key"], part["value"]
        if key in _WHEN:
            note.due = note.due or _deadline(value, start, end)
        else:
            units = _split(value)
            (note.lead if key in _LEAD else note.support if key in _SUPPORT else responsible).extend(units)
    if responsible:  # 责任单位: the lead where nobody leads, else among the support
        if note.lead:
            note.support.extend(u for u in responsible if u not in note.support)
        else:
            note.lead = responsible
    if not labelled:
        if (by := _LEAD_BY.fullmatch(f"（{content}）")) is not None:
            note.lead, note.support = _split(by["lead"].removeprefix("由")), _split(by["support"] or "")
        else:
            note.due = _deadline(content, start, end)
    return note


def _deadline(phrase: str, start: int, end: int) -> str | None:
    """``phrase`` when the plan loader reads it as a date inside the plan, else None."""
    phrase = phrase.strip()
    if not phrase or not re.search(r"(年|月|季度|日|\d{4}[-/.])", phrase):  # (含地理标志): no time at all
        return None
    return phrase if due_in_plan(phrase, start, end) is not None else None


def _split(text: str) -> list[str]:
    units = [u.strip().removesuffix("等").strip() for u in re.split(r"[、,，;；/]", text)]
    return [u for u in units if u]


def take_notes(root: DraftNode, start: int, end: int) -> None:
    """Give every item whose text carries a note its units (unless a table gave it some) and its
    deadline (``fields["_due"]``, for ``finish._milestones``), and take the note out of its title
    and out of the text its milestones are read from (the text as printed keeps it)."""
    for node in root.walk():
        if node.kind == "text" or node.from_table:
            continue
        for k, (line, paragraph) in enumerate(node.paras):
            note = note_of(paragraph, start, end)
            if note.span is None:
                continue
            if (note.lead or note.support) and not (node.units or node.support):
                node.units, node.support = note.lead, note.support
            if note.due and "_due" not in node.fields:
                node.fields["_due"] = note.due
            node.paras[k] = (line, _without(paragraph, note.span))
        in_title = note_of(node.title, start, end).span
        if in_title is not None and (node.units or node.support or "_due" in node.fields):
            node.title = _without(node.title, in_title)


def _without(text: str, span: tuple[int, int]) -> str:
    return (text[: span[0]] + text[span[1]:]).strip().rstrip("；;，,。").strip()
