"""Reports as data: the model (``model``), how it is built from the database (``build``, ``rows``,
``narrative``). Renderers in ``tui/reports`` format it; nothing here formats."""
from __future__ import annotations

from store.pace import Pace, Value
from store.report.build import (
    build_report,
    build_status,
    indicator_rows,
    next_period,
    period_for,
    report_year,
)
from store.report.model import (
    ANNUAL,
    CARRIED,
    DUE_IN_PERIOD,
    DUE_LATER,
    DUE_SOON,
    FINAL,
    MIDTERM,
    NEXT_PERIOD,
    OVERDUE,
    RECENTLY_DONE,
    REST,
    STATUS,
    ChapterRow,
    IndicatorRow,
    IndicatorYear,
    Item,
    Ledger,
    LedgerRow,
    Listing,
    Period,
    Report,
    TaskGroup,
    TaskProgress,
    TaskReport,
)
from store.report.rows import LIST_LIMIT, RECENT_DAYS

__all__ = ["ANNUAL", "CARRIED", "DUE_IN_PERIOD", "DUE_LATER", "DUE_SOON", "FINAL", "LIST_LIMIT", "MIDTERM",
           "NEXT_PERIOD", "OVERDUE", "RECENTLY_DONE", "RECENT_DAYS", "REST", "STATUS", "ChapterRow", "IndicatorRow",
           "IndicatorYear", "Item", "Ledger", "LedgerRow", "Listing", "Pace", "Period", "Report", "TaskGroup",
           "TaskProgress", "TaskReport", "Value", "build_report", "build_status", "indicator_rows", "next_period",
           "period_for", "report_year"]
