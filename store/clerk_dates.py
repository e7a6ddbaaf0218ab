"""The ONE reader of dates a clerk types: ``--on``, ``--today`` and every dialog of the app.

A clerk writes ``2023-06-30``, ``2023/06/30``, ``2023.6.30``, ``2023年6月30日``, ``6月30日``,
``11月底``, ``年底`` or ``上半年``. A phrase without a year belongs to the year of the AS-OF date
the clerk is working at (``--today``, the app's ``t``), never to the system clock's: at the 2023
mid-term, ``年底`` is 2023-12-31 even when the laptop says 2026. Dates outside 1949..2100 are
refused (never an OverflowError), and a completion date may not lie after the as-of date.
"""
from __future__ import annotations

import unicodedata
from datetime import date

from store.deadlines import DeadlineError, parse_deadline
from store.errors import BadInput

FIRST_YEAR, LAST_YEAR = 1949, 2100
MAX_LENGTH = 40  # a date a clerk types is short; anything longer is not one
_TODAY_WORDS = {"今天", "今日", "today"}

# why a date was refused: the UI phrases each reason through its catalog
NOT_A_DATE = "not_a_date"
OUT_OF_RANGE = "out_of_range"
AFTER_AS_OF = "after_as_of"


class ClerkDateError(BadInput, ValueError):
    """A typed date that cannot be used; ``reason`` is one of the constants above."""

    def __init__(self, text: str, reason: str, day: date | None = None, as_of: date | None = None):
        self.text, self.reason, self.day, self.as_of = text, reason, day, as_of
        if reason == OUT_OF_RANGE:
            message = f"{text!r} is outside {FIRST_YEAR}..{LAST_YEAR}"
        elif reason == AFTER_AS_OF:
            message = f"{day} is after the as-of date {as_of}"
        else:
            message = f"not a date: {text!r}"
        super().__init__(message)


def parse_clerk_date(text: str, as_of: date) -> date:
    """The day ``text`` names, phrases resolved against ``as_of``; ClerkDateError if none."""
    cleaned = unicodedata.normalize("NFKC", str(text)).strip()
    if not cleaned or len(cleaned) > MAX_LENGTH:
        raise ClerkDateError(text, NOT_A_DATE)
    if cleaned.lower() in _TODAY_WORDS:
        return as_of
    try:  # the common case first: an ISO date needs none of the phrase reader's regexes
        day = date.fromisoformat(cleaned)
    except ValueError:
        pass
    else:
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise ClerkDateError(text, OUT_OF_RANGE, day)
        return day
    try:
        parsed = parse_deadline(cleaned, as_of.year)
    except (DeadlineError, ValueError, OverflowError, TypeError, IndexError):
        raise ClerkDateError(text, NOT_A_DATE) from None
    if parsed.start is not None and parsed.start.year != parsed.due.year:
        raise ClerkDateError(text, NOT_A_DATE)  # a range of years (2023—2024) is not a day
    day = parsed.due
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ClerkDateError(text, OUT_OF_RANGE, day)
    return day


def parse_completion_date(text: str, as_of: date) -> date:
    """A completion (tick) date: as parse_clerk_date, and not after the as-of date."""
    day = parse_clerk_date(text, as_of)
    if day > as_of:
        raise ClerkDateError(text, AFTER_AS_OF, day, as_of)
    return day
