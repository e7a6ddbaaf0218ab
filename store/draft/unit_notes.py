"""The responsible units a plan names in its text: （牵头单位：甲；配合单位：乙、丙）.

A 工作要点 without a 任务分解表 names each item's units in a note after it, in a few shapes:

- ``（牵头单位：县市场监管局；配合单位：县发改委、县财政局）`` (parentheses, ：, ；or ，between the parts);
- ``（责任单位：县市场监管局）``: 责任单位 is the lead where nobody is named 牵头, else the support
  (as a task table's 责任单位 column is read, ``table_items``);
- ``牵头单位：知识产权科。`` as the paragraph's last sentence;
- ``（县市场监管局牵头，县发改委、县财政局配合）``.

The note is taken out of the item's title (it names who, not what) and kept in its text as
printed. Units are split at 、，,;/ and a trailing 等 is dropped.
"""
from __future__ import annotations

import re

from store.draft.model import DraftNode

_LEAD = ("牵头单位", "牵头部门", "牽頭單位", "牽頭部門")
_RESPONSIBLE = ("责任单位", "责任部门", "責任單位", "責任部門")
_SUPPORT = ("配合单位", "配合部门", "协办单位", "参与单位", "配合單位", "配合部門", "協辦單位", "參與單位")
_KEY = "|".join(_LEAD + _RESPONSIBLE + _SUPPORT)
_LABELLED = re.compile(rf"(?P<key>{_KEY})\s*[:：]\s*(?P<units>.*?)\s*(?=[；;，,。]?\s*(?:{_KEY})\s*[:：]|[；;。]?\s*$)")
_IN_BRACKETS = re.compile(rf"[（(]\s*((?:{_KEY})\s*[:：][^()（）]*)[)）]")
_LAST_SENTENCE = re.compile(rf"(?:^|(?<=[。；;]))\s*((?:{_KEY})\s*[:：][^。()（）]*)。?\s*$")
_LEAD_BY = re.compile(r"[（(]\s*(?P<lead>[^()（）,，;；]{2,40}?)牵头"
                      r"(?:\s*[,，;；、]\s*(?P<support>[^()（）]{2,80}?)配合)?\s*[)）]")


def units_of(text: str) -> tuple[list[str], list[str], tuple[int, int] | None]:
    """(lead, support, where the note is in ``text``) of the note ``text`` carries; ([], [], None) for none."""
    for found in (_IN_BRACKETS.search(text), _LAST_SENTENCE.search(text)):
        if found is not None:
            lead, support = _labelled(found[1])
            if lead or support:
                return lead, support, found.span()
    if (by := _LEAD_BY.search(text)) is not None:
        return _split(by["lead"].removeprefix("由")), _split(by["support"] or ""), by.span()
    return [], [], None


def _labelled(note: str) -> tuple[list[str], list[str]]:
    lead: list[str] = []
    support: list[str] = []
    responsible: list[str] = []
    for part in _LABELLED.finditer(note):
        units = _split(part["units"])
        key = part["key"]
        (lead if key in _LEAD else support if key in _SUPPORT else responsible).extend(units)
    if responsible:  # 责任单位: the lead where nobody leads, else among the support
        if lead:
            support.extend(u for u in responsible if u not in support)
        else:
            lead = responsible
    return lead, support


def _split(text: str) -> list[str]:
    units = [u.strip().removesuffix("等").strip() for u in re.split(r"[、,，;；/]", text)]
    return [u for u in units if u]


def take_units(root: DraftNode) -> None:
    """Give every item whose text names its units those units (unless a table gave it some), and
    take the note out of its title and out of the text its milestones are read from (the text as
    printed keeps it)."""
    for node in root.walk():
        if node.kind == "text" or node.from_table or node.units or node.support:
            continue
        for k, (line, paragraph) in enumerate(node.paras):
            lead, support, span = units_of(paragraph)
            if span is not None:
                node.units, node.support = lead, support
                node.paras[k] = (line, _without(paragraph, span))
                break
        else:
            continue
        _, _, in_title = units_of(node.title)
        if in_title is not None:
            node.title = _without(node.title, in_title)


def _without(text: str, span: tuple[int, int]) -> str:
    return (text[: span[0]] + text[span[1]:]).strip().rstrip("；;，,").strip()
