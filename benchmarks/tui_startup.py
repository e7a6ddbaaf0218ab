"""How fast the app is on a real terminal (a pty), whole process, beside an empty Textual app.

Measures, each as the median of repeated runs with the spread (min-max):
- time to first screen: from exec to the plan's header *and* its first tree line on the terminal,
  on the seed database and on a 50,000-node generated plan; beside an empty Textual app (one
  Static) timed the same way in the same run;
- the same until the roll-up counts are drawn, and until the reporting lights are (the header's
  red / yellow / green counts; issue 11: they come from the same worker, just after the counts);
- keypress to ticked milestone shown: space on the 羊角 station until ``[x] 羊角…`` is drawn;
- quitting: ``q`` until the process has exited.

Like ``pip install``, it writes plandesk's bytecode first (``bench_cli.compile_bytecode``).
Not a test. Run: ``python benchmarks/tui_startup.py [--runs 10]`` (needs a POSIX pty; about a
minute, most of it importing the generated plan once). Targets: seed <= 1.3x the empty app,
50k <= 1.6x, keypress -> shown < 50 ms, quit < 200 ms.
"""
from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import re
import select
import shutil
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

COLS, ROWS = 120, 36
ANSI = re.compile(rb"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[=>78])")
TODAY = "2023-06-30"
EMPTY_APP = """
from textual.app import App
from textual.widgets import Static

class Empty(App):
    def compose(self):
        yield Static("empty app ready")

Empty().run()
"""


