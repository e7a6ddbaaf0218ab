"""The clerk adds, edits, moves and archives nodes: one journal entry each, undoable and redoable,
and the plan's pre-order numbering (seq / last_seq / depth / path) stays sound."""
from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store import actions, history
from store import node_actions as na
from store import queries as q
from store import tree as tr
from store.db import open_store
from store.errors import BadInput, NotFound
from store.importer import import_file
from store.loader import NODE_KINDS, TRACKED_KINDS
from store.plan_order import check
from tests.conftest import FIXTURES
from tests.safety import plans
from tests.safety.plans import PLAN

DAY = date(2023, 6, 30)


@pytest.fixture
def demo(tmp_path: Path) -> sqlite3.Connection:
    conn = open_store(tmp_path / "demo.sqlite3", seed=False)
    import_file(conn, FIXTURES / "small_plan.yaml")
    return conn


def n(local: str) -> str:
    return f"{PLAN}/{local}"


def lines(conn: sqlite3.Connection, parent: str | None = None) -> list[str]:
    """What the tree shows under ``parent``: each line's local id (nodes) or title (milestones)."""
    return [it.id.split("/", 1)[1] if it.kind == tr.NODE else it.milestone.title
            for it in tr.children(conn, PLAN, parent, DAY)]


def structure(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    """The tree as the clerk sees it: live nodes in document order with their fields and parent."""
    return [tuple(r) for r in conn.execute(
        "SELECT id, parent_id, kind, number, title, text, depth FROM nodes "
        "WHERE plan_id = ? AND archived_at IS NULL ORDER BY seq", (PLAN,))]


def test_the_kinds_are_the_plan_files() -> None:
    assert (na.NODE_KINDS, na.TRACKED_KINDS) == (NODE_KINDS, TRACKED_KINDS)


def test_adding_a_section_and_a_task_puts_them_where_asked_and_undo_takes_them_back(demo: sqlite3.Connection) -> None:
    before = structure(demo)
    section = na.add_node(demo, PLAN, n("c1"), "（三）优化准入服务", "section", number="（三）", position=1)
    assert lines(demo, n("c1")) == ["c1.t1", "c1.new1", "c1.t2"]
    task = na.add_node(demo, PLAN, section.entity_id, "推行企业开办一网通办", text="全程网办。")
    assert lines(demo, section.entity_id) == ["c1.new1.new1"]
    # a task is tracked as one in the file is: its own milestone, due at the plan's end
    own = q.milestones_of_node(demo, task.entity_id, DAY)
    assert [(m.title, m.due, m.implicit, m.origin) for m in own] == [
        ("推行企业开办一网通办", date(2025, 12, 31), True, "clerk")]
    assert tr.count_milestones(demo, PLAN) == 7
    assert check(demo, PLAN) == []
    # a section is not tracked
    assert q.milestones_of_node(demo, section.entity_id, DAY) == []
    actions.undo(demo)
    assert tr.count_milestones(demo, PLAN) == 6 and check(demo, PLAN) == []
    actions.undo(demo)
    assert structure(demo) == before and check(demo, PLAN) == []
    actions.redo(demo)
    actions.redo(demo)
    assert lines(demo, n("c1.new1")) == ["c1.new1.new1"] and tr.count_milestones(demo, PLAN) == 7
    assert check(demo, PLAN) == []


def test_a_top_level_chapter_can_be_added_first(demo: sqlite3.Connection) -> None:
    na.add_node(demo, PLAN, None, "第零章 总则", "chapter", position=0)
    assert lines(demo) == ["new1", "c1", "c2"] and check(demo, PLAN) == []


def test_editing_title_text_number_and_kind_is_one_undoable_entry(demo: sqlite3.Connection) -> None:
    change = na.edit_node(demo, n("c1.t1"), title="深化商事制度改革(调整)", text="", number="一", kind="entry")
    row = demo.execute("SELECT title, text, number, kind FROM nodes WHERE id = ?", (n("c1.t1"),)).fetchone()
    assert tuple(row) == ("深化商事制度改革(调整)", None, "一", "entry")
    # the task's own milestone carries the same title (reports list it by that title)
    title = demo.execute("SELECT title FROM milestones WHERE id = ?", (n("c1.t1"),)).fetchone()[0]
    assert title == "深化商事制度改革(调整)"
    fields = {f.field: (f.before, f.after) for f in history.entry(demo, change.seq).fields}
    assert fields["title"] == ("深化商事制度改革", "深化商事制度改革(调整)") and fields["kind"] == ("task", "entry")
    actions.undo(demo)
    row = demo.execute("SELECT title, text, number, kind, clerk FROM nodes WHERE id = ?", (n("c1.t1"),)).fetchone()
    assert tuple(row) == ("深化商事制度改革", "推进“证照分离”改革全覆盖。", "1.", "task", None)
    assert demo.execute("SELECT title FROM milestones WHERE id = ?", (n("c1.t1"),)).fetchone()[0] == "深化商事制度改革"


def test_an_edit_that_changes_nothing_or_blanks_the_title_is_refused(demo: sqlite3.Connection) -> None:
    with pytest.raises(BadInput):
        na.edit_node(demo, n("c1.t1"), title="深化商事制度改革")
    with pytest.raises(BadInput):
        na.edit_node(demo, n("c1.t1"), title="   ")
    with pytest.raises(BadInput):
        na.edit_node(demo, n("c1.t1"), kind="chapterish")
    with pytest.raises(NotFound):
        na.edit_node(demo, n("nope"), title="x")


def test_moving_a_task_to_another_chapter_moves_its_milestones_and_roll_ups(demo: sqlite3.Connection) -> None:
    actions.tick(demo, n("c1.t2.m1"), date(2023, 5, 1))
    change = na.move_node(demo, n("c1.t2"), n("c2"), 0)
    assert lines(demo, n("c2")) == ["c1.t2", "c2.p1"] and lines(demo, n("c1")) == ["c1.t1"]
    assert check(demo, PLAN) == []
    c2 = demo.execute("SELECT seq, last_seq FROM nodes WHERE id = ?", (n("c2"),)).fetchone()
    under_c2 = demo.execute("SELECT count(*) FROM milestones WHERE plan_id = ? AND seq BETWEEN ? AND ?",
                            (PLAN, c2["seq"], c2["last_seq"])).fetchone()[0]
    assert under_c2 == 5  # 3 stations + the task's 2 targets
    fields = {f.field: (f.before, f.after) for f in history.entry(demo, change.seq).fields}
    assert fields == {"place": ("优化营商环境", "重大项目")}
    actions.undo(demo)
    assert lines(demo, n("c1")) == ["c1.t1", "c1.t2"] and lines(demo, n("c2")) == ["c2.p1"]
    assert check(demo, PLAN) == []
    assert demo.execute("SELECT done_on FROM milestones WHERE id = ?", (n("c1.t2.m1"),)).fetchone()[0] == "2023-05-01"


def test_moving_up_and_down_among_siblings(demo: sqlite3.Connection) -> None:
    na.move_by(demo, n("c1.t2"), -1)
    assert lines(demo, n("c1")) == ["c1.t2", "c1.t1"] and check(demo, PLAN) == []
    with pytest.raises(BadInput, match="already first"):
        na.move_by(demo, n("c1.t2"), -1)
    na.move_by(demo, n("c2"), -1)
    assert lines(demo) == ["c2", "c1"] and check(demo, PLAN) == []
    entry = history.entries(demo, 1)[0]
    assert [(f.field, f.after) for f in entry.fields] == [("order", "up")]
    actions.undo(demo, 2)
    assert lines(demo) == ["c1", "c2"] and lines(demo, n("c1")) == ["c1.t1", "c1.t2"]


def test_a_move_under_itself_its_subtree_or_an_archived_node_is_refused(demo: sqlite3.Connection) -> None:
    with pytest.raises(BadInput, match="under itself"):
        na.move_node(demo, n("c1"), n("c1"))
    with pytest.raises(BadInput, match="under itself"):
        na.move_node(demo, n("c1"), n("c1.t2"))
    na.archive_node(demo, n("c2"))
    with pytest.raises(BadInput, match="archived"):
        na.move_node(demo, n("c1.t1"), n("c2.p1"))
    with pytest.raises(NotFound):
        na.move_node(demo, n("c2.p1"), n("c1"))  # an archived node is not moved
    assert [p["id"] for p in na.parent_choices(demo, n("c1.t2"))] == [n("c1"), n("c1.t1")]


def test_archiving_a_chapter_takes_its_subtree_out_and_undo_brings_it_back_with_ticks(demo: sqlite3.Connection) -> None:
    actions.tick(demo, n("c2.p1.a"), date(2022, 11, 30), "已验收")
    change = na.archive_node(demo, n("c2"))
    assert lines(demo) == ["c1"] and tr.count_milestones(demo, PLAN) == 3
    assert tr.search(demo, PLAN, "所").nodes == set()  # nothing of it is found either
    assert demo.execute("SELECT count(*) FROM journal WHERE action = 'archive_node'").fetchone()[0] == 1
    assert history.entry(demo, change.seq).fields[0][:3] == ("archived", False, True)
    [undone] = actions.undo(demo)
    assert undone.skipped is None and lines(demo) == ["c1", "c2"] and tr.count_milestones(demo, PLAN) == 6
    row = demo.execute("SELECT done_on, done_note, archived_at FROM milestones WHERE id = ?",
                       (n("c2.p1.a"),)).fetchone()
    assert tuple(row) == ("2022-11-30", "已验收", None)
    actions.redo(demo)
    assert lines(demo) == ["c1"]


def test_undoing_a_move_back_under_a_parent_archived_since_is_skipped(tmp_path: Path,
                                                                     demo: sqlite3.Connection) -> None:
    na.move_node(demo, n("c1.t2"), n("c2"))
    # the next plan file drops chapter 1 and prints the task where the clerk put it
    plan = plans._base()
    task = plan["nodes"][0]["children"][1]
    plan["nodes"] = plan["nodes"][1:]
    plan["nodes"][0]["children"].append(task)
    import_file(demo, plans.write(plan, tmp_path, "no_c1"))
    assert lines(demo) == ["c2"] and lines(demo, n("c2")) == ["c2.p1", "c1.t2"]
    [skip] = actions.undo(demo)
    assert skip.skipped == "archived_parent"  # never moved back under the archived chapter
    assert lines(demo, n("c2")) == ["c2.p1", "c1.t2"] and check(demo, PLAN) == []


KIND = st.sampled_from(["section", "task", "text", "chapter"])
OPS = st.lists(st.one_of(
    st.tuples(st.just("add"), st.integers(0, 40), KIND, st.one_of(st.none(), st.integers(0, 4))),
    st.tuples(st.just("move"), st.integers(0, 40), st.integers(-1, 40), st.one_of(st.none(), st.integers(0, 4))),
    st.tuples(st.just("step"), st.integers(0, 40), st.sampled_from([-1, 1])),
    st.tuples(st.just("edit"), st.integers(0, 40), st.sampled_from(["甲", "乙"])),
    st.tuples(st.just("archive"), st.integers(0, 40)),
    st.tuples(st.just("undo")),
    st.tuples(st.just("redo")),
), max_size=14)


def _live(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT id FROM nodes WHERE plan_id = ? AND archived_at IS NULL ORDER BY id",
                                       (PLAN,))]


