"""The app's tree on a large plan: is every keypress and every opened branch still quick?

Run: ``python benchmarks/bench_tree.py [--nodes 50000] [--db EXISTING.sqlite3]``. Drives the app
headless (``App.run_test`` and Pilot, 120x36) on a generated plan as of ``AS_OF`` and reports:

- opening a branch as the loaded lines grow: opening sections one after another (each adds
  about a hundred lines) from a few hundred lines loaded to tens of thousands; the time from the
  keypress until its lines are shown, early against late (they should be the same);
- open all (``*``) and close all (``-``): time until every line is loaded, and the longest the
  screen stalled meanwhile;
- a held key: 300 ``down`` and 30 ``pagedown`` presses with everything open; the slowest;
- three ticks (``space``) with everything open: time until the lines the tick changes are read
  again and on screen (the ticked line itself shows as soon as the write is committed);
- filtering (``o``, overdue only) and clearing it (``escape``) with everything open, and a
  search (``/``) that every task matches, cleared the same way: time until the tree is filled;
- memory: peak RSS at the first screen beside an empty Textual app, each in its own process.

"Stalled" is the longest the app's event loop did not run a 5 ms ticker: while it is stalled
no key is handled and nothing is drawn, so it is the longest frame a clerk can see. Goal
(issue 15): no stall over 100 ms; open all within a few seconds; memory within 1.5x.
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.pilot import Pilot

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.generate_plan import AS_OF, write_plan  # noqa: E402

SIZE = (120, 36)
SEARCH = "便利化"  # in every task's title (generate_plan): the largest search result


class StallMeter:
    """The longest gap between two runs of a 5 ms ticker on the app's event loop."""

    def __init__(self) -> None:
        self.worst = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _tick(self) -> None:
        while True:
            start = time.perf_counter()
            await asyncio.sleep(0.005)
            self.worst = max(self.worst, time.perf_counter() - start - 0.005)

    def start(self) -> None:
        self.worst = 0.0
        self._task = asyncio.get_running_loop().create_task(self._tick())

    def stop(self) -> float:
        assert self._task is not None
        self._task.cancel()
        return self.worst


def _loaded(tree: Any, node: Any) -> bool:
    """The tree has read ``node``'s children."""
    return bool(node.data.id in tree.loaded)


def _grown(tree: Any, node: Any, lines_before: int) -> bool:
    """``node``'s children are read and laid out below it."""
    return _loaded(tree, node) and tree.last_line + 1 > lines_before


async def until(pilot: Pilot[Any], condition: Callable[[], bool], timeout: float = 300.0) -> float:
    """Seconds until ``condition()`` holds, letting the app run meanwhile."""
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > timeout:
            raise TimeoutError("the app did not get there in time")
        await pilot.pause(0.002)
    return time.perf_counter() - start


def forget_selection(db: Path) -> None:
    """Every run starts from the same first screen: the app remembers where the cursor rested,
    and a remembered line opens its chapter and section before the benchmark opens them."""
    import sqlite3

    conn = sqlite3.connect(str(db))
    with conn:
        conn.execute("DELETE FROM settings WHERE key LIKE 'last_selection:%'")
    conn.close()


def _refreshed(screen: Any, gen: int) -> bool:
    """A refresh newer than ``gen`` is on screen (``MainScreen._unapplied`` cleared)."""
    return bool(getattr(screen, "gen", 0) > gen and getattr(screen, "_unapplied", None) is None)


def tree_filled(tree: Any) -> bool:
    """Whether the tree has finished filling in its lines (it does so a slice per frame)."""
    chunks = getattr(tree, "chunks", None)
    return chunks is None or not chunks.busy


async def filled(pilot: Pilot[Any], app: Any, tree: Any) -> None:
    """Until every read has come back and the tree has filled in what it read."""
    from textual.worker import WorkerCancelled

    for _ in range(3):
        await until(pilot, lambda: tree_filled(tree))
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:  # a read made stale by a newer one
            continue
    await until(pilot, lambda: tree_filled(tree))
    await pilot.pause()


