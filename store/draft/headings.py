"""Recognise a heading's numbering (第三章, 一、, (一), 1., ①, 专栏2 ...) and split run-in headings.

Chinese plans number their levels with a handful of styles, but which style sits at which
level varies by document; this module only says which style a line starts with and its
ordinal. The outline decides levels (by order of first appearance, as a reader does).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_CN_NUM = "零〇一二三四五六七八九十百两壹贰貳叁參肆伍陆陸柒捌玖拾"
_CN_VALUE = {"零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "两": 2, "贰": 2, "貳": 2, "三": 3, "叁": 3, "參": 3,
             "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6, "七": 7, "柒": 7, "八": 8, "捌": 8,
             "九": 9, "玖": 9}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# Conventional rank of each style, outermost first: used only to notice a level that had to be guessed.
STYLE_RANK = {"part": 0, "chapter": 1, "jie": 2, "cn_dun": 3, "cn_paren": 4, "num_dot": 5, "num_dun": 6,
              "num_paren": 7, "circled": 8, "zero_num": 9}


def _ordinal_of(unit: str) -> re.Pattern[str]:
    """第<number><unit>: how a part (部分, 篇), a chapter (章) or a section (节) is numbered."""
    return re.compile(rf"^第\s*([0-9{_CN_NUM}]+)\s*(?:{unit})\s*[::、]?\s*")


def _in_brackets(number: str) -> re.Pattern[str]:
    """(<number>): the bracketed styles, (一) and (1)."""
    return re.compile(rf"^\(\s*({number})\s*\)\s*")


# style -> pattern on the NFKC form of the line (full-width brackets and digits become half-width)
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("box", re.compile(rf"^(?:专栏|專欄)\s*([0-9{_CN_NUM}]+(?:\s*[—\-–－]\s*[0-9]+)?)\s*[::]?\s*")),
    ("annex", re.compile(r"^附件\s*([0-9]+)\s*[::.、]?\s*")),
    ("part", _ordinal_of("部分|部份|篇")),
    ("chapter", _ordinal_of("章")),
    ("jie", _ordinal_of("节|節")),
    ("cn_dun", re.compile(rf"^([{_CN_NUM}]+)\s*[、.]\s*")),
    ("cn_paren", _in_brackets(f"[{_CN_NUM}]+")),
    ("num_paren", _in_brackets("[0-9]{1,2}")),
    ("zero_num", re.compile(r"^0([1-9])(?=\s|[\u4e00-\u9fff])\s*")),
    ("num_dun", re.compile(r"^([0-9]{1,2})\s*、\s*")),
    # 1. but not 1.5 (a number); 1.2024年 and 1.9月30日前 are item 1 starting with its date
    ("num_dot", re.compile(r"^([0-9]{1,2})\s*\.(?!(?!(?:19|20)[0-9]{2}\s*年|[0-9]{1,2}\s*月)[0-9])\s*")),
    ("circled", re.compile(rf"^([{_CIRCLED}])\s*")),
]
# where a run-in heading's text usually starts: a new verb phrase (深化商事制度改革|持续推动……)
_PHRASE_START = re.compile(r"(持续|加强|推动|推进|围绕|坚持|严格|健全|聚焦|大力|全面|积极|深入|进一步|加快|完善|强化|"
                           r"实施|统筹|依托|结合|按照|立足|发挥|加大|严守|着力|不断|切实|提高|提升|支持|鼓励|以)")
_DATE_START = re.compile(r"^(?:(?:19|20)\d{2}\s*年|\d{1,2}\s*月)")  # 1.2024年…, 1.9月30日前…: item 1
_LOST_PAREN = re.compile(r"^\)\s*(?=[\u4e00-\u9fff])")  # "(三)" printed as ")": the number was lost


@dataclass(frozen=True)
class Numbering:
    style: str
    ordinal: int | None  # None: the number was lost in conversion
    printed: str  # the numbering as printed: 第三章, (一), 1., 专栏2
    rest: str  # the text after the numbering


def cn_to_int(text: str) -> int | None:
    """一 -> 1, 十二 -> 12, 二十三 -> 23, 一百零五 -> 105; digits pass through."""
    if text.isdigit():
        return int(text)
    text = text.replace("拾", "十")
    total, current = 0, 0
    for char in text:
        if char in _CN_VALUE:
            current = _CN_VALUE[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current or None


def parse_numbering(text: str) -> Numbering | None:
    """The numbering a line starts with, or None for an unnumbered paragraph."""
    normal = unicodedata.normalize("NFKC", text)
    if len(normal) != len(text):  # NFKC changed the length (rare ligatures): match on the original
        normal = text
    if m := _LOST_PAREN.match(normal):
        return Numbering("cn_paren", None, text[: m.end()].strip(), text[m.end():].strip())
    for style, pattern in _PATTERNS:
        m = pattern.match(normal)
        if not m:
            continue
        rest = text[m.end():].strip()
        if style in ("cn_dun", "num_dot", "num_dun") and not rest:
            return None  # a bare "1." or "一、" is a table cell, not a heading
        if style == "num_dot" and re.match(r"^\d", rest) and not _DATE_START.match(rest):
            return None
        token = m[1]
        if style == "circled":
            ordinal: int | None = _CIRCLED.index(token) + 1
        elif style == "box":
            first = re.split(r"[—\-–－]", token)[0].strip()
            ordinal = cn_to_int(first)
        else:
            ordinal = cn_to_int(token)
        if ordinal is None and style != "box":
            continue
        printed = text[: m.end()].strip().rstrip(":：").strip()
        return Numbering(style, ordinal, printed, rest)
    return None


_FULL_STOP = re.compile(r"[。！!？?]|(?<=[\u4e00-\u9fff”）)])\.(?!\d\.)")


def full_stop(text: str) -> int:
    """Where the first sentence ends: 。！？, or a half-width '.' right after Chinese text
    (documents mix full- and half-width punctuation); -1 if it does not."""
    m = _FULL_STOP.search(text)
    return m.start() if m else -1


def split_run_in(rest: str, max_title: int = 40) -> tuple[str, str, bool]:
    """(title, body, guessed) of a heading's text after its numbering.

    ``打造智慧监管体系。依托……`` -> title up to the first 。 and the rest as body. A heading run
    into its text without a 。 gets a guessed title (up to the first comma, else its first 20
    characters) and ``guessed`` is True so the clerk is asked to check it.
    """
    rest = rest.strip()
    if not rest:
        return "", "", False
    first_stop = full_stop(rest)
    if 0 < first_stop <= max_title:
        return rest[:first_stop], rest[first_stop + 1:].strip(), False
    if len(rest) <= max_title and first_stop < 0:
        return rest, "", False
    verb = _PHRASE_START.search(rest, 4)
    if verb is not None and verb.start() <= 24:
        return rest[: verb.start()], rest, True
    comma = min((i for i in (rest.find(","), rest.find("，"), rest.find(";"), rest.find("；")) if i > 0), default=-1)
    if 0 < comma <= 30:
        return rest[:comma], rest, True
    return rest[:20], rest, True


def is_separate_heading(rest: str, max_title: int = 40) -> bool:
    """A heading on a line of its own: short and not a sentence run on after a full stop."""
    title, body, _ = split_run_in(rest, max_title)
    return bool(title) and not body
