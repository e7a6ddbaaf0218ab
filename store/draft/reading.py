"""Read a plan document (.txt, .md, .docx, .xlsx) into blocks in document order, each with its line.

A bureau's plan reaches the clerk as a Word file, a PDF's text or a web page saved as text
(often in GB18030, and hard-wrapped when it was copied out of a PDF: ``unwrap`` joins it back),
or as a 任务分解表 kept in a workbook. Everything later works on the same simple shape:
paragraphs (with a heading level when Word or Markdown says so) and tables (rows of cells),
each knowing where it was. For .txt and .md ``line`` is the line in the file; for .docx it is
the paragraph number (each table row counts as one), which is what a clerk can find with Word's
navigation; for .xlsx the row number. A .docx paragraph's text starts with the number Word draws
for it (``word_numbers``), as it reads on paper.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from store.draft.header_words import is_header_word
from store.draft.headings import parse_numbering
from store.draft.word_numbers import WordNumbers, with_number
from store.errors import BadInput
from store.office_files import UnsavedFormula, password_protected, unsaved_formulas
from store.text_encoding import SAMPLE_BYTES, utf16_encoding

SUPPORTED = (".txt", ".md", ".markdown", ".docx", ".xlsx")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff\x00-\x08\x0b-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
# full-width digits (２０２４年, typed on a Chinese input method) read as the digits they are: every rule
# after this (years, deadlines, quantities, numbering) and the plan loader's deadline parser work on 0-9
_WIDE_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_HEADING_STYLE = re.compile(r"(?:heading|标题)\s*(\d)", re.IGNORECASE)


@dataclass
class Cell:
    text: str
    line: int


@dataclass
class Block:
    """One paragraph, table or boxed-table boundary of the document."""

    line: int
    text: str = ""
    kind: str = "para"  # "para", "table", or "sep" (the border line of a drawn one-column box)
    level: int | None = None  # heading level given by a Word style or Markdown '#'; 0 = the title
    rows: list[list[Cell]] = field(default_factory=list)
    boxed: bool = False  # the paragraph was a cell of a '|'-drawn table
    indent: int = 0  # display columns of spaces the line began with (公文 indent each paragraph by two characters)
    contents: bool = False  # an entry of Word's table of contents (its TOC styles)


@dataclass
class Document:
    name: str
    blocks: list[Block]
    encoding: str
    wrapped_at: int | None = None  # display columns the text was hard-wrapped at (joined back), if it was
    unsaved: list[UnsavedFormula] = field(default_factory=list)  # a workbook's formulas read blank: no value saved


def clean(text: str) -> str:
    """Printed text without control characters, runs of spaces squeezed, ends trimmed, digits half-width."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", text)).strip().translate(_WIDE_DIGITS)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """UTF-16 (Notepad's "Unicode", or without a byte-order mark: store.text_encoding), UTF-8 (with
    or without a byte-order mark), else GB18030 (which includes GBK); strictly."""
    utf16 = utf16_encoding(data[:SAMPLE_BYTES])
    if utf16 is not None:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            raise BadInput("err_encoding", file=name) from None
    if b"\x00" in data[:4096]:
        raise BadInput("err_binary", file=name)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise BadInput("err_encoding", file=name)


