"""Renderers of ``store.report.Report``: one module per format, one code path per format.

``plandesk report`` and ``plandesk status --format`` both come here. Nothing in this package
imports Textual; openpyxl is imported only by ``workbook`` (xlsx), python-docx only by ``docx_*``.
Every text format writes to a stream as it reads, so a long report is never built in memory.
"""
from __future__ import annotations

import io
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from store.report import Report
    from tui.i18n import Catalog

REPORT_FORMATS = ("rich", "text", "html", "xlsx", "docx", "csv", "md", "json")
STATUS_FORMATS = ("rich", "text", "html", "json")
BINARY_FORMATS = ("xlsx", "docx")
DEFAULT_TEXT_WIDTH = 120


def write_report(fmt: str, reports: list[Report], t: Catalog, stream: TextIO,
                 width: int = DEFAULT_TEXT_WIDTH) -> None:
    """Every format but rich-on-a-terminal and the binary ones, written to ``stream``."""
    if fmt == "text" or fmt == "rich":
        from tui.reports.terminal import write_text

        write_text(reports, t, width, stream)
    elif fmt == "html":
        from tui.reports.html_page import write_html

        write_html(reports, t, stream)
    elif fmt == "csv":
        from tui.reports.csv_table import write_csv

        write_csv(reports, t, stream)
    elif fmt == "md":
        from tui.reports.markdown import write_markdown

        write_markdown(reports, t, stream)
    elif fmt == "json":
        from tui.reports.json_data import write_json

        write_json(reports, stream)
    else:
        raise ValueError(f"not a text format: {fmt}")


def render_text(fmt: str, reports: list[Report], t: Catalog, width: int = DEFAULT_TEXT_WIDTH) -> str:
    """A text format as one string (tests and small outputs)."""
    buffer = io.StringIO()
    write_report(fmt, reports, t, buffer, width)
    return buffer.getvalue()


def text_width() -> int:
    """Width of the text printout: COLUMNS if set, else 120 (files and pipes)."""
    import os

    try:
        return max(int(os.environ.get("COLUMNS", "")), 40)
    except ValueError:
        return DEFAULT_TEXT_WIDTH
