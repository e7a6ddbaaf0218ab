"""A file that is no plandesk database at all (a text file, a picture, another program's SQLite
file) is said to be that, by every command, backup included, in both languages, and left byte
for byte as it was; before, ``backup`` called a text file "damaged" and copied another program's
database as if it were a plandesk backup. A truly damaged plandesk file is still "damaged"."""
from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.safety.test_database_files import damage


def _text(path: Path) -> None:
    path.write_text("会议纪要\nnot a database\n", encoding="utf-8")


def _png(path: Path) -> None:
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))


def _other_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('张三', '123')")
    conn.commit()
    conn.close()


def _other_sqlite_no_tables(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 7")  # another program's own numbering, no table yet
    conn.close()


FILES: dict[str, tuple[Callable[[Path], None], str, str]] = {
    "text": (_text, "not an SQLite file", "不是 SQLite 文件"),
    "png": (_png, "not an SQLite file", "不是 SQLite 文件"),
    "other_sqlite": (_other_sqlite, "an SQLite file of another program", "是其他程序的 SQLite 文件"),
    "other_sqlite_no_tables": (_other_sqlite_no_tables, "an SQLite file of another program",
                               "是其他程序的 SQLite 文件"),
}
COMMANDS = [["backup"], ["status"], ["plans"], ["import", "PLAN"], ["tick", "wulong/a1.p1.yangjiao"]]


@pytest.mark.parametrize("kind", sorted(FILES))
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_file_that_is_no_plandesk_database_is_said_so_and_untouched(cli, tmp_path: Path, kind: str,
                                                                      lang: str) -> None:
    make, english, chinese = FILES[kind]
    path = tmp_path / "data" / "plandesk.sqlite3"
    path.parent.mkdir()
    make(path)
    before = path.read_bytes()
    plan = Path(__file__).resolve().parents[1] / "fixtures" / "small_plan.yaml"
    for command in COMMANDS:
        args = [str(plan) if arg == "PLAN" else arg for arg in command]
        code, out, err = cli("--lang", lang, *args, db=path)
        assert code == 1, (command, out, err)
        assert len(err.strip().splitlines()) == 1, (command, err)
        if lang == "en":
            assert "not a plandesk database" in err and english in err and "damaged" not in err, (command, err)
        else:
            assert "不是 plandesk 数据库" in err and chinese in err and "损坏" not in err, (command, err)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["plandesk.sqlite3"], "no backup, no -wal, no -shm"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_damaged_plandesk_database_is_still_called_damaged_by_backup(cli, seeded_db: Path, lang: str) -> None:
    from store.db import open_store

    open_store(seeded_db).execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    damage(seeded_db)
    code, _, err = cli("--lang", lang, "backup")
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert ("damaged" if lang == "en" else "损坏") in err
    assert ("not a plandesk database" if lang == "en" else "不是 plandesk 数据库") not in err
