"""Undo and redo take back only the fields their entry changed, never revive an item under an
archived parent, say what they skipped, and never get stuck."""
from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from store import actions, journal
from store import queries as q
from store.db import open_store
from store.importer import import_file
from tests.conftest import FIXTURES
from tests.safety import plans
from tests.safety.plans import PLAN

A, B = f"{PLAN}/c2.p1.a", f"{PLAN}/c2.p1.b"
DAY = date(2023, 1, 1)


@pytest.fixture
def demo(tmp_path: Path) -> sqlite3.Connection:
    conn = open_store(tmp_path / "demo.sqlite3", seed=False)
    import_file(conn, FIXTURES / "small_plan.yaml")
    return conn



def _seq(row: sqlite3.Row | None) -> int:
    """The sequence number of a journal row that must be there."""
    assert row is not None
    return int(row["seq"])

def row(conn: sqlite3.Connection, milestone_id: str) -> dict[str, Any]:
    return dict(conn.execute("SELECT * FROM milestones WHERE id = ?", (milestone_id,)).fetchone())


def test_undoing_a_tick_after_a_reimport_keeps_the_new_title_due_and_place(tmp_path: Path,
                                                                          demo: sqlite3.Connection) -> None:
    actions.tick(demo, B, date(2023, 5, 1), "已验收")
    import_file(demo, plans.write(plans.revised(), tmp_path, "revised"))
    revised = row(demo, B)
    assert (revised["title"], revised["node_id"]) == ("乙所建成投入使用(修订)", f"{PLAN}/c1.t2")
    actions.undo(demo)
    after = row(demo, B)
    assert after == {**revised, "done_on": None, "done_note": None}
    actions.redo(demo)
    assert row(demo, B) == revised


def test_undoing_a_tick_on_an_item_archived_since_says_so_and_keeps_it_archived(tmp_path: Path,
                                                                                demo: sqlite3.Connection) -> None:
    c = f"{PLAN}/c2.p1.c"
    actions.tick(demo, c, date(2023, 5, 1))
    import_file(demo, plans.write(plans.without_c(), tmp_path, "without_c"))
    [change] = actions.undo(demo)
    assert change.archived and change.skipped is None
    assert row(demo, c)["done_on"] is None and row(demo, c)["archived_at"]


def test_undoing_a_delete_under_an_archived_task_is_skipped_and_the_stack_moves_on(
        tmp_path: Path, demo: sqlite3.Connection) -> None:
    actions.tick(demo, A, date(2022, 10, 1))
    added = actions.add_milestone(demo, f"{PLAN}/c1.t2", "自定事项", date(2024, 3, 31))
    actions.delete_milestone(demo, added.entity_id)
    import_file(demo, plans.write(plans.without_task("c1.t2"), tmp_path, "no_t2"))
    first = actions.undo(demo)[0]
    assert (first.action, first.skipped) == ("undo", "archived_parent")
    assert row(demo, added.entity_id)["archived_why"] == "deleted"  # not revived under the archived task
    second = actions.undo(demo)[0]  # the add: the clerk's milestone under the archived task is removed
    third = actions.undo(demo)[0]
    assert third.entity_id == A and row(demo, A)["done_on"] is None
    skips = demo.execute("SELECT target, after FROM journal WHERE action = 'skip'").fetchall()
    assert [s["target"] for s in skips] == [first.target]
    assert first.target is not None and second.target is not None
    assert second.target < first.target


def test_a_field_changed_since_by_something_else_is_left_alone(tmp_path: Path, demo: sqlite3.Connection) -> None:
    actions.edit_milestone(demo, A, title="甲所建成")
    import_file(demo, plans.write(plans.revised(), tmp_path, "revised"))  # the plan file retitles it
    [change] = actions.undo(demo)
    assert change.skipped == "changed_since"
    assert row(demo, A)["title"] == "甲所建成投入使用(修订)"
    with pytest.raises(Exception, match="nothing to undo"):
        actions.undo(demo)


@pytest.mark.parametrize("count", [0, -1])
def test_undo_of_zero_or_fewer_changes_is_refused(demo: sqlite3.Connection, count: int) -> None:
    actions.tick(demo, A, DAY)
    with pytest.raises(Exception, match="1 or more"):
        actions.undo(demo, count)
    with pytest.raises(Exception, match="1 or more"):
        actions.redo(demo, count)
    assert row(demo, A)["done_on"] == "2023-01-01"


