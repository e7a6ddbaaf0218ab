"""A batch of a column's cells made at once (``Preparers.many``) is the same cells as made one by one.

The workbook writes long sheets a batch of rows at a time, a text column's markup checked once for
the whole batch; a value that needs more than its tags (a formula's lead, a character to mark or
escape, a newline, a space to keep) must come out exactly as the cell-by-cell way makes it.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook

from tui.reports import common as c
from tui.reports import xlsx_columns as xc
from tui.reports.xlsx_rows import RowWriter

PLAIN = ["推进市场主体登记便利化", "c1.t1", "区市场监管局", "", "长" * 60, "short"]
ODD = ["=SUM(A1)", "+1", "-2", "@x", " 前后空格 ", "\u3000缩进", "a & b <c> \"d\"", "行一\n行二", "ctrl\x01x",
       "\ufffe", "长" * 40_000, "tab\tin", None, 7, 2.5]


@pytest.fixture
def writer(tmp_path: Path) -> Iterator[RowWriter]:
    wb = Workbook(write_only=True)
    rows = RowWriter(wb.create_sheet("s"), 3, ' s="1"', wb.epoch)
    yield rows
    rows.close()


@pytest.mark.parametrize("kind", ["text", "long", "id", "int"])
@pytest.mark.parametrize("odd", [None, *ODD])
def test_a_batch_holds_the_cells_made_one_by_one(writer: RowWriter, kind: str, odd: object) -> None:
    plain: list[object] = list(range(1, 7)) if kind == "int" else list(PLAIN)
    for at in (0, 3, len(plain)):  # first, among others, last
        values = [*plain[:at], odd, *plain[at:]] if odd is not None else plain
        for width in (10, 50):  # a narrow column: long text takes several lines
            one, many = xc.preparers(c.Col("x", "x", kind), xc.room(width), writer)
            assert many(values) == [one(value) for value in values]
        assert many([]) == []
