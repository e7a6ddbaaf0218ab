"""The numbers Word draws in front of a list paragraph (一、 (一) 1.), which python-docx's text leaves out.

A plan typed with Word's automatic numbering (a multilevel list, or heading styles linked to
one) carries no 一、 in its paragraphs' text: the draft saw a flat run of unnumbered paragraphs
and lost the plan's structure. Here each paragraph's list and level (its own ``w:numPr``, else
its style's, up the style chain) are looked up in the numbering part, counted as Word counts
them (one counter per list definition, deeper levels restarting when a shallower one advances,
``w:startOverride`` restarting a list) and drawn from the level's ``w:lvlText`` and
``w:numFmt``. Bullets and unknown formats draw nothing: the paragraph is read as written.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CN_DIGITS = "零一二三四五六七八九"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_PLACEHOLDER = re.compile(r"%([1-9])")


def chinese(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 105 -> 一百零五 (Word's chineseCounting)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = "" if not rest else ("零" + _CN_DIGITS[rest] if rest < 10 else
                                    (_CN_DIGITS[1] if rest < 20 else "") + chinese(rest))
        return _CN_DIGITS[n // 100] + "百" + tail
    return str(n)


def _roman(n: int) -> str:
    if not 0 < n < 4000:  # Word's roman numerals stop there (and a hostile start must not loop)
        return str(n)
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    if not 0 < n <= 780:  # A … ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ (30 letters); beyond, the number
        return str(n)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


_CHINESE_FORMATS = frozenset(("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified",
                              "taiwaneseCounting", "taiwaneseCountingThousand", "japaneseCounting",
                              "ideographDigital"))
_PLAIN_FORMATS = frozenset(("decimal", "decimalFullWidth", "decimalFullWidth2", "decimalHalfWidth", "ordinal",
                            "cardinalText", "ordinalText"))


def format_number(n: int, fmt: str) -> str | None:
    """``n`` in Word's number format ``fmt``; None for a bullet or a format not known here.
    Full-width digits are drawn half-width: the draft reads every digit so (``reading.clean``)."""
    if fmt in _PLAIN_FORMATS:
        return str(n)
    if fmt in _CHINESE_FORMATS:
        return chinese(n)
    simple = {"decimalZero": f"{n:02d}", "decimalEnclosedParen": f"({n})", "decimalEnclosedFullstop": f"{n}.",
              "upperLetter": _letters(n), "lowerLetter": _letters(n).lower(), "upperRoman": _roman(n),
              "lowerRoman": _roman(n).lower(), "ideographTraditional": _STEMS[(n - 1) % 10],
              "ideographZodiac": _BRANCHES[(n - 1) % 12]}
    if fmt in simple:
        return simple[fmt]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _CIRCLED[n - 1] if 1 <= n <= len(_CIRCLED) else str(n)
    return None  # bullet, none, and the formats no plan uses


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    style: str | None = None  # the paragraph style this level is linked to (a numbered heading style)


@dataclass
class _List:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)  # w:startOverride by level


def _val(element: Any, tag: str) -> str | None:
    child = element.find(_W + tag) if element is not None else None
    return child.get(_W + "val") if child is not None else None


def _int(text: str | None, default: int) -> int:
    """A number attribute as Word writes it; anything else (a damaged or hostile file) the default."""
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _style_id(paragraph: Any) -> str | None:
    ppr = paragraph._p.pPr
    style = ppr.find(_W + "pStyle") if ppr is not None else None
    return style.get(_W + "val") if style is not None else None


def with_number(label: str, text: str) -> str:
    """The paragraph's text as printed: its drawn number before it (第一章 总则, 一、优化…)."""
    if not label or text.startswith(label):
        return text
    return f"{label}{'' if label[-1] in '、.．)）:：' else ' '}{text}"


class WordNumbers:
    """Draws each numbered paragraph's number, in document order (``label`` advances the counters)."""

    def __init__(self, document: Any):
        self._abstracts: dict[str, dict[int, _Level]] = {}
        self._lists: dict[str, _List] = {}
        self._counters: dict[str, dict[int, int]] = {}  # by list definition: each level's last number
        self._started: set[str] = set()  # lists whose start overrides have been applied
        self._styles: dict[str, Any] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):  # a document without lists
            numbering = None
        if numbering is not None:
            self._read(numbering)
        for style in document.styles:
            self._styles[style.style_id] = style

    def _read(self, numbering: Any) -> None:
        for abstract in numbering.findall(_W + "abstractNum"):
            levels: dict[int, _Level] = {}
            for lvl in abstract.findall(_W + "lvl"):
                level = _Level(_int(_val(lvl, "start"), 1), _val(lvl, "numFmt") or "decimal",
                               _val(lvl, "lvlText") or "", _val(lvl, "pStyle"))
                levels[_int(lvl.get(_W + "ilvl"), 0)] = level
            self._abstracts[abstract.get(_W + "abstractNumId") or ""] = levels
        for num in numbering.findall(_W + "num"):
            entry = _List(_val(num, "abstractNumId") or "")
            for override in num.findall(_W + "lvlOverride"):
                start = _val(override, "startOverride")
                if start is not None:
                    entry.starts[_int(override.get(_W + "ilvl"), 0)] = _int(start, 1)
            self._lists[num.get(_W + "numId") or ""] = entry

    def _numbering_of(self, paragraph: Any) -> tuple[str, int | None] | None:
        """The paragraph's (numId, ilvl): its own, else its style's up the chain (ilvl None: by style)."""
        ppr = paragraph._p.pPr  # python-docx's oxml element: no public name for a paragraph's numPr
        num_pr = ppr.find(_W + "numPr") if ppr is not None else None
        style_id = _style_id(paragraph)
        if num_pr is not None and _val(num_pr, "numId") is not None:
            ilvl = _val(num_pr, "ilvl")
            return _val(num_pr, "numId") or "", _int(ilvl, 0) if ilvl is not None else None
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = self._styles.get(style_id)
            if style is None:
                return None
            spr = style.element.find(_W + "pPr")
            num_pr = spr.find(_W + "numPr") if spr is not None else None
            if num_pr is not None and _val(num_pr, "numId") is not None:
                ilvl = _val(num_pr, "ilvl")
                return _val(num_pr, "numId") or "", _int(ilvl, 0) if ilvl is not None else None
            based = style.element.find(_W + "basedOn")
            style_id = based.get(_W + "val") if based is not None else None
        return None

    def label(self, paragraph: Any) -> str:
        """The number Word draws before ``paragraph`` ("" for none), counting it."""
        found = self._numbering_of(paragraph)
        if found is None:
            return ""
        num_id, ilvl = found
        entry = self._lists.get(num_id)
        if entry is None or num_id == "0":  # numId 0: numbering switched off for this paragraph
            return ""
        levels = self._abstracts.get(entry.abstract, {})
        if ilvl is None:  # the level linked to the paragraph's style, else the first
            style_id = _style_id(paragraph)
            ilvl = next((k for k, lv in levels.items() if style_id and lv.style == style_id), 0)
        level = levels.get(ilvl)
        if level is None:
            return ""
        counters = self._counters.setdefault(entry.abstract, {})
        if num_id not in self._started and entry.starts:
            self._started.add(num_id)
            for k, start in entry.starts.items():
                counters[k] = start - 1
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if format_number(1, level.fmt) is None:
            return ""

        def drawn(match: re.Match[str]) -> str:
            k = int(match[1]) - 1
            shown = levels.get(k, _Level())
            value = counters.get(k, shown.start)
            return format_number(value, shown.fmt) or ""
        return _PLACEHOLDER.sub(drawn, level.text).strip()
