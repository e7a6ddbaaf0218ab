"""``missing`` (催报) and ``units`` (the 通报 by unit) are answered by one query each; they give what
the plain rule gives, item by item in Python: the units that apply (store.units.of_plan), each
item's light (store.lights.item_lights), who reported and who owes (store.progress_views.unreported).
Checked on the seed plans (with clerk's unit settings, a cleared one included, ticks and reports)
and on random small plans."""
from __future__ import annotations

import json
import random
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from store import lights as lt
from store import progress_views as pv
from store import queries as q
from store import units as un
from store.db import open_store
from store.importer import import_file
from store.report.rows import PlanIndex
from tests.progress.test_progress_rollups_fast import TODAYS, _random_history, _random_plan


def plain_units(conn: sqlite3.Connection, plan_id: str) -> dict[str, un.Units]:
    rows = conn.execute(f"WITH RECURSIVE {un.applying_sql()} SELECT * FROM applying", {"plan": plan_id})
    return {i: un.Units(tuple(json.loads(lead)) if lead else (), tuple(json.loads(s)) if s else (), f)
            for i, lead, s, f in rows}


def plain_missing(conn: sqlite3.Connection, plan_id: str, period, today: date) -> list[pv.UnitGroup]:
    applying = un.of_plan(conn, plan_id)
    nodes = {n.id: n for n in q.nodes(conn, plan_id)}
    groups: dict[str, list[pv.Tracked]] = {}
    for item in pv.unreported(conn, plan_id, period, today):
        due = conn.execute("SELECT MAX(due) FROM milestones WHERE node_id = ? AND archived_at IS NULL",
                           (item,)).fetchone()[0]
        units = applying.get(item, un.NONE)
        tracked = pv.Tracked(item, nodes[item].number, nodes[item].title, units.lead, units.support, due)
        for unit in units.lead or (pv.NO_UNIT,):
            groups.setdefault(unit, []).append(tracked)
    order = sorted(groups, key=lambda u: (u == pv.NO_UNIT, -len(groups[u]), u))
    return [pv.UnitGroup(u, groups[u]) for u in order]


def plain_unit_rows(conn: sqlite3.Connection, plan_id: str, today: date, period) -> list[pv.UnitRow]:
    lights = lt.item_lights(conn, lt.settings(conn, plan_id, today, 30))
    applying = un.of_plan(conn, plan_id)
    reported = {r[0] for r in conn.execute("SELECT node_id FROM progress WHERE plan_id = ? AND period = ? AND "
                                           "reported_on <= ?", (plan_id, period.key, today.isoformat()))}
    owing = set(pv.unreported(conn, plan_id, period, today))
    tally: dict[str, list[int]] = {}
    for node_id, light in lights.items():
        for unit in applying.get(node_id, un.NONE).lead or (pv.NO_UNIT,):
            row = tally.setdefault(unit, [0] * 8)
            row[0] += 1
            row[1] += light.reason == "done"
            row[2] += light.reason == "overdue"
            row[3 + lt.COLOURS.index(light.light)] += 1
            row[6] += node_id in reported
            row[7] += node_id in owing
    order = sorted(tally, key=lambda u: (u == pv.NO_UNIT, -tally[u][0], u))
    return [pv.UnitRow(u, *tally[u]) for u in order]


def _check(conn: sqlite3.Connection, plan_id: str) -> int:
    assert plain_units(conn, plan_id) == un.of_plan(conn, plan_id)
    listed = 0
    for today in TODAYS:
        period = pv.due_period(conn, plan_id, today)
        got = pv.missing(conn, plan_id, period, today)
        assert got == plain_missing(conn, plan_id, period, today)
        assert pv.missing_units(conn, plan_id, period, today) == [g.unit for g in got]  # what a report names
        index = PlanIndex.load(conn, plan_id)  # a report's own walk of the units gives the same names
        assert pv.missing_units(conn, plan_id, period, today, index.lead) == [g.unit for g in got]
        listed += sum(len(g.items) for g in got)
        assert pv.unit_rows(conn, plan_id, today, 30) == (period, plain_unit_rows(conn, plan_id, today, period))
    return listed


@pytest.mark.parametrize("plan_id", ["wulong-2021-2025", "xiangyang-2022-2025", "linyi-2023", "tongliao-2021-2025",
                                     "luoyang-2021-2025"])
def test_seed_plans_missing_and_units_follow_the_plain_rule(conn: sqlite3.Connection, plan_id: str) -> None:
    nodes = q.nodes(conn, plan_id)
    # the clerk's settings: one chapter's units set (its tasks inherit them), one task's lead cleared
    chapter = next(n for n in nodes if n.depth == 0 and any(m.parent_id == n.id for m in nodes))
    conn.execute("UPDATE nodes SET units_override = '[\"综合科\"]', support_override = '[\"法规科\"]' WHERE id = ?",
                 (chapter.id,))
    task = next(n for n in nodes if n.depth > 0 and n.parent_id == chapter.id)
    conn.execute("UPDATE nodes SET units_override = '[]' WHERE id = ?", (task.id,))
    _random_history(random.Random(plan_id), conn, plan_id)
    assert _check(conn, plan_id) > 0


@pytest.mark.parametrize("seed", range(4))
def test_random_plans_missing_and_units_follow_the_plain_rule(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    conn = open_store(tmp_path / "rand.sqlite3", seed=False)
    plan_id = _random_plan(rng, tmp_path / "rand.yaml")
    import_file(conn, tmp_path / "rand.yaml")
    _random_history(rng, conn, plan_id)
    _check(conn, plan_id)
