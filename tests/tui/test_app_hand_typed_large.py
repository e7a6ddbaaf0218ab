"""The app on a database too large to check before it opens (more than ``PRECHECK_ROWS`` nodes)
holding a value typed in by hand: it stops with the one line naming the table, the row and the
column, exit 1, no traceback, the file unchanged. Before, Textual's traceback came first. A defect
of plandesk's own on a sound database stays a traceback, and a sound large database is not checked
before its first screen."""
from __future__ import annotations

import contextlib
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import dump
from tests.tui.test_tree_large import open_everything
from tests.tui.tui_helpers import SIZE, make_app, settle

BIG_PLAN = "big-2021-2025"
MILESTONE = f"{BIG_PLAN}/c1.s1.t1.m1"


@pytest.fixture(scope="module")
def _big_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from benchmarks.generate_plan import write_plan
    from tui.app_main import PRECHECK_ROWS
    from tui.cli import main

    folder = tmp_path_factory.mktemp("big")
    path = folder / "big.sqlite3"
    assert main(["--db", str(path), "import", str(write_plan(folder / "big.yaml", PRECHECK_ROWS + 500))]) == 0
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM nodes").fetchone()[0] > PRECHECK_ROWS
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


@pytest.fixture
def big_db(tmp_path: Path, _big_template: Path) -> Path:
    path = tmp_path / "big.sqlite3"
    shutil.copy(_big_template, path)
    return path


def _edit(path: Path, sql: str) -> None:
    conn = sqlite3.connect(path)  # as the sqlite3 shell would
    conn.executescript(sql)
    conn.close()


def _headless(monkeypatch: pytest.MonkeyPatch) -> None:
    """``plandesk`` runs the app in the terminal; here without one, everything else as it is."""
    from textual.app import App

    from tui.app import PlanDeskApp

    def run(self: PlanDeskApp, **_: Any) -> Any:
        return App.run(self, headless=True, size=SIZE)

    monkeypatch.setattr(PlanDeskApp, "run", run)


FIRST_SCREEN = {  # values the first screen reads, each a traceback inside the app before
    "seq_null": (f"UPDATE nodes SET seq = NULL WHERE id = '{BIG_PLAN}/c1'", "nodes", "seq"),
    "units_not_json": (f"UPDATE nodes SET units = 'not json [' WHERE id = '{BIG_PLAN}/c1'", "nodes", "units"),
}


@pytest.mark.parametrize("edit", sorted(FIRST_SCREEN))
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_app_on_a_large_hand_edited_database_says_one_line(cli, big_db: Path, monkeypatch: pytest.MonkeyPatch,
                                                                edit: str, lang: str) -> None:
    sql, table, column = FIRST_SCREEN[edit]
    _edit(big_db, sql)
    before = dump(big_db)
    _headless(monkeypatch)
    code, _, err = cli("--lang", lang, "--plan", "big", "--today", "2023-06-30", db=big_db)
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    assert table in lines[0] and column in lines[0] and f"{BIG_PLAN}/c1" in lines[0]
    assert ("changed outside plandesk" if lang == "en" else "在 plandesk 之外被改动过") in lines[0]
    assert dump(big_db) == before


@pytest.mark.parametrize("due", ["abc", "2023-02-30"])
async def test_a_bad_due_met_on_opening_a_branch_stops_the_app_with_that_value(big_db: Path, due: str) -> None:
    """The value is read only when its branch opens: the app stops there, naming it, no traceback."""
    _edit(big_db, f"UPDATE milestones SET due = '{due}' WHERE id = '{MILESTONE}'")
    app = make_app(big_db, plan="big")
    async with app.run_test(size=SIZE) as pilot:  # run_test raises again any error Textual would show
        await settle(pilot)
        with contextlib.suppress(AssertionError):  # "open all did not finish": the app stopped while opening
            await open_everything(pilot)
    assert app.return_code == 1
    assert app.unreadable is not None
    assert app.unreadable.key == "err_db_unreadable_value"
    found = app.unreadable.values
    assert (found["table"], found["row"], found["column"]) == ("milestones", MILESTONE, "due")


def test_a_defect_of_plandesk_on_a_sound_large_database_is_still_a_traceback(
        cli, big_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.app import PlanDeskApp

    def broken(self: PlanDeskApp) -> None:
        raise ValueError("a defect of plandesk's own")

    monkeypatch.setattr(PlanDeskApp, "on_mount", broken)
    _headless(monkeypatch)
    code, _, err = cli("--plan", "big", "--today", "2023-06-30", db=big_db)
    assert code == 1
    assert "Traceback" in err and "a defect of plandesk's own" in err


def test_a_sound_large_database_is_not_checked_before_its_first_screen(big_db: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Checking every row costs 60 ms for 10,000 nodes: only a failure pays for it."""
    from types import SimpleNamespace

    from store import row_check
    from store.db import open_store
    from tui.app_main import _refuse_unreadable

    def checked(conn: sqlite3.Connection) -> None:
        raise AssertionError("checked before the first screen")

    monkeypatch.setattr(row_check, "first_unreadable", checked)
    conn = open_store(big_db)
    try:
        _refuse_unreadable(conn, SimpleNamespace(db_path=big_db))  # type: ignore[arg-type]  # only db_path is read
    finally:
        conn.close()
