"""A period report's whole lists read by one query (``store.report.one_pass``): the csv and json
reports hold exactly the rows each list read alone holds, in its order, whichever list is read
first, and a pass left unfinished loses nothing."""
from __future__ import annotations

import io
import json
import sqlite3
from datetime import date
from itertools import chain
from pathlib import Path

import pytest

from store import queries as q
from store import report as rp
from store.report.one_pass import OnePass, json_lines_packing, select_list
from tests.reports.test_json_rows import _hostile_db, _reports
from tests.reports.test_list_columns import _tick_some
from tui.i18n import Catalog
from tui.reports import common as c
from tui.reports import csv_table
from tui.reports.json_data import item_writer, write_json


def _alone(section: rp.Listing) -> list[str]:
    """A list's json lines read by its own query."""
    assert section.json_chunks is not None
    return list(chain.from_iterable(section.json_chunks(item_writer())))


def _one_pass(report: rp.Report) -> OnePass[list[str]]:
    shared = report.sections[0].shared
    assert shared is not None
    write = item_writer()
    return OnePass(shared, lambda: shared.json_chunks(write), select_list, json_lines_packing())


def test_every_list_of_the_one_pass_is_the_list_read_alone(seeded_db: Path) -> None:
    """Each list's lines from the pass equal its own query's, list by list, in the order the
    reports write them and in the reverse order, on the seed plans' reports with hostile text,
    ticks, arrears carried in and a next period."""
    path = _hostile_db(seeded_db)
    overlapping = carried_in = 0
    for report in _reports(path):
        alone = {s.key: _alone(s) for s in report.sections if s.shared is not None}
        assert set(alone) >= {rp.DUE_IN_PERIOD, rp.CARRIED}
        for order in (list(alone), list(reversed(alone))):
            one = _one_pass(report)
            for key in order:
                assert list(chain.from_iterable(one.chunks(key, lambda: iter(())))) == alone[key], (report.kind, key)
        in_period = set(alone[rp.DUE_IN_PERIOD])
        overlapping += sum(line in in_period for line in alone[rp.CARRIED])
        carried_in += sum(line not in in_period for line in alone[rp.CARRIED])
    assert overlapping and carried_in  # lists that share rows, and a list with rows of its own


def test_a_list_asked_for_mid_pass_or_after_an_abandoned_pass_is_read_alone(seeded_db: Path) -> None:
    path = _hostile_db(seeded_db)
    report = next(r for r in _reports(path) if r.kind == rp.FINAL and r.sections[1].total)
    first, second = report.sections[0], report.sections[1]
    one = _one_pass(report)
    reading = one.chunks(first.key, lambda: iter(()))
    next(reading)  # the pass has begun
    assert list(chain.from_iterable(one.chunks(second.key, lambda: iter([_alone(second)])))) == _alone(second)
    reading.close()  # left unfinished: nothing was kept for the others
    assert list(chain.from_iterable(one.chunks(second.key, lambda: iter([_alone(second)])))) == _alone(second)


def test_the_csv_of_one_pass_is_each_list_written_item_by_item(conn: sqlite3.Connection) -> None:
    """The csv's column-wise cells read by the pass are the printout's cells of each list."""
    t = Catalog("zh")
    checked = 0
    for plan in q.list_plans(conn):
        _tick_some(conn, plan.id)
        for kind, year in ((rp.FINAL, None), (rp.MIDTERM, None), (rp.ANNUAL, plan.end_year)):
            report = rp.build_report(conn, plan, rp.period_for(plan, kind, year), date(2024, 3, 15))
            one = c.cells_pass(report, t, csv_table._column_writer, with_ids=True)
            assert one is not None
            for section in report.sections:
                by_item = [tuple(csv_table.cell(v) for v in row.cells)
                           for row in c.list_table(section, t, with_ids=True, limit=None).rows]
                assert list(c.list_cells(section, t, csv_table._column_writer, True, one).rows) == by_item
                checked += len(by_item)
    assert checked > 500


@pytest.mark.parametrize("form", ["json", "csv"])
def test_a_report_written_by_one_pass_names_each_overdue_item_in_both_lists(seeded_db: Path, form: str) -> None:
    """End to end: an overdue milestone due in the period appears under both lists of the
    written report, once each."""
    from store.db import connect

    conn = connect(seeded_db, readonly=True)
    plan = q.resolve_plan(conn, "luoyang")
    report = rp.build_report(conn, plan, rp.period_for(plan, rp.FINAL), date(2023, 9, 30))
    out = io.StringIO()
    if form == "json":
        write_json([report], out)
        sections = {s["key"]: [item["id"] for item in s["items"]] for s in json.loads(out.getvalue())["sections"]}
    else:
        csv_table.write_csv([report], Catalog("zh"), out)
        blocks = out.getvalue().split("\n\n")
        sections = {key: [line.rsplit(",", 1)[1] for line in block.splitlines()[2:]]
                    for key, block in zip((rp.DUE_IN_PERIOD, rp.CARRIED), blocks[-3:-1], strict=True)}
    carried, in_period = sections[rp.CARRIED], sections[rp.DUE_IN_PERIOD]
    assert carried and len(set(carried)) == len(carried) == report.sections[1].total
    assert set(carried) <= set(in_period) and len(in_period) == report.sections[0].total