def _apply(conn: sqlite3.Connection, op: tuple[Any, ...]) -> None:
    live = _live(conn)

    def pick(i: int) -> str:
        return live[i % len(live)]

    try:
        if op[0] == "add":
            na.add_node(conn, PLAN, pick(op[1]) if live and op[1] % 5 else None, f"新增{op[1]}", op[2], position=op[3])
        elif op[0] == "move" and live:
            na.move_node(conn, pick(op[1]), None if op[2] < 0 else pick(op[2]), op[3])
        elif op[0] == "step" and live:
            na.move_by(conn, pick(op[1]), op[2])
        elif op[0] == "edit" and live:
            na.edit_node(conn, pick(op[1]), title=op[2])
        elif op[0] == "archive" and live:
            na.archive_node(conn, pick(op[1]))
        elif op[0] == "undo":
            actions.undo(conn)
        elif op[0] == "redo":
            actions.redo(conn)
    except (BadInput, NotFound):
        pass


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(OPS)
def test_any_sequence_keeps_the_numbering_sound_and_undo_all_redo_all_retrace_it(demo: sqlite3.Connection,
                                                                               ops: list[Any]) -> None:
    demo.execute("DELETE FROM undo_stack")
    demo.execute("DELETE FROM redo_stack")
    start = structure(demo)
    for op in ops:
        _apply(demo, op)
        assert check(demo, PLAN) == [], op
    # undo everything: every state passed through comes back, the first one last
    while True:
        try:
            [change] = actions.undo(demo)
        except BadInput:
            break
        assert check(demo, PLAN) == []
        assert change.skipped is None
    assert structure(demo) == start
    demo.execute("DELETE FROM undo_stack")
    demo.execute("DELETE FROM redo_stack")
    # and the test data is put back for the next example
    for row in demo.execute("SELECT id FROM nodes WHERE origin = 'clerk'").fetchall():
        raise AssertionError(f"clerk node {row[0]} survived undo-all")


