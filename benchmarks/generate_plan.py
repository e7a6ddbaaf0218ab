"""Generate a large plan file (default 50,000 nodes) in the plandesk YAML format, for benchmarks.

Shape like a real plan, scaled up: chapters > sections > tasks, a third of the tasks with dated
milestones, a dozen indicators. Deterministic for a given size.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path


def write_plan(path: Path | str, nodes: int = 50_000, plan_id: str = "big-2021-2025") -> Path:
    """Write a plan with about ``nodes`` nodes; returns the path."""
    path = Path(path)
    chapters = max(1, nodes // 2500)
    sections_per = 24
    tasks_per = max(1, (nodes - chapters - chapters * sections_per) // (chapters * sections_per))
    lines = [f"id: {plan_id}", "region: 基准区", "title: 基准测试规划(五万节点)",
             "period: {start: 2021, end: 2025}", "source_file: generated.txt", "nodes:"]
    count = 0
    for c in range(1, chapters + 1):
        lines += [f"  - id: c{c}", "    kind: chapter", f"    number: 第{c}章", f"    title: 第{c}章 市场监管重点任务",
                  f"    line: {count + 1}", "    children:"]
        count += 1
        for s in range(1, sections_per + 1):
            lines += [f"      - id: c{c}.s{s}", "        kind: section", f"        number: ({s})",
                      f"        title: 深化改革第{s}节", f"        line: {count + 1}", "        children:"]
            count += 1
            for t in range(1, tasks_per + 1):
                tid = f"c{c}.s{s}.t{t}"
                lines += [f"          - id: {tid}", "            kind: task", f"            number: \"{t}.\"",
                          f"            title: 任务{tid} 推进市场主体登记便利化",
                          f"            text: {json.dumps('加强事中事后监管,完善信用监管体系,提升监管效能。' * 2, ensure_ascii=False)}",
                          "            units: [区市场监管局]", f"            line: {count + 1}"]
                count += 1
                if t % 3 == 0:
                    year = 2021 + (t + s + c) % 5
                    lines += ["            milestones:",
                              f"              - id: {tid}.m1", f"                title: {year}年完成{tid}",
                              f"                due: {year}年", f"                line: {count}",
                              f"              - id: {tid}.m2", f"                title: {year}年6月底前启动{tid}",
                              f"                due: {year}年6月底", f"                line: {count}"]
    lines.append("indicators:")
    for i in range(1, 13):
        lines += [f"  - id: i{i:02d}", f"    name: 指标{i}", "    unit: '%'", "    attribute: 预期性",
                  "    better: higher", "    baseline_year: 2020", "    rows:", "      - table: 主要指标",
                  f"        line: {i}", f"        values: {{2020: \"{80 + i}\", 2025: \"≥{90 + i % 5}\"}}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("output")
    parser.add_argument("--nodes", type=int, default=50_000)
    args = parser.parse_args()
    write_plan(args.output, args.nodes)


if __name__ == "__main__":
    main()
