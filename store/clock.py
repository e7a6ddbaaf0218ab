""""Today", injectable everywhere so status can be shown as of any date and tests are stable."""
from __future__ import annotations

import os
from datetime import date

TODAY_ENV = "PLANDESK_TODAY"


def resolve_today(explicit: str | date | None = None) -> date:
    """``--today`` beats ``PLANDESK_TODAY`` beats the system clock. Raises ClerkDateError (a
    ValueError) if bad. The as-of date may be any date a clerk writes (``2023/06/30``, ``年底``);
    its phrases are the one place where the clock's year is the reference."""
    if isinstance(explicit, date):
        return explicit
    text = explicit or os.environ.get(TODAY_ENV)
    if text:
        try:
            day = date.fromisoformat(text.strip())  # the common case, without the phrase reader
            if 1949 <= day.year <= 2100:
                return day
        except ValueError:
            pass
        from store.clerk_dates import parse_clerk_date

        return parse_clerk_date(text, date.today())
    return date.today()
