"""Whole-process timings and peak memory of ``plandesk report --final`` in every format, by plan size.

Run: ``python benchmarks/bench_reports.py [--sizes 1000,10000,50000] [--runs 3]``. For each size
a plan is generated (``benchmarks/generate_plan.py``) and imported, then measured side by side
in one run of this script, interleaved, as the median of ``--runs`` (one run at 50,000 nodes and
above unless ``--runs-large`` says otherwise):

- ``plandesk status`` on the same plan (``--format text -o``): the yardstick of issue 15;
- ``plandesk report --final --format F -o FILE`` for every format;
- the openpyxl floor: a script that only imports openpyxl and writes, in write-only mode and
  without any style of its own, as many cells as plandesk's workbook holds (its sheets' ``<c``
  elements): rows of text, a date, numbers;
- the report's floor: a script that opens the database as plandesk does, builds the final report
  (``store.report.build_report``) and reads every item of its lists (``Listing.without_task``), the
  rows a csv, json or workbook writes, and writes nothing: what any renderer of the whole lists
  pays before its first cell;
- peak RSS of each process (``os.wait4``).

Printed ratios: each format against status (goal: within 3x) and against the report's floor,
each round's ratio (median, least and most: the commands of a round run back to back, so this is
the steadiest figure on a shared machine),
the workbook against openpyxl's floor (within 2x), the 10,000-node workbook against the html
report of that plan (within 3x: linear growth), peak RSS against status (within 2x).
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from benchmarks.bench_cli import PLANDESK, compile_bytecode  # noqa: E402  (after the path insert)

FORMATS = ("rich", "text", "html", "md", "csv", "json", "xlsx", "docx")
TODAY = "2023-06-30"

FLOOR = """
import sys
from datetime import date
from openpyxl import Workbook
cells, path = int(sys.argv[1]), sys.argv[2]
wb = Workbook(write_only=True)
ws = wb.create_sheet("floor")
row = ["任务c1.s1.t1 推进市场主体登记便利化", "区市场监管局", date(2025, 12, 31), "未到期", 2.5, "已验收", 1, "第1章"]
for _ in range(cells // len(row)):
    ws.append(row)
wb.save(path)
"""

REPORT_FLOOR = """
import sys
from collections import deque
from datetime import date
from store import queries as q
from store import report as rp
from store.db import connect
conn = connect(sys.argv[1], readonly=True)
plan = q.resolve_plan(conn, "big")
report = rp.build_report(conn, plan, rp.period_for(plan, rp.FINAL, 0), date.fromisoformat(sys.argv[2]))
for section in report.sections:
    deque(section.without_task(), maxlen=0)
"""


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (KiB) of one whole process.

    CPU time is printed beside wall time: on a machine shared with other work the wall clock
    measures the neighbours too."""
    start = time.perf_counter()
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=REPO)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return elapsed, usage.ru_utime + usage.ru_stime, int(usage.ru_maxrss)


def xlsx_cells(path: Path) -> int:
    """How many cells a workbook holds (its sheets' ``<c`` elements)."""
    count = 0
    with zipfile.ZipFile(path) as book:  # streamed: the later children are forked with this process's pages
        for name in book.namelist():
            if re.match(r"xl/worksheets/sheet\d+\.xml$", name):
                with book.open(name) as part:
                    tail = b""
                    while block := part.read(1 << 20):
                        joined = tail + block
                        count += joined.count(b"<c ")
                        tail = joined[-2:]  # a "<c " split across blocks is counted once: 2 bytes cannot hold it
    return count


