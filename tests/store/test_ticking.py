"""What a tick on a line means (store.ticking): one rule for the command line and the app."""
from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from store import actions
from store import tree as tr
from store.errors import NotFound
from store.ticking import NotOneMilestone, line_milestone, milestone_to_tick

LINYI_ONE = "linyi-2023/p4.t15"  # a task with one written-out milestone (not an implicit one)
YANGJIAO = "wulong-2021-2025/a1.p1.yangjiao"


def test_a_task_with_one_milestone_means_it_implicit_or_not() -> None:
    assert line_milestone(["m1"]) == "m1"
    assert line_milestone([]) is None
    assert line_milestone(["m1", "m2"]) is None


def test_milestone_to_tick_on_ids_and_tasks(conn: sqlite3.Connection) -> None:
    assert milestone_to_tick(conn, YANGJIAO) == YANGJIAO
    assert milestone_to_tick(conn, "wulong/a1.p1.yangjiao") == YANGJIAO  # a plan prefix, as typed
    assert milestone_to_tick(conn, "linyi/p4.t15") == f"{LINYI_ONE}.m1"
    with pytest.raises(NotOneMilestone) as several:
        milestone_to_tick(conn, "wulong/a1.p1")
    assert YANGJIAO in several.value.milestone_ids and len(several.value.milestone_ids) > 1
    with pytest.raises(NotOneMilestone) as none:
        milestone_to_tick(conn, "wulong/c1")
    assert none.value.milestone_ids == []
    with pytest.raises(NotFound):
        milestone_to_tick(conn, "wulong/no.such.thing")


def test_a_deleted_milestone_no_longer_counts(conn: sqlite3.Connection) -> None:
    """Two milestones, one deleted (archived): the task means the one left."""
    added = actions.add_milestone(conn, LINYI_ONE, "第二个里程碑", date(2023, 9, 30))
    with pytest.raises(NotOneMilestone):
        milestone_to_tick(conn, LINYI_ONE)
    actions.delete_milestone(conn, f"{LINYI_ONE}.m1")
    assert milestone_to_tick(conn, LINYI_ONE) == added.entity_id


def test_the_tree_line_of_a_task_ticks_what_the_rule_says(conn: sqlite3.Connection) -> None:
    items = {i.id: i for i in tr.children(conn, "linyi-2023", "linyi-2023/p4", date(2023, 6, 30))}
    line = items[LINYI_ONE]
    assert line.own is None  # drawn with its milestone as a line below it ...
    assert line.tickable is not None and line.tickable.id == f"{LINYI_ONE}.m1"  # ... and ticks it