def test_a_schema_3_file_gets_each_nodes_place_among_its_siblings(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = open_store(path, seed=False)
    import_file(conn, FIXTURES / "small_plan.yaml")
    na.archive_node(conn, n("c2.p1"))
    conn.execute("UPDATE nodes SET ord = NULL, origin = NULL, archived_why = NULL")  # as schema 3 left them
    conn.execute("PRAGMA user_version = 3")
    conn.close()
    conn = open_store(path, seed=False)
    rows = conn.execute("SELECT id, ord, origin, archived_why FROM nodes ORDER BY seq").fetchall()
    assert [tuple(r) for r in rows] == [(n("c1"), 1.0, "plan", None), (n("c1.t1"), 1.0, "plan", None),
                                        (n("c1.t2"), 2.0, "plan", None), (n("c2"), 2.0, "plan", None),
                                        (n("c2.p1"), 1.0, "plan", "import")]
    na.move_by(conn, n("c1.t2"), -1)
    assert lines(conn, n("c1")) == ["c1.t2", "c1.t1"] and check(conn, PLAN) == []


def test_history_names_an_archived_chapter_and_counts_what_went_with_it(demo: sqlite3.Connection) -> None:
    from tui.history_text import changes_text
    from tui.i18n import Catalog

    change = na.archive_node(demo, n("c2"))
    entry = history.entry(demo, change.seq)
    assert entry is not None
    text = changes_text(entry, Catalog("en"))
    # the project and its 3 milestones (ids named once each), not a list of every row
    assert text == f"state: in use → archived; with: {n('c2.p1')}、{n('c2.p1.a')}、{n('c2.p1.b')} and 1 more"
