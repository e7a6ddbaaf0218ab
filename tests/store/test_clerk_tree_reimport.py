"""Re-importing the plan file keeps the clerk's structural edits (store/clerk_tree.py), and undo
after a re-import still takes each of them back."""
from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from store import actions
from store import node_actions as na
from store.db import open_store
from store.draft import draft_file
from store.errors import BadInput
from store.importer import import_file
from store.plan_order import check
from tests.conftest import FIXTURES
from tests.safety import plans
from tests.safety.plans import PLAN

SMALL = FIXTURES / "small_plan.yaml"


def n(local: str, plan: str = PLAN) -> str:
    return f"{plan}/{local}"


def structure(conn: sqlite3.Connection, plan_id: str = PLAN) -> list[tuple[Any, ...]]:
    """The tree the clerk sees, in document order, with the milestones and their state."""
    nodes = [tuple(r) for r in conn.execute(
        "SELECT id, parent_id, kind, number, title, text, depth, origin FROM nodes "
        "WHERE plan_id = ? AND archived_at IS NULL ORDER BY seq", (plan_id,))]
    ms = [tuple(r) for r in conn.execute(
        "SELECT id, node_id, title, due, done_on FROM milestones WHERE plan_id = ? AND archived_at IS NULL "
        "ORDER BY seq, id", (plan_id,))]
    return nodes + ms


def undo_all(conn: sqlite3.Connection, plan_id: str) -> list[Any]:
    done = []
    while True:
        try:
            done.extend(actions.undo(conn, 1, plan_id))
        except BadInput:
            return done


@pytest.fixture
def demo(tmp_path: Path) -> sqlite3.Connection:
    conn = open_store(tmp_path / "demo.sqlite3", seed=False)
    import_file(conn, SMALL)
    return conn


def clerk_edits(conn: sqlite3.Connection, plan_id: str = PLAN) -> None:
    na.edit_node(conn, n("c1.t1", plan_id), title="深化商事制度改革(中期调整)", text="改为全面推行。")
    na.move_node(conn, n("c1.t2", plan_id), n("c2", plan_id), 0)
    section = na.add_node(conn, plan_id, n("c1", plan_id), "新增一节", "section", number="（二）")
    na.add_node(conn, plan_id, section.entity_id, "新增任务", "task")
    actions.tick(conn, n("c2.p1.a", plan_id), date(2022, 12, 1))
    na.archive_node(conn, n("c2.p1", plan_id))
    na.move_by(conn, n("c2", plan_id), -1)


def test_reimporting_the_same_file_keeps_every_edit_move_addition_and_archive(demo: sqlite3.Connection) -> None:
    original = structure(demo)
    clerk_edits(demo)
    edited = structure(demo)
    (report,) = import_file(demo, SMALL)
    assert structure(demo) == edited and check(demo, PLAN) == []
    assert report.archived == [] and not any(report.restored.values())
    titles = dict(demo.execute("SELECT id, title FROM nodes WHERE plan_id = ?", (PLAN,)).fetchall())
    assert titles[n("c1.t1")] == "深化商事制度改革(中期调整)"
    archived = demo.execute("SELECT archived_at IS NOT NULL, done_on FROM milestones WHERE id = ?",
                            (n("c2.p1.a"),)).fetchone()
    assert tuple(archived) == (1, "2022-12-01")  # archived by the clerk: the file does not revive it
    # undo after the re-import still takes every change back, in order, none skipped
    steps = undo_all(demo, PLAN)
    assert [s.skipped for s in steps] == [None] * 7
    assert structure(demo) == original and check(demo, PLAN) == []


def test_a_changed_file_updates_what_the_clerk_left_alone_and_keeps_what_the_clerk_set(
        tmp_path: Path, demo: sqlite3.Connection) -> None:
    na.edit_node(demo, n("c1.t1"), title="清单由科室调整")
    na.move_node(demo, n("c1.t2"), n("c2"))
    plan = plans._base()
    plan["nodes"][0]["children"][0]["title"] = "文件中的新标题"
    plan["nodes"][0]["children"][0]["text"] = "文件中的新正文"
    plan["nodes"][0]["children"][1]["title"] = "到2023年底建成企业开办专区(修订)"
    import_file(demo, plans.write(plan, tmp_path, "revised"))
    row = demo.execute("SELECT title, text FROM nodes WHERE id = ?", (n("c1.t1"),)).fetchone()
    assert tuple(row) == ("清单由科室调整", "文件中的新正文")  # the clerk's title, the file's text
    moved = demo.execute("SELECT parent_id, title FROM nodes WHERE id = ?", (n("c1.t2"),)).fetchone()
    assert tuple(moved) == (n("c2"), "到2023年底建成企业开办专区(修订)")
    assert check(demo, PLAN) == []


def test_a_clerks_node_under_a_node_the_file_dropped_is_not_lost(tmp_path: Path, demo: sqlite3.Connection) -> None:
    task = na.add_node(demo, PLAN, n("c1.t2"), "自定任务", "task")
    sub = na.add_node(demo, PLAN, task.entity_id, "自定子任务", "task")
    actions.tick(demo, sub.entity_id, date(2023, 3, 1), "已办结")
    import_file(demo, plans.write(plans.without_task("c1.t2"), tmp_path, "no_t2"))
    # gone with the task the file dropped: nothing hidden is counted
    live = {r[0] for r in demo.execute("SELECT id FROM milestones WHERE plan_id = ? AND archived_at IS NULL", (PLAN,))}
    assert {task.entity_id, sub.entity_id} & live == set() and check(demo, PLAN) == []
    import_file(demo, SMALL)  # the task comes back: the clerk's nodes are under it as before, tick kept
    rows = demo.execute("SELECT id, parent_id, archived_at FROM nodes WHERE origin = 'clerk' ORDER BY seq").fetchall()
    assert [tuple(r) for r in rows] == [(task.entity_id, n("c1.t2"), None), (sub.entity_id, task.entity_id, None)]
    done = demo.execute("SELECT done_on, done_note, archived_at FROM milestones WHERE id = ?",
                        (sub.entity_id,)).fetchone()
    assert tuple(done) == ("2023-03-01", "已办结", None)
    assert check(demo, PLAN) == []


def test_a_drafted_plan_edited_in_the_app_keeps_the_edits_on_redraft_import(tmp_path: Path) -> None:
    source = FIXTURES.parent / "draft" / "fixtures" / "annual_plan.txt"
    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text(draft_file(source).yaml_text, encoding="utf-8")
    conn = open_store(tmp_path / "db.sqlite3", seed=False)
    (report,) = import_file(conn, plan_file)
    pid = report.plan_id
    top = [r[0] for r in conn.execute("SELECT id FROM nodes WHERE plan_id = ? AND depth = 0 ORDER BY seq", (pid,))]
    deep = [r[0] for r in conn.execute("SELECT id FROM nodes WHERE plan_id = ? AND depth = 2 ORDER BY seq", (pid,))]
    original = structure(conn, pid)
    na.move_node(conn, deep[0], top[-1], 0)
    na.edit_node(conn, top[0], title="调整后的第一部分")
    na.add_node(conn, pid, top[0], "中期调整新增任务", "task", position=0)
    na.archive_node(conn, deep[-1])
    edited = structure(conn, pid)
    import_file(conn, plan_file)
    assert structure(conn, pid) == edited and check(conn, pid) == []
    assert [s.skipped for s in undo_all(conn, pid)] == [None] * 4
    assert structure(conn, pid) == original
