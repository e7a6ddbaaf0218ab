"""Variants of the small test plan, as a re-import would bring them."""
from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import FIXTURES

PLAN = "demo-2021-2025"


def _base() -> dict[str, Any]:
    return yaml.safe_load((FIXTURES / "small_plan.yaml").read_text(encoding="utf-8"))


def _milestones(plan: dict[str, Any]):
    for chapter in plan["nodes"]:
        for node in chapter.get("children", []):
            yield node, node.get("milestones", [])


def revised() -> dict[str, Any]:
    """Every milestone retitled, 甲所 due earlier, 乙所 moved under another task."""
    plan = copy.deepcopy(_base())
    for _, items in _milestones(plan):
        for m in items:
            m["title"] += "(修订)"
    project = plan["nodes"][1]["children"][0]
    project["milestones"][0]["due"] = "2022年6月底"
    moved = project["milestones"].pop(1)
    plan["nodes"][0]["children"][1]["milestones"].append(moved)
    return plan


def without_c() -> dict[str, Any]:
    """丙所 left the plan."""
    plan = copy.deepcopy(_base())
    plan["nodes"][1]["children"][0]["milestones"].pop(2)
    return plan


def without_task(local_id: str) -> dict[str, Any]:
    """A task (with whatever the clerk hung under it) left the plan."""
    plan = copy.deepcopy(_base())
    for chapter in plan["nodes"]:
        chapter["children"] = [n for n in chapter.get("children", []) if n["id"] != local_id]
    return plan


def write(plan: dict[str, Any], folder: Path, name: str) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def variants(folder: Path) -> list[Path]:
    return [FIXTURES / "small_plan.yaml", write(revised(), folder, "revised"), write(without_c(), folder, "without_c")]
