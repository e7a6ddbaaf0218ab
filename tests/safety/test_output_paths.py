"""Every ``-o`` is checked and atomic: it never replaces a database, an input, or a good old file
with a broken one, and it says when it replaced a file."""
from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from store import files
from tests.conftest import dump

WRITERS = [
    ["status", "--plan", "wulong", "--format", "text"],
    ["status", "--plan", "wulong", "--format", "html"],
    ["report", "--plan", "wulong", "--year", "2023", "--format", "md"],
    ["report", "--plan", "wulong", "--year", "2023", "--format", "csv"],
    ["report", "--plan", "wulong", "--year", "2023", "--format", "xlsx"],
    ["export", "--plan", "wulong"],
]


@pytest.mark.parametrize("args", WRITERS, ids=lambda a: "-".join(a[::2]))
@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
def test_no_writer_overwrites_the_database_or_its_side_files(cli, seeded_db: Path, args: list[str],
                                                             suffix: str) -> None:
    target = seeded_db.with_name(seeded_db.name + suffix)
    code, _, _ = cli("plans")  # the database and its side files exist (WAL mode)
    if not target.exists():
        target.write_bytes(b"")  # an empty -journal: not hot, so SQLite ignores it
    before_db, before_side = dump(seeded_db), target.read_bytes()
    code, out, err = cli(*args, "-o", str(target))
    assert code == 1
    assert "refusing to overwrite" in err and len(err.strip().splitlines()) == 1
    assert target.read_bytes() == before_side
    assert dump(seeded_db) == before_db


@pytest.mark.parametrize("args", WRITERS, ids=lambda a: "-".join(a[::2]))
def test_no_writer_overwrites_another_plandesk_or_sqlite_database(cli, seeded_db: Path, tmp_path: Path,
                                                                 args: list[str]) -> None:
    other = tmp_path / "last-year.db"  # another plandesk file, not the one this command reads
    shutil.copy(seeded_db, other)
    foreign = tmp_path / "contacts.sqlite"
    with sqlite3.connect(foreign) as c:
        c.execute("CREATE TABLE people (name TEXT)")
    c.close()
    for target, word in ((other, "plandesk database"), (foreign, "SQLite database")):
        before = target.read_bytes()
        code, _, err = cli(*args, "-o", str(target))
        assert (code, target.read_bytes()) == (1, before)
        assert word in err


def test_a_link_to_the_database_is_refused(cli, seeded_db: Path, tmp_path: Path) -> None:
    link = tmp_path / "report.txt"
    link.symlink_to(seeded_db)
    before = dump(seeded_db)
    code, _, err = cli("export", "--plan", "wulong", "-o", str(link))
    assert code == 1 and "refusing" in err
    assert dump(seeded_db) == before


def test_an_input_file_of_the_command_is_protected(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("id: x\n", encoding="utf-8")
    with pytest.raises(files.OutputRefused) as refused:
        files.check_output_path(tmp_path / "." / "plan.yaml", protected=[plan])
    assert refused.value.reason == "protected"
    assert plan.read_text(encoding="utf-8") == "id: x\n"


def test_replacing_a_file_says_so_and_a_new_one_does_not(cli, tmp_path: Path) -> None:
    target = tmp_path / "wulong.json"
    code, _, err = cli("export", "--plan", "wulong", "-o", str(target))
    assert code == 0 and "Replaced" not in err
    code, _, err = cli("export", "--plan", "wulong", "-o", str(target))
    assert code == 0 and f"Replaced the existing {target}" in err
    code, _, err = cli("report", "--plan", "wulong", "--final", "--format", "xlsx", "-o", str(tmp_path / "a.xlsx"))
    code, _, err = cli("report", "--plan", "wulong", "--final", "--format", "xlsx", "-o", str(tmp_path / "a.xlsx"))
    assert code == 0 and "a.xlsx" in err


def test_a_failed_write_leaves_the_old_file_and_no_litter(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("last week's report", encoding="utf-8")

    def half_then_disk_full(handle) -> None:
        handle.write(b"<html>half")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        files.write_output(target, half_then_disk_full)
    assert target.read_text(encoding="utf-8") == "last week's report"
    assert os.listdir(tmp_path) == ["report.html"]


def test_a_disk_full_error_is_one_line_and_keeps_the_old_file(cli, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "status.txt"
    target.write_text("old", encoding="utf-8")
    real_fsync = os.fsync

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    code, _, err = cli("status", "--plan", "wulong", "--format", "text", "-o", str(target))
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert code == 1 and "No space left on device" in err and len(err.strip().splitlines()) == 1
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) != [] and all(not n.endswith(".tmp") for n in os.listdir(tmp_path))


def test_new_files_get_ordinary_permissions_and_replaced_ones_keep_theirs(tmp_path: Path) -> None:
    old_mask = os.umask(0o022)
    try:
        new = tmp_path / "new.txt"
        files.write_text_output(new, "x")
        assert new.stat().st_mode & 0o777 == 0o644
        kept = tmp_path / "kept.txt"
        kept.write_text("old", encoding="utf-8")
        kept.chmod(0o600)
        assert files.write_text_output(kept, "new") is True
        assert kept.stat().st_mode & 0o777 == 0o600 and kept.read_text(encoding="utf-8") == "new"
    finally:
        os.umask(old_mask)
