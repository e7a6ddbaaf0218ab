"""Faults in the middle of a change: Ctrl-C after part of an import or of a unit's workbook is
written leaves the database as it was (exit 130, nothing printed); a backup that cannot be
written says so of the backup's path (before: "<database>: the disk is full", of a disk the
database is not on, while the database was only read)."""
from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES, dump


def interrupt_on_call(monkeypatch: pytest.MonkeyPatch, module: Any, name: str, after: int) -> list[int]:
    """``module.name`` works ``after`` times, then raises KeyboardInterrupt (Ctrl-C mid-change)."""
    real = getattr(module, name)
    calls = [0]

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] > after:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, interrupted)
    return calls


def test_ctrl_c_after_part_of_an_import_is_written(seeded_db: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    from store import importer
    from tui.cli import main

    calls = interrupt_on_call(monkeypatch, importer, "_upsert", after=2)  # the plan and its nodes are in
    before = dump(seeded_db)
    assert main(["--db", str(seeded_db), "import", str(FIXTURES / "small_plan.yaml")]) == 130
    assert calls[0] == 3
    assert capsys.readouterr() == ("", "")
    assert dump(seeded_db) == before


@pytest.mark.parametrize(("lang", "said"), [("en", "No space left on device"), ("zh", "磁盘已满")])
def test_a_backup_on_a_full_disk_names_the_backup_not_the_database(cli, seeded_db: Path, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch,
                                                                   lang: str, said: str) -> None:
    real = sqlite3.connect

    def full_copy(database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn = real(database, *args, **kwargs)
        if str(database).endswith(".tmp"):  # the copy being written: a USB stick with two pages free
            conn.execute("PRAGMA max_page_count = 2")
        return conn

    monkeypatch.setattr(sqlite3, "connect", full_copy)
    target = tmp_path / "stick" / "copy.sqlite3"
    target.parent.mkdir()
    before = dump(seeded_db)
    code, out, err = cli("--lang", lang, "backup", str(target))
    assert code == 1 and out == ""
    assert err.strip().splitlines() == [err.strip()] and str(target) in err and said in err
    assert str(seeded_db) not in err
    assert list(target.parent.iterdir()) == []  # no half copy, no temporary file left
    monkeypatch.undo()
    assert dump(seeded_db) == before


@pytest.mark.parametrize("damage", ["pages", "header"])
def test_a_damaged_database_is_said_without_english_under_chinese(cli, seeded_db: Path, damage: str) -> None:
    """SQLite's own words ("database disk image is malformed", quick_check's "*** in database
    main *** Page 3: ...") were put into the Chinese line as they are."""
    from store.db import open_store
    from tests.safety.test_database_files import damage as damage_pages

    open_store(seeded_db).execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    if damage == "pages":
        damage_pages(seeded_db)
    else:
        data = seeded_db.read_bytes()
        seeded_db.write_bytes(data[: len(data) // 3])  # a copy cut short
    for args in (["tick", "wulong/a1.p1.yangjiao"], ["status", "--plan", "wulong"], ["backup", str(seeded_db) + ".b"]):
        code, _, err = cli("--lang", "zh", *args)
        assert code == 1 and err.count("\n") == 1, err
        words = err.replace(str(seeded_db), "").replace("plandesk restore", "").replace("plandesk", "")
        assert not re.search("[A-Za-z]{2,}", words), err
        assert "已损坏" in err


@pytest.mark.parametrize("kind", ["socket", "fifo"])
def test_an_output_path_that_is_a_device_or_pipe_is_refused_not_replaced(cli, tmp_path: Path, kind: str) -> None:
    """``-o /dev/null`` (as root) or a pipe: the atomic write renamed a file over it, so the
    device node itself was gone (a FIFO even hung the check, which opened it to read)."""
    import os
    import socket
    import stat

    target = tmp_path / "out"
    if kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(target))
    else:
        os.mkfifo(target)
    for args in (["export", "--plan", "wulong"], ["report", "--plan", "wulong", "--final", "--format", "xlsx"],
                 ["plan", "write", "--plan", "wulong"]):
        for lang, said in (("en", "is a device or a pipe, not a file"), ("zh", "是设备或管道")):
            code, out, err = cli("--lang", lang, *args, "-o", str(target))
            assert code == 1 and err.count("\n") == 1 and said in err, err
            mode = target.lstat().st_mode
            assert stat.S_ISSOCK(mode) if kind == "socket" else stat.S_ISFIFO(mode)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_draft_refuses_a_pipe_and_an_endless_or_huge_text(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Before, ``plandesk draft`` read a FIFO (named .txt) forever and a link to /dev/zero until
    memory ran out: it read the whole file with no bound."""
    import os

    from store.draft import reading

    fifo = tmp_path / "plan.txt"
    os.mkfifo(fifo)
    code, _, err = cli("--lang", "zh", "draft", str(fifo))
    assert code == 1 and err.count("\n") == 1 and "是设备或管道" in err
    monkeypatch.setattr(reading, "MAX_TEXT_BYTES", 1000)
    big = tmp_path / "big.txt"
    big.write_text("第一章 总则\n" + "任务。" * 1000, encoding="utf-8")
    code, _, err = cli("draft", str(big))
    assert code == 1 and err.count("\n") == 1 and "more than 0 MiB of text" in err
