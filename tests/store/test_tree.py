"""store/tree.py: the tree's questions answered in SQL, checked against the Wulong seed."""
from __future__ import annotations

import sqlite3
from datetime import date

from store import actions
from store import queries as q
from store import tree as tr

W = "wulong-2021-2025"
TODAY = date(2023, 6, 30)


def test_children_hide_a_tasks_implicit_milestone_and_show_explicit_ones(conn: sqlite3.Connection) -> None:
    top = tr.children(conn, W, None, TODAY)
    assert [i.id for i in top][:3] == [f"{W}/basis", f"{W}/c1", f"{W}/c2"]
    station = tr.children(conn, W, f"{W}/a1.p1", TODAY)
    assert [i.id for i in station] == [f"{W}/a1.p1.yangjiao", f"{W}/a1.p1.huolu", f"{W}/a1.p1.fenglai"]
    assert all(i.kind == tr.MILESTONE for i in station)
    task = next(i for i in tr.children(conn, W, f"{W}/c4.s2", TODAY) if i.id == f"{W}/c4.s2.t1")
    assert task.own is not None and task.own.id == task.id and not task.has_children
    assert task.tickable is task.own


def test_search_finds_one_and_two_chinese_characters(conn: sqlite3.Connection) -> None:
    one = tr.search(conn, W, "羊")
    two = tr.search(conn, W, "羊角")
    assert f"{W}/a1.p1.yangjiao" in one.milestones and f"{W}/a1.p1.yangjiao" in two.milestones
    assert len(two) <= len(one)
    percent = tr.search(conn, W, "%")  # LIKE wildcards are searched literally
    assert percent.nodes and all("%" in f"{n.number} {n.title} {n.text}" for n in map(lambda i: q.node(conn, i),
                                                                                        percent.nodes))
    assert not tr.search(conn, W, "监_所")
    assert not tr.search(conn, W, "   ")


def test_search_starts_on_a_title_match_before_a_body_text_mention(conn: sqlite3.Connection) -> None:
    """羊角 appears first in a task's body (羊角豆干); the cursor should start on the station."""
    found = tr.search(conn, W, "羊角")
    assert f"{W}/c4.s2.t1" in found.nodes  # the body-text mention is still a match ...
    sparse = tr.sparse(conn, W, found, TODAY)
    assert sparse.first == tr.key(tr.MILESTONE, f"{W}/a1.p1.yangjiao")  # ... but not where we start
    body_only = tr.search(conn, W, "羊角豆干")
    assert tr.sparse(conn, W, body_only, TODAY).first == tr.key(tr.NODE, f"{W}/c4.s2.t1")


def test_overdue_filter_agrees_with_the_rollups(conn: sqlite3.Connection) -> None:
    found = tr.by_state(conn, W, tr.STATE_FILTERS[tr.OVERDUE_ONLY], TODAY)
    # 17: with the 2022 rounds of Wulong's two yearly targets (every: year)
    assert len(found.milestones) == q.rollups(conn, W, TODAY)[W].counts["overdue"] == 17
    sparse = tr.sparse(conn, W, found, TODAY)
    # every shown line's parent is shown too (a sparse tree, not a flat list)
    shown = {i.id for items in sparse.children.values() for i in items if i.kind == tr.NODE}
    for parent in sparse.children:
        assert parent is None or parent in shown
    assert len(sparse.matched) == 17
    assert f"n:{W}/c3" not in {i.key for i in sparse.children[None]}


def test_next_overdue_goes_forward_and_wraps(conn: sqlite3.Connection) -> None:
    first = tr.next_overdue(conn, W, TODAY, None)
    assert first is not None
    second = tr.next_overdue(conn, W, TODAY, (first.seq, first.id))
    assert second is not None and (second.seq, second.id) > (first.seq, first.id)
    last = max((m for m in q.milestones(conn, W, TODAY) if m.state == "overdue"), key=lambda m: (m.seq, m.id))
    assert tr.next_overdue(conn, W, TODAY, (last.seq, last.id)).id == first.id
    assert tr.next_overdue(conn, W, date(2021, 1, 1), None) is None


def test_reveal_gives_the_path_and_units_follow_the_clerk(conn: sqlite3.Connection) -> None:
    found = tr.reveal(conn, W, tr.MILESTONE, f"{W}/a1.p1.yangjiao", TODAY)
    assert found is not None and found.path == [f"{W}/a1", f"{W}/a1.p1"]
    assert set(found.children) == {None, f"{W}/a1", f"{W}/a1.p1"}
    implicit = tr.reveal(conn, W, tr.MILESTONE, f"{W}/c4.s2.t1", TODAY)
    assert implicit.target == f"n:{W}/c4.s2.t1"  # a node's only, implicit milestone is the node
    actions.set_units(conn, f"{W}/c4.s2.t1", ["区农业农村委"])
    assert ("区农业农村委", 1) in tr.units(conn, W)
    assert tr.by_unit(conn, W, "区农业农村委").nodes == {f"{W}/c4.s2.t1"}


def test_all_children_in_one_pass_equals_asking_parent_by_parent(conn: sqlite3.Connection) -> None:
    actions.tick(conn, f"{W}/a1.p1.yangjiao", date(2022, 11, 30))
    for plan in q.list_plans(conn):
        everything = tr.all_children(conn, plan.id, TODAY)
        parents = [None, *(n.id for n in q.nodes(conn, plan.id))]
        one_by_one = {p: tr.children(conn, plan.id, p, TODAY) for p in parents}
        assert everything == {p: items for p, items in one_by_one.items() if items or p is None}
        # parents come in document order after the top level: a parent's line is always added first
        seen = {tr.key(tr.NODE, i.id) for i in everything[None]}
        for parent, items in list(everything.items())[1:]:
            assert parent is not None and tr.key(tr.NODE, parent) in seen
            seen |= {i.key for i in items}
        # a refresh of many open branches reads them the same way
        many = tr.children_of_many(conn, plan.id, parents, TODAY)
        assert many == one_by_one