def measure(size: int, runs: int, work: Path, env: dict[str, str]) -> dict[str, tuple[float, float, float]]:
    """Median wall and CPU seconds and peak RSS of every command on a generated plan of ``size`` nodes."""
    plan_file = work / f"plan-{size}.yaml"  # written by a child: this process stays small, and with it the RSS
    subprocess.run([sys.executable, str(HERE / "generate_plan.py"), str(plan_file), "--nodes", str(size)],
                   check=True, env=env)  # a child starts with (and ru_maxrss counts) its parent's pages
    db = work / f"plan-{size}.sqlite3"
    subprocess.run([*PLANDESK, "--db", str(db), "import", str(plan_file)], check=True, stdout=subprocess.DEVNULL,
                   env=env)
    commands: dict[str, list[str]] = {
        "status": [*PLANDESK, "--db", str(db), "status", "--plan", "big", "--today", TODAY, "--format", "text",
                   "-o", str(work / "status.txt")]}
    # interleaved with the reports, and started before this process reads a workbook (a child's peak
    # memory counts the pages it is forked with)
    commands["report floor"] = [sys.executable, "-c", REPORT_FLOOR, str(db), TODAY]
    for form in FORMATS:
        commands[form] = [*PLANDESK, "--db", str(db), "report", "--plan", "big", "--final", "--today", TODAY,
                          "--format", form, "-o", str(work / f"report-{size}.{form}")]
    samples: dict[str, list[tuple[float, float, int]]] = {name: [] for name in commands}
    for _ in range(runs):  # interleaved: a slow moment of the machine hits every command alike
        for name, cmd in commands.items():
            samples[name].append(run(cmd, env))
    cells = xlsx_cells(work / f"report-{size}.xlsx")
    floor = [run([sys.executable, "-c", FLOOR, str(cells), str(work / "floor.xlsx")], env) for _ in range(runs)]
    samples["floor"] = floor
    result: dict[str, tuple[float, float, float]] = {
        name: (statistics.median(s[0] for s in got), statistics.median(s[1] for s in got), max(s[2] for s in got))
        for name, got in samples.items()}
    result["cells"] = (float(cells), 0.0, 0.0)
    # each round's CPU ratio (the commands of one round ran back to back, so a slow stretch of a
    # shared machine slows both sides of it): median, least and most over the rounds
    for name, against in [(form, "status") for form in FORMATS] + [("xlsx", "html")]:
        ratios = sorted(a[1] / b[1] for a, b in zip(samples[name], samples[against], strict=True))
        result[f"{name}/{against}"] = (statistics.median(ratios), ratios[0], ratios[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--runs-large", type=int, default=1, help="runs at 50,000 nodes and above")
    args = parser.parse_args()
    compile_bytecode()
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    env.pop("PLANDESK_DB", None)
    work = Path(tempfile.mkdtemp(prefix="plandesk-bench-reports-"))
    try:
        results = {}
        for size in (int(s) for s in args.sizes.split(",")):
            runs = args.runs_large if size >= 50_000 else args.runs
            results[size] = measure(size, runs, work, env)
            print(f"measured {size:,} nodes ({runs} run{'s' if runs > 1 else ''})", file=sys.stderr)
        print("\n| nodes | what | wall s | x status | CPU s | x status | peak MiB | x status |")
        print("|---:|---|---:|---:|---:|---:|---:|---:|")
        for size, got in results.items():
            base_wall, base_cpu, base_rss = got["status"]
            for name in ("status", "report floor", *FORMATS, "floor"):
                wall, cpu, rss = got[name]
                label = "xlsx floor (openpyxl)" if name == "floor" else name if "status" in name or "floor" in name \
                    else f"report {name}"
                print(f"| {size:,} | {label} | {wall:.2f} | {wall / base_wall:.1f}x | {cpu:.2f} "
                      f"| {cpu / base_cpu:.1f}x | {rss / 1024:.0f} | {rss / base_rss:.1f}x |")
        print()
        for size, got in results.items():
            cells = int(got["cells"][0])
            print(f"{size:,} nodes: xlsx {cells:,} cells, {got['xlsx'][0] / got['floor'][0]:.2f}x its openpyxl floor "
                  f"(CPU {got['xlsx'][1] / got['floor'][1]:.2f}x); {got['xlsx'][0] / got['html'][0]:.1f}x the html "
                  f"report (CPU {got['xlsx'][1] / got['html'][1]:.1f}x)")
            floor_cpu = got["report floor"][1]
            print(f"{size:,} nodes: the report's floor (build + read every list item, write nothing) is "
                  f"{floor_cpu / got['status'][1]:.1f}x status; csv {got['csv'][1] / floor_cpu:.2f}x, "
                  f"json {got['json'][1] / floor_cpu:.2f}x, docx {got['docx'][1] / floor_cpu:.2f}x of it (CPU)")
        for size, got in results.items():
            print(f"{size:,} nodes, CPU ratio of each round (median, least-most): " + "; ".join(
                f"{name} {got[name][0]:.2f}x ({got[name][1]:.2f}-{got[name][2]:.2f})"
                for name in [f"{form}/status" for form in FORMATS] + ["xlsx/html"]))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
