"""The export writes every node's roll-ups from prefix sums and its units as the nodes pass; each
key still says what the shared rules say, asked node by node: q.rollups (states), lights.rollups
and item_lights (lights), units.of_plan (units), lights.milestone_lights (each milestone's light).
Checked on the seed plans (clerk's unit settings, ticks, reports) and on random small plans."""
from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from store import export as ex
from store import lights as lt
from store import queries as q
from store import status as st
from store import units as un
from store.db import open_store
from store.importer import import_file
from tests.progress.test_progress_rollups_fast import TODAYS, _random_history, _random_plan


def _check(conn: sqlite3.Connection, plan_id: str) -> None:
    plan = q.resolve_plan(conn, plan_id)
    depths = tuple(sorted({n.depth for n in q.nodes(conn, plan_id)}))
    applying = un.of_plan(conn, plan_id)
    for today in TODAYS:
        data = ex.export_plan(conn, plan, today, 30)
        s = lt.settings(conn, plan_id, today, 30)
        states = q.rollups(conn, plan_id, today, 30)
        counts = lt.rollups(conn, s, depths)
        own = lt.item_lights(conn, s)
        for node in data["nodes"]:
            node_id = node["id"]
            assert node["status"] == ex._rollup(states.get(node_id, st.Rollup())), node_id
            mine = own.get(node_id)
            counted = counts.get(node_id)
            assert node["lights"] == (dict(counted._asdict()) if counted else None), node_id
            assert node["light"] == (mine.light if mine else counted.light if counted else None), node_id
            assert (node["light_reason"], node["expected"]) == ((mine.reason, mine.expected) if mine else (None, None))
            units = applying[node_id]
            assert (node["lead"], node["support"]) == (list(units.lead), list(units.support)), node_id
            assert node["units_inherited_from"] == (units.from_id if units.from_id != node_id else None), node_id
        lights = lt.milestone_lights(conn, s, [m["id"] for m in data["milestones"]])
        assert [m["light"] for m in data["milestones"]] == [lights[m["id"]].light for m in data["milestones"]]
        assert [x["milestone"] for x in data["links"]] == [m["id"] for m in data["milestones"] if m["same_as"]]


@pytest.mark.parametrize("plan_id", ["wulong-2021-2025", "xiangyang-2022-2025", "linyi-2023"])
def test_seed_plans_export_what_the_rules_say(conn: sqlite3.Connection, plan_id: str) -> None:
    chapter = next(n for n in q.nodes(conn, plan_id) if n.depth == 0 and n.kind != "text")
    conn.execute("UPDATE nodes SET units_override = '[\"综合科\"]' WHERE id = ?", (chapter.id,))
    _random_history(random.Random(plan_id), conn, plan_id)
    _check(conn, plan_id)


@pytest.mark.parametrize("seed", range(3))
def test_random_plans_export_what_the_rules_say(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    conn = open_store(tmp_path / "rand.sqlite3", seed=False)
    plan_id = _random_plan(rng, tmp_path / "rand.yaml")
    import_file(conn, tmp_path / "rand.yaml")
    _random_history(rng, conn, plan_id)
    _check(conn, plan_id)
