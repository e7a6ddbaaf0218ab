"""Helpers for the draft tests: draft a file, load it with the real loader, import it."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def nodes(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Every node of a drafted plan document, depth first."""
    out: list[dict[str, Any]] = []

    def walk(items: list[dict[str, Any]]) -> None:
        for item in items or []:
            out.append(item)
            walk(item.get("children") or [])

    walk(doc["nodes"])
    return out


def milestones(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [m for n in nodes(doc) for m in n.get("milestones") or []]


def lead_units(node: dict[str, Any]) -> list[str]:
    """The lead units (牵头单位) as the draft wrote them: ``lead`` once the loader reads it, else ``units``."""
    return list(node.get("lead") or node.get("units") or [])


def support_units(node: dict[str, Any]) -> list[str]:
    """The supporting units (配合单位): ``support`` once the loader reads it, else the 配合单位 field."""
    if node.get("support"):
        return list(node["support"])
    return [u for u in (node.get("fields") or {}).get("配合单位", "").split("、") if u]


@pytest.fixture
def drafted(tmp_path: Path):
    """Draft ``path``, write the plan file, check it loads as it is; returns (draft, doc, yaml path)."""
    from store.draft import draft_file
    from store.loader import load_plan_file

    def run(path: Path) -> tuple[Any, dict[str, Any], Path]:
        draft = draft_file(path)
        out = tmp_path / f"{Path(path).stem}.yaml"
        out.write_text(draft.yaml_text, encoding="utf-8")
        assert load_plan_file(out), "the drafted file must load as it is"
        return draft, yaml.safe_load(draft.yaml_text), out

    return run
