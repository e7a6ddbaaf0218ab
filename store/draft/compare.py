"""Compare a drafted plan with a reference transcription (seed_plans.yaml): how much was found.

Shared by benchmarks/bench_draft.py (which prints the figures) and the test that holds them
above the goals, so both measure the same thing:
- headings: the reference's part/chapter/section/box nodes for which the draft has a
  part/chapter/section/box node on the same source line whose parent is on the same line as
  the reference's parent (both at the top counts too);
- milestones: the reference's milestones for which the draft has one on the same source line
  due in the same year (each draft milestone matches once);
- indicators: the reference's indicators for which the draft has one of the same name whose
  rows print the same values for the same years, every row of the reference matched.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from store.deadlines import DeadlineError, parse_deadline

SECTION_KINDS = ("part", "chapter", "section", "box")
_SQUASH = re.compile(r"[\s\u3000“”\"'‘’「」《》〈〉<>()()【】\[\]、,,。.;;::!!??—\-–·…※*]")


@dataclass
class Score:
    found: int = 0
    total: int = 0
    missed: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.found / self.total if self.total else 1.0


@dataclass
class Comparison:
    plan_id: str
    headings: Score
    milestones: Score
    indicators: Score
    drafted_milestones: int = 0


def squash(text: str) -> str:
    return _SQUASH.sub("", text or "").lower()


def _walk(nodes: list[dict[str, Any]],
          parent: dict[str, Any] | None = None) -> Iterator[tuple[dict[str, Any], dict[str, Any] | None]]:
    for node in nodes or []:
        yield node, parent
        yield from _walk(node.get("children") or [], node)


def _year(due: Any, end: int) -> int | None:
    try:
        return parse_deadline(due, end).due.year
    except DeadlineError:
        return None


def compare_headings(draft: dict[str, Any], reference: dict[str, Any]) -> Score:
    drafted = {(n.get("line"), p.get("line") if p else None) for n, p in _walk(draft["nodes"])
               if n.get("kind") in SECTION_KINDS}
    score = Score()
    for node, parent in _walk(reference["nodes"]):
        if node.get("kind") not in SECTION_KINDS:
            continue
        score.total += 1
        if (node.get("line"), parent.get("line") if parent else None) in drafted:
            score.found += 1
        else:
            score.missed.append(f"{node.get('line')}: {node.get('number') or ''} {node.get('title', '')[:20]}")
    return score


def _milestone_keys(doc: dict[str, Any]) -> list[tuple[int, int | None]]:
    end = doc["period"]["end"]
    return [(m.get("line"), _year(m.get("due"), end))
            for n, _ in _walk(doc["nodes"]) for m in n.get("milestones") or []]


def compare_milestones(draft: dict[str, Any], reference: dict[str, Any]) -> tuple[Score, int]:
    available = Counter(_milestone_keys(draft))
    score = Score()
    for key in _milestone_keys(reference):
        score.total += 1
        if available[key] > 0:
            available[key] -= 1
            score.found += 1
        else:
            score.missed.append(f"{key[0]}: {key[1]}")
    return score, sum(Counter(_milestone_keys(draft)).values())


def _values(row: dict[str, Any]) -> dict[int, str]:
    return {int(y): re.sub(r"\s+", "", str(v)) for y, v in (row.get("values") or {}).items()}


def compare_indicators(draft: dict[str, Any], reference: dict[str, Any]) -> Score:
    drafted = draft.get("indicators") or []
    score = Score()
    for ref in reference.get("indicators") or []:
        score.total += 1
        name = squash(ref["name"])
        candidates = [d for d in drafted if squash(d["name"]) == name] or \
                     [d for d in drafted if name and (name in squash(d["name"]) or squash(d["name"]) in name)]
        ok = any(all(any(_values(r) == _values(dr) for dr in d.get("rows") or []) for r in ref.get("rows") or [])
                 for d in candidates)
        if ok:
            score.found += 1
        else:
            score.missed.append(ref["name"])
    return score


def compare(draft: dict[str, Any], reference: dict[str, Any]) -> Comparison:
    milestones, drafted = compare_milestones(draft, reference)
    return Comparison(reference["id"], compare_headings(draft, reference), milestones,
                      compare_indicators(draft, reference), drafted)
