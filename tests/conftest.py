"""Shared fixtures: every test works on a database under tmp_path, never the user's data folder."""
from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may reach the real user data folder, the real clock's 'today' or the locale."""
    monkeypatch.setenv("PLANDESK_DB", str(tmp_path / "default-must-not-be-used.sqlite3"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.delenv("PLANDESK_TODAY", raising=False)
    monkeypatch.delenv("PLANDESK_LANG", raising=False)
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("PLANDESK_AUTO_BACKUP", "0")  # tests that want the daily backup switch it on


@pytest.fixture(scope="session")
def _seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One database seeded from seed_plans.yaml per session; tests get a copy."""
    from store.db import open_store

    path = tmp_path_factory.mktemp("template") / "seeded.sqlite3"
    conn = open_store(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


@pytest.fixture
def seeded_db(tmp_path: Path, _seeded_template: Path) -> Path:
    """A fresh copy of the seeded database."""
    path = tmp_path / "plandesk.sqlite3"
    shutil.copy(_seeded_template, path)
    return path


@pytest.fixture
def conn(seeded_db: Path) -> Iterator[sqlite3.Connection]:
    from store.db import open_store

    connection = open_store(seeded_db)
    yield connection
    connection.close()


def dump(path: Path) -> list[str]:
    """The whole database as SQL text, to prove a failed command changed nothing."""
    connection = sqlite3.connect(str(path))
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


@pytest.fixture
def cli(seeded_db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """Run ``plandesk ARGS`` in-process on the seeded copy; returns (exit code, stdout, stderr).

    The printout is 200 columns wide so that titles are not folded across lines.
    """
    from tui.cli import main

    monkeypatch.setenv("COLUMNS", "200")

    def run(*args: str, db: Path | None = None) -> tuple[int, str, str]:
        code = main(["--db", str(db or seeded_db), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run
