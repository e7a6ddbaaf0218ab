"""history speaks as a person writes: field names in the UI's language, plain values, local
time to the minute; one description of an entry serves every screen."""
from __future__ import annotations

import io
import sqlite3
import time
from datetime import date
from pathlib import Path

import pytest

from store import actions, history
from store.db import open_store

YANGJIAO = "wulong-2021-2025/a1.p1.yangjiao"
TASK = "wulong-2021-2025/a1.p1"


@pytest.fixture
def shanghai(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _changes(conn: sqlite3.Connection) -> None:
    actions.tick(conn, YANGJIAO, date(2022, 11, 30), "已验收")
    actions.record(conn, "wulong-2021-2025/i14", 2023, 96.5)
    actions.set_units(conn, TASK, ["综合科", "登记注册科"])
    added = actions.add_milestone(conn, TASK, "自定事项", date(2024, 3, 31))
    actions.delete_milestone(conn, added.entity_id)
    actions.undo(conn)


def test_history_shows_plain_values_field_names_and_titles(cli, seeded_db: Path) -> None:
    conn = open_store(seeded_db)
    _changes(conn)
    conn.close()
    code, out, _ = cli("history", "--limit", "6")
    assert code == 0
    for shown in ("done: not done → 2022-11-30", "note on completion: 已验收", "value: 96.5",
                  "responsible unit: as printed → 综合科、登记注册科", "state: in use → archived",
                  "state: archived → in use", "羊角市场监管所建成投入使用", "消费投诉按期办结率 2023", "自定事项",
                  "undo delete milestone #"):
        assert shown in out, shown
    for python_or_json in ("{", "}", "[", "'", '"', "None", "True", "+00:00", "+08:00", "T0", "T1"):
        assert python_or_json not in out, python_or_json
    code, out, _ = cli("--lang", "zh", "history", "--limit", "6")
    assert "完成日期: 未完成 → 2022-11-30" in out and "责任单位: 按规划原文 → 综合科、登记注册科" in out
    assert "done" not in out and "value" not in out


def test_times_are_local_to_the_minute(cli, seeded_db: Path, shanghai: None) -> None:
    with sqlite3.connect(seeded_db) as conn:
        conn.execute("INSERT INTO journal (at, who, action, entity, entity_id, plan_id, before, after) VALUES "
                     "('2024-01-15T01:30:59+00:00', '王科员', 'tick', 'milestone', ?, 'wulong-2021-2025', "
                     "'{\"done_on\": null}', '{\"done_on\": \"2024-01-14\"}')", (YANGJIAO,))
    conn.close()
    code, out, _ = cli("history", "--limit", "1")
    assert "2024-01-15 09:30 " in out and "王科员" in out and "01:30" not in out


def test_one_description_for_the_detail_pane_too(seeded_db: Path) -> None:
    from rich.console import Console

    from store import queries as q
    from tui.i18n import Catalog
    from tui.widgets.detail_pane import Detail, detail_renderable

    conn = open_store(seeded_db)
    _changes(conn)
    node = q.node(conn, TASK)
    ms = q.milestones_of_node(conn, TASK, date(2023, 6, 30))
    entries = history.entries(conn, 12, entity_ids=[TASK, *(m.id for m in ms)])
    console = Console(width=200, record=True, color_system=None, file=io.StringIO())
    console.print(detail_renderable(Detail(node, ms, None, entries, "wulong.txt"), Catalog("en")))
    text = console.export_text()
    assert "done: not done → 2022-11-30" in text and "responsible unit: as printed → 综合科、登记注册科" in text
    assert "{" not in text and "+0" not in text
    assert [e.seq for e in entries] == sorted((e.seq for e in entries), reverse=True)