def test_kept_rows_go_through_a_file_and_a_full_disk_only_costs_a_second_read(
        seeded_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows kept beyond a few bytes wait in a temporary file, and come back the same; when the
    file finds no room, the list is read by its own query instead."""
    from store.report import one_pass

    path = _hostile_db(seeded_db)
    report = next(r for r in _reports(path) if r.kind == rp.FINAL and r.sections[1].total)
    first, second = report.sections[0], report.sections[1]
    monkeypatch.setattr(one_pass, "KEPT_IN_MEMORY", 10)
    one = _one_pass(report)
    assert list(chain.from_iterable(one.chunks(first.key, lambda: iter(())))) == _alone(first)
    assert one.kept[second.key].file._rolled  # type: ignore[attr-defined]  # on disk, not in memory
    assert list(chain.from_iterable(one.chunks(second.key, lambda: iter(())))) == _alone(second)

    def no_room(lines: list[str]) -> bytes:
        raise OSError(28, "No space left on device")

    one = OnePass(one.shared, one.read, select_list, one_pass.Packing(no_room, one.packing.unpack))
    assert list(chain.from_iterable(one.chunks(first.key, lambda: iter(())))) == _alone(first)
    assert list(chain.from_iterable(one.chunks(second.key, lambda: iter([_alone(second)])))) == _alone(second)


def test_the_csv_written_by_joining_cells_is_what_the_csv_module_writes(
        seeded_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of a list with no cell to quote are joined by commas without the csv module; the file
    is byte for byte the module's, on the seed plans and on plan text with commas, quotes, line
    breaks and controls."""
    t = Catalog("zh")
    joined_chunks = 0
    plain_lines = csv_table._plain_lines

    def counted(columns: list[list[object]]) -> str | None:
        nonlocal joined_chunks
        text = plain_lines(columns)
        joined_chunks += text is not None
        return text

    for hostile in (False, True):
        if hostile:
            conn = sqlite3.connect(_hostile_db(seeded_db))
            conn.execute("UPDATE milestones SET title = title || ',逗号' WHERE seq % 7 = 0")
            conn.execute("UPDATE milestones SET title = '\"引号\"' || title WHERE seq % 11 = 0")
            conn.commit()
            conn.close()
        reports = _reports(seeded_db)
        joined, by_module = io.StringIO(), io.StringIO()
        with monkeypatch.context() as patch:
            patch.setattr(csv_table, "_plain_lines", counted)
            csv_table.write_csv(reports, t, joined)
        with monkeypatch.context() as patch:
            patch.setattr(csv_table, "_plain_lines", lambda columns: None)
            csv_table.write_csv(reports, t, by_module)
        assert joined.getvalue() == by_module.getvalue()
    assert joined_chunks > 10  # the seed plans' lists were joined
    assert '"""引号""' in joined.getvalue() and ',逗号"' in joined.getvalue()


def test_plain_lines_leaves_a_chunk_with_anything_to_quote_to_the_csv_module() -> None:
    assert csv_table._plain_lines([["1", "2"], ["甲", "乙"]]) == "1,甲\n2,乙\n"
    for odd in ("a,b", 'a"b', "a\nb", "a\rb"):
        assert csv_table._plain_lines([["1", "2"], ["甲", odd]]) is None
    assert csv_table._plain_lines([[1, 2], ["甲", "乙"]]) is None  # not text
    assert csv_table._plain_lines([["", ""]]) is None  # one column: the module writes "" for an empty row


def test_a_list_read_as_columns_holds_what_its_items_hold(seeded_db: Path) -> None:
    """``ItemColumns`` made from the list query's rows are the items' fields, column for column:
    dates, days late, states, done dates and notes only where the tick counts, chapters, units,
    arrears carried in."""
    from store.report.item_columns import ItemColumns

    path = _hostile_db(seeded_db)
    checked = 0
    for report in _reports(path):
        for section in report.sections:
            if section.columns is None:
                continue
            items = list(section.without_task())
            for size in (7, 2000):
                read = list(section.columns(size))
                assert [chunk.size for chunk in read] == [min(size, len(items) - k) for k in range(0, len(items), size)]
                for field in rp.Item._fields:
                    by_columns = [v for chunk in read for v in getattr(chunk, field)]
                    assert by_columns == [getattr(item, field) for item in items], (section.key, field)
                    assert getattr(ItemColumns.of_items(items), field) == [getattr(i, field) for i in items]
            checked += len(items)
    assert checked > 1000
