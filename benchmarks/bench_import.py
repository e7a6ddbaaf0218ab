"""Import a generated plan into a new database: wall time, CPU time and peak memory of the process.

Run: ``python benchmarks/bench_import.py [--sizes 50000,200000] [--runs 1] [--seeds]``.
Each run is a whole ``plandesk --db NEW import FILE`` process (the installed console script
beside this Python, else ``python -m tui.cli``); its peak RSS is read from
``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`` of a fresh helper process, so every figure is
that one import's. The plan files come from ``benchmarks/generate_plan.py`` (a 200,000-node plan
is 106 MiB); ``--seeds`` also imports the five seed plans (``seed_plans.yaml``).

Goal (issue 15): a 200,000-node file imports within 1 GiB.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from benchmarks.generate_plan import write_plan  # noqa: E402

# Runs in a fresh interpreter: times one import process and reports its own children's peak RSS.
_MEASURE = """
import json, resource, subprocess, sys, time
t0 = time.perf_counter()
proc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
wall = time.perf_counter() - t0
use = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"code": proc.returncode, "err": proc.stderr[-500:], "wall": wall,
                  "cpu": use.ru_utime + use.ru_stime, "peak_kib": use.ru_maxrss}))
"""


def _plandesk() -> list[str]:
    script = Path(sys.executable).parent / "plandesk"
    return [str(script)] if script.exists() else [sys.executable, "-m", "tui.cli"]


def import_once(plan_file: Path, workdir: Path) -> dict[str, float]:
    """One import of ``plan_file`` into a new database, measured from outside the process."""
    db = workdir / "import.sqlite3"
    for stale in workdir.glob("import.sqlite3*"):
        stale.unlink()
    command = [*_plandesk(), "--db", str(db), "import", str(plan_file)]
    out = subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    if result["code"] != 0:
        raise SystemExit(f"import of {plan_file} failed: {result['err']}")
    return {"wall": result["wall"], "cpu": result["cpu"], "peak_mib": result["peak_kib"] / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="50000,200000", help="node counts, comma-separated")
    parser.add_argument("--runs", type=int, default=1, help="imports per size (medians are printed)")
    parser.add_argument("--seeds", action="store_true", help="also import the five seed plans")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_import_") as tmp:
        workdir = Path(tmp)
        cases: list[tuple[str, Path]] = []
        if args.seeds:
            cases.append(("seeds (5 plans)", REPO / "seed_plans.yaml"))
        for size in (int(s) for s in args.sizes.split(",") if s.strip()):
            path = write_plan(workdir / f"plan{size}.yaml", size)
            cases.append((f"{size:,} nodes ({path.stat().st_size / 2**20:.0f} MiB)", path))
        print("| plan | wall s | CPU s | peak MiB |")
        print("|---|---:|---:|---:|")
        for label, path in cases:
            runs = [import_once(path, workdir) for _ in range(args.runs)]
            wall, cpu, peak = (statistics.median(r[k] for r in runs) for k in ("wall", "cpu", "peak_mib"))
            print(f"| {label} | {wall:.2f} | {cpu:.2f} | {peak:.0f} |", flush=True)


if __name__ == "__main__":
    main()
