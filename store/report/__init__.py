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
from store.report.model import *  # noqa: F403  (the model's names, listed once in model.__all__)
from store.report.model import __all__ as _model_names
from store.report.rows import LIST_LIMIT, RECENT_DAYS

__all__ = [
    *_model_names,
    "LIST_LIMIT", "RECENT_DAYS", "Pace", "Value", "build_report", "build_status", "indicator_rows",
    "next_period", "period_for", "report_year",
]
