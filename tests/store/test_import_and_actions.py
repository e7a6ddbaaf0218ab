"""Import is all-or-nothing; re-import never loses what the clerk entered; every change is undoable."""
from __future__ import annotations

import multiprocessing
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from store import actions, journal
from store import queries as q
from store.db import open_store
from store.errors import BadInput, ImportFailed, NotFound
from store.importer import import_file
from tests.conftest import FIXTURES, dump

PLAN = "demo-2021-2025"


@pytest.fixture
def demo(tmp_path: Path) -> sqlite3.Connection:
    conn = open_store(tmp_path / "demo.sqlite3", seed=False)
    import_file(conn, FIXTURES / "small_plan.yaml")
    return conn


def edited(tmp_path: Path, old: str, new: str) -> Path:
    text = (FIXTURES / "small_plan.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "edited.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_a_bad_file_changes_nothing(tmp_path: Path, demo: sqlite3.Connection) -> None:
    db_path = tmp_path / "demo.sqlite3"
    before = dump(db_path)
    bad = edited(tmp_path, "due: 2023年\n", "due: 某年\n")
    with pytest.raises(ImportFailed):
        import_file(demo, bad)
    assert dump(db_path) == before


def test_a_failure_while_writing_rolls_everything_back(tmp_path: Path, demo: sqlite3.Connection) -> None:
    """The disk fails at the last write of an import (its journal entry, after every node, milestone
    and indicator): nothing of the import stays."""
    db_path = tmp_path / "demo.sqlite3"
    demo.execute("CREATE TRIGGER disk_full BEFORE INSERT ON journal BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    before = dump(db_path)
    with pytest.raises(sqlite3.DatabaseError, match="disk full"):
        import_file(demo, edited(tmp_path, "深化商事制度改革", "深化商事制度改革(修订)"))
    assert dump(db_path) == before
    demo.execute("DROP TRIGGER disk_full")  # the disk is back: the same import now goes through
    import_file(demo, edited(tmp_path, "深化商事制度改革", "深化商事制度改革(修订)"))
    assert demo.execute("SELECT count(*) FROM nodes WHERE title = '深化商事制度改革(修订)'").fetchone()[0] == 1


def test_reimport_keeps_ticks_values_notes_and_clerk_items(tmp_path: Path, demo: sqlite3.Connection) -> None:
    actions.tick(demo, f"{PLAN}/c2.p1.a", date(2022, 10, 1), "已验收")
    actions.record(demo, f"{PLAN}/i1", 2023, 3.6, "统计局口径")
    actions.set_units(demo, f"{PLAN}/c1.t1", ["综合科"])
    added = actions.add_milestone(demo, f"{PLAN}/c1.t1", "自定事项", date(2024, 3, 31))
    path = edited(tmp_path, "title: 甲所建成投入使用", "title: 甲所建成并投入使用")
    import_file(demo, path)
    m = q.milestone(demo, f"{PLAN}/c2.p1.a", date(2023, 1, 1))
    assert (m.title, str(m.done_on), m.done_note) == ("甲所建成并投入使用", "2022-10-01", "已验收")
    assert q.indicators(demo, PLAN)[0].actuals == {2023: 3.6}
    assert q.node(demo, f"{PLAN}/c1.t1").effective_units == ["综合科"]
    assert q.milestone(demo, added.entity_id, date(2023, 1, 1)).title == "自定事项"


def test_items_gone_from_the_file_are_archived_listed_and_come_back_with_state(
        tmp_path: Path, demo: sqlite3.Connection) -> None:
    actions.tick(demo, f"{PLAN}/c2.p1.b", date(2023, 5, 1))
    text = (FIXTURES / "small_plan.yaml").read_text(encoding="utf-8")
    start = text.index("          - id: c2.p1.b")
    end = text.index("          - id: c2.p1.c")
    smaller = tmp_path / "smaller.yaml"
    smaller.write_text(text[:start] + text[end:], encoding="utf-8")
    [report] = import_file(demo, smaller)
    assert report.archived == [("milestone", f"{PLAN}/c2.p1.b", "乙所建成投入使用")]
    assert f"{PLAN}/c2.p1.b" not in {m.id for m in q.milestones(demo, PLAN, date(2023, 6, 1))}
    [report] = import_file(demo, FIXTURES / "small_plan.yaml")
    assert report.restored["milestone"] == 1
    assert str(q.milestone(demo, f"{PLAN}/c2.p1.b", date(2023, 6, 1)).done_on) == "2023-05-01"


def test_a_milestone_the_clerk_deleted_stays_deleted_on_reimport(demo: sqlite3.Connection) -> None:
    actions.delete_milestone(demo, f"{PLAN}/c2.p1.c")
    import_file(demo, FIXTURES / "small_plan.yaml")
    assert f"{PLAN}/c2.p1.c" not in {m.id for m in q.milestones(demo, PLAN, date(2023, 6, 1))}
    actions.undo(demo)
    assert f"{PLAN}/c2.p1.c" in {m.id for m in q.milestones(demo, PLAN, date(2023, 6, 1))}


def test_tick_untick_undo_redo_and_the_journal(demo: sqlite3.Connection) -> None:
    mid = f"{PLAN}/c1.t2.m1"
    today = date(2024, 2, 1)
    assert q.milestone(demo, mid, today).state == "overdue"
    actions.tick(demo, mid, date(2024, 1, 15), "晚了")
    assert q.milestone(demo, mid, today).state == "done_late"
    actions.untick(demo, mid)
    assert q.milestone(demo, mid, today).state == "overdue"
    actions.undo(demo)  # the untick
    assert q.milestone(demo, mid, today).state == "done_late"
    actions.undo(demo)  # the tick
    assert q.milestone(demo, mid, today).done_on is None
    with pytest.raises(BadInput, match="nothing to undo"):
        actions.undo(demo)
    actions.redo(demo, 2)
    assert q.milestone(demo, mid, today).state == "overdue"  # tick redone, then untick redone
    rows = q.history(demo)
    assert [r["action"] for r in rows[:6]] == ["redo", "redo", "undo", "undo", "untick", "tick"]
    tick_row = rows[5]
    assert tick_row["who"] and tick_row["at"] and '"done_on": "2024-01-15"' in tick_row["after"]


def test_a_new_change_clears_redo(demo: sqlite3.Connection) -> None:
    actions.tick(demo, f"{PLAN}/c2.p1.a", date(2022, 5, 1))
    actions.undo(demo)
    actions.record(demo, f"{PLAN}/i1", 2022, 3.5)
    with pytest.raises(BadInput, match="nothing to redo"):
        actions.redo(demo)


def test_undo_last_n_and_record_correction(demo: sqlite3.Connection) -> None:
    ind = f"{PLAN}/i1"
    actions.record(demo, ind, 2023, 3.5)
    actions.record(demo, ind, 2023, 3.8)  # a correction
    actions.record(demo, ind, 2024, 3.9)
    assert q.indicators(demo, PLAN)[0].actuals == {2023: 3.8, 2024: 3.9}
    undone = actions.undo(demo, 2)
    assert len(undone) == 2
    assert q.indicators(demo, PLAN)[0].actuals == {2023: 3.5}


def test_clerk_milestones_add_edit_delete_are_undoable(demo: sqlite3.Connection) -> None:
    node = f"{PLAN}/c1.t1"
    added = actions.add_milestone(demo, node, "完成培训", date(2024, 6, 30), "2024年6月底")
    mid = added.entity_id
    actions.edit_milestone(demo, mid, title="完成全员培训", due=date(2024, 12, 31))
    assert q.milestone(demo, mid, date(2024, 1, 1)).title == "完成全员培训"
    actions.delete_milestone(demo, mid)
    assert mid not in {m.id for m in q.milestones_of_node(demo, node, date(2024, 1, 1))}
    actions.undo(demo)
    actions.undo(demo)
    m = q.milestone(demo, mid, date(2024, 1, 1))
    assert (m.title, str(m.due)) == ("完成培训", "2024-06-30")
    actions.undo(demo)
    with pytest.raises(NotFound):
        q.milestone(demo, mid, date(2024, 1, 1))


def test_unknown_ids_are_refused(demo: sqlite3.Connection) -> None:
    with pytest.raises(NotFound):
        actions.tick(demo, f"{PLAN}/nope", date(2023, 1, 1))
    with pytest.raises(NotFound):
        actions.record(demo, f"{PLAN}/nope", 2023, 1.0)
    with pytest.raises(BadInput):
        actions.untick(demo, f"{PLAN}/c2.p1.a")


def _tick_many(path: str, prefix: str, count: int) -> int:
    from store.db import open_store as open_

    conn = open_(path)
    ids = [r[0] for r in conn.execute("SELECT id FROM milestones WHERE plan_id = ? ORDER BY id LIMIT ?",
                                      (prefix, count))]
    for i, mid in enumerate(ids):
        actions.tick(conn, mid, date(2023, 1, 1 + i % 28))
    return len(ids)


def test_two_processes_writing_at_once_never_see_locked(seeded_db: Path) -> None:
    open_store(seeded_db).close()
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(2) as pool:
        results = pool.starmap(_tick_many, [(str(seeded_db), "luoyang-2021-2025", 60),
                                            (str(seeded_db), "xiangyang-2022-2025", 60)])
    conn = open_store(seeded_db)
    ticks = conn.execute("SELECT count(*) FROM journal WHERE action = 'tick'").fetchone()[0]
    done = conn.execute("SELECT count(*) FROM milestones WHERE done_on IS NOT NULL").fetchone()[0]
    assert ticks == done == sum(results) == 120


def test_journal_rows_are_never_rewritten(demo: sqlite3.Connection) -> None:
    actions.tick(demo, f"{PLAN}/c2.p1.a", date(2022, 5, 1))
    first = [tuple(r) for r in demo.execute("SELECT * FROM journal ORDER BY seq")]
    actions.undo(demo)
    actions.redo(demo)
    after = [tuple(r) for r in demo.execute("SELECT * FROM journal ORDER BY seq")]
    assert after[: len(first)] == first
    last = journal.last_undoable(demo)
    assert last is not None and last["action"] == "tick"  # redone, so undoable again


def test_rollups_match_counting_every_milestone_by_hand(conn: sqlite3.Connection) -> None:
    """The range-based roll-up agrees with walking each milestone up its ancestors."""
    from store import status as st

    today = date(2023, 6, 30)
    actions.tick(conn, "wulong-2021-2025/a1.p1.yangjiao", date(2022, 11, 30))
    actions.tick(conn, "wulong-2021-2025/a4.t1.m1", date(2023, 2, 1))
    actions.add_milestone(conn, "wulong-2021-2025/c3.s1.t1", "补充事项", date(2023, 7, 15))
    plan = "wulong-2021-2025"
    parents: dict[str, str | None] = {n.id: n.parent_id or plan for n in q.nodes(conn, plan)}
    parents[plan] = None
    by_hand = st.rollup_tree(parents, [(m.node_id, m.state) for m in q.milestones(conn, plan, today)])
    computed = q.rollups(conn, plan, today)
    assert {k: v.counts for k, v in computed.items()} == {k: v.counts for k, v in by_hand.items()}
    # done: the 羊角 station and 附件4's row that repeats it (same_as), ticked together
    assert computed[plan].counts["done"] == 2 and computed[plan].counts["done_late"] == 1
    assert computed[plan].counts["due_soon"] == 1
    top = q.rollups(conn, plan, today, max_depth=0)
    assert set(top) == {plan} | {n.id for n in q.nodes(conn, plan, max_depth=0) if n.id in by_hand}
    children = q.rollups(conn, plan, today, parent_id=f"{plan}/a1")
    assert children[f"{plan}/a1.p1"].counts == by_hand[f"{plan}/a1.p1"].counts
    assert children[plan].counts == by_hand[plan].counts
