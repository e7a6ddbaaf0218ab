"""The CSV renderer: the report's parts one after another, each a titled table, a blank row between.

Opens in Excel/WPS as one sheet (``-o`` writes it with a UTF-8 byte-order mark for them). Every
count is a number of its own column (never ``6/12``, which a spreadsheet reads as a date);
numbers are written as numbers, text through ``safe_text.cell_text`` (controls shown, never a
live formula), and the csv module quotes what needs quoting. Long lists are written as read.
"""
from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from datetime import date
from itertools import repeat
from typing import Any, TextIO

from store import report as rp
from store.report.one_pass import OnePass
from store.safe_text import FORMULA_LEADS, cell_text
from store.values import format_number
from tui.i18n import Catalog
from tui.reports import common as c
from tui.reports import indicator_tables, progress_tables
from tui.reports.made import Made, plain


def _text(text: str) -> str:
    # printable text without a formula's lead character is already safe: skip the regex
    return text if text.isprintable() and not text.startswith(FORMULA_LEADS) else cell_text(text)


_CELL: dict[type, Callable[[Any], str]] = {
    str: _text, int: str, float: format_number, date: date.isoformat, type(None): lambda _: "",
    c.Percent: lambda v: f"{v:.0%}", c.Signed: format_number, bool: lambda v: "1" if v else "0",
}


def cell(value: object) -> str:
    """A cell as CSV text: numbers plain (``-0.05`` stays a number), text safe."""
    write = _CELL.get(type(value))
    return write(value) if write is not None else _text(str(value))


def write_csv(reports: list[rp.Report], t: Catalog, stream: TextIO) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    for i, report in enumerate(reports):
        if i:
            writer.writerow([])
        _report(writer, stream, report, t)


def _rows(writer: Any, rows: Iterable[Iterable[object]]) -> None:
    writer.writerows([cell(v) for v in row] for row in rows)


def _table(writer: Any, table: c.Table, with_id: bool, t: Catalog) -> None:
    writer.writerow([cell(table.title)])
    writer.writerow([cell(h) for h in ([t("id")] if with_id else []) + [col.header for col in table.columns]])
    _rows(writer, (([row.id] if with_id else []) + list(row.cells) for row in table.rows))
    if table.more:
        writer.writerow([cell(table.more)])


def _text_cell(value: object) -> str:
    """``cell`` for a column of plan text, ``_text`` inlined."""
    if type(value) is str:
        return value if value.isprintable() and not value.startswith(FORMULA_LEADS) else cell_text(value)
    return cell(value)


def _texts(values: Iterable[object]) -> Iterable[object]:
    """A column of plan text: as it is when every cell is printable text that no formula can start
    (tested in C, a column at a time); else cell by cell."""
    values = list(values)
    strings = [v for v in values if type(v) is str]
    if len(strings) == len(values) and all(map(str.isprintable, strings)) \
            and not any(map(str.startswith, strings, repeat(FORMULA_LEADS))):
        return values
    return map(_text_cell, values)


def _ints(values: Iterable[object]) -> Iterable[object]:
    """A column of counts: ``str`` of each when every cell is an int (what ``cell`` does, without
    a call of it per cell); else cell by cell."""
    values = list(values)
    return map(str, values) if set(map(type, values)) <= {int} else map(cell, values)


def _date_cell(value: object) -> str:
    if value is None:  # most done_on cells
        return ""
    return value.isoformat() if type(value) is date else cell(value)


_REPEATED = ("chapter", "units", "state", "days")  # a few texts over and over: each made safe once


def _column_writer(col: c.Col) -> c.ColumnWriter:
    """How a column of a milestone list is written, chosen once per column by what it holds: a
    date or a text that repeats is made once (``Made``), the numbers of the rows are plain."""
    if col.kind == "date" or col.key in _REPEATED:
        made = Made(_date_cell if col.kind == "date" else _text_cell, kept=plain)
        return lambda values: map(made.__getitem__, values)
    if col.kind == "int":
        return _ints
    if col.kind in ("text", "long", "id", "state"):
        return _texts
    return lambda values: map(cell, values)


def _list(writer: Any, stream: TextIO, section: rp.Listing, t: Catalog, one: OnePass[c.Columns] | None) -> None:
    cells = c.list_cells(section, t, _column_writer, with_ids=True, one=one)
    writer.writerow([cell(cells.title)])
    writer.writerow([cell(col.header) for col in cells.columns])
    for chunk in cells.chunks:
        text = _plain_lines(chunk)
        if text is None:
            writer.writerows(zip(*chunk, strict=True))
        else:
            stream.write(text)
    if cells.more:
        writer.writerow([cell(cells.more)])


def _plain_lines(columns: list[list[object]]) -> str | None:
    """A chunk of rows (two or more columns of text) as the csv module writes them, when no cell
    needs quoting (holds the delimiter, the quote or a line break): the cells joined by commas,
    in C (the module tests each character of each cell: a fifth of a 50,000-node plan's csv).
    None when a cell needs quoting, or is not text: the module writes that chunk."""
    if len(columns) < 2:
        return None
    try:
        texts = ["".join(column) for column in columns]  # type: ignore[arg-type]
    except TypeError:  # a cell that is not text
        return None
    if any("," in text or '"' in text or "\n" in text or "\r" in text for text in texts):  # str's own search
        return None
    return "\n".join(map(",".join, zip(*columns, strict=True))) + "\n"


def _report(writer: Any, stream: TextIO, report: rp.Report, t: Catalog) -> None:
    one = c.cells_pass(report, t, _column_writer, with_ids=True)  # the whole lists, read by one query
    for n, (part, section) in enumerate(c.layout(report)):
        if n:
            writer.writerow([])
        if part == "header":
            writer.writerow([cell(c.title(report, t))])
            writer.writerow([t("rp_field"), t("rp_value")])
            _rows(writer, c.meta(report, t))
            writer.writerow([])
            writer.writerow([t("rp_headline")])
            writer.writerow([t("rp_field"), t("rp_value")])
            _rows(writer, c.headline_rows(report, t))
        elif part == "chapters":
            _table(writer, c.chapter_table(report, t), True, t)
        elif part == "indicators":
            _table(writer, indicator_tables.indicator_table(report, t), True, t)
        elif part == "progress":
            for k, table in enumerate(progress_tables.progress_tables(report, t)):
                if k:
                    writer.writerow([])
                _table(writer, table, True, t)
        else:
            assert section is not None
            _list(writer, stream, section, t, one)