async def drive(db: Path) -> dict[str, Any]:
    from textual.widgets import Input

    from tui.app import PlanDeskApp
    from tui.widgets.plan_tree import PlanTree

    forget_selection(db)

    results: dict[str, Any] = {}
    app = PlanDeskApp(db, today=date.fromisoformat(AS_OF), plan="big", lang="en")
    meter = StallMeter()
    async with app.run_test(size=SIZE) as pilot:
        tree = app.screen.query_one(PlanTree)
        await until(pilot, lambda: bool(tree.root.children) and len(tree.rollups) > 1)
        chapters = [c for c in tree.root.children]
        # 1. open sections one by one: a handful of chapters, then their sections
        opened: list[tuple[int, float]] = []
        meter.start()
        for chapter in chapters[:6]:
            tree.move_cursor(chapter)
            await pilot.press("right")
            await until(pilot, partial(_loaded, tree, chapter))
            for section in list(chapter.children):
                lines = tree.last_line + 1
                tree.move_cursor(section)
                start = time.perf_counter()
                await pilot.press("right")
                await until(pilot, partial(_grown, tree, section, lines))
                opened.append((lines, time.perf_counter() - start))
        results["branch_stall"] = meter.stop()
        print(f"  opened {len(opened)} sections", flush=True)
        results["branches"] = opened
        # 2. close all, open all (keys added by issue 15; without them: every chapter by hand)
        if hasattr(tree, "opening_all"):
            meter.start()
            start = time.perf_counter()
            await pilot.press("minus")
            await until(pilot, lambda: tree.last_line + 1 == len(chapters))
            results["close_all"] = (time.perf_counter() - start, meter.stop())
            print("  closed all; opening all …", flush=True)
            meter.start()
            start = time.perf_counter()
            await pilot.press("asterisk")
            await until(pilot, lambda: not tree.opening_all and tree.last_line + 1 > 10 * len(chapters),
                        timeout=900)
            results["open_all"] = (time.perf_counter() - start, meter.stop(), tree.last_line + 1)
            print(f"  opened all: {tree.last_line + 1:,} lines", flush=True)
        else:
            results["close_all"] = results["open_all"] = None
            for chapter in chapters:
                tree.move_cursor(chapter)
                await pilot.press("right")
            await until(pilot, lambda: all(c.data is not None and c.data.id in tree.loaded for c in chapters))
        # 3. a held key, everything open
        tree.move_cursor(chapters[0])
        await pilot.pause()
        presses: list[float] = []
        meter.start()
        for key in ["down"] * 300 + ["pagedown"] * 30:
            start = time.perf_counter()
            await pilot.press(key)
            presses.append(time.perf_counter() - start)
        results["scroll"] = (max(presses), statistics.median(presses), meter.stop())
        # 3b. ticks with everything open: until the re-read lines are on screen (the ticked line
        # itself shows as soon as the write is committed)
        screen = app.screen
        ticks: list[float] = []
        meter.start()
        tickable = [n for n in list(tree.by_key.values())[:400] if n.data is not None and n.data.tickable]
        for node in tickable[:3]:
            tree.move_cursor(node)
            await pilot.pause()
            start = time.perf_counter()
            done = partial(_refreshed, screen, getattr(screen, "gen", 0))  # the generation before the tick
            await pilot.press("space")
            await until(pilot, done)
            ticks.append(time.perf_counter() - start)
        results["tick"] = (statistics.median(ticks), meter.stop(), tree.last_line + 1)
        print("  scrolled; filtering …", flush=True)
        # 4. filter and clear, everything open; then a search every task matches, and clear it
        meter.start()
        start = time.perf_counter()
        await pilot.press("o")
        await until(pilot, lambda: bool(tree.matched))
        await filled(pilot, app, tree)
        filtered = time.perf_counter() - start
        start = time.perf_counter()
        await pilot.press("escape")
        await until(pilot, lambda: not tree.matched and bool(tree.root.children))
        await filled(pilot, app, tree)
        results["filter"] = (filtered, time.perf_counter() - start, meter.stop())
        print("  filtered; searching …", flush=True)
        meter.start()
        start = time.perf_counter()
        await pilot.press("slash")
        await pilot.pause()
        app.screen.query_one("#search", Input).value = SEARCH
        await pilot.press("enter")
        await until(pilot, lambda: bool(tree.matched))
        await filled(pilot, app, tree)
        searched, found = time.perf_counter() - start, tree.last_line + 1
        start = time.perf_counter()
        await pilot.press("escape")
        await until(pilot, lambda: not tree.matched and bool(tree.root.children))
        await filled(pilot, app, tree)
        results["search"] = (searched, found, time.perf_counter() - start, meter.stop())
    return results


