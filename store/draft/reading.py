"""Read a plan document (.txt, .md, .docx) into blocks in document order, each with its line.

A bureau's plan reaches the clerk as a Word file, a PDF's text or a web page saved as text,
often in GB18030. Everything later works on the same simple shape: paragraphs (with a heading
level when Word or Markdown says so) and tables (rows of cells), each knowing where it was.
For .txt and .md ``line`` is the line in the file; for .docx it is the paragraph number
(each table row counts as one), which is what a clerk can find with Word's navigation.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from store.errors import BadInput

SUPPORTED = (".txt", ".md", ".markdown", ".docx")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff\x00-\x08\x0b-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
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


@dataclass
class Document:
    name: str
    blocks: list[Block]
    encoding: str


def clean(text: str) -> str:
    """Printed text without control characters, runs of spaces squeezed, ends trimmed."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", text)).strip()


def decode(data: bytes, name: str) -> tuple[str, str]:
    """UTF-8 (with or without a byte-order mark), else GB18030 (which includes GBK); strictly."""
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
    return Document(path.name, blocks, encoding)


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
            blocks.append(Block(line=number, text=text, boxed=boxed))
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


def _docx_blocks(path: Path) -> list[Block]:
    """Paragraphs and tables in document order; a one-column table that is a 专栏 box is
    opened into its paragraphs, closed by a border block, as it reads on paper."""
    import zipfile

    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:  # pragma: no cover - python-docx is a dependency
        raise BadInput("err_needs_docx") from None
    if not path.exists():
        raise BadInput("err_no_file", path=path)
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise BadInput("err_bad_docx", file=path.name, reason=exc.__class__.__name__) from None
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
                    cells.append(Cell(clean(cell.text), counter))
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
        text = clean(item.text)
        if not text:
            continue
        style = (item.style.name if item.style is not None else "") or ""
        level: int | None = None
        if style.lower() == "title" or style == "标题":
            level = 0
        elif m := _HEADING_STYLE.search(style):
            level = int(m[1])
        blocks.append(Block(line=counter, text=text, level=level))
    return blocks
