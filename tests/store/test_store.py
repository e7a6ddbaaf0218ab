"""The database file: created and seeded on first use, migrated with a backup, foreign files refused."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from store import db as db_module
from store import schema
from store.db import open_store
from store.errors import DatabaseRefused
from tests.conftest import dump


def test_first_use_creates_and_seeds_all_five_plans(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "new.sqlite3"
    conn = open_store(path)
    ids = [r[0] for r in conn.execute("SELECT id FROM plans ORDER BY id")]
    assert ids == ["linyi-2023", "luoyang-2021-2025", "tongliao-2021-2025", "wulong-2021-2025",
                   "xiangyang-2022-2025"]
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA application_id").fetchone()[0] == db_module.APPLICATION_ID


def test_a_file_that_is_not_sqlite_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"my notes, not a database" * 10)
    with pytest.raises(DatabaseRefused, match="not a plandesk database"):
        open_store(path)
    assert path.read_bytes() == b"my notes, not a database" * 10


def test_another_programs_sqlite_file_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE t (x)")
    other.execute("INSERT INTO t VALUES (1)")
    other.commit()
    other.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseRefused, match="another program"):
        open_store(path)
    assert path.read_bytes() == before


def test_a_newer_plandesk_file_is_refused_and_untouched(seeded_db: Path) -> None:
    conn = sqlite3.connect(seeded_db)
    conn.execute(f"PRAGMA user_version = {db_module.SCHEMA_VERSION + 1}")
    conn.close()
    before = dump(seeded_db)
    with pytest.raises(DatabaseRefused, match="newer plandesk"):
        open_store(seeded_db)
    assert dump(seeded_db) == before


def test_migration_keeps_a_copy_and_the_clerks_data(seeded_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date

    from store import actions

    conn = open_store(seeded_db)
    actions.tick(conn, "wulong-2021-2025/a1.p1.yangjiao", date(2022, 11, 30), "验收")
    conn.close()

    def future(database) -> None:  # a future migration: add a column
        database["milestones"].add_column("priority", int)

    now = db_module.SCHEMA_VERSION
    monkeypatch.setattr(db_module, "SCHEMA_VERSION", now + 1)
    monkeypatch.setitem(schema.MIGRATIONS, now + 1, future)
    conn = open_store(seeded_db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == now + 1
    row = conn.execute("SELECT done_on, done_note, priority FROM milestones WHERE id = ?",
                       ("wulong-2021-2025/a1.p1.yangjiao",)).fetchone()
    assert tuple(row) == ("2022-11-30", "验收", None)
    backups = list(seeded_db.parent.glob(f"{seeded_db.name}.v{now}-*.bak"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("PRAGMA user_version").fetchone()[0] == now
    assert old.execute("SELECT done_on FROM milestones WHERE id = 'wulong-2021-2025/a1.p1.yangjiao'").fetchone()[0] \
        == "2022-11-30"


def test_a_failing_migration_leaves_the_file_as_it_was(seeded_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = dump(seeded_db)

    def broken(database) -> None:
        database["milestones"].add_column("half_done", int)
        raise RuntimeError("power cut")

    monkeypatch.setattr(db_module, "SCHEMA_VERSION", db_module.SCHEMA_VERSION + 1)
    monkeypatch.setitem(schema.MIGRATIONS, db_module.SCHEMA_VERSION, broken)
    with pytest.raises(RuntimeError):
        open_store(seeded_db)
    assert dump(seeded_db) == before


def test_database_location_flag_beats_environment_beats_user_data_folder(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from store.locations import resolve_db_path

    monkeypatch.setenv("PLANDESK_DB", str(tmp_path / "env.sqlite3"))
    assert resolve_db_path(str(tmp_path / "flag.sqlite3")) == tmp_path / "flag.sqlite3"
    assert resolve_db_path(None) == tmp_path / "env.sqlite3"
    monkeypatch.delenv("PLANDESK_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert resolve_db_path(None) == tmp_path / "xdg" / "plandesk" / "plandesk.sqlite3"


def test_today_flag_beats_environment_beats_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date

    from store.clock import resolve_today

    monkeypatch.setenv("PLANDESK_TODAY", "2024-02-29")
    assert resolve_today("2023-06-30") == date(2023, 6, 30)
    assert resolve_today(None) == date(2024, 2, 29)
    monkeypatch.delenv("PLANDESK_TODAY")
    assert resolve_today(None) == date.today()
    with pytest.raises(ValueError):
        resolve_today("2023-02-30")
