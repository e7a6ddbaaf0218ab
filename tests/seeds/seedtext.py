"""Helpers for checking seed_plans.yaml against the seed source texts.

The checks are written from the source text: they read the seed file and assert that
what it prints is present in the transcription, so an edit that loses an item fails.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import yaml

CN = "一二三四五六七八九十"  # the Chinese numerals a seed plan numbers its headings with
REPO = Path(__file__).resolve().parents[2]
SOURCE_DIR = Path(__file__).resolve().parent / "source"


def heading(pattern: str) -> re.Pattern[str]:
    """A whole-line heading pattern, ``{cn}`` standing for a Chinese numeral (一 ... 十)."""
    return re.compile("^" + pattern.replace("{cn}", f"[{CN}]+") + "$")


@cache
def source_lines(file_name: str) -> tuple[str, ...]:
    """The seed file's lines (index 0 is line 1)."""
    return tuple((SOURCE_DIR / file_name).read_text(encoding="utf-8").splitlines())


@cache
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


# Recurring requirements: the words that mark one (each hit is either a yearly milestone or is
# listed, with its reason, as not a target of the plan).
RECURRING = re.compile(r"每年|年度|逐年|年抽检|年报|每季度|每半年")


def milestone_ids(p: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every explicit milestone of a plan by id."""
    return {m["id"]: m for m in milestones(p)}


def check_links(p: dict[str, Any]) -> list[dict[str, Any]]:
    """Every `same_as` names another milestone of the same plan that is itself no link (one hop),
    both on the same due year; returns the linking milestones."""
    ids = milestone_ids(p)
    links = [m for m in ids.values() if m.get("same_as")]
    for m in links:
        target = ids.get(m["same_as"])
        assert target is not None, (m["id"], m["same_as"])
        assert target["id"] != m["id"]
        assert not target.get("same_as"), (m["id"], "links to a link")
        assert not m.get("every") and not target.get("every"), m["id"]
        assert m["line"] > target["line"], (m["id"], "the link goes from the repeating place to the original")
    return links


def check_yearly(p: dict[str, Any], src: tuple[str, ...], expected: dict[int, int]) -> list[dict[str, Any]]:
    """The plan's `every: year` milestones are exactly `expected` (source line -> how many), each
    with its printed clause on that line; returns them."""
    yearly = [m for m in milestones(p) if m.get("every")]
    assert all(m["every"] == "year" for m in yearly), [m["id"] for m in yearly]
    for line, n in expected.items():
        here = [m for m in yearly if m["line"] == line]
        assert len(here) == n, (line, [m["id"] for m in here])
        for m in here:
            printed = squash(m.get("source") or m["title"])
            assert printed in squash(src[line - 1]), m["id"]
            assert m["due"]
    assert len(yearly) == sum(expected.values())
    return yearly


def plan_fixtures(plan_id: str) -> tuple[Any, Any]:
    """The ``p`` (the plan as written in seed_plans.yaml) and ``nodes`` (its nodes in document
    order) fixtures of one seed plan's test folder, read once per test module."""
    import pytest

    @pytest.fixture(scope="module")
    def p() -> dict[str, Any]:
        return plan(plan_id)

    @pytest.fixture(scope="module")
    def nodes(p: dict[str, Any]) -> list[dict[str, Any]]:
        return list(walk(p["nodes"]))

    return p, nodes