FIRST_SCREEN = """
import asyncio, resource, sys, time
from datetime import date
sys.path.insert(0, {repo!r})
async def main():
    if {empty!r}:
        from textual.app import App
        from textual.widgets import Static
        class Empty(App):
            def compose(self):
                yield Static("empty app ready")
        app = Empty()
    else:
        from tui.app import PlanDeskApp
        app = PlanDeskApp({db!r}, today=date.fromisoformat({as_of!r}), plan="big", lang="en")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(0.5)
        for _ in range(5):
            try:
                await app.workers.wait_for_complete()
            except Exception:  # a read made stale by a newer one
                pass
            await pilot.pause(0.2)
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
asyncio.run(main())
"""


def first_screen_rss(db: Path, empty: bool) -> int:
    code = FIRST_SCREEN.format(repo=str(REPO), empty=empty, db=str(db), as_of=AS_OF)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    return int(out.stdout.split()[-1]) // 1024


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nodes", type=int, default=50_000)
    parser.add_argument("--db", type=Path, help="an existing database holding the generated plan (skips the import)")
    args = parser.parse_args()
    from benchmarks.bench_cli import compile_bytecode

    compile_bytecode()
    db = args.db
    if db is None:
        from store.db import open_store
        from store.importer import import_file

        work = Path(tempfile.mkdtemp(prefix="plandesk-bench-tree-"))
        db = work / "big.sqlite3"
        print(f"generating and importing a {args.nodes:,}-node plan …", flush=True)
        conn = open_store(db, seed=False)
        import_file(conn, write_plan(work / "big.yaml", args.nodes))
        conn.close()
    empty = first_screen_rss(db, True)  # first: a forked child's peak counts this process's size
    plan = first_screen_rss(db, False)
    r = asyncio.run(drive(db))
    branches: list[tuple[int, float]] = r["branches"]
    early, late = branches[:10], branches[-10:]
    print(f"\nTree on the {args.nodes:,}-node plan ({SIZE[0]}x{SIZE[1]}, headless), as of {AS_OF}")
    print(f"  open a section, {early[0][0]:>6,}-{early[-1][0]:>6,} lines loaded: median "
          f"{ms(statistics.median(s for _, s in early))}")
    print(f"  open a section, {late[0][0]:>6,}-{late[-1][0]:>6,} lines loaded: median "
          f"{ms(statistics.median(s for _, s in late))}")
    print(f"  longest stall while opening {len(branches)} branches: {ms(r['branch_stall'])}")
    if r["open_all"] is not None:
        close_s, close_stall = r["close_all"]
        open_s, open_stall, lines = r["open_all"]
        print(f"  close all (-): {ms(close_s)}, longest stall {ms(close_stall)}")
        print(f"  open all (*): {open_s:5.2f} s to {lines:,} lines, longest stall {ms(open_stall)}")
    worst, median, stall = r["scroll"]
    print(f"  held key (300 down, 30 pagedown), all open (or every chapter): slowest {ms(worst)}, median {ms(median)}, "
          f"longest stall {ms(stall)}")
    filtered, cleared, stall = r["filter"]
    print(f"  filter overdue only (o): {ms(filtered)}; clear (esc): {ms(cleared)}; longest stall {ms(stall)}")
    searched, found, cleared, stall = r["search"]
    print(f"  search (/{SEARCH}, {found:,} lines): {ms(searched)}; clear (esc): {ms(cleared)}; "
          f"longest stall {ms(stall)}")
    tick, stall, lines = r["tick"]
    print(f"  tick (space) with {lines:,} lines open, until the lines above are re-read: median {ms(tick)}; "
          f"longest stall {ms(stall)}")
    print(f"  memory at first screen: {plan} MiB beside {empty} MiB for an empty Textual app ({plan / empty:.2f}x)")


if __name__ == "__main__":
    main()
