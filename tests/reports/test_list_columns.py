"""The csv's long lists are made a column at a time (``common.list_cells``); a printout's lists an
item at a time (``common.list_table``). Both must say the same cells: checked on every seed plan's
final, mid-term and annual reports, after ticks with notes (some late, some with hostile text)
so that the done dates, the notes, the carried arrears and the states all appear."""
from __future__ import annotations

import sqlite3
from datetime import date

from store import actions
from store import queries as q
from store import report as rp
from tui.i18n import Catalog
from tui.reports import common as c
from tui.reports import csv_table

NOTES = ("按期建成", "=HYPERLINK(\"x\")", "第一行\n第二行", None, "\x1b[31m红", "+1")


def _tick_some(conn: sqlite3.Connection, plan_id: str) -> None:
    rows = conn.execute("SELECT id, due FROM milestones WHERE plan_id = ? AND archived_at IS NULL ORDER BY seq",
                        (plan_id,)).fetchall()
    for n, (milestone_id, due) in enumerate(rows[::3]):
        on = date.fromisoformat(due).replace(day=1) if n % 2 else date(2022, 6, 30)  # some on time, some late
        actions.tick(conn, milestone_id, min(on, date(2024, 3, 1)), note=NOTES[n % len(NOTES)])


def test_column_cells_are_the_item_cells_on_every_seed_report(conn: sqlite3.Connection) -> None:
    t = Catalog("zh")
    checked = carried = noted = 0
    for plan in q.list_plans(conn):
        _tick_some(conn, plan.id)
        periods = [rp.period_for(plan, rp.FINAL), rp.period_for(plan, rp.MIDTERM)]
        periods += [rp.period_for(plan, rp.ANNUAL, y) for y in range(plan.start_year, plan.end_year + 1)]
        for period in periods:
            report = rp.build_report(conn, plan, period, date(2024, 3, 15))
            for section in report.sections:
                by_item = [tuple(csv_table.cell(v) for v in row.cells)
                           for row in c.list_table(section, t, with_ids=True, limit=None).rows]
                by_column = list(c.list_cells(section, t, csv_table._column_writer, with_ids=True).rows)
                assert by_column == by_item, (plan.id, period, section.key)
                checked += len(by_item)
                carried += sum(any("结转" in str(cell) for cell in row) for row in by_item)
                noted += sum(any("HYPERLINK" in str(cell) for cell in row) for row in by_item)
    assert checked > 1000 and noted > 0 and carried > 0
