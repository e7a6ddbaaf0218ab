"""Text from plans, notes, units and workbooks is data: make it safe to show anywhere.

A title may carry a terminal escape sequence, a bidi override that reorders what the clerk
reads, or a C0/C1 control that moves the cursor. ``visible`` keeps the printable text and shows
every such character as a visible ``\\uXXXX`` marker instead, so nothing is hidden and nothing
acts on the terminal.  ``cell_text`` does the same and keeps a spreadsheet from reading the
text as a formula (the OWASP CSV-injection advice).
"""
from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls, and the bidi embedding/override/isolate
# characters (U+202A..U+202E, U+2066..U+2069) plus the line/paragraph separators.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_UNSAFE_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def _marker(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def visible(text: str | None, *, one_line: bool = False) -> str:
    """``text`` with every control or bidi character shown as ``\\uXXXX``; tabs and newlines
    are kept unless ``one_line`` (then they are shown as markers too)."""
    if not text:
        return ""
    pattern = _UNSAFE_ONE_LINE if one_line else _UNSAFE
    return pattern.sub(_marker, text)


def is_formula_like(text: str) -> bool:
    """True if a spreadsheet program would read ``text`` as a formula or a command."""
    return bool(text) and text.startswith(FORMULA_LEADS)


def cell_text(text: str | None) -> str:
    """Text for a CSV or workbook cell: visible, and never a live formula (prefixed with ``'``)."""
    if text and text.isprintable() and not text.startswith(FORMULA_LEADS):
        return text  # no control, bidi or separator character (none is printable), no formula lead: as it is
    shown = visible(text)
    return "'" + shown if is_formula_like(shown) else shown
