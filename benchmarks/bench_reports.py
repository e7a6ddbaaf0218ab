"""Whole-process timings of ``plandesk report``: the annual report for the largest seed plan.

Run: ``python benchmarks/bench_reports.py [--runs 15] [--year 2023]``. The largest seed plan is
the one with the most milestones (Luoyang, 127). Each format is written to a file with ``-o``
and timed as a whole process, repeated; prints the median with the spread (min-max), beside the
floor of starting Python and importing rich (and openpyxl, for xlsx).
"""
from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from benchmarks.bench_cli import PLANDESK, compile_bytecode, fmt, timed  # noqa: E402  (after the path insert)

FORMATS = ("rich", "text", "html", "xlsx", "csv", "md", "json")


def largest_plan(db: Path) -> tuple[str, int]:
    conn = sqlite3.connect(str(db))
    try:
        row = conn.execute("SELECT plan_id, count(*) AS n FROM milestones WHERE archived_at IS NULL "
                           "GROUP BY plan_id ORDER BY n DESC, plan_id LIMIT 1").fetchone()
    finally:
        conn.close()
    return str(row[0]), int(row[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--year", type=int, default=2023)
    args = parser.parse_args()
    compile_bytecode()
    plandesk = PLANDESK
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    env.pop("PLANDESK_DB", None)
    work = Path(tempfile.mkdtemp(prefix="plandesk-bench-reports-"))
    try:
        db = work / "seed.sqlite3"
        subprocess.run([*plandesk, "--db", str(db), "plans"], check=True, stdout=subprocess.DEVNULL, env=env)
        plan, count = largest_plan(db)
        print(f"largest seed plan: {plan} ({count} milestones); annual report {args.year}, {args.runs} runs each")
        rows = [("floor: python -c 'import rich.console, rich.table'",
                 timed([sys.executable, "-c", "import rich.console, rich.table"], args.runs, env)),
                ("floor: ... + import openpyxl",
                 timed([sys.executable, "-c", "import rich.console, rich.table, openpyxl"], args.runs, env))]
        for form in FORMATS:
            out = work / f"report.{form}"
            cmd = [*plandesk, "--db", str(db), "report", "--plan", plan, "--year", str(args.year), "--format", form,
                   "--today", f"{args.year + 1}-01-15", "-o", str(out)]
            rows.append((f"plandesk report --format {form}", timed(cmd, args.runs, env)))
            rows[-1] = (f"{rows[-1][0]} ({out.stat().st_size // 1024 or 1} KiB)", rows[-1][1])
        print(f"\n{'what':52} {'median (min-max)':>28}")
        for label, samples in rows:
            print(f"{label:52} {fmt(samples):>28}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
