"""A store error says one line in the UI's language: no English word under ``--lang zh``.

The store raises errors with a key and plain values (store/error_texts.py); the command line
phrases them through the catalog. Before, ``plandesk --lang zh tick nosuch`` answered in English.
"""
from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import dump

Cli = Callable[..., tuple[int, str, str]]  # tests/conftest.py's ``cli``: (exit code, stdout, stderr)

# (command line, a piece of its English answer); paths are relative to the test's folder
FAILING = [
    (["status", "--plan", "nosuch"], "no plan 'nosuch' (plans: "),
    (["status", "--plan", "l"], "plan 'l' is ambiguous"),
    (["tick", "nosuch"], "no milestone 'nosuch'"),
    (["tick", "wulong/nosuch"], "no milestone 'wulong/nosuch'"),
    (["tick", "linyi/p1.t1"], "'linyi/p1.t1' is a node with 4 milestones"),
    (["untick", "linyi/p1.t1.m1"], "milestone 'linyi-2023/p1.t1.m1' is not ticked"),
    (["record", "wulong/i99", "2023", "5"], "no indicator 'wulong/i99'"),
    (["undo"], "Nothing to undo"),
    (["undo", "0"], "the number of changes must be 1 or more, not 0"),
    (["redo"], "Nothing to redo"),
    (["report", "--plan", "wulong", "--year", "2030"], "2030 is outside the plan's period 2021-2025"),
    (["progress", "linyi/p1.t1", "--period", "2023X", "--state", "推进中"], "not a reporting period: '2023X'"),
    (["progress", "linyi/p1.t1", "--period", "2030Q2", "--state", "推进中"], "period 2030Q2 is outside the plan's"),
    (["progress", "linyi/p1.t1", "--period", "2023Q2", "--state", "推进中", "--percent", "150"],
     "percent must be from 0 to 100, not 150"),
    (["progress", "linyi/p1.t1", "--period", "2023Q2", "--state", "foo"], "not a progress state: 'foo'"),
    (["progress", "linyi/p1", "--period", "2023Q2", "--state", "推进中"], "'linyi/p1' has no target of its own"),
    (["progress", "linyi/p1.t1", "--edit", "999", "--state", "推进中"], "no progress report #999"),
    (["units", "set", "linyi/nosuch", "--lead", "局办公室"], "no node 'linyi/nosuch'"),
    (["ledger", "export", "--plan", "linyi", "--period", "2023Q2", "--unit", "无此单位"],
     "no item of linyi-2023 names the unit '无此单位'"),
    (["progress", "linyi/p1.t1", "--period", "2023Q2", "--note", "x"], "--state is needed to enter a report"),
    (["units", "set", "linyi/p1.t1"], "units set: give --lead and/or --support"),
    (["report", "--plan", "linyi", "--year", "2023", "--date", "2023-13-01"], "--date: not a date (YYYY-MM-DD)"),
    (["ledger", "export", "--plan", "linyi", "--period", "2023Q2", "--deadline", "xx"], "--deadline: not a date"),
    (["draft", "missing.txt"], "missing.txt: no such file"),
    (["draft", "binary.txt"], "binary.txt: not a text file (binary content)"),
    (["draft", "plan.pdf"], "plan.pdf: unsupported file type .pdf"),
    (["draft", "old.xlsx"], "old.xlsx: not a readable .xlsx workbook"),
    (["draft", "folder.txt"], "folder.txt: is a folder, not a file"),
    (["draft", "plan.txt", "-o", "folder.txt"], "folder.txt: is a folder, not a file"),
    (["draft", "plan.txt", "-o", "nofolder/plan.yaml"], "nofolder/plan.yaml: cannot write (No such file or directory)"),
    (["export", "--plan", "linyi", "-o", "nofolder/x.csv"], "nofolder/x.csv: cannot write (No such file or directory)"),
]
# words a clerk types as they are: the program's name, file types, a date's pattern
_TECHNICAL = {"plandesk", "txt", "md", "markdown", "docx", "doc", "pdf", "xlsx", "xls", "et", "UTF", "GB", "YYYY",
              "MM", "DD"}
_SUB_ACTIONS = {"set", "export"}  # part of the command line itself, as command names are


