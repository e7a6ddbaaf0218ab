"""Renderers of ``store.report.Report``: one module per format, one code path per format.

``plandesk report`` and ``plandesk status --format`` both come here. Nothing in this package
imports Textual; openpyxl is imported only by ``workbook`` (xlsx).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from store.report import Report
    from tui.i18n import Catalog

REPORT_FORMATS = ("rich", "text", "html", "xlsx", "csv", "md", "json")
STATUS_FORMATS = ("rich", "text", "html", "json")
DEFAULT_TEXT_WIDTH = 120


def render_text(fmt: str, reports: "list[Report]", t: "Catalog", width: int = DEFAULT_TEXT_WIDTH) -> str:
    """Every format but rich-on-a-terminal and xlsx, as one string."""
    if fmt == "text" or fmt == "rich":
        from tui.reports.terminal import to_text

        return to_text(reports, t, width)
    if fmt == "html":
        from tui.reports.html_page import to_html

        return to_html(reports, t)
    if fmt == "csv":
        from tui.reports.csv_table import to_csv

        return to_csv(reports, t)
    if fmt == "md":
        from tui.reports.markdown import to_markdown

        return to_markdown(reports, t)
    if fmt == "json":
        from tui.reports.json_data import to_json

        return to_json(reports)
    raise ValueError(f"not a text format: {fmt}")


def text_width() -> int:
    """Width of the text printout: COLUMNS if set, else 120 (files and pipes)."""
    import os

    try:
        return max(int(os.environ.get("COLUMNS", "")), 40)
    except ValueError:
        return DEFAULT_TEXT_WIDTH
