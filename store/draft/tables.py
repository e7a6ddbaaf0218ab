"""Tables: find a table flattened into the text (one cell per line) and rebuild its rows.

Web and PDF copies lose table borders: every cell becomes a line, empty cells vanish and a
merged category cell appears only on the first row of its group. Rows are rebuilt from what
does not vanish, the 序号 (1, 2, 3 … or ``1.名称``): a row runs from its number to the next
one. Cells just before a number are the group's category when the header has a category
column before the number. Word, Markdown and tab-separated tables arrive with their rows and
only need their header read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from store.draft.header_words import FRAGMENTS, HEADER_WORDS, YEAR_COLUMN, is_header_word, squeeze
from store.draft.headings import parse_numbering
from store.draft.reading import Block, Cell

VALUE = re.compile(r"^(?:[<>≤≥＜＞]=?\s*)?[-+]?\d+(?:\.\d+)?\s*(?:%|％)?$|^[-—–/／]+$|^【.*】$")
ATTRIBUTE = re.compile(r"^(约束|预期)性?$")
# "1.市场主体总量" and "19.96333电梯应急处置平台覆盖率": a number, a dot, then a name with letters
_SERIAL_NAME = re.compile(r"^(\d{1,3})\s*[.、．]\s*(?=\D|\d*[\u4e00-\u9fff])")


@dataclass
class Table:
    """A table's header and rows; each row's cells keep their lines. ``line`` is the header's."""

    line: int
    header: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    categories: list[str | None] = field(default_factory=list)  # per row: a merged category cell
    short_rows: list[int] = field(default_factory=list)  # lines of rows with vanished cells
    end: int = 0  # index of the first block after the table

    def column(self, *names: str) -> int | None:
        for i, head in enumerate(self.header):
            if head in names:
                return i
        return None

    def year_columns(self) -> list[tuple[int, int, str]]:
        """(column index, year, what the column holds: 目标, 状态 ... or '')."""
        out = []
        for i, head in enumerate(self.header):
            if m := YEAR_COLUMN.match(head):
                out.append((i, int(m[1]), m[2] or ""))
        return out


def _cells(blocks: list[Block], start: int, end: int, limit: int) -> list[tuple[int, Block]]:
    out: list[tuple[int, Block]] = []
    i = start
    while i < end and len(out) < limit:
        if blocks[i].kind == "para":
            out.append((i, blocks[i]))
        elif blocks[i].kind == "table":
            break
        i += 1
    return out


def header_at(blocks: list[Block], start: int, end: int) -> tuple[list[str], int] | None:
    """The header cells starting at ``start`` and the index after them, if a table starts there."""
    cells = _cells(blocks, start, end, 16)
    if not cells or not (is_header_word(cells[0][1].text) or squeeze(cells[0][1].text) in FRAGMENTS):
        return None
    header: list[str] = []
    after = start
    for index, block in cells:
        word = squeeze(block.text)
        if len(word) > 16 or block.level:
            break
        joined = (header[-1] + word) if header else ""
        if header and (joined in HEADER_WORDS
                       or (YEAR_COLUMN.match(header[-1]) and YEAR_COLUMN.match(header[-1] + word))):
            header[-1] = joined
        elif is_header_word(word) or word in FRAGMENTS:
            header.append(word)
        else:
            break
        after = index + 1
    words = [h for h in header if h in HEADER_WORDS or YEAR_COLUMN.match(h)]
    strong = any(h in ("序号", "牵头单位", "责任单位", "完成时限", "时间节点") or YEAR_COLUMN.match(h) for h in header)
    if len(header) < 3 or len(words) < 2 or not strong:
        return None
    return header, after


def _serial(text: str, expect: int) -> bool:
    text = text.strip()
    if text in (str(expect), f"{expect}.", f"{expect:02d}"):
        return True
    m = _SERIAL_NAME.match(text)
    return bool(m and int(m[1]) == expect and re.search(r"[\u4e00-\u9fffA-Za-z]", text[m.end():]))


def _stops(text: str) -> bool:
    """A line that cannot be a cell: a heading of the document, a note, a box or annex."""
    if text.startswith(("注:", "注:", "(注", "（注", "备注:", "说明:")):
        return True
    numbering = parse_numbering(text)
    return numbering is not None and numbering.style in ("part", "chapter", "jie", "cn_dun", "cn_paren", "box", "annex")


