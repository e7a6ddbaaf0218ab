"""Units painted by seq range (``units.lead_by_seq``, what the reports' long lists and the owing
units read) say what the node-by-node rule (``units.of_plan``) says, for every live node and
every live milestone: on the seed plans, and on random plans where the clerk set and cleared
units, named only supporting units, and archived nodes (whose children stop inheriting)."""
from __future__ import annotations

import random
import sqlite3
from pathlib import Path

from store import actions
from store import node_actions as na
from store import units as un
from store.db import open_store
from store.importer import import_file
from tests.progress.test_progress_rollups_fast import _random_plan


def _assert_agrees(conn: sqlite3.Connection, plan_id: str) -> int:
    rule = un.of_plan(conn, plan_id)
    painted = un.lead_by_seq(conn, plan_id)
    checked = 0
    for node_id, seq in conn.execute("SELECT id, seq FROM nodes WHERE plan_id = ? AND archived_at IS NULL",
                                     (plan_id,)):
        assert painted.of(seq) == rule[node_id].lead, node_id
        checked += 1
    for milestone_id, node_id, seq in conn.execute(
            "SELECT id, node_id, seq FROM milestones WHERE plan_id = ? AND archived_at IS NULL", (plan_id,)):
        assert painted.of(seq) == rule[node_id].lead, milestone_id
        checked += 1
    return checked


def test_painted_units_agree_with_the_rule_on_the_seed_plans(conn: sqlite3.Connection) -> None:
    plans = [r[0] for r in conn.execute("SELECT id FROM plans")]
    assert len(plans) >= 5
    assert sum(_assert_agrees(conn, plan_id) for plan_id in plans) > 500


def test_painted_units_agree_after_the_clerk_sets_units_and_archives(tmp_path: Path) -> None:
    checked = 0
    for seed in range(8):
        rng = random.Random(seed)
        path = tmp_path / f"rand{seed}.yaml"
        plan_id = _random_plan(rng, path)
        conn = open_store(tmp_path / f"rand{seed}.sqlite3", seed=False)
        import_file(conn, path)
        nodes = [r[0] for r in conn.execute("SELECT id FROM nodes WHERE plan_id = ? ORDER BY seq", (plan_id,))]
        for node_id in rng.sample(nodes, len(nodes) // 4):
            choice = rng.randrange(4)
            if choice == 0:
                actions.set_units(conn, node_id, ["书记处"])
            elif choice == 1:
                actions.set_units(conn, node_id, [])  # the clerk's "none": stops what is inherited
            elif choice == 2:
                actions.set_units(conn, node_id, support=["配合处"])  # supporting units only
            else:
                actions.set_units(conn, node_id, ["甲处", "乙处"], support=["丙处"])
        checked += _assert_agrees(conn, plan_id)
        for node_id in rng.sample(nodes, 2):
            if conn.execute("SELECT archived_at FROM nodes WHERE id = ?", (node_id,)).fetchone()[0] is None:
                na.archive_node(conn, node_id)
        checked += _assert_agrees(conn, plan_id)
        # a plan node gone on re-import while the clerk's node under it stays: its parent alone archived
        parent = conn.execute("SELECT parent_id FROM nodes WHERE plan_id = ? AND depth = 2 AND archived_at IS NULL "
                              "ORDER BY seq LIMIT 1", (plan_id,)).fetchone()
        if parent is not None:
            conn.execute("UPDATE nodes SET archived_at = '2023-01-01' WHERE id = ?", (parent[0],))
            checked += _assert_agrees(conn, plan_id)
        conn.close()
    assert checked > 200
