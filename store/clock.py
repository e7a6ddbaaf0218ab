""""Today", injectable everywhere so status can be shown as of any date and tests are stable."""
from __future__ import annotations

import os
from datetime import date

TODAY_ENV = "PLANDESK_TODAY"


def resolve_today(explicit: str | date | None = None) -> date:
    """``--today`` beats ``PLANDESK_TODAY`` beats the system clock. Raises ValueError if bad."""
    if isinstance(explicit, date):
        return explicit
    text = explicit or os.environ.get(TODAY_ENV)
    if text:
        return date.fromisoformat(text.strip())
    return date.today()