def _english_words(line: str, args: list[str]) -> set[str]:
    """The English words of ``line`` once what the clerk typed and ids are taken out."""
    from tui.cli import COMMAND_MODULES

    for typed in args:
        if not typed.startswith("-") and typed not in COMMAND_MODULES and typed not in _SUB_ACTIONS:
            line = re.sub(rf"(?<![\w/.-]){re.escape(typed)}(?![\w/.-])", " ", line)
    line = re.sub(r"[\w.-]+/[\w./-]+", " ", line)  # item ids: linyi-2023/p1.t1.m1
    line = re.sub(r"\b[a-z]+(?:-\d{4}){1,2}\b", " ", line)  # plan ids: wulong-2021-2025
    line = re.sub(r"(?<![\w.])-{1,2}[\w-]+", " ", line)  # option names, typed as they are
    return set(re.findall(r"[A-Za-z]{2,}", line)) - _TECHNICAL - set(COMMAND_MODULES) - _SUB_ACTIONS


@pytest.fixture
def in_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with the documents the draft cases name (missing.txt is missing), as the working folder."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (folder / "plan.pdf").write_bytes(b"%PDF-1.4")
    (folder / "old.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)  # an .xls renamed
    (folder / "folder.txt").mkdir()
    shutil.copy(Path(__file__).parents[1] / "draft" / "fixtures" / "annual_plan.txt", folder / "plan.txt")
    monkeypatch.chdir(folder)
    return folder


@pytest.mark.parametrize(("args", "english"), FAILING, ids=[" ".join(a) for a, _ in FAILING])
def test_a_refusal_is_one_line_in_chinese_under_the_chinese_ui(cli: Cli, seeded_db: Path, in_files: Path,
                                                               args: list[str], english: str) -> None:
    before = dump(seeded_db)
    code, out, err = cli("--lang", "zh", "--today", "2023-06-30", *args)
    assert (code, out) == (1, "")
    assert err.startswith("plandesk: ") and err.count("\n") == 1, err
    assert re.search(r"[\u4e00-\u9fff]", err.removeprefix("plandesk: ").replace("推进中", "")), err
    assert not _english_words(err, args), (err, _english_words(err, args))
    assert "err_" not in err
    assert dump(seeded_db) == before


@pytest.mark.parametrize(("args", "english"), FAILING, ids=[" ".join(a) for a, _ in FAILING])
def test_the_same_refusal_is_english_under_the_english_ui(cli: Cli, in_files: Path, args: list[str],
                                                          english: str) -> None:
    code, out, err = cli("--lang", "en", "--today", "2023-06-30", *args)
    assert (code, out) == (1, "")
    assert err.startswith("plandesk: ") and err.count("\n") == 1, err
    assert english in err


def test_a_file_that_is_not_a_database_is_refused_in_chinese(cli: Cli, tmp_path: Path) -> None:
    notes = tmp_path / "notes.sqlite3"
    notes.write_text("会议记录\n", encoding="utf-8")
    code, out, err = cli("--lang", "zh", "status", db=notes)
    assert (code, out) == (1, "")
    assert err == f"plandesk: {notes}:不是 plandesk 数据库(不是 SQLite 文件),未做任何改动\n"
    assert notes.read_text(encoding="utf-8") == "会议记录\n"
    code, out, err = cli("--lang", "en", "status", db=notes)
    assert "not a plandesk database (not an SQLite file); left untouched" in err


def test_values_in_a_refusal_are_shown_as_text(cli: Cli) -> None:
    """What the clerk typed is data: a control sequence in it never reaches the terminal."""
    code, out, err = cli("--lang", "zh", "tick", "x\x1b[2Jy")
    assert code == 1
    assert "\x1b" not in err and err.count("\n") == 1
    assert "没有里程碑" in err


def test_a_store_error_keeps_an_english_sentence_and_its_data() -> None:
    from store.errors import NotFound, PlandeskError
    from tui.i18n import Catalog
    from tui.phrases import error_line

    exc = NotFound("err_no_node", ref="wulong/c9")
    assert str(exc) == "no node 'wulong/c9'"
    assert (exc.key, exc.values) == ("err_no_node", {"ref": "wulong/c9"})
    assert error_line(Catalog("zh"), exc) == "没有事项“wulong/c9”"
    assert error_line(Catalog("en"), exc) == "no node 'wulong/c9'"
    worded = PlandeskError("已由界面措辞的一句话")  # tui code raises text it has already worded
    assert worded.key is None and error_line(Catalog("en"), worded) == "已由界面措辞的一句话"