def test_undo_and_redo_can_be_limited_to_one_plan(conn: sqlite3.Connection) -> None:
    wulong, linyi = "wulong-2021-2025/a1.p1.yangjiao", "linyi-2023/p1.t1.m1"
    actions.tick(conn, wulong, DAY)
    actions.tick(conn, linyi, DAY)
    [change] = actions.undo(conn, 5, plan_id="wulong-2021-2025")
    assert change.entity_id == wulong and change.label == "羊角市场监管所建成投入使用"
    assert row(conn, linyi)["done_on"] == "2023-01-01"
    with pytest.raises(Exception, match="nothing to undo"):
        actions.undo(conn, plan_id="wulong-2021-2025")
    actions.undo(conn)  # the other plan's tick is still on the stack
    assert row(conn, linyi)["done_on"] is None


def test_the_v2_migration_rebuilds_the_stacks_from_an_old_journal(tmp_path: Path, demo: sqlite3.Connection) -> None:
    for day in (1, 2, 3, 4):
        actions.tick(demo, A, date(2023, 1, day))
    actions.undo(demo, 2)
    expected = (_seq(journal.last_undoable(demo)), _seq(journal.last_redoable(demo)))
    demo.executescript("DROP TABLE undo_stack; DROP TABLE redo_stack; PRAGMA user_version = 1;")
    demo.close()
    conn = open_store(tmp_path / "demo.sqlite3", seed=False)
    assert (_seq(journal.last_undoable(conn)), _seq(journal.last_redoable(conn))) == expected
    actions.redo(conn, 2)
    assert row(conn, A)["done_on"] == "2023-01-04"


def test_the_clerks_own_milestones_come_back_with_their_task_and_tick(tmp_path: Path,
                                                                      demo: sqlite3.Connection) -> None:
    added = actions.add_milestone(demo, f"{PLAN}/c1.t2", "自定事项", date(2024, 3, 31))
    actions.tick(demo, added.entity_id, date(2024, 3, 1), "已办结")
    import_file(demo, plans.write(plans.without_task("c1.t2"), tmp_path, "no_t2"))
    assert row(demo, added.entity_id)["archived_at"]
    [report] = import_file(demo, FIXTURES / "small_plan.yaml")
    back = row(demo, added.entity_id)
    assert (back["archived_at"], back["done_on"], back["done_note"]) == (None, "2024-03-01", "已办结")
    assert report.restored["milestone"] == 3  # the task's two plan milestones and the clerk's own
    assert added.entity_id in {m.id for m in q.milestones_of_node(demo, f"{PLAN}/c1.t2", DAY)}


def test_a_clerk_milestone_deleted_before_its_task_left_stays_deleted(tmp_path: Path,
                                                                     demo: sqlite3.Connection) -> None:
    added = actions.add_milestone(demo, f"{PLAN}/c1.t2", "自定事项", date(2024, 3, 31))
    actions.delete_milestone(demo, added.entity_id)
    import_file(demo, plans.write(plans.without_task("c1.t2"), tmp_path, "no_t2"))
    import_file(demo, FIXTURES / "small_plan.yaml")
    assert row(demo, added.entity_id)["archived_why"] == "deleted"


def test_finding_the_next_undo_or_redo_and_history_never_scans_the_journal(demo: sqlite3.Connection) -> None:
    """Flat however long the journal grows (timings: benchmarks/bench_journal.py)."""
    queries = [
        ("SELECT max(seq) FROM undo_stack WHERE plan_id = ?", (PLAN,)),
        ("SELECT seq FROM redo_stack WHERE undo_seq = (SELECT max(undo_seq) FROM redo_stack WHERE plan_id = ?)",
         (PLAN,)),
        ("SELECT * FROM journal WHERE plan_id = ? ORDER BY seq DESC LIMIT 30", (PLAN,)),
        ("SELECT * FROM journal WHERE entity_id = ? ORDER BY seq DESC LIMIT 12", (A,)),
    ]
    for sql, args in queries:
        plan = " ".join(r[3] for r in demo.execute(f"EXPLAIN QUERY PLAN {sql}", args))
        assert "SCAN journal" not in plan and "SCAN undo_stack" not in plan and "SCAN redo_stack" not in plan, plan
