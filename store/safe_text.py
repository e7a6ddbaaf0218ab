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


# In JSON, C0 controls are escaped by every encoder; the C1 controls, bidi characters and line
# separators are not (JSON does not require it), yet a terminal acts on them when the JSON is
# printed. They can only stand inside strings, and ``\uXXXX`` is the same string to any reader.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_JSON_UNSAFE_UTF8 = re.compile(rb"\x7f|\xc2[\x80-\x9f]|\xe2\x80[\xa8-\xae]|\xe2\x81[\xa6-\xa9]")


def needs_escape(text: str) -> bool:
    """True if ``text`` holds a character ``json_safe`` escapes."""
    return _JSON_UNSAFE.search(text) is not None


def json_safe(text: str) -> str:
    """JSON text with every C1, bidi or separator character written as its ``\\uXXXX`` escape."""
    return _JSON_UNSAFE.sub(_marker, text)


def json_safe_utf8(data: bytes) -> bytes:
    """``json_safe`` for JSON already encoded as UTF-8 (whole characters)."""
    return _JSON_UNSAFE_UTF8.sub(lambda m: f"\\u{ord(m.group().decode()):04x}".encode(), data)
