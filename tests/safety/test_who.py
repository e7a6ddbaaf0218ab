"""Every journal entry names who made it, never the operating system's account, and a script is
never stopped to ask."""
from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO


def last_who(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT who FROM journal ORDER BY seq DESC LIMIT 1").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture(autouse=True)
def _no_user(monkeypatch: pytest.MonkeyPatch):
    from store import journal

    monkeypatch.delenv("PLANDESK_USER", raising=False)
    monkeypatch.setenv("USER", "root")
    monkeypatch.setenv("LOGNAME", "root")
    yield
    journal.set_user(None)


def test_without_a_name_the_entry_says_unnamed_not_root(cli, seeded_db: Path) -> None:
    assert cli("tick", "wulong/a1.p1.yangjiao")[0] == 0
    assert last_who(seeded_db) == "(unnamed)"


def test_user_option_beats_the_environment_beats_the_saved_name(cli, seeded_db: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = cli("config", "user", "张科长")
    assert code == 0 and "张科长" in out
    cli("tick", "wulong/a1.p1.yangjiao")
    assert last_who(seeded_db) == "张科长"
    monkeypatch.setenv("PLANDESK_USER", "李科员")
    cli("untick", "wulong/a1.p1.yangjiao")
    assert last_who(seeded_db) == "李科员"
    cli("--user", "王科员", "tick", "wulong/a1.p1.yangjiao")
    assert last_who(seeded_db) == "王科员"
    cli("undo", "--user", "赵科员")
    assert last_who(seeded_db) == "赵科员"
    code, out, _ = cli("history", "--limit", "4")
    assert all(name in out for name in ("赵科员", "王科员", "李科员", "张科长")) and "root" not in out


def test_a_terminal_is_asked_once_and_the_name_kept(cli, seeded_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)

    def typed_at_the_prompt(prompt: str) -> str:
        asked.append(prompt)
        return "钱科员"

    monkeypatch.setattr("builtins.input", typed_at_the_prompt)
    cli("tick", "wulong/a1.p1.yangjiao")
    cli("untick", "wulong/a1.p1.yangjiao")
    cli("status", "--plan", "wulong")  # reading commands never ask
    assert len(asked) == 1 and "journal" in asked[0]
    assert last_who(seeded_db) == "钱科员"


def test_a_script_without_a_terminal_is_never_stopped_to_ask(seeded_db: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "tui.cli", "--db", str(seeded_db), "tick", "wulong/a1.p1.yangjiao"],
                         cwd=REPO, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0 and "name" not in run.stdout + run.stderr
    assert last_who(seeded_db) == "(unnamed)"
