"""A report written to a file in any format: the one path ``plandesk report -o`` and the app share.

``report_writer`` returns the ``write(handle)`` that ``store.files.write_output`` (through
``tui.cli.output``) calls with a binary handle, so the file is checked and written atomically.
"""
from __future__ import annotations

import codecs
import io
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, BinaryIO

from tui.reports import DEFAULT_TEXT_WIDTH

if TYPE_CHECKING:
    from store.report import Report
    from tui.i18n import Catalog


def report_writer(report: Report, fmt: str, t: Catalog, *, width: int = DEFAULT_TEXT_WIDTH,
                  issuer: str | None = None, signed: date | None = None,
                  with_ids: bool = False) -> Callable[[BinaryIO], None]:
    """What writes ``report`` as ``fmt`` into a binary handle (which stays the caller's to close)."""
    if fmt == "xlsx":
        def write_xlsx(handle: BinaryIO) -> None:
            from tui.collector import collector_paused
            from tui.reports import lean_openpyxl

            # a 10,000-node workbook makes some 400,000 short-lived tuples and lists, none in a cycle:
            # a hundred passes of the cyclic collector over them were 3-4% of its time. Afterwards
            # what the first workbook of a process leaves is frozen (collector_paused: openpyxl's
            # modules, 44,000 objects), which also spares a command's exit a pass over them (1.4%);
            # it keeps that workbook's own cyclic garbage (some 1,500 objects) for good, once
            with collector_paused():
                lean_openpyxl.load()
                from tui.reports.workbook import write_workbook

                write_workbook(report, t, handle)

        return write_xlsx
    if fmt == "docx":
        def write_docx(handle: BinaryIO) -> None:
            from tui.reports.docx_draft import write_draft

            write_draft(report, handle, issuer=issuer, signed=signed, with_ids=with_ids)

        return write_docx

    return text_writer(fmt, [report], t, width)


def text_writer(fmt: str, reports: list[Report], t: Catalog,
                width: int = DEFAULT_TEXT_WIDTH) -> Callable[[BinaryIO], None]:
    """What writes ``reports`` in a text format (``status`` writes several plans in one file)."""

    def write_text(handle: BinaryIO) -> None:
        from tui.reports import write_report

        if fmt == "csv":  # a spreadsheet opens a CSV as UTF-8 only with the byte-order mark
            handle.write(codecs.BOM_UTF8)  # written here: "utf-8-sig" encodes each row in Python, "utf-8" in C
        stream = io.TextIOWrapper(handle, encoding="utf-8", newline="")
        write_report(fmt, reports, t, stream, width)
        stream.flush()
        stream.detach()  # the handle is the caller's to close

    return write_text
