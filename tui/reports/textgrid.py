"""Tables for the terminal and plain text: a grid when it fits, cards when the screen is narrow.

A grid sizes its columns from the headers and the first rows (a list of 50,000 milestones
streams: its widths come from a sample, its rows are written as they are read). Numbers, dates
and ids never wrap; plan text wraps by the Chinese rules of ``linebreak``. Below about 100
columns, or when the text columns would be squeezed under ``MIN_TEXT`` cells, each row becomes a
card: its title on a line of its own, the other fields after it as ``label value · ...``.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import chain, islice

from tui.reports.common import Col, Row, Table, number_kind, text_of
from tui.reports.linebreak import pad, width, wrap

Segment = tuple[str, str]  # text, rich style ("" for none)
Line = list[Segment]
StyleOf = Callable[[Row, int], str]

NARROW = 100  # below this many columns: cards
MIN_TEXT = 14  # a wrapping column narrower than this: cards instead
SAMPLE = 200  # rows measured for the widths of a streamed table
CAP = {"text": 24, "long": 80, "state": 20}


def _gap(total_width: int, columns: int) -> int:
    return 3 if total_width >= NARROW and columns <= 8 else 2


def _widths(columns: list[Col], sample: list[list[str]], total_width: int) -> list[int] | None:
    """Column widths that fit ``total_width``, or None when the grid would not be readable."""
    natural = [width(c.header) for c in columns]
    for cells in sample:
        for i, text in enumerate(cells):
            size = max((width(part) for part in text.split("\n")), default=0)
            if size > natural[i]:
                natural[i] = size
    widths = [min(n, CAP.get(c.kind, n)) if c.kind != "long" else n for c, n in zip(columns, natural, strict=True)]
    gap = _gap(total_width, len(columns))
    fixed = sum(w for c, w in zip(columns, widths, strict=True) if c.kind != "long") + gap * (len(columns) - 1)
    long_cols = [i for i, c in enumerate(columns) if c.kind == "long" and natural[i] > 0]
    room = total_width - fixed
    want = sum(natural[i] for i in long_cols)
    if want <= room:
        return widths
    if total_width < NARROW or not long_cols or room < MIN_TEXT * len(long_cols):
        return None
    # share the room in proportion to what each wants, none under MIN_TEXT
    for i in long_cols:
        widths[i] = max(MIN_TEXT, room * natural[i] // want)
    while sum(widths[i] for i in long_cols) > room:
        widest = max(long_cols, key=lambda i: widths[i])
        widths[widest] -= 1
    return widths


def table_lines(table: Table, total_width: int, style_of: StyleOf) -> Iterator[Line]:
    """The table's rows (after its title, written by the caller) as lines of styled text."""
    rows = iter(table.rows)
    first = list(islice(rows, SAMPLE))
    texts = [[text_of(v) for v in row.cells] for row in first]
    whole = len(first) < SAMPLE  # every row seen: a column nobody filled can go
    title_at = next((i for i, c in enumerate(table.columns) if c.kind == "long"), -1)
    keep = [i for i, c in enumerate(table.columns)
            if any(t[i] for t in texts) or not (whole and (c.kind == "long" and i != title_at or not c.header))]
    columns = [table.columns[i] for i in keep]
    texts = [[t[i] for i in keep] for t in texts]
    widths = _widths(columns, texts, total_width)
    if widths is None:
        yield from _cards(table, chain(first, rows), total_width, style_of)
        return
    gap = " " * _gap(total_width, len(columns))
    widths = [widths[keep.index(i)] if i in keep else 0 for i in range(len(table.columns))]
    columns = table.columns
    header: Line = []
    for n, i in enumerate(keep):
        c = columns[i]
        header.append(((gap if n else "") + pad(c.header, widths[i], number_kind(c.kind)), "bold"))
    yield header
    yield [("─" * sum(widths[i] + (len(gap) if n else 0) for n, i in enumerate(keep)), "dim")]
    for row in chain(first, rows):
        yield from _grid_row(row, columns, keep, widths, gap, style_of)


def _grid_row(row: Row, columns: list[Col], keep: list[int], widths: list[int], gap: str,
              style_of: StyleOf) -> Iterator[Line]:
    cells = []
    for i in keep:
        text = text_of(row.cells[i])
        if row.depth and i == 0:
            text = "  " * row.depth + text
        c = columns[i]
        cells.append(wrap(text, widths[i]) if c.kind == "long" and width(text) > widths[i] else [text])
    height = max(len(c) for c in cells)
    for k in range(height):
        line: Line = []
        for n, i in enumerate(keep):
            part = cells[n][k] if k < len(cells[n]) else ""
            text = pad(part, widths[i], number_kind(columns[i].kind))
            if n:
                line.append((gap, ""))
            line.append((text, style_of(row, i) if part else ""))
        last = len(line) - 1
        line[last] = (line[last][0].rstrip(), line[last][1])
        yield line


def _cards(table: Table, rows: Iterator[Row], total_width: int, style_of: StyleOf) -> Iterator[Line]:
    """Each row as its title line (wrapped) and a line of ``label value`` fields under it."""
    columns = table.columns
    title_at = next((i for i, c in enumerate(columns) if c.kind == "long"), 0)
    no_at = next((i for i, c in enumerate(columns) if c.key in ("no", "number")), None)
    for row in rows:
        head = text_of(row.cells[title_at])
        number = text_of(row.cells[no_at]) if no_at is not None else ""
        lead = (f"{number}. " if columns[no_at].key == "no" else f"{number} ") if number and no_at is not None \
            else "  " * row.depth
        dot = ("● ", style_of(row, 0)) if columns[0].key == "light" and text_of(row.cells[0]) else ("", "")
        for k, part in enumerate(wrap(head, total_width - width(lead) - width(dot[0]))):
            yield [(lead if k == 0 else " " * width(lead), ""), dot if k == 0 else (" " * width(dot[0]), ""),
                   (part, style_of(row, title_at) if columns[title_at].key != "chapter" else "bold")]
        fields: list[tuple[str, str]] = []
        for i, c in enumerate(columns):
            if i in (title_at, no_at) or c.key == "light":
                continue
            text = text_of(row.cells[i])
            if not text:
                continue
            label = "" if c.kind in ("state", "id") or not c.header else c.header + " "
            fields.append((label + text, style_of(row, i)))
        indent = " " * max(width(lead), 2)
        start = width(indent)
        line: Line = []
        used = start
        for text, style in fields:
            size = width(text)
            if line and used + 3 + size > total_width:
                yield [(indent, "")] + line
                line, used = [], start
            if line:
                line.append((" · ", "dim"))
                used += 3
            parts = wrap(text, total_width - start) if used + size > total_width else [text]
            for j, part in enumerate(parts):
                if j:
                    yield [(indent, "")] + line
                    line, used = [], start
                line.append((part, style))
                used += width(part)
        if line:
            yield [(indent, "")] + line
