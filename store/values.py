"""Indicator values as printed (``>98``, ``≤0.1``, ``98%以上``, ``-``): comparator and number.

Plans print targets with comparators and units; the tracker keeps the printed text and
reads the number and comparator from it to decide met / not met.

Numbers are read the way a clerk writes them: full-width digits, a Unicode minus ``−3`` (-3,
never +3), a comma that groups thousands (``1,234`` and ``1,234,567``: exactly three digits after
each comma) or, when it cannot be one, a decimal comma (``96,5`` is 96.5, never 965).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from store.errors import BadInput

COMPARATORS = (">", "≥", "<", "≤")
_NONE = {"", "-", "—", "--", "/", "无", "－"}
_PREFIX = [(">=", "≥"), ("<=", "≤"), ("≧", "≥"), ("≦", "≤"), ("不低于", "≥"), ("不少于", "≥"),
           ("不高于", "≤"), ("不超过", "≤"), ("大于", ">"), ("超过", ">"), ("高于", ">"),
           ("小于", "<"), ("低于", "<"), (">", ">"), ("≥", "≥"), ("<", "<"), ("≤", "≤")]
_SUFFIX = [("以上", "≥"), ("以下", "≤"), ("以内", "≤")]
_MINUS = str.maketrans({"\u2212": "-", "\u2796": "-"})  # NFKC leaves the minus sign alone
# thousands groups (never followed by another digit), else digits with a decimal point or comma
_DIGITS = r"[-+]?(?:\d{1,3}(?:,\d{3})+(?![,\d])(?:\.\d+)?|\d+(?:[.,]\d+)?)"
_NUMBER = re.compile(_DIGITS)
# a printed cell's exponent (1e3, 1e309) is read with its number, never dropped: "1e309" is not 1
# (a value a clerk records has none: ``parse_actual`` refuses "1e3" as garbled)
_EXPONENT = r"(?:[eE][-+]?\d+)?"
_PRINTED = re.compile(_DIGITS + _EXPONENT)
_THOUSANDS = re.compile(r"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?" + _EXPONENT)


class ValueError_(ValueError):
    """A value a clerk typed that is not a number."""


class YearOutsidePeriod(BadInput):
    """A value recorded for a year the plan does not cover (a typo such as 2203 or 2032)."""

    def __init__(self, year: int, start: int, end: int):
        self.year, self.start, self.end = year, start, end
        super().__init__("err_year_outside", year=year, start=start, end=end)


MAX_NUMBER = 1e15  # beyond any count or amount a plan names; far below float's infinity
PERCENT_UNITS = ("%", "％")
PERCENT_OUTSIDE = "percent_outside"   # a percentage below 0 or above 100
NEGATIVE_COUNT = "negative_count"     # a count or amount below 0


@dataclass(frozen=True)
class PrintedValue:
    printed: str
    comparator: str | None
    number: float | None


def parse_printed(printed: object) -> PrintedValue:
    """Read a printed table cell; a cell with no number gives ``number=None``."""
    text = "" if printed is None else str(printed)
    norm = _normalise(text)
    if norm in _NONE:
        return PrintedValue(text, None, None)
    comparator = None
    for word, comp in _PREFIX:
        if norm.startswith(word):
            comparator, norm = comp, norm[len(word):].strip()
            break
    for word, comp in _SUFFIX:
        if norm.endswith(word):
            comparator = comparator or comp
            norm = norm[: -len(word)].strip()
    match = _PRINTED.search(norm)
    if not match:
        return PrintedValue(text, comparator, None)
    return PrintedValue(text, comparator, _to_float(match.group()))


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_MINUS).strip()


def _to_float(number: str) -> float:
    """A matched number: commas group thousands when they can, else one is the decimal point."""
    if "," in number:
        number = number.replace(",", "") if _THOUSANDS.fullmatch(number) else number.replace(",", ".")
    return float(number)


def parse_actual(typed: str) -> float:
    """A value a clerk records: a plain number (``98.5``, ``98.5%``, ``1,200``, ``96,5``), else an error."""
    norm = _normalise(typed).rstrip("%").strip()
    if not _NUMBER.fullmatch(norm):
        raise ValueError_(f"not a number: {typed!r}")
    number = _to_float(norm)
    if not abs(number) <= MAX_NUMBER:
        raise ValueError_(f"too large: {typed!r}")
    return number


def check_year(year: int, start_year: int, end_year: int) -> None:
    """Refuse a year outside the plan's period: values are recorded for the plan's own years."""
    if not start_year <= year <= end_year:
        raise YearOutsidePeriod(year, start_year, end_year)


def value_warnings(value: float, unit: str | None) -> list[str]:
    """What is odd about a value that is still recorded: a percentage outside 0..100, or a
    negative count (a growth rate may fall; a number of firms or cases cannot)."""
    percent = (unit or "").strip() in PERCENT_UNITS
    if percent and not 0 <= value <= 100:
        return [PERCENT_OUTSIDE]
    if not percent and value < 0:
        return [NEGATIVE_COUNT]
    return []


def format_number(number: float | None) -> str:
    """A number as a clerk writes it: 98 not 98.0, 0.77 not 0.7700000001."""
    if number is None:
        return ""
    if number == int(number) and abs(number) < 1e15:
        return str(int(number))
    return f"{number:.6g}"
