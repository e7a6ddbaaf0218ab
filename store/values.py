"""Indicator values as printed (``>98``, ``≤0.1``, ``98%以上``, ``-``): comparator and number.

Plans print targets with comparators and units; the tracker keeps the printed text and
reads the number and comparator from it to decide met / not met.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

COMPARATORS = (">", "≥", "<", "≤")
_NONE = {"", "-", "—", "--", "/", "无", "－"}
_PREFIX = [(">=", "≥"), ("<=", "≤"), ("≧", "≥"), ("≦", "≤"), ("不低于", "≥"), ("不少于", "≥"),
           ("不高于", "≤"), ("不超过", "≤"), ("大于", ">"), ("超过", ">"), ("高于", ">"),
           ("小于", "<"), ("低于", "<"), (">", ">"), ("≥", "≥"), ("<", "<"), ("≤", "≤")]
_SUFFIX = [("以上", "≥"), ("以下", "≤"), ("以内", "≤")]
_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")


class ValueError_(ValueError):
    """A value a clerk typed that is not a number."""


@dataclass(frozen=True)
class PrintedValue:
    printed: str
    comparator: str | None
    number: float | None


def parse_printed(printed: object) -> PrintedValue:
    """Read a printed table cell; a cell with no number gives ``number=None``."""
    text = "" if printed is None else str(printed)
    norm = unicodedata.normalize("NFKC", text).strip().replace(",", "")
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
    match = _NUMBER.search(norm)
    if not match:
        return PrintedValue(text, comparator, None)
    return PrintedValue(text, comparator, float(match.group()))


def parse_actual(typed: str) -> float:
    """A value a clerk records: a plain number (``98.5``, ``98.5%``, ``1,200``), else an error."""
    norm = unicodedata.normalize("NFKC", typed).strip().replace(",", "").rstrip("%").strip()
    try:
        number = float(norm)
    except ValueError:
        raise ValueError_(f"not a number: {typed!r}") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError_(f"not a number: {typed!r}")
    return number


def format_number(number: float | None) -> str:
    """A number as a clerk writes it: 98 not 98.0, 0.77 not 0.7700000001."""
    if number is None:
        return ""
    if number == int(number) and abs(number) < 1e15:
        return str(int(number))
    return f"{number:.6g}"
