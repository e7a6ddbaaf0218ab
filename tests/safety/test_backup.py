"""backup and restore: consistent copies while changes sit in the -wal, checked restores that keep
the current file, and a cheap daily backup."""
from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from store import actions, backup
from store.db import open_store
from tests.conftest import dump

YANGJIAO = "wulong-2021-2025/a1.p1.yangjiao"


def done_on(db: Path) -> str | None:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT done_on FROM milestones WHERE id = ?", (YANGJIAO,)).fetchone()[0]
    finally:
        conn.close()


def test_backup_while_the_app_holds_changes_in_the_wal(cli, seeded_db: Path, tmp_path: Path) -> None:
    app = open_store(seeded_db)  # stays open, as the app would: the tick sits in the -wal
    actions.tick(app, YANGJIAO, date(2022, 11, 30))
    assert Path(f"{seeded_db}-wal").stat().st_size > 0
    target = tmp_path / "copy.sqlite3"
    code, out, _ = cli("backup", str(target))
    assert code == 0 and str(target) in out
    assert done_on(target) == "2022-11-30"
    assert not Path(f"{target}-wal").exists()  # one self-contained file
    app.close()


def test_backup_without_a_name_goes_beside_the_database_and_never_overwrites(cli, seeded_db: Path) -> None:
    code, out, _ = cli("backup")
    [made] = list(seeded_db.parent.glob("plandesk-backup-*.sqlite3"))
    assert code == 0 and str(made) in out
    before = made.read_bytes()
    code, _, err = cli("backup", str(made))
    assert code == 1 and "already exists" in err and made.read_bytes() == before
    code, _, err = cli("backup", str(seeded_db))
    assert code == 1 and dump(seeded_db)


def test_restore_puts_the_backup_back_and_keeps_the_current_file(cli, seeded_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "monday.sqlite3"
    cli("backup", str(copy))
    cli("tick", "wulong/a1.p1.yangjiao", "--on", "2022-11-30")
    app = open_store(seeded_db)  # an open window sees the restored data, not a file swapped under it
    code, out, _ = cli("restore", str(copy))
    assert code == 0
    [kept] = list(seeded_db.parent.glob("plandesk.sqlite3.*.bak"))
    assert str(kept) in out and done_on(kept) == "2022-11-30"
    assert done_on(seeded_db) is None
    assert app.execute("SELECT done_on FROM milestones WHERE id = ?", (YANGJIAO,)).fetchone()[0] is None
    app.close()


@pytest.mark.parametrize("what", ["not_sqlite", "other_program", "damaged"])
def test_restore_refuses_what_is_not_a_sound_plandesk_backup(cli, seeded_db: Path, tmp_path: Path,
                                                             what: str) -> None:
    bad = tmp_path / "bad.sqlite3"
    if what == "not_sqlite":
        bad.write_text("hello", encoding="utf-8")
    elif what == "other_program":
        c = sqlite3.connect(bad)
        c.execute("CREATE TABLE t (x)")
        c.close()
    else:
        shutil.copy(seeded_db, bad)
        damage(bad)
    before = dump(seeded_db)
    code, _, err = cli("restore", str(bad))
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert ("damaged" if what == "damaged" else "not a plandesk backup") in err
    assert dump(seeded_db) == before
    assert not list(seeded_db.parent.glob("*.bak"))


def damage(path: Path) -> None:
    """Overwrite pages in the middle of the file (a bad sector), keeping the header."""
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page * 3, min(len(data), page * 40), page):
        data[offset:offset + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))


def test_restore_mends_a_damaged_database(cli, seeded_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "good.sqlite3"
    cli("backup", str(copy))
    damage(seeded_db)
    code, _, err = cli("restore", str(copy))
    assert code == 0, err
    assert open_store(seeded_db).execute("PRAGMA quick_check").fetchone()[0] == "ok"


def test_the_daily_backup_is_made_once_a_day_and_keeps_seven(seeded_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(backup.AUTO_ENV, "1")
    conn = open_store(seeded_db)
    folder = seeded_db.parent / backup.AUTO_DIR
    made = [backup.daily_backup(conn, seeded_db, date(2024, 1, day)) for day in range(1, 11)]
    assert all(made)
    assert backup.daily_backup(conn, seeded_db, date(2024, 1, 10)) is None  # once a day
    assert sorted(p.name for p in folder.iterdir()) == [f"plandesk-2024-01-{d:02d}.sqlite3" for d in range(4, 11)]


def test_the_command_line_makes_the_daily_backup_and_a_damaged_file_refuses_writes(
        cli, seeded_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(backup.AUTO_ENV, "1")
    cli("plans")
    assert len(list((seeded_db.parent / backup.AUTO_DIR).iterdir())) == 1
    with sqlite3.connect(seeded_db) as c:
        c.execute("DELETE FROM settings WHERE key = ?", (backup.AUTO_KEY,))
    c.close()
    open_store(seeded_db).execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    damage(seeded_db)
    code, _, err = cli("tick", "wulong/a1.p1.yangjiao")
    assert code == 1 and "plandesk restore" in err and len(err.strip().splitlines()) == 1
