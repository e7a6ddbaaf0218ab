"""Hostile plan text (ESC sequences, C1 controls, bidi overrides) in the printouts the other tests
did not cover: ``status`` and ``report --format text`` (they wrote the ESC and U+202E raw to the
terminal), ``--format json``, ``export`` and ``plan write`` (raw bidi and C1: JSON and YAML do not
require escaping them, a terminal acts on them). Each is now safe; JSON and YAML escape the
characters as ``\\u202e``, so the data read back is exactly what was stored."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, dump

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
TITLE = "敌意\x1b[2J\x1b[H规划\u202egnp.exe"  # hostile_plan.yaml's title, as stored


@pytest.fixture
def hostile_db(tmp_path: Path, cli) -> Path:
    db = tmp_path / "hostile.sqlite3"
    assert cli("import", str(FIXTURES / "hostile_plan.yaml"), db=db)[0] == 0
    assert cli("progress", "hostile/c1.t1", "--state", "behind", "--note", "进展\x9b31m\u202e倒", "--today",
               "2023-06-30", db=db)[0] == 0
    return db


def _assert_safe(text: str) -> None:
    found = UNSAFE.search(text)
    assert found is None, f"raw {found.group()!r} in: {text[max(0, found.start() - 30):found.end()]!r}" if found else ""


@pytest.mark.parametrize("args", [
    ["status"], ["status", "--format", "text"], ["status", "--format", "json"],
    *(["report", "--year", "2023", "--format", f] for f in ("text", "md", "csv", "html", "json")),
    ["report", "--final", "--format", "text"], ["export"], ["plan", "write"],
])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_printout_shows_controls_as_text(cli, hostile_db: Path, args: list[str], lang: str) -> None:
    code, out, err = cli("--lang", lang, *args, "--plan", "hostile", "--today", "2023-06-30", db=hostile_db)
    assert code == 0, err
    _assert_safe(out + err)
    assert "gnp.exe" in out


@pytest.mark.parametrize("args", [["export"], ["report", "--year", "2023", "--format", "json"]])
def test_json_keeps_the_text_exactly(cli, hostile_db: Path, args: list[str]) -> None:
    code, out, _ = cli(*args, "--plan", "hostile", "--today", "2023-06-30", db=hostile_db)
    assert code == 0
    document = json.loads(out)
    assert document["plan"]["title"] == TITLE
    assert "进展\x9b31m\u202e倒" in json.dumps(document, ensure_ascii=False)


def test_plan_write_reads_back_as_the_same_text(cli, hostile_db: Path, tmp_path: Path) -> None:
    from store.loader import load_plan_file

    target = tmp_path / "written.yaml"
    assert cli("plan", "write", "--plan", "hostile", "-o", str(target), db=hostile_db)[0] == 0
    _assert_safe(target.read_text(encoding="utf-8"))
    [plan] = load_plan_file(target)
    assert plan.title == TITLE and "章节\u2066隔离\u2069\x1b[?1049h" in [n.title for n in plan.nodes]


@pytest.mark.parametrize("args", [
    ["tick", "wulong/a1.p1.yangjiao", "--note", "\udcd6\udcd0"],  # 中 typed in a GBK terminal
    ["progress", "wulong/a1.p1", "--state", "推进中", "--problem", "x\udc9b"],
    ["units", "set", "wulong/a1.p1", "--lead", "\udcff"],
])
def test_text_arguments_that_are_not_utf8_are_one_line_and_change_nothing(cli, seeded_db: Path,
                                                                           args: list[str]) -> None:
    before = dump(seeded_db)
    code, out, err = cli("--lang", "zh", *args, "--today", "2023-06-30")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "不是 UTF-8 编码" in err
    assert dump(seeded_db) == before


def _xml_parts(path: Path) -> str:
    import zipfile

    with zipfile.ZipFile(path) as book:
        return "".join(book.read(n).decode("utf-8") for n in book.namelist() if n.endswith(".xml"))


@pytest.mark.parametrize("which", [["--midterm"], ["--final"], ["--year", "2023"]])
def test_the_word_report_of_a_hostile_plan_is_written(cli, hostile_db: Path, tmp_path: Path, which: list[str]) -> None:
    """python-docx refuses a control character (an XML error): the Word draft was a ValueError traceback."""
    target = tmp_path / "报告.docx"
    code, _, err = cli("--lang", "zh", "report", "--plan", "hostile", *which, "--format", "docx", "-o", str(target),
                       "--today", "2023-06-30", db=hostile_db)
    assert code == 0, err
    xml = _xml_parts(target)
    _assert_safe(xml)
    assert "\\u001b[2J" in xml  # the title's ESC, shown


def test_the_units_workbooks_of_a_hostile_plan_are_written(cli, hostile_db: Path, tmp_path: Path) -> None:
    """The unit's name (``\\e[1m科室\\e[0m`` in the fixture) went raw into the workbook's title property
    (an XML error: a ValueError traceback) and into the table the command prints."""
    folder = tmp_path / "台账"
    code, out, err = cli("ledger", "export", "--plan", "hostile", "--period", "2023Q2", "-o", str(folder),
                         "--today", "2023-07-01", db=hostile_db)
    assert code == 0, err
    _assert_safe(out + err)
    [book] = folder.glob("*.xlsx")
    _assert_safe(_xml_parts(book))


def test_file_names_and_the_users_name_are_shown_as_text(cli, seeded_db: Path, tmp_path: Path) -> None:
    """A unit names its own workbook; a backup's or a report's path may come from a glob: each was
    echoed with its ESC sequence raw (ledger import's refusal, backup, report -o, config user)."""
    book = tmp_path / "登记注册科\x1b[2J\u202e.xlsx"
    book.write_bytes(b"PK\x03\x04 not a workbook")
    outputs = [cli("ledger", "import", str(book), "--today", "2023-07-10"),
               cli("backup", str(tmp_path / "copy\x1b[31m.sqlite3")),
               cli("report", "--plan", "wulong", "--final", "--format", "csv", "-o", str(tmp_path / "r\x1b[8m.csv")),
               cli("plan", "write", "--plan", "wulong", "-o", str(tmp_path / "p\x1b]0;x\x07.yaml")),
               cli("config", "user", "张三\x1b[2J"), cli("config", "user")]
    for _, out, err in outputs:
        _assert_safe(out + err)
    assert [code for code, _, _ in outputs] == [1, 0, 0, 0, 0, 0]
    assert "\\u001b[2J" in outputs[0][2] and "\\u001b[2J" in outputs[-1][1]
