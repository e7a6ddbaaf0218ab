"""Whole-process timings of the command line, each beside the bare floor it competes with.

Run: ``python benchmarks/bench_cli.py [--runs 15]``. Prints medians with the spread (min-max)
over repeated runs, all measured in the same run of this script:

- ``plandesk status`` on the seed database vs ``python -c "import rich.console, rich.table, rich.tree"``
- ``plandesk tick`` vs ``python -c "import sqlite3"``
- importing seed_plans.yaml into a new file
- ``plandesk status`` on a generated 50,000-node plan vs the same rich floor
- ``plandesk export --format json`` and ``plandesk missing`` on that plan vs its ``status``
  (issue 15: export within 2x of status, in time and in peak memory)

Every row also gives the peak resident memory of one more run under GNU time (``%M``), when
``/usr/bin/time`` is installed.

Targets (issue 2): status within 2x its floor on the seed database and 3x on 50,000 nodes;
tick within 3x its floor.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))


def _plandesk() -> list[str]:
    """The installed console script beside this Python (not a version-manager shim), else -m."""
    script = Path(sys.executable).parent / "plandesk"
    return [str(script)] if script.exists() else [sys.executable, "-m", "tui.cli"]


PLANDESK = _plandesk()


def compile_bytecode() -> None:
    """Write plandesk's bytecode first, as ``pip install`` does for installed packages.

    Textual and rich come with their ``.pyc`` files; ours are only written on first import, and
    not at all where ``PYTHONDONTWRITEBYTECODE`` is set (as on this build machine). Without this
    every timed run would compile plandesk from source (about 20 ms) and the comparison with the
    floor would measure the compiler, not plandesk."""
    import compileall

    for package in ("store", "tui"):
        compileall.compile_dir(REPO / package, quiet=1)


GNU_TIME = "/usr/bin/time" if Path("/usr/bin/time").exists() else None  # GNU time, for peak memory
PEAK_RSS: dict[int, float] = {}  # MiB, the largest of a command's runs, by id() of its samples


def timed(cmd: list[str], runs: int, env: dict[str, str], before=None) -> list[float]:  # type: ignore[no-untyped-def]
    """Wall-clock seconds of each whole-process run (``before`` runs first, untimed); the peak
    resident memory of one more run goes to ``PEAK_RSS``."""
    samples: list[float] = []
    peak = 0.0
    for _ in range(runs):
        if before:
            before()
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=REPO, check=True)
        samples.append(time.perf_counter() - start)
    if GNU_TIME:  # one more run, under GNU time: a child forked from this big process would count its pages
        if before:
            before()
        with tempfile.NamedTemporaryFile("r") as report:
            subprocess.run([GNU_TIME, "-f", "%M", "-o", report.name, *cmd], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, env=env, cwd=REPO, check=True)
            peak = int(report.read().split()[-1]) / 1024
    PEAK_RSS[id(samples)] = peak
    return samples


def fmt(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:7.1f} ms  ({min(samples) * 1000:.1f}-{max(samples) * 1000:.1f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--nodes", type=int, default=50_000)
    args = parser.parse_args()
    compile_bytecode()
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    work = Path(tempfile.mkdtemp(prefix="plandesk-bench-"))
    seed_db = work / "seed.sqlite3"
    subprocess.run([*PLANDESK, "--db", str(seed_db), "plans"], check=True, stdout=subprocess.DEVNULL, env=env)
    from benchmarks.generate_plan import write_plan

    big_yaml = write_plan(work / "big.yaml", args.nodes)
    big_db = work / "big.sqlite3"
    print(f"preparing the {args.nodes}-node database (one-time import) ...", flush=True)
    start = time.perf_counter()
    subprocess.run([*PLANDESK, "--db", str(big_db), "import", str(big_yaml)], check=True, stdout=subprocess.DEVNULL,
                   env=env)
    big_import = time.perf_counter() - start

    rich_floor = timed([sys.executable, "-c", "import rich.console, rich.table, rich.tree"], args.runs, env)
    sqlite_floor = timed([sys.executable, "-c", "import sqlite3"], args.runs, env)
    status_seed = timed([*PLANDESK, "--db", str(seed_db), "status", "--plan", "wulong", "--today", "2023-06-30"],
                        args.runs, env)
    tick = timed([*PLANDESK, "--db", str(seed_db), "tick", "wulong/a1.p1.yangjiao", "--on", "2022-11-30"],
                 args.runs, env)
    fresh = work / "fresh.sqlite3"

    def remove_fresh() -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{fresh}{suffix}").unlink(missing_ok=True)

    seed_import = timed([*PLANDESK, "--db", str(fresh), "import", str(REPO / "seed_plans.yaml")], args.runs, env,
                        before=remove_fresh)
    big = [*PLANDESK, "--db", str(big_db), "--today", "2023-06-30"]
    status_big = timed([*big, "status", "--plan", "big"], args.runs, env)
    export_big = timed([*big, "export", "--plan", "big"], args.runs, env)
    missing_big = timed([*big, "missing", "--plan", "big"], args.runs, env)

    med = statistics.median
    print(f"\n{'what':44} {'median (min-max)':>28}   {'beside':>14}   peak RSS")
    rows = [
        ("floor: python -c 'import rich...'", rich_floor, None, ""),
        ("plandesk status (seed db, wulong)", status_seed, rich_floor, "floor"),
        (f"plandesk status ({args.nodes} nodes)", status_big, rich_floor, "floor"),
        (f"plandesk export --format json ({args.nodes})", export_big, status_big, "status"),
        (f"plandesk missing ({args.nodes} nodes)", missing_big, status_big, "status"),
        ("floor: python -c 'import sqlite3'", sqlite_floor, None, ""),
        ("plandesk tick", tick, sqlite_floor, "floor"),
        ("plandesk import seed_plans.yaml (new file)", seed_import, None, ""),
    ]
    for label, samples, floor, beside in rows:
        ratio = f"{med(samples) / med(floor):.2f}x {beside}" if floor else ""
        print(f"{label:44} {fmt(samples):>28}   {ratio:>14}   {PEAK_RSS.get(id(samples), 0):5.1f} MiB")
    print(f"\none-time import of the {args.nodes}-node plan: {big_import:.1f} s")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