class Pty:
    """A child process on a pseudo-terminal of a fixed size; reads what it draws."""

    def __init__(self, argv: list[str], env: dict[str, str]):
        self.started = time.perf_counter()
        pid, fd = os.forkpty()
        if pid == 0:  # child
            os.execvpe(argv[0], argv, env)
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        os.kill(pid, signal.SIGWINCH)
        self.pid, self.fd = pid, fd
        self.buffer = b""

    @property
    def text(self) -> bytes:
        return ANSI.sub(b"", self.buffer)

    def read_until(self, *needles: bytes, timeout: float = 30.0) -> float:
        """Seconds since start when every needle has appeared (in output read since the last mark)."""
        deadline = time.monotonic() + timeout
        while True:
            if all(n in self.text for n in needles):
                return time.perf_counter()
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"never saw {needles!r}; got {self.buffer[-400:]!r}")
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    raise TimeoutError("the process ended") from None
                self._answer(chunk)
                self.buffer += chunk

    def _answer(self, chunk: bytes) -> None:
        """Answer the terminal queries a real terminal would (cursor position, device attributes)."""
        if b"\x1b[6n" in chunk:
            os.write(self.fd, b"\x1b[1;1R")
        if b"\x1b[c" in chunk:
            os.write(self.fd, b"\x1b[?62;22c")

    def mark(self) -> None:
        self.drain()
        self.buffer = b""

    def drain(self) -> None:
        while True:
            ready, _, _ = select.select([self.fd], [], [], 0)
            if not ready:
                return
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return
            self._answer(chunk)
            self.buffer += chunk

    def send(self, data: bytes) -> float:
        os.write(self.fd, data)
        return time.perf_counter()

    def wait_exit(self, timeout: float = 10.0) -> float:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.drain()
            pid, _ = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return time.perf_counter()
            time.sleep(0.001)
        raise TimeoutError("did not exit")

    def kill(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        with contextlib.suppress(OSError):
            os.close(self.fd)


def counts_of(db: Path, node_id: str) -> bytes:
    """The ``done/total`` a node's tree line shows once the roll-ups are in."""
    from datetime import date

    from store import queries as q
    from store.db import connect

    conn = connect(db)
    plan_id = node_id.split("/")[0]
    rollup = q.rollups(conn, plan_id, date.fromisoformat(TODAY))[node_id]
    conn.close()
    return f"{rollup.done}/{rollup.total}".encode()


def lights_of(db: Path, plan_id: str) -> list[bytes]:
    """The header's light counts once the lights are in (``red N``, ``yellow N``, ``green N``)."""
    from datetime import date

    from store import lights as lt
    from store.db import connect

    conn = connect(db)
    total = lt.rollups(conn, lt.settings(conn, plan_id, date.fromisoformat(TODAY), 30), (0,))[plan_id]
    conn.close()
    return [f"{colour} {n}".encode() for colour, n in zip(lt.COLOURS, total, strict=True)]


def plandesk_argv(db: Path, plan: str) -> list[str]:
    exe = shutil.which("plandesk")
    base = [exe] if exe else [sys.executable, "-m", "tui.cli"]
    return [*base, "--db", str(db), "--today", TODAY, "--plan", plan, "--lang", "en"]


def env_for(db: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("TMUX", "PLANDESK_TODAY")}
    env.update(PLANDESK_DB=str(db), LANG="C.UTF-8", TERM="xterm-256color", COLUMNS=str(COLS), LINES=str(ROWS))
    return env


def first_screen(argv: list[str], env: dict[str, str], needles: list[bytes], quit_key: bytes = b"q",
                 counts: bytes | None = None,
                 lights: list[bytes] | None = None) -> tuple[float, float, float | None, float | None]:
    """(seconds to first screen, seconds to quit, seconds until the roll-up counts are drawn,
    seconds until the lights are)."""
    term = Pty(argv, env)
    try:
        shown = term.read_until(*needles) - term.started
        counted = term.read_until(counts) - term.started if counts else None
        lit = term.read_until(*lights) - term.started if lights else None
        time.sleep(1.0)  # let start-up work (and the first poll) settle before quitting
        term.mark()
        sent = term.send(quit_key)
        quit_s = term.wait_exit() - sent
        return shown, quit_s, counted, lit
    finally:
        term.kill()


def keypress_to_tick(db: Path, runs: int) -> list[float]:
    """Open Wulong on the 羊角 station (search), then space: time until the tick is drawn."""
    term = Pty(plandesk_argv(db, "wulong"), env_for(db))
    samples: list[float] = []
    try:
        term.read_until("附件1".encode())
        term.send(b"/")
        term.read_until(b"search titles")  # the search box is up (a fixed wait missed it under load)
        term.send("羊角市场监管所建成\r".encode())
        term.read_until("[ ] 羊角市场监管所建成投入使用".encode())
        time.sleep(0.3)
        for i in range(runs * 2):
            term.mark()
            want = "[x] 羊角" if i % 2 == 0 else "[ ] 羊角"
            sent = term.send(b" ")
            samples.append(term.read_until(want.encode()) - sent)
            time.sleep(0.15)
        term.send(b"q")
        term.wait_exit()
    finally:
        term.kill()
    return samples


def fmt(samples: list[float]) -> str:
    ms = [s * 1000 for s in samples]
    return f"median {statistics.median(ms):7.1f} ms  (min {min(ms):6.1f}, max {max(ms):6.1f}, n={len(ms)})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--nodes", type=int, default=50_000)
    args = parser.parse_args()
    from benchmarks.bench_cli import compile_bytecode

    compile_bytecode()
    from store.db import open_store
    from store.importer import import_file

    try:
        from benchmarks.generate_plan import write_plan
    except ImportError:  # pragma: no cover - the generator ships beside this file
        sys.exit("benchmarks/generate_plan.py is missing")

    work = Path(tempfile.mkdtemp(prefix="plandesk-bench-"))
    seed_db = work / "seed.sqlite3"
    open_store(seed_db).close()
    big_db = work / "big.sqlite3"
    print(f"generating and importing a {args.nodes:,}-node plan …", flush=True)
    conn = open_store(big_db, seed=False)
    import_file(conn, write_plan(work / "big.yaml", args.nodes))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()

    empty_file = work / "empty_app.py"
    empty_file.write_text(EMPTY_APP)
    cases = [
        ("empty Textual app", [sys.executable, str(empty_file)], env_for(seed_db), [b"empty app ready"], b"\x11", None,
         None),
        ("plandesk, seed db (Wulong)", plandesk_argv(seed_db, "wulong"), env_for(seed_db),
         [b"as of 2023-06-30", "附件1".encode()], b"q", counts_of(seed_db, "wulong-2021-2025/a1"),
         lights_of(seed_db, "wulong-2021-2025")),
        (f"plandesk, {args.nodes // 1000}k-node plan", plandesk_argv(big_db, "big"), env_for(big_db),
         [b"as of 2023-06-30", "第1章".encode()], b"q", counts_of(big_db, "big-2021-2025/c1"),
         lights_of(big_db, "big-2021-2025")),
    ]
    results: dict[str, tuple[list[float], list[float], list[float], list[float]]] = {
        name: ([], [], [], []) for name, *_ in cases}
    for _ in range(1):  # warm the file cache and the bytecode
        for _name, argv, env, needles, quit_key, counts, lights in cases:
            first_screen(argv, env, needles, quit_key, counts, lights)
    for _ in range(args.runs):  # interleaved, so drift hits every case alike
        for name, argv, env, needles, quit_key, counts, lights in cases:
            shown, quit_s, counted, lit = first_screen(argv, env, needles, quit_key, counts, lights)
            results[name][0].append(shown)
            results[name][1].append(quit_s)
            if counted is not None:
                results[name][2].append(counted)
            if lit is not None:
                results[name][3].append(lit)

    empty = statistics.median(results[cases[0][0]][0])
    print(f"\nTime to first screen ({COLS}x{ROWS} pty, whole process, {args.runs} runs each)")
    for name, (shown_runs, *_) in results.items():
        ratio = statistics.median(shown_runs) / empty
        print(f"  {name:32s} {fmt(shown_runs)}  {ratio:4.2f}x empty")
    print("\n… until the done/total counts are drawn too (roll-ups come from a worker)")
    for name, (_, _, counted_runs, _) in results.items():
        if counted_runs:
            print(f"  {name:32s} {fmt(counted_runs)}  {statistics.median(counted_runs) / empty:4.2f}x empty")
    print("\n… until the reporting lights are drawn too (the header's red / yellow / green counts)")
    for name, (*_, lit_runs) in results.items():
        if lit_runs:
            print(f"  {name:32s} {fmt(lit_runs)}  {statistics.median(lit_runs) / empty:4.2f}x empty")
    print("\nQuitting (q, ctrl+q for the empty app, until the process has exited)")
    for name, (_, quits, *_) in results.items():
        print(f"  {name:32s} {fmt(quits)}")
    ticks = keypress_to_tick(seed_db, args.runs)
    print("\nKeypress to ticked milestone shown (space on 羊角, tick and untick alternately)")
    print(f"  {'plandesk, seed db (Wulong)':32s} {fmt(ticks)}")
    seed_ratio = statistics.median(results[cases[1][0]][0]) / empty
    big_ratio = statistics.median(results[cases[2][0]][0]) / empty
    print(("\nTargets: seed <= 1.3x empty: {}  |  50k <= 1.6x empty: {}  |  keypress < 50 ms: {}  |  "
           "quit < 200 ms: {}").format(
        "met" if seed_ratio <= 1.3 else "MISSED", "met" if big_ratio <= 1.6 else "MISSED",
        "met" if statistics.median(ticks) < 0.05 else "MISSED",
        "met" if statistics.median(results[cases[1][0]][1]) < 0.2 else "MISSED"))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
