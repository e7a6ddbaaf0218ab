"""How long the clerk's tree edits take on a large plan: each renumbers the whole plan's pre-order.

Run: ``python benchmarks/bench_tree_edit.py [--nodes 50000]``. Prints the median of 5 runs (ms) of
a move between the first section and the last chapter, a move up, an add, an archive, the undo of
a move and ``plan write`` (building the document); ``--reimport`` adds a re-import of the plan file with the edits kept.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate_plan import write_plan  # noqa: E402
from benchmarks.timing import median_ms  # noqa: E402
from store import actions  # noqa: E402
from store import node_actions as na  # noqa: E402
from store.db import open_store  # noqa: E402
from store.importer import import_file  # noqa: E402
from store.plan_writer import plan_file  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--nodes", type=int, default=50_000)
    parser.add_argument("--reimport", action="store_true", help="also time a re-import (bound by the YAML loader)")
    args = parser.parse_args()
    nodes = args.nodes
    with tempfile.TemporaryDirectory() as folder:
        plan_path = write_plan(Path(folder) / "big.yaml", nodes)
        conn = open_store(Path(folder) / "big.sqlite3", seed=False)
        import_file(conn, plan_path)
        pid = conn.execute("SELECT id FROM plans").fetchone()[0]
        chapters = [r[0] for r in conn.execute("SELECT id FROM nodes WHERE plan_id = ? AND depth = 0 ORDER BY seq",
                                               (pid,))]
        sections = [r[0] for r in conn.execute(
            "SELECT id FROM nodes WHERE parent_id = ? ORDER BY seq", (chapters[0],))]
        task = conn.execute("SELECT id FROM nodes WHERE parent_id = ? ORDER BY seq", (sections[0],)).fetchone()[0]
        flip = iter(range(10**6))
        figures = {
            "move a task to the last chapter": median_ms(
                lambda: na.move_node(conn, task, sections[0] if next(flip) % 2 else chapters[-1], 0)),
            "move a section up": median_ms(lambda: na.move_by(conn, sections[3], -1 if next(flip) % 2 else 1)),
            "add a task": median_ms(lambda: na.add_node(conn, pid, sections[2], "新增任务")),
            "archive a section": median_ms(lambda: na.archive_node(conn, sections[5 + next(flip)])),
            "undo (a move or an archive)": median_ms(lambda: actions.undo(conn)),
            "plan write (the document)": median_ms(lambda: plan_file(conn, pid), runs=3),
        }
        if args.reimport:
            figures["re-import, clerk's edits kept"] = median_ms(lambda: import_file(conn, plan_path), runs=1)
        print(f"{nodes:,} nodes")
        for what, ms in figures.items():
            print(f"  {what:34} {ms:8.0f} ms")


if __name__ == "__main__":
    main()
