"""One units rule for every surface: own units, else the nearest ancestor's; lead and support apart."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from store import actions
from store import queries as q
from store import tree as tr
from store import units as un
from store.db import open_store
from store.importer import import_file
from tests.conftest import FIXTURES

PLAN = "track-2021-2025"


@pytest.fixture
def track(tmp_path: Path) -> sqlite3.Connection:
    conn = open_store(tmp_path / "track.sqlite3", seed=False)
    import_file(conn, FIXTURES / "progress_plan.yaml")
    return conn


def test_a_task_without_units_takes_its_chapter_s_lead_and_support(track: sqlite3.Connection) -> None:
    units = un.of_plan(track, PLAN)
    assert units[f"{PLAN}/c1.t1"] == un.Units(("区市场监管局",), ("区发改委", "区商务委"), f"{PLAN}/c1")
    assert units[f"{PLAN}/c1.t3"] == un.Units(("综合科",), ("法规科", "信用科"), f"{PLAN}/c1.t3")
    # a task naming only its lead takes no supporting unit from above: the pair comes from one place
    assert units[f"{PLAN}/c1.t2"] == un.Units(("登记注册科",), (), f"{PLAN}/c1.t2")
    assert units[f"{PLAN}/a1.r1"] == un.NONE
    assert un.of_node(track, f"{PLAN}/c1.t1") == units[f"{PLAN}/c1.t1"]


def test_the_detail_pane_s_query_the_filter_and_the_reports_agree(track: sqlite3.Connection) -> None:
    node = q.node(track, f"{PLAN}/c1.t1")
    assert (node.effective_units, node.effective_support) == (["区市场监管局"], ["区发改委", "区商务委"])
    assert node.own_units == []
    assert {n.id: n.effective_units for n in q.nodes(track, PLAN)}[f"{PLAN}/c1.t1"] == ["区市场监管局"]
    led = tr.by_unit(track, PLAN, "区市场监管局").nodes
    assert f"{PLAN}/c1.t1" in led and f"{PLAN}/c1.t2" not in led
    assert f"{PLAN}/c1.t1" in tr.by_unit(track, PLAN, "区商务委").nodes  # supporting counts for the filter
    assert f"{PLAN}/c1.t1" not in tr.by_unit(track, PLAN, "区商务委", un.LEAD).nodes
    assert ("区市场监管局", 1) in tr.units(track, PLAN) and ("法规科", 1) in tr.units(track, PLAN)


def test_setting_lead_and_support_is_one_undoable_change(track: sqlite3.Connection) -> None:
    node_id = f"{PLAN}/c1.t1"
    actions.set_units(track, node_id, ["综合科"], support=["法规科", "信用科"])
    assert un.of_node(track, node_id) == un.Units(("综合科",), ("法规科", "信用科"), node_id)
    actions.set_units(track, node_id, support=[])  # the lead stays; no supporting unit
    assert un.of_node(track, node_id) == un.Units(("综合科",), (), node_id)
    actions.undo(track)
    assert un.of_node(track, node_id).support == ("法规科", "信用科")
    actions.set_units(track, node_id, None, support=None)  # back to the plan: inherits again
    assert un.of_node(track, node_id).from_id == f"{PLAN}/c1"
    actions.set_units(track, f"{PLAN}/c1.t2", ["区商务委", "区发改委"])  # the app's one-argument call still works
    assert un.of_node(track, f"{PLAN}/c1.t2").lead == ("区商务委", "区发改委")


def test_overrides_survive_reimport(track: sqlite3.Connection) -> None:
    actions.set_units(track, f"{PLAN}/c1.t1", ["综合科"], support=["信用科"])
    import_file(track, FIXTURES / "progress_plan.yaml")
    assert un.of_node(track, f"{PLAN}/c1.t1") == un.Units(("综合科",), ("信用科",), f"{PLAN}/c1.t1")


@pytest.mark.parametrize(("text", "names"), [("区市场监管局、区商务委", ["区市场监管局", "区商务委"]),
                                             ("甲，乙, 丙；丁", ["甲", "乙", "丙", "丁"]), (" 甲 ", ["甲"]), ("", [])])
def test_unit_lists_split_on_chinese_and_ascii_separators(text: str, names: list[str]) -> None:
    assert un.split_units(text) == names


def test_a_listed_unit_name_is_kept_whole() -> None:
    assert un.clean(["[b]科室[/b]", "区市场监管局", "区市场监管局"]) == ["[b]科室[/b]", "区市场监管局"]


def test_the_report_lists_take_the_same_lead_units_on_every_node(track: sqlite3.Connection) -> None:
    """The report's units column (``PlanIndex``) is the store's rule, also on a node that names only
    supporting units (that stops the lead units inherited from its chapter)."""
    from store.report.rows import PlanIndex

    only_support = f"{PLAN}/c1.t1"
    actions.set_units(track, only_support, [], support=["法规科"])
    rule = un.of_plan(track, PLAN)
    assert rule[only_support] == un.Units((), ("法规科",), only_support)
    index = PlanIndex.load(track, PLAN)
    seqs = dict(track.execute("SELECT id, seq FROM nodes WHERE plan_id = ? AND archived_at IS NULL", (PLAN,)))
    assert {node_id: index.units(seqs[node_id]) for node_id in rule} == {n: u.lead for n, u in rule.items()}
    # a list read whole finds its units by each milestone's own seq
    at, lists = index.lead
    for milestone_id, node_id, seq in track.execute(
            "SELECT id, node_id, seq FROM milestones WHERE plan_id = ? AND archived_at IS NULL", (PLAN,)):
        assert lists[at[seq]] == rule[node_id].lead, milestone_id
