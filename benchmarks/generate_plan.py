"""Generate a large plan file in the plandesk YAML format (docs/PLAN_FORMAT.md), for benchmarks.

Shaped like a real plan, scaled up: chapters > 24 sections each > tasks, every task with one
dated milestone, a dozen indicators. Only documented keys are written, so the file stays valid
under a loader that refuses unknown ones. Deterministic: the same size gives the same bytes.

The due dates are spread evenly over the plan's period (2021-01-01 .. 2025-12-31) in a
scrambled order, so that as of ``AS_OF`` (the middle of the period) about half the milestones
are overdue, and they are not simply the first half of the document. ``milestone_dues`` gives
the same (id, title, due) triples without parsing the file, for the taskwarrior comparison.

Run: ``python benchmarks/generate_plan.py OUT.yaml --nodes 10000`` (sizes the benchmarks use:
1,000 / 10,000 / 50,000 / 200,000).
"""
from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple

SIZES = (1_000, 10_000, 50_000, 200_000)
AS_OF = "2023-06-30"  # the as-of date every benchmark on a generated plan uses
PERIOD_START = date(2021, 1, 1)
PERIOD_END = date(2025, 12, 31)
SECTIONS_PER_CHAPTER = 24
TASK_TEXT = json.dumps("加强事中事后监管,完善信用监管体系,提升监管效能。" * 2, ensure_ascii=False)


class Shape(NamedTuple):
    chapters: int
    tasks_per_section: int

    @property
    def nodes(self) -> int:
        return self.chapters * (1 + SECTIONS_PER_CHAPTER * (1 + self.tasks_per_section))


class Due(NamedTuple):
    """One generated milestone: its plan-local id, title and due date."""

    local_id: str
    title: str
    due: date


def shape_for(nodes: int) -> Shape:
    """Chapters of about 2,500 nodes (at least one), tasks filling the rest."""
    chapters = max(1, round(nodes / 2500))
    tasks = max(1, round((nodes / chapters - 1) / SECTIONS_PER_CHAPTER - 1))
    return Shape(chapters, tasks)


def _due_of(index: int, count: int) -> date:
    """An even spread of ``count`` dates over the period, visited in a scrambled order."""
    span = (PERIOD_END - PERIOD_START).days
    stride = 7919  # a prime: index * stride mod count visits every slot once (count not a multiple)
    slot = (index * stride) % count if count % stride else index
    return PERIOD_START + timedelta(days=slot * span // max(count - 1, 1))


def _tasks(shape: Shape) -> Iterator[tuple[int, int, int, str]]:
    for c in range(1, shape.chapters + 1):
        for s in range(1, SECTIONS_PER_CHAPTER + 1):
            for t in range(1, shape.tasks_per_section + 1):
                yield c, s, t, f"c{c}.s{s}.t{t}"


def milestone_dues(nodes: int) -> list[Due]:
    """Every milestone ``write_plan(path, nodes)`` writes, in document order."""
    shape = shape_for(nodes)
    count = shape.chapters * SECTIONS_PER_CHAPTER * shape.tasks_per_section
    return [Due(f"{tid}.m1", f"完成{tid}建设任务并通过验收", _due_of(i, count))
            for i, (_, _, _, tid) in enumerate(_tasks(shape))]


def write_plan(path: Path | str, nodes: int = 50_000, plan_id: str = "big-2021-2025") -> Path:
    """Write a plan with about ``nodes`` nodes (and about as many milestones); returns the path."""
    path = Path(path)
    shape = shape_for(nodes)
    dues = iter(milestone_dues(nodes))
    out: list[str] = [f"id: {plan_id}", "region: 基准区", f"title: 基准测试规划({shape.nodes}节点)",
                      "period: {start: 2021, end: 2025}", "source_file: generated.txt", "nodes:"]
    line = 0
    for c in range(1, shape.chapters + 1):
        line += 1
        out += [f"  - id: c{c}", "    kind: chapter", f"    number: 第{c}章", f"    title: 市场监管重点任务{c}",
                f"    line: {line}", "    children:"]
        for s in range(1, SECTIONS_PER_CHAPTER + 1):
            line += 1
            out += [f"      - id: c{c}.s{s}", "        kind: section", f"        number: ({s})",
                    f"        title: 深化改革第{s}节", f"        line: {line}", "        children:"]
            for t in range(1, shape.tasks_per_section + 1):
                line += 1
                tid = f"c{c}.s{s}.t{t}"
                m = next(dues)
                out += [f"          - id: {tid}", "            kind: task", f"            number: \"{t}.\"",
                        f"            title: 任务{tid} 推进市场主体登记便利化", f"            text: {TASK_TEXT}",
                        "            units: [区市场监管局]", f"            line: {line}",
                        "            milestones:",
                        f"              - id: {m.local_id}", f"                title: {m.title}",
                        f"                due: {m.due.isoformat()}", f"                line: {line}"]
    out.append("indicators:")
    for i in range(1, 13):
        out += [f"  - id: i{i:02d}", f"    name: 指标{i}", "    unit: '%'", "    attribute: 预期性",
                "    better: higher", "    baseline_year: 2020", "    rows:", "      - table: 主要指标",
                f"        line: {i}", f"        values: {{2020: \"{80 + i}\", 2025: \"≥{90 + i % 5}\"}}"]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output")
    parser.add_argument("--nodes", type=int, default=50_000)
    args = parser.parse_args()
    write_plan(args.output, args.nodes)


if __name__ == "__main__":
    main()
