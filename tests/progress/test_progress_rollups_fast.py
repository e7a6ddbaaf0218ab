"""The one-pass light roll-ups (store.lights.rollups) give what the plain rule gives: each task's
light (store.lights.item_lights) counted under its ancestors found by walking up the tree. Checked
on the seed plans and on random small plans (ticks, reports, deep trees, tasks with several
milestones), for chapters, sections, one branch's children and one unit's tasks, in both ways
the roll-up can run (the CASE over ancestors' ranges, and the index look-up for many ancestors)."""
from __future__ import annotations

import random
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from store import actions
from store import lights as lt
from store import progress_actions as pa
from store import queries as q
from store.db import open_store
from store.importer import import_file

TODAYS = (date(2022, 3, 1), date(2023, 7, 10), date(2025, 12, 1))


def plain_rollups(conn: sqlite3.Connection, s: lt.Settings, depths: tuple[int, ...],
                  node_ids: list[str] | None = None, parent_id: str | None = None) -> dict[str, lt.Counts]:
    """The rule as a person states it: every tracked task's light, counted under its ancestor at
    each depth (and under the whole plan, or under the parent whose children are asked for)."""
    nodes = {n.id: n for n in q.nodes(conn, s.plan_id)}
    if parent_id is not None:
        depths = (nodes[parent_id].depth + 1,)
    lights = lt.item_lights(conn, s, node_ids)
    tallies: dict[str, list[int]] = {s.plan_id: [0, 0, 0]}
    for node_id, light in lights.items():
        chain = []
        current: str | None = node_id
        while current is not None:
            chain.append(current)
            current = nodes[current].parent_id
        if parent_id is not None and parent_id not in chain:
            continue
        colour = lt.COLOURS.index(light.light)
        tallies[s.plan_id][colour] += 1
        for ancestor in chain:
            if nodes[ancestor].depth in depths:
                tallies.setdefault(ancestor, [0, 0, 0])[colour] += 1
    return {node_id: lt.Counts(*counts) for node_id, counts in tallies.items()}


def _random_plan(rng: random.Random, path: Path) -> str:
    """A small plan in the plan format: chapters, sections, tasks and projects, some with several
    milestones (some with a start), some with none (one implicit milestone), led by a few units."""
    lines = ["id: rand-2021-2025", "region: 随机区", "title: 随机规划", "source_file: rand.txt",
             "period: {start: 2021, end: 2025}",
             "reporting: {cycle: quarter, yellow_lag: 10, red_lag: 30}", "nodes:"]
    counter = iter(range(1, 10_000))

    def day() -> date:
        return date(2021, 1, 1) + timedelta(days=rng.randrange(5 * 365))

    def node(indent: int, depth: int) -> None:
        pad = " " * indent
        n = next(counter)
        leaf = depth >= 3 or (depth >= 1 and rng.random() < 0.5)
        kind = rng.choice(("task", "project", "entry")) if leaf else ("chapter" if depth == 0 else "section")
        lines.extend([f"{pad}- id: n{n}", f"{pad}  kind: {kind}", f"{pad}  title: 节点{n}"])
        if rng.random() < 0.3:
            lines.append(f"{pad}  lead: 单位{rng.randrange(3)}")
        if leaf and rng.random() < 0.7:
            lines.append(f"{pad}  milestones:")
            for k in range(rng.randrange(1, 4)):
                due = day()
                lines.extend([f"{pad}    - id: n{n}.m{k}", f"{pad}      title: 里程碑{n}.{k}",
                              f"{pad}      due: {due}"])
                if rng.random() < 0.3:
                    lines.append(f"{pad}      start: {due - timedelta(days=rng.randrange(400))}")
        if not leaf:
            lines.append(f"{pad}  children:")
            for _ in range(rng.randrange(1, 5)):
                node(indent + 4, depth + 1)

    for _ in range(rng.randrange(2, 5)):
        node(2, 0)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return "rand-2021-2025"