def read_flat(blocks: list[Block], start: int, end: int) -> Table | None:
    """Rebuild a flattened table whose header starts at ``start``; None if no rows follow."""
    found = header_at(blocks, start, end)
    if found is None:
        return None
    header, i = found
    table = Table(line=blocks[start].line, header=header, end=i)
    serial_col = table.column("序号")
    name_col = next((k for k, h in enumerate(header) if h not in ("序号",) and not YEAR_COLUMN.match(h)
                     and h not in ("类别", "一级指标", "分类", "领域", "项目", "重大项目")), None)
    cat_before = serial_col if serial_col is not None else (name_col or 0)
    width = max(1, len(header) - cat_before)
    cells = [(k, b) for k, b in _cells(blocks, i, end, 100000)]
    expect = 1
    pos = 0
    pending_category: list[str] = []
    while pos < len(cells):
        k, block = cells[pos]
        text = block.text
        if _serial(text, expect) and (not text.strip().isdigit() or _name_follows(cells, pos)):
            row = [Cell(text, block.line)]
            pos += 1
            while pos < len(cells) and (len(row) < width or ATTRIBUTE.match(cells[pos][1].text.strip())):
                nxt = cells[pos][1].text
                if _serial(nxt, expect + 1) and (not nxt.strip().isdigit() or _name_follows(cells, pos)):
                    break
                if cat_before and _category_then_serial(cells, pos, expect + 1):
                    break
                if _stops(nxt):
                    break
                row.append(Cell(nxt, cells[pos][1].line))
                pos += 1
            table.rows.append(row)
            # a merged category cell is printed on its group's first row only: repeat it
            table.categories.append("".join(pending_category) or (table.categories[-1] if table.categories else None))
            if len(row) < width:
                table.short_rows.append(row[0].line)
            pending_category = []
            table.end = cells[pos - 1][0] + 1
            expect += 1
            continue
        if cat_before and expect > 0 and _category_then_serial(cells, pos, expect):
            pending_category.append(squeeze(text))
            pos += 1
            continue
        break
    if not table.rows:
        return None
    return table


def _name_follows(cells: list[tuple[int, Block]], pos: int) -> bool:
    """After a bare number comes a name (text, not a value): the number starts a row."""
    if pos + 1 >= len(cells):
        return False
    nxt = cells[pos + 1][1].text
    return not VALUE.match(nxt.strip()) and not ATTRIBUTE.match(nxt.strip())


def _category_then_serial(cells: list[tuple[int, Block]], pos: int, expect: int) -> bool:
    """Up to three short text cells followed by the next row number: a merged category cell."""
    for ahead in range(pos, min(pos + 3, len(cells))):
        text = cells[ahead][1].text
        if (_serial(text, expect) and (ahead + 1 < len(cells))
                and (not text.strip().isdigit() or _name_follows(cells, ahead))):
            return ahead > pos
        if (len(squeeze(text)) > 8 or VALUE.match(text.strip()) or ATTRIBUTE.match(text.strip())
                or re.search(r"\d", text)):
            return False
    return False


def read_grid(block: Block) -> Table | None:
    """A Word, Markdown or tab-separated table: the first row is the header."""
    rows = [r for r in block.rows if any(c.text for c in r)]
    if len(rows) < 2:
        return None
    header = [squeeze(c.text) for c in rows[0]]
    table = Table(line=rows[0][0].line, header=header)
    category: str | None = None
    pending: list[Cell] = []  # a category row not yet followed by a row of its group
    for row in rows[1:]:
        if all(squeeze(c.text) == h for c, h in zip(row, header, strict=False)):  # a row may be short
            continue  # a repeated header row
        filled = [c for c in row if c.text]
        if len(filled) == 1 and len(header) >= 3:  # a merged row across the table: its group's category
            category = filled[0].text
            pending = [filled[0]]
            continue
        table.rows.append(row)
        table.categories.append(category)
        pending = []
    if pending:  # a last row of one cell heads nothing (a note under the table): read as a row
        table.rows.append(pending)
        table.categories.append(None)
    return table
