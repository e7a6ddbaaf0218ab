"""What each cell of a workbook column becomes, decided once per column rather than once per cell.

A 10,000-node plan's workbook holds 188,341 cells; testing each value's type for its markup, its
style and its height cost more than reading the report. Here each column gets a ``Prepare``
chosen by what the column holds (``Col.kind`` and ``Col.key``, as ``csv_table`` chooses its
writers): it turns a value into its ``Prepared`` cell, the markup after the cell's reference and
style (``RowWriter.markup``), the lines it takes wrapped in the column, and its kind (the style a
cell without a look of its own gets: text, date or share). Columns of a few texts repeated tens
of thousands of times (a chapter, units, states, dates) make each distinct value's cell once; the
reference (``A12``) is not part of it. A value of a kind the column does not expect (a ``-`` in a
number column) takes the general way, so every column still holds anything a cell can. A long
sheet's text and integer columns are made a batch of rows at a time (``preparers``): a batch of
plain text is checked once, as a whole, and each cell costs one f-string.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from itertools import repeat
from typing import NamedTuple, cast

from tui.reports import common as c
from tui.reports.made import Made, plain
from tui.reports.xlsx_rows import RowWriter, text_markup, text_markups

OTHER, DATE, PCT = 0, 1, 2  # a cell's kind: which style it gets when the row asks for none
Prepared = tuple[str, int, int]  # markup after the reference and style ("": no cell), lines taken, kind
Prepare = Callable[[object], Prepared]
PrepareMany = Callable[[list[object]], list[Prepared]]  # a column's cells of a batch of rows at once
EMPTY: Prepared = ("", 1, OTHER)  # nothing to show: no cell
_EXACT = 2**53  # integers a float holds exactly, which ".16g" writes digit for digit
REPEATED = ("chapter", "units", "state", "days")  # a few texts over and over (the lists' and the ledger's)


def room(width: int) -> int:
    """The characters a line of a column ``width`` wide holds (a little is the cell's margin)."""
    return max(width - 1, 2)


def lines_in(text: str, room: int) -> int:
    """About how many lines ``text`` takes wrapped in a line of ``room`` characters.

    Estimated, as Excel does not say: a character of three UTF-8 bytes (Chinese) is taken as two
    columns wide, anything else as one (measured in C by the encoder: rows stream by the ten thousand).
    """
    if "\n" in text:
        return sum(max(1, -(-width(part) // room)) for part in text.split("\n"))
    if 2 * len(text) <= room:  # fits even if every character is wide
        return 1
    wide = width(text)
    return 1 if wide <= room else -(-wide // room)  # the ceiling of wide / room


def width(text: str) -> int:
    return len(text) + (len(text.encode("utf-8")) - len(text)) // 2


def text_cell(value: str, room: int) -> Prepared:
    """A text cell: its lines counted only where it may not fit on one (``lines_in``, inlined)."""
    n = len(value)
    if "\n" in value:
        lines = lines_in(value, room)
    elif 2 * n <= room:  # fits even if every character is wide
        lines = 1
    else:
        wide = n + (len(value.encode("utf-8")) - n) // 2
        lines = 1 if wide <= room else -(-wide // room)
    return text_markup(value), lines, OTHER


class Preparers(NamedTuple):
    """How a column's cells are made: one at a time, and a batch's at once (the same cells)."""

    one: Prepare
    many: PrepareMany


def text_cells(values: list[object], room: int, one: Prepare) -> list[Prepared]:
    """``one`` of each value of a text column, made at once where every value is plain text that
    ``text_markups`` takes (else cell by cell): lines as ``text_cell`` counts them."""
    if set(map(type, values)) != {str}:
        return list(map(one, values))
    texts = cast(list[str], values)
    made = text_markups(texts)
    if made is None:  # no newline either: not printable
        return list(map(one, values))
    markups, sizes = made
    if 2 * max(map(len, texts)) <= room:  # every one fits even if every character is wide
        return list(zip(markups, repeat(1), repeat(OTHER)))
    lines = [1 if (wide := n + (size - n) // 2) <= room else -(-wide // room)
             for n, size in zip(map(len, texts), sizes, strict=True)]
    return list(zip(markups, lines, repeat(OTHER)))


def integer_cells(values: list[object], one: Prepare) -> list[Prepared]:
    """``one`` of each value of an integer column, made at once where all are integers a float holds."""
    if set(map(type, values)) != {int}:
        return list(map(one, values))
    numbers = cast(list[int], values)
    if not -_EXACT < min(numbers) <= max(numbers) < _EXACT:
        return list(map(one, values))
    return list(zip([f' t="n"><v>{value}</v></c>' for value in numbers], repeat(1), repeat(OTHER)))


def preparers(col: c.Col, room: int, writer: RowWriter) -> Preparers:
    """``preparer`` of ``col``, and how a batch of its cells is made at once."""
    one = preparer(col, room, writer)
    if not _repeated(col) and col.kind in ("text", "long", "id"):
        return Preparers(one, partial(text_cells, room=room, one=one))
    if not _repeated(col) and col.kind == "int":
        return Preparers(one, partial(integer_cells, one=one))
    return Preparers(one, partial(_each, one))  # a repeated value's cell: looked up in C


def _each(one: Prepare, values: list[object]) -> list[Prepared]:
    return list(map(one, values))


def _repeated(col: c.Col) -> bool:
    """A column of a few values over and over: a cell per distinct value (``Made``)."""
    return col.kind == "date" or col.key in REPEATED or col.kind == "state"


def preparer(col: c.Col, room: int, writer: RowWriter) -> Prepare:
    """How the cells of ``col`` are made, in a column whose line holds ``room`` characters."""

    def general(value: object) -> Prepared:
        if value is None or value == "":
            return EMPTY
        if isinstance(value, str):
            return text_cell(value, room)
        markup = writer.markup(value)  # a number, a date, a yes/no (else TypeError)
        if markup is None:
            return EMPTY
        return markup, 1, DATE if isinstance(value, date) else PCT if isinstance(value, c.Percent) else OTHER

    if _repeated(col):
        return Made(general, kept=plain).__getitem__  # a cell per distinct value
    if col.kind in ("text", "long", "id"):
        def text(value: object) -> Prepared:
            if type(value) is str:
                return text_cell(value, room) if value else EMPTY
            return general(value)
        return text
    if col.kind == "int":
        def integer(value: object) -> Prepared:
            if type(value) is int and -_EXACT < value < _EXACT:  # as ".16g" writes it, without going by a float
                return f' t="n"><v>{value}</v></c>', 1, OTHER
            return general(value)
        return integer
    return general