def _random_history(rng: random.Random, conn: sqlite3.Connection, plan_id: str) -> None:
    """Ticks on some milestones and progress reports (on track, 滞后, done, with percents) on some tasks."""
    for (milestone_id,) in conn.execute("SELECT id FROM milestones WHERE plan_id = ?", (plan_id,)).fetchall():
        if rng.random() < 0.25:
            actions.tick(conn, milestone_id, date(2021, 6, 1) + timedelta(days=rng.randrange(4 * 365)))
    tracked = [r[0] for r in conn.execute("SELECT DISTINCT node_id FROM milestones WHERE plan_id = ? AND "
                                          "archived_at IS NULL", (plan_id,))]
    start_year = conn.execute("SELECT start_year FROM plans WHERE id = ?", (plan_id,)).fetchone()[0]
    periods = [p for p in ("2022Q4", "2023Q1", "2023Q2") if int(p[:4]) >= start_year]
    for node_id in rng.sample(tracked, len(tracked) // 2):
        for period in rng.sample(periods, rng.randrange(1, len(periods) + 1)):
            state = rng.choice(("推进中", "推进中", "滞后", "未启动"))
            percent = rng.choice((None, 10, 40, 80)) if state == "推进中" else None
            pa.report(conn, node_id, period, state, on=date(2023, 7, 1), percent=percent)


def _check(conn: sqlite3.Connection, plan_id: str, monkeypatch: pytest.MonkeyPatch) -> int:
    """Every way of asking, against the plain rule, in both ways the roll-up runs; the number of cases."""
    nodes = q.nodes(conn, plan_id)
    depths = tuple(sorted({n.depth for n in nodes}))
    units = sorted({u for n in nodes for u in n.effective_units})
    branches = [n.id for n in nodes if n.depth == 0][:3]
    cases = 0
    for limit in (lt.MAX_RANGES, 0):  # 0: every candidate ancestor is past the limit: the look-up
        monkeypatch.setattr(lt, "MAX_RANGES", limit)
        for today in TODAYS:
            s = lt.settings(conn, plan_id, today, 30)
            for asked in ((0,), depths[:2], depths):
                assert lt.rollups(conn, s, asked) == plain_rollups(conn, s, asked)
                cases += 1
            for parent in branches:
                assert lt.rollups(conn, s, parent_id=parent) == plain_rollups(conn, s, (), parent_id=parent)
                cases += 1
            for unit in units[:2]:
                from store import units as un

                mine = sorted(un.nodes_of(conn, plan_id, unit, un.LEAD))
                assert lt.rollups(conn, s, depths, node_ids=mine) == plain_rollups(conn, s, depths, mine)
                cases += 1
    return cases


@pytest.mark.parametrize("plan_id", ["wulong-2021-2025", "xiangyang-2022-2025", "linyi-2023", "tongliao-2021-2025",
                                     "luoyang-2021-2025"])
def test_the_seed_plans_roll_up_as_the_plain_rule_says(conn: sqlite3.Connection, plan_id: str,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    assert plan_id in {p.id for p in q.list_plans(conn)}
    if plan_id.startswith("wulong"):  # some history, so that reports and ticks decide lights too
        _random_history(random.Random(7), conn, plan_id)
    assert _check(conn, plan_id, monkeypatch) > 10


@pytest.mark.parametrize("seed", range(4))
def test_random_plans_roll_up_as_the_plain_rule_says(tmp_path: Path, seed: int,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(seed)
    conn = open_store(tmp_path / "rand.sqlite3", seed=False)
    plan_id = _random_plan(rng, tmp_path / "rand.yaml")
    import_file(conn, tmp_path / "rand.yaml")
    _random_history(rng, conn, plan_id)
    counts = lt.rollups(conn, lt.settings(conn, plan_id, TODAYS[1], 30), (0,))
    assert counts[plan_id].total > 0 and len(counts) > 1  # something was counted, under chapters
    assert _check(conn, plan_id, monkeypatch) > 10
