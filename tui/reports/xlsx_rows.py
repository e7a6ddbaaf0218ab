"""A worksheet's rows written as SpreadsheetML text, inside the part openpyxl writes around them.

openpyxl builds a cell object, binds and checks its value, copies its style and serialises it
through lxml for every cell: about ten times the work of reading the report's rows. Here
openpyxl still writes everything but the rows (sheet properties, frozen panes, column widths,
print setup, footer, and the workbook's styles and package); the ``<row>`` elements stream
straight into its part, as the same markup it would write: inline strings (``xml:space`` kept
where the text starts or ends with a space), numbers, dates as serial numbers with a date style,
row heights. Text is checked as openpyxl checks it and more: never a formula or an error value,
no character XML 1.0 forbids (shown as a ``\\uXXXX`` marker instead), at most 32,767 characters.

The markup is held as its UTF-8 bytes read as Latin-1 (``as_bytes``: one character a byte), and
the part is written in Latin-1, so the file holds those bytes: the same UTF-8 as before. A
Chinese title no longer makes its whole row of ASCII tags two bytes a character: building the rows
copies bytes, and writing them is a copy instead of encoding every character (at 10,000 nodes,
12.9 MB of markup).
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date, datetime
from functools import lru_cache
from itertools import repeat
from typing import TextIO

from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel as _untyped_to_excel
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from store.safe_text import FORMULA_LEADS, cell_text

MAX_TEXT = 32_767  # characters in a cell (Excel's limit; openpyxl cuts there too)
EMPTY_ROWS = (b"<sheetData></sheetData>", b"<sheetData/>")  # as lxml writes them (and as it might)
_to_excel: Callable[[date, datetime], float] = _untyped_to_excel  # a date's serial number (days since the epoch)
# what XML 1.0 does not allow (C0 controls but tab, newline and return; lone surrogates; U+FFFE/U+FFFF)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _marker(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def xml_text(value: str) -> str:
    """Plan text as the content of a ``<t>`` element: never a formula, nothing XML forbids, escaped."""
    if ((value.isprintable() or value.replace("\u3000", " ").isprintable())
            and not value.startswith(FORMULA_LEADS)):
        # nearly every cell: nothing to mark (cell_text's own first test, one call less). The ideographic
        # space (the ledger's indent, Chinese text's space) is not "printable" but nothing to mark either
        text = value[:MAX_TEXT]
    else:
        text = cell_text(value)
        if not text.isprintable():  # a tab or a newline (kept), or a character no XML parser accepts
            text = _NOT_XML.sub(_marker, text)
        text = text[:MAX_TEXT]
    if "&" in text or "<" in text or ">" in text:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


_PLAIN_TEXT = ' t="inlineStr"><is><t>'
_KEPT_TEXT = ' t="inlineStr"><is><t xml:space="preserve">'  # a text that starts or ends with a space
_TEXT_END = "</t></is></c>"


def as_bytes(text: str) -> str:
    """``text``'s UTF-8 bytes, one character each (the form every markup is held in: see above)."""
    return text.encode("utf-8").decode("latin-1")


