"""Journal timings as it grows: history and undo must stay flat, ``undo N`` linear in N.

Run: ``python benchmarks/bench_journal.py [--sizes 1000,10000,100000]``. For each size it builds
a copy of the seed database whose journal holds that many entries (ticks and unticks of the
seed plans' milestones, then a few hundred undone and redone), and prints the median of a few
runs, in milliseconds, of:

- ``history``: the newest 30 entries described for people (store.history.entries, as the
  command line's ``history`` does), of all plans and of one plan;
- ``detail``: the history of one milestone's task (what the app's detail pane reads);
- ``undo 1`` and ``undo N`` for N = 100 and 1000 (each then redone), and their cost per step.

Before schema v2, each undo step re-walked every entry already undone: ``undo 4900`` took 37 s.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ["PLANDESK_AUTO_BACKUP"] = "0"

from benchmarks.timing import median_ms  # noqa: E402  (after the path insert)


def build(seed: Path, folder: Path, size: int) -> Path:
    """A copy of the seed database with ``size`` journal entries (all in one transaction: fast)."""
    from store import actions
    from store.changes import transaction
    from store.db import open_store

    path = folder / f"journal-{size}.sqlite3"
    shutil.copy(seed, path)
    conn = open_store(path)
    ids = [r[0] for r in conn.execute("SELECT id FROM milestones WHERE archived_at IS NULL ORDER BY id")]
    have = conn.execute("SELECT count(*) FROM journal").fetchone()[0]
    with transaction(conn):
        for n in range(size - have):
            milestone = ids[n % len(ids)]
            if (n // len(ids)) % 2 == 0:
                actions.tick(conn, milestone, date(2022, 1, 1) + timedelta(days=n % 700))
            else:
                actions.untick(conn, milestone)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


def measure(path: Path) -> dict[str, float]:
    from store import actions, history
    from store.db import open_store

    conn = open_store(path)
    plan = "wulong-2021-2025"
    task_ids = [r[0] for r in conn.execute("SELECT id FROM milestones WHERE node_id = 'wulong-2021-2025/a1.p1'")]
    out = {
        "history": median_ms(lambda: history.entries(conn, 30)),
        "history --plan": median_ms(lambda: history.entries(conn, 30, plan)),
        "detail": median_ms(lambda: history.entries(conn, 12, entity_ids=["wulong-2021-2025/a1.p1", *task_ids])),
    }

    def undo_redo(n: int) -> float:
        start = time.perf_counter()
        actions.undo(conn, n)
        took = (time.perf_counter() - start) * 1000
        actions.redo(conn, n)
        return took

    out["undo 1"] = statistics.median(undo_redo(1) for _ in range(5))
    out["undo 100"] = undo_redo(100)
    out["undo 1000"] = undo_redo(1000)
    conn.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    args = parser.parse_args()
    from store.db import open_store

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        seed = folder / "seed.sqlite3"
        open_store(seed).close()
        rows = []
        for size in (int(s) for s in args.sizes.split(",")):
            start = time.perf_counter()
            path = build(seed, folder, size)
            built = time.perf_counter() - start
            rows.append((size, measure(path), built))
        names = list(rows[0][1])
        print(f"{'entries':>8}  " + "  ".join(f"{n:>15}" for n in names) + "   (ms, median; build s)")
        for size, result, built in rows:
            print(f"{size:>8}  " + "  ".join(f"{result[n]:>15.2f}" for n in names) + f"   {built:.1f}")
        last = rows[-1][1]
        print(f"undo per step at {rows[-1][0]} entries: {last['undo 1000'] / 1000:.2f} ms "
              f"(undo 1: {last['undo 1']:.2f} ms)")


if __name__ == "__main__":
    main()
