"""Database files: another program's is never written (not even its -wal), a damaged one is
refused for writing naming plandesk restore, a read-only one still reads, a full disk says so."""
from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from store.db import open_store
from store.errors import DatabaseRefused


def test_an_empty_file_of_another_program_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1234")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseRefused, match="another program"):
        open_store(path)
    assert path.read_bytes() == before


def test_another_programs_wal_is_not_checkpointed_into_it(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    script = textwrap.dedent(f"""
        import os, sqlite3
        conn = sqlite3.connect({str(path)!r}, isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA application_id = 1234")
        conn.execute("CREATE TABLE notes (text)")
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        conn.execute("INSERT INTO notes VALUES ('only in the wal')")
        os._exit(0)  # a crash: the -wal stays, not checkpointed
    """)
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)
    wal = Path(f"{path}-wal")
    main_before, wal_before = path.read_bytes(), wal.read_bytes()
    assert wal_before
    with pytest.raises(DatabaseRefused):
        open_store(path)
    assert path.read_bytes() == main_before
    assert wal.exists() and wal.read_bytes() == wal_before


def damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for offset in range(4096 * 3, min(len(data), 4096 * 40), 4096):
        data[offset:offset + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))


def test_a_damaged_file_is_refused_naming_plandesk_restore(cli, seeded_db: Path) -> None:
    open_store(seeded_db).execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    damage(seeded_db)
    for args in (["tick", "wulong/a1.p1.yangjiao"], ["status", "--plan", "wulong"]):
        code, out, err = cli(*args)
        assert code == 1 and "damaged" in err and "plandesk restore" in err
        assert len(err.strip().splitlines()) == 1


@pytest.fixture
def read_only_folder(seeded_db: Path):
    """The database's folder and file made immutable (works for root too, unlike chmod)."""
    open_store(seeded_db).close()  # checkpointed: no -wal left
    folder = seeded_db.parent
    done = subprocess.run(["chattr", "+i", str(seeded_db), str(folder)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("chattr +i is not available here")
    yield seeded_db
    subprocess.run(["chattr", "-i", str(seeded_db), str(folder)], check=True)


def test_a_read_only_folder_still_allows_reading(cli, read_only_folder: Path) -> None:
    code, out, _ = cli("status", "--plan", "wulong", "--today", "2023-06-30")
    assert code == 0 and "羊角" in out
    assert cli("history")[0] == 0
    code, _, err = cli("tick", "wulong/a1.p1.yangjiao")
    assert code == 1 and "read-only" in err and len(err.strip().splitlines()) == 1
    assert "rollback" not in err


def _full_after(pages: int):
    """store.db.connect with the file capped at ``pages`` pages beyond its size: a full disk."""
    from store import db

    real = db.connect

    def capped(*args, **kwargs):
        conn = real(*args, **kwargs)
        size = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {size + pages}")
        return conn

    return capped


def test_a_full_disk_on_first_run_says_so_and_the_next_run_seeds(cli, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from store import db

    path = tmp_path / "new.sqlite3"
    real = db.connect
    monkeypatch.setattr(db, "connect", _full_after(8))
    code, _, err = cli("plans", db=path)
    monkeypatch.setattr(db, "connect", real)
    assert code == 1 and "disk is full" in err and "rollback" not in err
    assert len(err.strip().splitlines()) == 1
    code, out, _ = cli("plans", db=path)
    assert code == 0 and "wulong-2021-2025" in out


def test_a_full_disk_while_recording_is_its_own_error_not_cannot_rollback(seeded_db: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from store import actions, db

    monkeypatch.setattr(db, "connect", _full_after(2))
    conn = open_store(seeded_db)
    before = conn.execute("SELECT count(*) FROM journal").fetchone()[0]
    with pytest.raises(sqlite3.OperationalError) as failed:
        for year in range(2021, 2026):
            for n in range(1, 15):
                actions.record(conn, f"wulong-2021-2025/i{n:02d}", year, 1.0, "备注" * 2000)
    assert db.error_kind(failed.value) == "full" and "rollback" not in str(failed.value)
    assert not conn.in_transaction
    done = conn.execute("SELECT count(*) FROM journal").fetchone()[0] - before
    assert conn.execute("SELECT count(*) FROM actuals").fetchone()[0] == done  # each change whole, or not at all