def text_markups(values: list[str]) -> tuple[list[str], list[int]] | None:
    """``text_markup`` of each of ``values`` ("" for an empty one), and each value's size in UTF-8 bytes,
    checked for the whole column at once: None if any value needs more than escaping (a formula's
    lead, a character to mark, too long).

    The checks of ``xml_text``'s common case, made on the column's joined text in C: a value is
    printable (the ideographic space aside) exactly when the joined text is, and starts with a
    formula's lead exactly when the text of one value a line has it after a newline; the values are
    encoded as one text too. A column of tens of thousands of titles costs one f-string per cell
    (a call per cell, even a C method's, cost more than the checks themselves)."""
    if not values:
        return [], []
    joined = "".join(values)
    if not joined.replace("\u3000", " ").isprintable() or max(map(len, values), default=0) > MAX_TEXT:
        return None
    lines = "\n".join(values)  # one value a line: none holds a newline (not printable)
    if lines.startswith(FORMULA_LEADS) or any(f"\n{lead}" in lines for lead in FORMULA_LEADS):
        return None
    raws = lines.encode("utf-8").decode("latin-1").split("\n")  # as_bytes of each, in three calls
    sizes = list(map(len, raws))
    if "&" in joined or "<" in joined or ">" in joined:  # the same bytes in UTF-8: no other character has them
        raws = [raw.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") for raw in raws]
    # xml:space by the text itself (as bytes, a Chinese character's last byte may be a Latin-1 space)
    return [f"{_KEPT_TEXT if value != value.strip() else _PLAIN_TEXT}{raw}{_TEXT_END}" if value else ""
            for value, raw in zip(values, raws, strict=True)], sizes


def text_markup(value: str) -> str:
    """A text cell's type and value, after its reference and style (``xml:space`` kept where the text
    starts or ends with a space), as bytes (``as_bytes``)."""
    text = xml_text(value)
    return f"{_KEPT_TEXT if text != text.strip() else _PLAIN_TEXT}{as_bytes(text)}{_TEXT_END}"


@lru_cache(maxsize=8192)
def _date_markup(value: date, epoch: datetime) -> str:
    """A date's markup, made once for every sheet and column (a workbook's dates are a few thousand days)."""
    return f' t="n"><v>{_to_excel(value, epoch):.16g}</v></c>'


class RowWriter:
    """Streams ``<row>`` elements into a write-only sheet that openpyxl has already written without them.

    Every sheet setting must be made before the writer is created: the sheet's part is written then.
    """

    def __init__(self, ws: WriteOnlyWorksheet, columns: int, date_style: str, epoch: datetime):
        ws.close()  # openpyxl writes the whole part now, its rows empty: nothing to keep in memory
        # WorksheetWriter.out (private): the part's temporary file, which the workbook's save() packs
        self._path: str = ws._writer.out  # type: ignore[attr-defined]  # openpyxl has no public name for it
        with open(self._path, "rb") as part:
            written = part.read()
        empty = next((mark for mark in EMPTY_ROWS if mark in written), None)
        if empty is None:
            raise RuntimeError(f"no empty sheetData in the part openpyxl wrote for {ws.title!r}")
        head, _, tail = written.partition(empty)
        self._tail = b"</sheetData>" + tail
        # Latin-1: the markup is its UTF-8 bytes already (as_bytes)
        self._out: TextIO = open(self._path, "w", encoding="latin-1", newline="")  # noqa: SIM115  (closed by close())
        self._out.write(head.decode("latin-1") + "<sheetData>")
        self.letters = [get_column_letter(i) for i in range(1, columns + 1)]
        self.index = 0
        self._epoch = epoch  # the workbook's: 1900 (Windows) unless told otherwise
        self._date_style = date_style  # ' s="N"': the style of a date cell given none

    def row(self, cells: list[str], height: float | None = None) -> None:
        """One row of cells made by ``cell`` (with the number ``next_index`` gave); ``height`` in points."""
        if height is None:
            self._out.write(f'<row r="{self.index}">{"".join(cells)}</row>')
        else:
            self._out.write(f'<row r="{self.index}" ht="{height:.16g}" customHeight="1">{"".join(cells)}</row>')

    def rows(self, numbers: list[str], heights: list[float | None], columns: list[list[str]]) -> None:
        """Many rows at once, given column by column (each cell made by ``cell`` or as it would, with its
        row's number from ``reserve``; "" where a row has no cell); ``heights`` in points, or None."""
        opens = [f'<row r="{number}">' if height is None else f'<row r="{number}" ht="{height:.16g}" customHeight="1">'
                 for number, height in zip(numbers, heights, strict=True)]
        self._out.write("".join(map("".join, zip(opens, *columns, repeat("</row>"), strict=False))))

    def reserve(self, count: int) -> list[str]:
        """Start ``count`` new rows: their numbers, as the cells' references end."""
        first = self.index + 1
        self.index += count
        return list(map(str, range(first, first + count)))

    def next_index(self) -> str:
        """Start a new row: its number, as the cells' references end."""
        self.index += 1
        return str(self.index)

    def cell(self, ref: str, value: object, style: str) -> str:
        """One cell's markup; ``style`` is ``' s="N"'`` or empty. Text stays text, numbers numbers, dates dates."""
        if isinstance(value, str) and not value:
            return f'<c r="{ref}"{style}/>' if style else ""  # a styled empty cell (a header's blank)
        markup = self.markup(value)
        if markup is None:
            return ""
        if not style and isinstance(value, date):
            style = self._date_style
        return f'<c r="{ref}"{style}{markup}'

    def markup(self, value: object) -> str | None:
        """What follows a cell's reference and style: its type and value (None: no cell to write).

        A cell is ``'<c r="A12"' + style + markup``: a repeated value's markup is made once and
        written after each reference (``xlsx_columns``)."""
        if isinstance(value, str):
            return text_markup(value)
        if isinstance(value, bool):
            return f' t="b"><v>{int(value)}</v></c>'
        if isinstance(value, (int, float)):
            if not math.isfinite(value):
                return None  # no number to show: an empty cell, as openpyxl's empty <v> would read
            return f' t="n"><v>{value:.16g}</v></c>'
        if isinstance(value, date):
            return self.date_markup(value)
        raise TypeError(f"a workbook cell cannot hold {type(value).__name__}")

    def date_markup(self, value: date) -> str:
        """A date as its serial number (its style says it is a date)."""
        return _date_markup(value, self._epoch)

    def close(self) -> None:
        """Finish the part: openpyxl's save() packs the file as it is."""
        self._out.write(self._tail.decode("latin-1"))
        self._out.close()
