"""Helpers for checking seed_plans.yaml against the seed source texts.

The checks are written from the source text: they read the seed file and assert that
what it prints is present in the transcription, so an edit that loses an item fails.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

import yaml

REPO = Path(__file__).resolve().parents[2]
SOURCE_DIR = Path(__file__).resolve().parent / "source"


@lru_cache(maxsize=None)
def source_lines(file_name: str) -> tuple[str, ...]:
    """The seed file's lines (index 0 is line 1)."""
    return tuple((SOURCE_DIR / file_name).read_text(encoding="utf-8").splitlines())


@lru_cache(maxsize=None)
def all_plans() -> dict[str, dict[str, Any]]:
    """Every plan in seed_plans.yaml by id."""
    plans: dict[str, dict[str, Any]] = {}
    main = REPO / "seed_plans.yaml"
    if main.exists():
        for doc in yaml.safe_load_all(main.read_text(encoding="utf-8")):
            if doc:
                plans[doc["id"]] = doc
    return plans


def plan(plan_id: str) -> dict[str, Any]:
    return all_plans()[plan_id]


def walk(nodes: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Every node of a tree, depth first."""
    for node in nodes or []:
        yield node
        yield from walk(node.get("children") or [])


def milestones(p: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for node in walk(p["nodes"]):
        yield from node.get("milestones") or []


_PUNCT = re.compile(r"[\s\u3000“”\"'‘’「」《》〈〉<>()()【】\[\]、,,。.;;::!!??—\-–·…]")


def squash(text: str) -> str:
    """Text without whitespace and punctuation: compares printed and repaired forms."""
    return _PUNCT.sub("", text or "")


def everything_text(p: dict[str, Any]) -> str:
    """All text of a plan's transcription, squashed, for 'is this printed item present' checks."""
    parts: list[str] = []
    for node in walk(p["nodes"]):
        for key in ("number", "title", "text", "source"):
            parts.append(str(node.get(key) or ""))
        parts.extend(str(v) for v in (node.get("fields") or {}).values())
        parts.extend(node.get("units") or [])
        for m in node.get("milestones") or []:
            parts.append(m.get("title") or "")
            parts.append(m.get("source") or "")
    for ind in p.get("indicators") or []:
        parts.append(ind.get("name") or "")
    return squash("\n".join(parts))
