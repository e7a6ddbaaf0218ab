"""A bad plan file is reported as FILE:LINE: field: message, every problem at once."""
from __future__ import annotations

from pathlib import Path

import pytest

from store.errors import ImportFailed
from store.loader import load_plan_file
from tests.conftest import FIXTURES


def problems_of(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportFailed) as info:
        load_plan_file(path)
    return info.value.problems


def test_small_plan_loads_with_derived_targets_and_conflicts() -> None:
    [plan] = load_plan_file(FIXTURES / "small_plan.yaml")
    assert plan.id == "demo-2021-2025"
    ids = {m.local_id for m in plan.milestones}
    # the task without milestones is tracked by an implicit one due at the plan's end
    assert "c1.t1" in ids
    implicit = next(m for m in plan.milestones if m.local_id == "c1.t1")
    assert implicit.implicit and str(implicit.due) == "2025-12-31"
    ranged = next(m for m in plan.milestones if m.local_id == "c2.p1.c")
    assert (str(ranged.start), str(ranged.due)) == ("2023-01-01", "2024-12-31")
    i1 = plan.indicators[0]
    assert i1.baseline and i1.baseline.printed == "3.4"
    assert i1.conflicts == [{"year": 2025, "values": {"专栏1": "4", "附件3": "4.1"}}]
    effective = {(c.year, c.table) for c in i1.cells if c.effective}
    assert (2025, "专栏1") in effective and (2025, "附件3") not in effective
    assert (2023, "附件3") in effective


def test_every_problem_names_file_line_and_field(tmp_path: Path) -> None:
    text = """\
id: Bad Id
region: 区
title: t
period: {start: 2021, end: 2025}
source_file: x.txt
nodes:
  - id: c1
    kind: chapterr
    title: 一
    children:
      - id: c1
        kind: task
        title: 二
        milestones:
          - id: m1
            title: 三
            due: 尽快
          - id: m2
            due: 2023年
indicators:
  - id: i1
    name: 指标
    better: up
    baseline_year: 2020
    rows: []
"""
    problems = problems_of(tmp_path, text)
    path = str(tmp_path / "plan.yaml")
    assert problems[0].startswith(f"{path}:1: id: 'Bad Id' is not a plan id (lower-case letters, digits and -)")
    assert any(p.startswith(f"{path}:8: kind: 'chapterr' is not one of") for p in problems)
    assert any(p.startswith(f"{path}:11: id: duplicate id 'c1'") for p in problems)
    assert any(p.startswith(f"{path}:17: due: not a deadline: '尽快'") for p in problems)
    assert any(p.startswith(f"{path}:18: title: missing") for p in problems)
    assert any(p.startswith(f"{path}:23: better: must be higher or lower, not 'up'") for p in problems)
    assert any(p.startswith(f"{path}:25: rows:") for p in problems)
    assert len(problems) == 7


def test_yaml_syntax_error_names_its_line(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, "id: x\nnodes:\n  - id: a\n   kind: task\n")
    assert len(problems) == 1
    assert problems[0].startswith(f"{tmp_path / 'plan.yaml'}:4: yaml:")


def test_missing_and_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed) as info:
        load_plan_file(tmp_path / "nope.yaml")
    assert info.value.problems == [f"{tmp_path / 'nope.yaml'}:0: file: no such file"]
    binary = tmp_path / "bin.yaml"
    binary.write_bytes(b"\xff\x00bad\xfe")  # FF FE first would be a UTF-16 byte-order mark, read as text
    with pytest.raises(ImportFailed) as info:
        load_plan_file(binary)
    assert "is not UTF-8 text" in info.value.problems[0]


def test_seed_plans_are_valid_and_complete() -> None:
    from store.locations import seed_plans_path

    plans = {p.id: p for p in load_plan_file(seed_plans_path())}
    assert sorted(plans) == ["linyi-2023", "luoyang-2021-2025", "tongliao-2021-2025", "wulong-2021-2025",
                             "xiangyang-2022-2025"]
    wulong = plans["wulong-2021-2025"]
    stations = {m.local_id: m for m in wulong.milestones if m.local_id.startswith("a1.p1.")}
    assert {k: str(v.due) for k, v in stations.items()} == {
        "a1.p1.yangjiao": "2022-12-31", "a1.p1.huolu": "2023-12-31", "a1.p1.fenglai": "2024-12-31"}
    assert len(wulong.indicators) == 17
    assert plans["linyi-2023"].start_year == plans["linyi-2023"].end_year == 2023


def test_wulong_table_conflicts_are_kept_and_flagged() -> None:
    """附件3 differs from 专栏1 in four 2025 values; both are kept, none silently picked."""
    from store.locations import seed_plans_path

    wulong = next(p for p in load_plan_file(seed_plans_path()) if p.id == "wulong-2021-2025")
    conflicts = {i.local_id: i.conflicts for i in wulong.indicators if i.conflicts}
    assert conflicts == {
        "i01": [{"year": 2025, "values": {"专栏1": "4", "附件3": "4.1"}}],
        "i06": [{"year": 2025, "values": {"专栏1": "3", "附件3": "1"},
                 "bases": {"专栏1": "total", "附件3": "increment"}}],
        "i08": [{"year": 2025, "values": {"专栏1": "12", "附件3": "1"},
                 "bases": {"专栏1": "total", "附件3": "increment"}}],
        "i13": [{"year": 2025, "values": {"专栏1": "0.09", "附件3": "-"}}],
    }
    geo = next(i for i in wulong.indicators if i.local_id == "i08")
    # the yearly increments of 附件3 never stand in for the total's targets
    assert [(c.year, c.table) for c in geo.cells if c.effective] == [(2020, "专栏1"), (2025, "专栏1")]
