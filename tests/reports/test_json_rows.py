"""The json report's long lists, written by SQLite (``store.report.json_rows``), are the lines the
renderer's own writer (``item_writer``) makes of the same items: byte for byte, whatever the plan
text holds, and for rows SQLite cannot vouch for (typed in by hand) too."""
from __future__ import annotations

import json
import sqlite3
from datetime import date
from itertools import chain
from pathlib import Path
from typing import Any

import pytest

from store import queries as q
from store import report as rp
from tests.reports.conftest import DEMO, make_demo_db
from tui.reports.json_data import item_writer, to_json

# every kind of character a JSON writer treats specially, printf's own directives, the place marker
# json_rows puts the chapter at, and a leading "!" (its mark of a row it did not write)
HOSTILE = ['引号"与\\反斜杠\n换行\x07铃\u2028', "=SUM(A1)", "", "100% 完成 %s %d %%", "\x01标记", "!开头",
           "\u202e反转", "删除\x7f与\x85", "空\x00字符", "表情😀", "制表\t回车\r退格\b换页\f", " 前后空格 "]


def _hostile_db(path: Path) -> Path:
    """The seed plans with hostile text in every text a list item shows, ticks with and without a
    note, phrases, starts and an empty task label."""
    conn = sqlite3.connect(path)
    ids = [r[0] for r in conn.execute("SELECT id FROM milestones ORDER BY plan_id, seq")]
    for n, mid in enumerate(ids):
        text = HOSTILE[n % len(HOSTILE)]
        conn.execute("UPDATE milestones SET title = ?, due_phrase = ?, start = ?, done_on = ?, done_note = ?, "
                     "implicit = ? WHERE id = ?",
                     (text or "空", HOSTILE[(n + 3) % len(HOSTILE)] if n % 3 else None,
                      "2021-03-01" if n % 4 == 0 else ("" if n % 4 == 1 else None),
                      "2022-05-01" if n % 2 else None, HOSTILE[(n + 5) % len(HOSTILE)] if n % 4 == 1 else None,
                      n % 5 == 0, mid))
    conn.execute("UPDATE nodes SET title = '', number = '' WHERE id IN (SELECT node_id FROM milestones "
                 "ORDER BY seq LIMIT 3)")
    conn.execute("UPDATE nodes SET title = ? WHERE depth = 0 AND seq % 2 = 0", (HOSTILE[0],))
    conn.commit()
    conn.close()
    return path


def _reports(path: Path, plan_id: str | None = None) -> list[rp.Report]:
    """Final, mid-term and two annual reports of each plan (or of ``plan_id``) as of three days."""
    from store.db import connect

    conn = connect(path, readonly=True)
    plans = [q.resolve_plan(conn, plan_id)] if plan_id else q.list_plans(conn)
    return [rp.build_report(conn, plan, rp.period_for(plan, kind, year), as_of) for plan in plans
            for kind, year in ((rp.FINAL, None), (rp.MIDTERM, None), (rp.ANNUAL, plan.start_year),
                               (rp.ANNUAL, plan.end_year))
            for as_of in (date(2021, 1, 1), date(2023, 9, 30), date(2026, 6, 30))]


def _both(section: rp.Listing) -> tuple[list[str], list[str]]:
    """A list's lines as SQLite writes them, and as the renderer's writer writes its items."""
    assert section.json_chunks is not None
    return list(chain.from_iterable(section.json_chunks(item_writer()))), list(map(item_writer(), section))


def test_sqlite_writes_every_list_line_as_the_renderer_writes_its_item(seeded_db: Path) -> None:
    path = _hostile_db(seeded_db)
    written: list[dict[str, object]] = []
    for report in _reports(path):
        for section in report.sections:
            if not section.total:
                continue
            by_sqlite, by_python = _both(section)
            assert by_sqlite == by_python
            assert [json.loads(line)["id"] for line in by_sqlite] == [item.id for item in section]
            written += map(json.loads, by_sqlite)
    # the comparison compared every kind of line: each hostile title, a tick with its note, arrears
    # carried, an implicit milestone, a phrase, a start, a task without a label
    assert {line["title"] for line in written} >= {text or "空" for text in HOSTILE}
    for key in ("note", "done_on", "due_phrase", "start"):
        assert any(line[key] is not None for line in written) and any(line[key] is None for line in written)
    for key in ("carried", "implicit"):
        assert {line[key] for line in written} == {True, False}
    assert any(line["task"] is None for line in written)
    text = to_json(_reports(path)[:1])
    assert "\u202e" not in text and "\\u202e" in text  # still escaped for any reader


def test_rows_typed_in_by_hand_are_written_by_the_renderer(tmp_path: Path) -> None:
    """A value SQLite would write differently from Python's reading of it (a compact ISO start,
    an ``implicit`` of 5) is read as an Item and written by ``item_writer``: the same line."""
    path = make_demo_db(tmp_path / "odd.sqlite3")
    conn = sqlite3.connect(path)
    first, second, third = [r[0] for r in conn.execute(
        "SELECT id FROM milestones WHERE plan_id = ? ORDER BY seq LIMIT 3", (DEMO,))]
    conn.execute("UPDATE milestones SET start = '20210301' WHERE id = ?", (first,))
    conn.execute("UPDATE milestones SET implicit = 5 WHERE id = ?", (second,))
    # an id holding the character json_rows marks the chapter's place with, on a row it does not write
    conn.execute("UPDATE milestones SET id = id || '\x01', implicit = 2 WHERE id = ?", (third,))
    conn.commit()
    conn.close()
    final = _reports(path, DEMO)[0]
    section = final.sections[0]
    by_sqlite, by_python = _both(section)
    assert by_sqlite == by_python
    lines = {json.loads(line)["id"]: json.loads(line) for line in by_sqlite}
    assert lines[first]["start"] == "2021-03-01" and lines[second]["implicit"] is True
    assert lines[third + "\x01"]["implicit"] is True and len(lines) == section.total


def test_a_due_that_is_no_day_fails_as_every_reader_fails(tmp_path: Path, cli: Any) -> None:
    """A due of 2023-02-30 typed in by hand (SQLite's date() keeps it) is not written as some day
    near it: the json report stops on it, as the other formats do, with the line naming the row."""
    path = make_demo_db(tmp_path / "bad.sqlite3")
    conn = sqlite3.connect(path)
    conn.execute("UPDATE milestones SET due = '2023-02-30' WHERE id = ?", (f"{DEMO}/c1.t1",))
    conn.commit()
    conn.close()
    section = _reports(path, DEMO)[0].sections[0]
    assert section.json_chunks is not None
    with pytest.raises(ValueError):
        list(chain.from_iterable(section.json_chunks(item_writer())))
    for form in ("json", "csv"):
        code, _, err = cli("--lang", "en", "report", "--plan", DEMO, "--final", "--format", form, "-o",
                           str(tmp_path / f"out.{form}"), db=path)
        assert code == 1 and f"{DEMO}/c1.t1" in err and "2023-02-30" in err and "Traceback" not in err
        assert not (tmp_path / f"out.{form}").exists()
