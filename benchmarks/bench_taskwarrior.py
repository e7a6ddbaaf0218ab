"""plandesk beside taskwarrior holding the same tasks with the same due dates (issue 15).

Run: ``python benchmarks/bench_taskwarrior.py [--runs 5] [--sizes 1000,10000,50000] [--with-200k]``.
Needs taskwarrior: ``apt-get install taskwarrior`` (Debian/Ubuntu; the command is ``task``).
Without it the taskwarrior columns are skipped and the plandesk-only figures are still printed.

For each generated plan (``benchmarks/generate_plan.py``: every task one dated milestone, about
half overdue as of ``AS_OF``):

- plandesk imports the YAML file into a new database (time and peak RSS);
- taskwarrior imports the same milestones as pending tasks (``task import`` of a JSON file) into
  a temporary TASKDATA with an empty taskrc (no hooks, no colour, no confirmation, nothing
  verbose). taskwarrior reads the real clock, so every due date is moved by (today - AS_OF) and
  set to the end of its day: ``task overdue`` then lists exactly the milestones plandesk calls
  overdue as of AS_OF, which the benchmark checks by comparing the ids both print;
- interleaved runs (so drift on a shared machine hits both alike) of
  ``plandesk overdue`` vs ``task overdue``, and ``plandesk export --format json`` vs
  ``plandesk status``, whole processes, output to a pipe;
- peak RSS of each process (``os.wait4``: per child, not the running maximum).

Prints one table of sizes against median times and ratios. Goals: overdue <= 1.0x taskwarrior,
export <= 2x status, import of 200,000 nodes within 1 GiB.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime
from datetime import time as dtime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from benchmarks.bench_cli import PLANDESK, compile_bytecode  # noqa: E402
from benchmarks.generate_plan import AS_OF, milestone_dues, write_plan  # noqa: E402

TASK_RC = ("rc.confirmation=off", "rc.verbose=nothing", "rc.hooks=off", "rc.color=off", "rc.gc=off",
           "rc.defaultwidth=120", "rc.recurrence=off")
TASK_ID = re.compile(r"c\d+\.s\d+\.t\d+")
MIB = 1024 * 1024


TIME = shutil.which("time", path="/usr/bin:/bin")


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, int, bytes]:
    """Wall seconds, peak RSS in bytes and stdout of one whole process.

    The peak comes from GNU time (``%M``) when installed: Linux keeps a process's peak RSS across
    ``exec``, so the child of this (large) Python process would otherwise report at least this
    process's size. Without it, ``os.wait4``'s figure, an upper bound."""
    with tempfile.TemporaryFile() as errors, tempfile.NamedTemporaryFile("r") as peak_file:
        if TIME:
            cmd = [TIME, "-f", "%M", "-o", peak_file.name, *cmd]
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=errors, env=env, cwd=REPO)
        assert proc.stdout is not None  # stdout=PIPE
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)  # reaps it: Popen.wait would lose the rusage
        elapsed = time.perf_counter() - start
        proc.stdout.close()
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        if code:
            errors.seek(0)
            raise SystemExit(f"{' '.join(cmd)} failed ({code}): {errors.read().decode(errors='replace')[-500:]}")
        peak = usage.ru_maxrss
        if TIME:
            peak_file.seek(0)
            peak = int(peak_file.read().split()[-1])
    return elapsed, peak * 1024, out


def taskwarrior_json(nodes: int, path: Path) -> int:
    """The generated plan's milestones as pending tasks, due dates moved to today's frame."""
    shift = date.today() - date.fromisoformat(AS_OF)
    entry = "20210101T000000Z"
    tasks = []
    for i, m in enumerate(milestone_dues(nodes)):
        # the end of the due day, local time (a naive datetime is local to astimezone): overdue
        # from the next day on, as in plandesk
        due = datetime.combine(m.due + shift, dtime(23, 59, 59)).astimezone(UTC)
        tasks.append({"uuid": str(uuid.UUID(int=i + 1)), "status": "pending", "entry": entry,
                      "description": f"{m.local_id} {m.title}", "project": "big",
                      "due": due.strftime("%Y%m%dT%H%M%SZ")})
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    return len(tasks)


def med(samples: list[float]) -> float:
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--with-200k", action="store_true", help="add the 200,000-node plan (slow)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    if args.with_200k and 200_000 not in sizes:
        sizes.append(200_000)
    task = shutil.which("task")
    if task is None:
        print("taskwarrior is not installed (apt-get install taskwarrior): its columns are skipped.")
    compile_bytecode()
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    work = Path(tempfile.mkdtemp(prefix="plandesk-bench-tw-"))
    rows = []
    try:
        for nodes in sizes:
            rows.append(measure(nodes, work / str(nodes), env, task, args.runs))
            shutil.rmtree(work / str(nodes), ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print_table(rows, args.runs, task is not None)


def measure(nodes: int, work: Path, env: dict[str, str], task: str | None, runs: int) -> dict[str, Any]:
    work.mkdir(parents=True)
    plan_file = write_plan(work / "plan.yaml", nodes)
    db = work / "plan.sqlite3"
    print(f"{nodes:,} nodes: importing into plandesk …", flush=True)
    import_s, import_rss, _ = run([*PLANDESK, "--db", str(db), "import", str(plan_file)], env)
    base = [*PLANDESK, "--db", str(db)]
    as_of = ["--today", AS_OF]
    cases: dict[str, tuple[list[str], dict[str, str]]] = {
        "overdue": ([*base, "overdue", "--plan", "big", *as_of], env),
        "export": ([*base, "export", "--plan", "big", "--format", "json", *as_of], env),
        "status": ([*base, "status", "--plan", "big", *as_of], env),
    }
    row: dict[str, object] = {"nodes": nodes, "import_s": import_s, "import_rss": import_rss}
    if task is not None:
        tw_env = {**env, "TASKRC": str(work / "taskrc"), "TASKDATA": str(work / "taskdata")}
        (work / "taskrc").write_text("", encoding="utf-8")
        (work / "taskdata").mkdir()
        row["milestones"] = taskwarrior_json(nodes, work / "tasks.json")
        print(f"{nodes:,} nodes: importing into taskwarrior …", flush=True)
        row["task_import_s"], row["task_import_rss"], _ = run([task, *TASK_RC, "import", str(work / "tasks.json")],
                                                              tw_env)
        cases["task overdue"] = ([task, *TASK_RC, "overdue"], tw_env)
    times: dict[str, list[float]] = {name: [] for name in cases}
    rss: dict[str, int] = {name: 0 for name in cases}
    outputs: dict[str, bytes] = {}
    for name, (cmd, case_env) in cases.items():  # warm-up: file cache, bytecode
        outputs[name] = run(cmd, case_env)[2]
    for _ in range(runs):
        for name, (cmd, case_env) in cases.items():
            seconds, peak, _ = run(cmd, case_env)
            times[name].append(seconds)
            rss[name] = max(rss[name], peak)
    shown = set(TASK_ID.findall(outputs["overdue"].decode()))
    row["overdue_items"] = len(shown)
    if task is not None:
        theirs = set(TASK_ID.findall(outputs["task overdue"].decode()))
        row["same_items"] = shown == theirs
        if shown != theirs:
            print(f"  warning: the overdue lists differ ({len(shown)} plandesk, {len(theirs)} taskwarrior)")
    row["times"], row["rss"] = times, rss
    return row


def print_table(rows: list[dict[str, Any]], runs: int, with_task: bool) -> None:
    print(f"\nMedian of {runs} interleaved runs per command (whole process, output to a pipe), as of {AS_OF}")
    head = f"{'nodes':>8} {'overdue':>8} {'plandesk overdue':>17}"
    if with_task:
        head += f" {'task overdue':>13} {'ratio':>6}"
    head += f" {'export json':>12} {'status':>8} {'ratio':>6}"
    print(head)
    for row in rows:
        t = row["times"]
        line = f"{row['nodes']:>8,} {row['overdue_items']:>8,} {med(t['overdue']) * 1000:>14.0f} ms"
        if with_task:
            tw = med(t["task overdue"])
            line += f" {tw * 1000:>10.0f} ms {med(t['overdue']) / tw:>5.2f}x"
        line += (f" {med(t['export']) * 1000:>9.0f} ms {med(t['status']) * 1000:>5.0f} ms"
                 f" {med(t['export']) / med(t['status']):>5.2f}x")
        print(line)
    print("\nPeak RSS (MiB) and import time")
    head = f"{'nodes':>8} {'overdue':>8} {'export':>8} {'status':>8} {'import':>8} {'import time':>12}"
    if with_task:
        head += f" {'task overdue':>13} {'task import':>12} {'task import time':>17}"
    print(head)
    for row in rows:
        r = row["rss"]
        line = (f"{row['nodes']:>8,} {r['overdue'] / MIB:>8.0f} {r['export'] / MIB:>8.0f} "
                f"{r['status'] / MIB:>8.0f} {row['import_rss'] / MIB:>8.0f} {row['import_s']:>10.1f} s")
        if with_task:
            line += (f" {r['task overdue'] / MIB:>13.0f} {row['task_import_rss'] / MIB:>12.0f}"
                     f" {row['task_import_s']:>15.1f} s")
        print(line)
    if with_task:
        same = all(row.get("same_items") for row in rows)
        print("\nplandesk and taskwarrior list the same overdue items: " + ("yes" if same else "NO (see warnings)"))


if __name__ == "__main__":
    main()
