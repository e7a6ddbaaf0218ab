"""End to end: the installed ``plandesk`` in a real terminal (tmux), driven by the keyboard.

Opens Wulong as of 2023-06-30, finds the 羊角 station milestone with ``/``, ticks it with space,
quits with ``q``, and checks with ``plandesk export`` (a separate process) that the tick was saved.
"""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import time
import uuid
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

PLANDESK = shutil.which("plandesk") or ""
TMUX = shutil.which("tmux") or ""
YANGJIAO = "wulong-2021-2025/a1.p1.yangjiao"

pytestmark = [
    pytest.mark.skipif(not TMUX, reason="tmux is not installed: the end-to-end test needs a real terminal"),
    pytest.mark.skipif(not PLANDESK, reason="plandesk is not installed (pip install -e .)"),
]


class Terminal:
    def __init__(self, env: dict[str, str]):
        self.name = f"plandesk-e2e-{uuid.uuid4().hex[:8]}"
        self.env = env

    def tmux(self, *args: str) -> str:
        return subprocess.run([TMUX, *args], check=True, capture_output=True, text=True, env=self.env).stdout

    def start(self, command: str) -> None:
        self.tmux("new-session", "-d", "-s", self.name, "-x", "120", "-y", "36", command)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name)

    def alive(self) -> bool:
        return subprocess.run([TMUX, "has-session", "-t", self.name], capture_output=True, env=self.env).returncode == 0

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.tmux("send-keys", "-t", self.name, *(["-l"] if literal else []), *keys)

    def wait_for(self, text: str, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} did not appear; the screen was:\n{screen}")

    def close(self) -> None:
        if self.alive():
            subprocess.run([TMUX, "kill-session", "-t", self.name], capture_output=True, env=self.env)


def test_tick_the_yangjiao_station_with_the_keyboard_and_find_it_saved(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    env = {**os.environ, "PLANDESK_DB": str(db), "LANG": "C.UTF-8", "TERM": "xterm-256color",
           "TMUX_TMPDIR": str(tmp_path)}  # a tmux server of our own, never the user's
    env.pop("TMUX", None)
    marker = tmp_path / "exited"
    term = Terminal(env)
    command = (f"{PLANDESK} --db {db} --today 2023-06-30 --plan wulong --lang en; "
               f"echo $? > {marker}; sleep 30")
    try:
        term.start(command)
        term.wait_for("as of 2023-06-30", timeout=30)
        term.wait_for("附件1")
        term.keys("/")
        term.wait_for("search titles and text")
        term.keys("羊角市场监管所建成", literal=True)
        term.keys("Enter")
        term.wait_for("Search: 羊角市场监管所建成")
        term.wait_for("[ ] 羊角市场监管所建成投入使用")
        term.wait_for("Milestone · overdue · due 2022-12-31")  # the detail pane shows the selection
        term.keys("Space")
        screen = term.wait_for("[x] 羊角市场监管所建成投入使用")
        assert "done 2023-06-30" in screen
        term.keys("q")
        deadline = time.monotonic() + 10
        while not marker.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert marker.exists(), "plandesk did not quit on q"
        assert marker.read_text().strip() == "0"
    finally:
        term.close()
    # a separate process reads the file: the tick is there
    out = subprocess.run([PLANDESK, "export", "--plan", "wulong", "--db", str(db), "--today", "2023-06-30"],
                         check=True, capture_output=True, text=True, env=env).stdout
    data = json.loads(out)
    found = [m for m in _milestones(data) if m.get("id") in (YANGJIAO, "a1.p1.yangjiao")]
    assert found, "the milestone is in the export"
    assert found[0].get("done_on") == "2023-06-30"
    status = subprocess.run([PLANDESK, "status", "--plan", "wulong", "--db", str(db), "--today", "2023-06-30"],
                            check=True, capture_output=True, text=True, env={**env, "COLUMNS": "200"}).stdout
    with closing(sqlite3.connect(db)) as conn:
        total = conn.execute("SELECT count(*) FROM milestones WHERE plan_id = 'wulong-2021-2025' "
                             "AND archived_at IS NULL").fetchone()[0]
    # the station and 附件4's row that repeats it (same_as) are one target: both done
    assert total > 90 and f"2 of {total} milestones done" in status


def _milestones(data: object) -> list[dict[str, Any]]:
    """Every dict with a done_on key anywhere in the export (its layout is the exporter's business)."""
    found: list[dict[str, Any]] = []
    if isinstance(data, dict):
        if "done_on" in data:
            found.append(data)
        for value in data.values():
            found.extend(_milestones(value))
    elif isinstance(data, list):
        for value in data:
            found.extend(_milestones(value))
    return found
