"""How well ``plandesk draft`` reads the five seed texts, and how fast it drafts a 1,000-line plan.

Run: ``python benchmarks/bench_draft.py [--runs 5]``. Each seed text in tests/seeds/source/ is
drafted and compared with its reference transcription in seed_plans.yaml (store/draft/compare.py,
the same matching the test tests/draft/test_seed_figures.py holds to the goals):
- headings: reference part/chapter/section/box nodes found on the same line with the same parent
  (goal >= 95%);
- milestones: reference milestones found on the same line due in the same year (goal >= 80%);
- indicators: reference indicators found with every printed value of every row (goal >= 90%).
"drafted" is how many milestones the draft made (the rest of those are targets the reference did
not list, or clauses that are not targets). Then timings: drafting the largest seed (Wulong,
1,039 lines) and a generated 1,000-line plan in-process (median of --runs, the load check that
every draft passes included), and the whole ``plandesk draft`` command as a process.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

import yaml  # noqa: E402

from benchmarks.bench_cli import PLANDESK, compile_bytecode, fmt, timed  # noqa: E402
from store.draft import draft_file  # noqa: E402
from store.draft.compare import compare  # noqa: E402

SOURCES = REPO / "tests" / "seeds" / "source"
GOALS = {"headings": 0.95, "milestones": 0.80, "indicators": 0.90}


def generated_plan(lines: int = 1000) -> str:
    """A plan of about ``lines`` lines in the shapes and density the seeds have: chapters,
    sections, numbered task paragraphs with a dated target each, boxes, a flattened indicator
    table (about 150 characters a paragraph, one target in three lines, like Wulong's 1,039)."""
    out = ["某某市市场监管“十四五”规划(2021—2025年)"]
    chapter = 0
    while len(out) < lines - 40:
        chapter += 1
        out.append(f"第{chapter}章 重点任务{chapter}")
        out.append("围绕高质量发展,持续优化营商环境,推进市场监管现代化。")
        for section in range(1, 4):
            out.append(f"({'一二三'[section - 1]})深化改革{section}")
            for task in range(1, 6):
                out.append(f"{task}.推进工作{task}。围绕构建开明、便利的市场环境,进一步深化市场准入、准营制度改革,"
                           "健全监管机制,强化部门协同,推动监管重心下移,提升基层监管能力和服务水平。"
                           f"到2025年,完成试点{task * 3}个。")
        out.append(f"专栏{chapter} 重点工程")
        for entry in range(1, 4):
            out.append(f"{entry}. 工程{entry}。依托现有平台,整合资源,2024年建成并投入使用。")
    out += ["主要指标", "序号", "指标", "2020年", "2025年", "指标属性"]
    for number in range(1, 8):
        out += [str(number), f"指标{number}(%)", f"{90 + number}", f"{95 + number / 10}", "预期性"]
    return "\n".join(out[:lines]) + "\n"


def time_draft(path: Path, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        draft_file(path)
        samples.append(time.perf_counter() - start)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    compile_bytecode()
    references = {d["source_file"]: d for d in yaml.safe_load_all((REPO / "seed_plans.yaml").read_text("utf-8")) if d}
    header = f"{'plan':22} {'headings':>16} {'milestones':>16} {'drafted':>8} {'indicators':>16}"
    print(header)
    print("-" * len(header))
    totals = {what: [0, 0] for what in GOALS}
    for name, reference in sorted(references.items()):
        result = compare(yaml.safe_load(draft_file(SOURCES / name).yaml_text), reference)
        cells = []
        for what in GOALS:
            score = getattr(result, what)
            totals[what][0] += score.found
            totals[what][1] += score.total
            cells.append(f"{score.found:>4}/{score.total:<4} {score.share:6.1%}")
        print(f"{result.plan_id:22} {cells[0]:>16} {cells[1]:>16} {result.drafted_milestones:>8} {cells[2]:>16}")
    print("-" * len(header))
    shares = {what: found / total for what, (found, total) in totals.items()}
    cells = [f"{totals[w][0]:>4}/{totals[w][1]:<4} {shares[w]:6.1%}" for w in GOALS]
    print(f"{'all five':22} {cells[0]:>16} {cells[1]:>16} {'':>8} {cells[2]:>16}")
    print(f"{'goal':22} {'>= 95%':>16} {'>= 80%':>16} {'':>8} {'>= 90%':>16}")
    print()
    with tempfile.TemporaryDirectory(prefix="plandesk-bench-draft-") as work:
        generated = Path(work) / "generated.txt"
        generated.write_text(generated_plan(), encoding="utf-8")
        wulong = SOURCES / "003_a3c6fb84209f3d63.txt"
        for label, path in (("Wulong seed", wulong), ("generated", generated)):
            lines = len(path.read_text("utf-8").splitlines())
            samples = time_draft(path, args.runs)
            print(f"draft in-process, {label} ({lines} lines): {statistics.median(samples) * 1000:7.1f} ms "
                  f"({min(samples) * 1000:.1f}-{max(samples) * 1000:.1f})")
        env = {**os.environ, "NO_COLOR": "1"}
        samples = timed([*PLANDESK, "draft", str(generated), "-o", str(Path(work) / "out.yaml")], args.runs, env)
        print(f"plandesk draft as a process (generated, 1000 lines): {fmt(samples)}")
    subprocess.run([sys.executable, "-c", "pass"], check=True)


if __name__ == "__main__":
    main()