def read_document(path: Path | str) -> Document:
    """The blocks of a supported file; BadInput (one clear line) for anything else."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise BadInput("err_file_type", file=path.name, suffix=suffix or "—", supported=", ".join(SUPPORTED))
    try:
        if suffix == ".docx":
            _check_regular(path)
            return Document(path.name, _docx_blocks(path), "docx")
        if suffix == ".xlsx":
            _check_regular(path)
            return Document(path.name, _xlsx_blocks(path), "xlsx", unsaved=unsaved_formulas(path))
        data = _read_regular(path)
    except FileNotFoundError:
        raise BadInput("err_no_file", path=path) from None
    except IsADirectoryError:
        raise BadInput("err_is_folder", path=path) from None
    except OSError as exc:
        raise BadInput("err_unreadable", path=path, reason=exc.strerror or exc) from None
    text, encoding = decode(data, path.name)
    lines = text.splitlines()
    blocks = _markdown_blocks(lines) if suffix in (".md", ".markdown") else _text_blocks(lines)
    width = _wrap_width(blocks)
    joined = unwrap(blocks, width)
    return Document(path.name, joined, encoding, width if len(joined) < len(blocks) else None)


_STOPS = tuple("。！？；：!?;:")  # a line ending so ends its sentence (or heads what follows)
_WRAP_TOLERANCE = 6  # display columns: a wrapped line's length varies with its narrow characters
_MIN_WRAP = 40  # display columns: a line shorter than 20 Chinese characters was not wrapped by width


def _width(text: str) -> int:
    """Display columns: a Chinese character (three UTF-8 bytes) takes two."""
    return len(text) + (len(text.encode("utf-8")) - len(text)) // 2


def _wrap_width(blocks: list[Block]) -> int | None:
    """The width a document's text was broken at (a PDF's text copied out: 公文 print 28 characters a
    line), or None when its lines are paragraphs. Evidence: at least three, and at least 30% of the
    long lines, end mid-sentence within a few columns of one width."""
    lines = [(b, b.indent + _width(b.text)) for b in blocks if b.kind == "para" and b.level is None]
    long = [w for _, w in lines if w >= _MIN_WRAP]
    open_ended = [w for b, w in lines if w >= _MIN_WRAP and not b.text.endswith(_STOPS)]
    by_width = Counter(open_ended)  # a histogram: a long document's widths are counted once, not per width
    count, width = max(((sum(by_width[v] for v in range(x - _WRAP_TOLERANCE, x + 1)), x) for x in by_width),
                       default=(0, 0))
    return width if count >= 3 and count >= 0.3 * len(long) else None


def _goes_on(line: str, following: str) -> bool:
    """Without indents to tell: a line that ends mid-sentence goes on in the next one, unless that
    one starts with a number (一、, 2.): an item of its own, wrapped or not. (Where paragraphs are
    indented, 统|一、权威 cut at the width is told apart by the indent instead.)"""
    return not line.endswith(_STOPS) and parse_numbering(following) is None


def unwrap(blocks: list[Block], width: int | None) -> list[Block]:
    """Join the lines of a text hard-wrapped at ``width`` (``_wrap_width``) back into its paragraphs:
    a line as wide as that goes on in the next line when that one is not indented (where the text
    indents its paragraphs), else when it ends mid-sentence; a paragraph keeps its first line's
    number. Text whose lines are paragraphs (``width`` None) is left as it is."""
    if width is None:
        return blocks
    # where paragraphs are marked by their indent, a line that is not indented goes on the one before
    # it, even after a full stop (the width fell at a sentence's end); elsewhere a full stop ends it
    by_indent = sum(b.indent > 0 for b in blocks if b.kind == "para") >= 3
    out: list[Block] = []
    last_line, last_width = 0, 0  # of the physical line the previous block ends with
    for block in blocks:
        previous = out[-1] if out else None
        if (previous is not None and block.kind == "para" and previous.kind == "para" and block.level is None
                and previous.level is None and not block.boxed and not previous.boxed and block.line == last_line + 1
                and last_width >= width - _WRAP_TOLERANCE
                and (not block.indent if by_indent else _goes_on(previous.text, block.text))):
            ascii_break = previous.text[-1:].isascii() and previous.text[-1:].isalpha() and block.text[:1].isascii() \
                and block.text[:1].isalpha()
            previous.text += (" " if ascii_break else "") + block.text
        else:
            out.append(block)
        last_line, last_width = block.line, block.indent + _width(block.text)
    return out


MAX_TEXT_BYTES = 64 * 2**20  # a plan document's text is well under 1 MiB


def _check_regular(path: Path) -> None:
    """Refuse a FIFO or a device before it is opened to read (it would never end, or block)."""
    import stat

    if not stat.S_ISREG(path.stat().st_mode) and not path.is_dir():
        raise BadInput("err_not_regular_file", path=path)


def _read_regular(path: Path) -> bytes:
    """A regular file's bytes, at most MAX_TEXT_BYTES (checked before reading, and while reading)."""
    _check_regular(path)
    with path.open("rb") as handle:
        data = handle.read(MAX_TEXT_BYTES + 1)
    if len(data) > MAX_TEXT_BYTES:
        raise BadInput("err_text_too_large", path=path, mib=MAX_TEXT_BYTES // 2**20)
    return data


def _text_blocks(lines: list[str]) -> list[Block]:
    """One block per non-empty line; tab-separated runs become tables; '|' borders are kept."""
    blocks: list[Block] = []
    table: Block | None = None
    for number, raw in enumerate(lines, start=1):
        if "\t" in raw.strip() and len([c for c in raw.split("\t") if c.strip()]) >= 2:
            if table is None:
                table = Block(line=number, kind="table")
                blocks.append(table)
            table.rows.append([Cell(clean(c), number) for c in raw.split("\t")])
            continue
        table = None
        stripped = clean(raw)
        if not stripped:
            continue
        if stripped == "|":
            blocks.append(Block(line=number, kind="sep"))
            continue
        boxed = stripped.endswith("|")
        text = clean(stripped.rstrip("|"))
        if text:
            lead = raw[: len(raw) - len(raw.lstrip(" \u3000\t"))]
            blocks.append(Block(line=number, text=text, boxed=boxed, indent=_width(lead.replace("\t", "    "))))
    return blocks


def _markdown_blocks(lines: list[str]) -> list[Block]:
    """'#' headings give levels, '|' rows make tables, list bullets and emphasis are dropped."""
    blocks: list[Block] = []
    table: Block | None = None
    for number, raw in enumerate(lines, start=1):
        stripped = raw.strip()
        if stripped.startswith("|") and stripped.count("|") >= 2:
            cells = [clean(c) for c in stripped.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                continue  # the |---|---| rule under a header
            if table is None:
                table = Block(line=number, kind="table")
                blocks.append(table)
            table.rows.append([Cell(c, number) for c in cells])
            continue
        table = None
        level = None
        if m := re.match(r"^(#{1,6})\s+(.*)$", stripped):
            level, stripped = len(m[1]), m[2]
        stripped = re.sub(r"^(?:[-*+]\s+|>\s*)", "", stripped)
        text = clean(re.sub(r"(\*\*|__|`)", "", stripped))
        if text:
            blocks.append(Block(line=number, text=text, level=level))
    return blocks


def _xlsx_blocks(path: Path) -> list[Block]:
    """A workbook's sheets (a 任务分解表 kept in Excel or WPS), row by row: the rows above a table's
    header (its title, 填报单位:…) are paragraphs; from the first row of several cells with a header
    word (序号, 重点任务, 牵头单位 …) on, a table (a row with one cell is a merged category row in it).
    Cached values only: a formula is never evaluated, and its text never becomes the plan's.
    ``line`` is the row number. A file that is no workbook, or whose parts do not parse, is one line."""
    import zipfile
    import zlib

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    # what openpyxl and the XML parsers raise for a damaged or foreign file (ParseError is a SyntaxError)
    damaged = (InvalidFileException, zipfile.BadZipFile, zlib.error, SyntaxError, KeyError, ValueError, TypeError,
               IndexError, AttributeError, EOFError, OSError)
    if not path.exists():
        raise BadInput("err_no_file", path=path)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except damaged:
        raise BadInput("err_password_protected" if password_protected(path) else "err_bad_xlsx",
                       file=path.name) from None
    try:
        return _sheet_blocks(book, path.name)
    except damaged:  # read-only mode parses a sheet only when its rows are read
        raise BadInput("err_bad_xlsx", file=path.name) from None
    finally:
        book.close()


def _sheet_blocks(book: Any, name: str) -> list[Block]:
    blocks: list[Block] = []
    for sheet in book.worksheets:
        table: Block | None = None
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            _refuse_non_finite(row, name, sheet.title, number)
            cells = [_value_text(v) for v in row]
            while cells and not cells[-1]:
                cells.pop()
            filled = [c for c in cells if c]
            if not filled:
                continue
            if table is None and (len(filled) == 1 or not any(map(is_header_word, filled))):
                # a title, or a line such as 填报单位:…  填报日期:… above the header: text
                blocks.append(Block(line=number, text=" ".join(filled)))
                continue
            if table is None:
                table = Block(line=number, kind="table")
                blocks.append(table)
            table.rows.append([Cell(c, number) for c in cells] if len(filled) > 1 else [Cell(filled[0], number)])
    return blocks


def _refuse_non_finite(row: tuple[object, ...], name: str, sheet: str, number: int) -> None:
    """A number cell holding 1E+309 (infinity to Python) or NaN would become the text "inf": one
    clear line naming the cell instead."""
    for column, value in enumerate(row, start=1):
        if isinstance(value, float) and not math.isfinite(value):
            from openpyxl.utils import get_column_letter

            raise BadInput("err_xlsx_not_finite", file=name, sheet=sheet, cell=f"{get_column_letter(column)}{number}",
                           value=value)


def _value_text(value: object) -> str:
    """A workbook cell's value as draft text: a real date as a deadline phrase the loader reads."""
    if isinstance(value, datetime | date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean(str(value)) if value is not None else ""


def _cell_text(cell: Any, numbers: WordNumbers) -> str:
    """A table cell's text with the numbers Word draws in it (a 序号 column numbered by a list)."""
    return "\n".join(with_number(clean(numbers.label(p)), p.text) for p in cell.paragraphs)


def _docx_blocks(path: Path) -> list[Block]:
    """Paragraphs and tables in document order; a one-column table that is a 专栏 box is
    opened into its paragraphs, closed by a border block, as it reads on paper."""
    import zipfile
    import zlib

    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:  # pragma: no cover - python-docx is a dependency
        raise BadInput("err_needs_docx") from None
    # what python-docx and lxml raise for a damaged or foreign file (lxml's XMLSyntaxError is a SyntaxError);
    # a part (styles, numbering) may be parsed only when it is first used, so the reading is covered too
    damaged = (PackageNotFoundError, zipfile.BadZipFile, zlib.error, SyntaxError, KeyError, ValueError, TypeError,
               IndexError, AttributeError, EOFError)
    if not path.exists():
        raise BadInput("err_no_file", path=path)
    try:
        return _docx_content(docx.Document(str(path)))
    except damaged:
        raise BadInput("err_password_protected" if password_protected(path) else "err_bad_docx",
                       file=path.name) from None


def _docx_content(document: Any) -> list[Block]:
    numbers = WordNumbers(document)
    blocks: list[Block] = []
    counter = 0
    for item in document.iter_inner_content():
        if hasattr(item, "rows"):
            rows: list[list[Cell]] = []
            for row in item.rows:
                counter += 1
                cells: list[Cell] = []
                previous = None
                for cell in row.cells:
                    if cell is previous:  # a horizontally merged cell: python-docx yields it once per column
                        continue
                    previous = cell
                    cells.append(Cell(clean(_cell_text(cell, numbers)), counter))
                rows.append(cells)
            if rows and max(len(r) for r in rows) == 1 and re.match(r"^(专栏|專欄)", rows[0][0].text):
                for r in rows:
                    for piece in r[0].text.split("\n"):
                        if clean(piece):
                            blocks.append(Block(line=r[0].line, text=clean(piece), boxed=True))
                blocks.append(Block(line=counter, kind="sep"))
            elif rows:
                blocks.append(Block(line=rows[0][0].line if rows[0] else counter, kind="table", rows=rows))
            continue
        counter += 1
        label = numbers.label(item)  # counted even when the paragraph is empty, as Word counts it
        text = clean(item.text)
        if not text:
            continue
        text = with_number(clean(label), text)
        style = (item.style.name if item.style is not None else "") or ""
        level: int | None = None
        if style.lower() == "title" or style == "标题":
            level = 0
        elif m := _HEADING_STYLE.search(style):
            level = int(m[1])
        blocks.append(Block(line=counter, text=text, level=level, contents=style.lower().startswith("toc")))
    return blocks
