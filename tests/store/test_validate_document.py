"""store.loader.validate_document: the loader's verdict on a plan document built in memory
(what ``plandesk draft`` checks before it writes a file), the same as load_plan_file's."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from store.errors import ImportFailed
from store.loader import load_plan_file, validate_document

REPO = Path(__file__).resolve().parents[2]


def _bad_plan() -> dict[str, Any]:
    return {"id": "bad-plan", "region": "区", "title": "t", "period": {"start": 2021, "end": 2025},
            "source_file": "x.txt",
            "nodes": [{"id": "c1", "kind": "task", "title": "一",
                       "milestones": [{"id": "m1", "title": "三", "due": "尽快"}, {"id": "m2", "due": "2023年"}]}]}


def test_a_seed_plan_document_is_valid() -> None:
    first = next(d for d in yaml.safe_load_all((REPO / "seed_plans.yaml").read_text("utf-8")) if d)
    assert validate_document(first, "seed_plans.yaml") == []


def test_problems_are_the_loaders_own(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(_bad_plan(), allow_unicode=True), encoding="utf-8")
    with pytest.raises(ImportFailed) as failed:
        load_plan_file(path)
    in_memory = validate_document(_bad_plan(), str(path))
    assert len(in_memory) == 2
    assert any("due: not a deadline: '尽快'" in p for p in in_memory)
    without_lines = lambda problems: sorted(re.sub(r":\d+:", ":", p, count=1) for p in problems)  # noqa: E731
    assert without_lines(in_memory) == without_lines(failed.value.problems)


def test_a_document_that_is_not_a_mapping() -> None:
    assert validate_document(["not", "a", "plan"], "x.yaml") == ["x.yaml:0: plan: a plan document must be a mapping"]
