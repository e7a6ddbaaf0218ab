"""``plandesk import`` of a bad plan file: one line per problem with its file, line and field, in
the UI's language; exit 1 and the database unchanged. Before, ``--lang zh`` printed English."""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import dump

Cli = Callable[..., tuple[int, str, str]]

BAD = "plans:\n  - name: x\n    due: 2300-12-31\n"
ALLOWED = "id, region, bureau, title, doc_number, issued, period, source_file, note, reporting, nodes, indicators"


@pytest.fixture
def bad_file(tmp_path: Path) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD, encoding="utf-8")
    return path


def test_problems_are_chinese_under_the_chinese_ui(cli: Cli, seeded_db: Path, bad_file: Path) -> None:
    before = dump(seeded_db)
    code, out, err = cli("--lang", "zh", "import", str(bad_file))
    assert (code, out) == (1, "")
    lines = err.splitlines()
    assert lines[:2] == [f"{bad_file}:1: plans: 未知的键(可用:{ALLOWED})(规划)", f"{bad_file}:1: id: 缺少(规划)"]
    for line in lines:  # FILE:LINE: field: then no English word (the allowed keys are the file's own)
        found = re.fullmatch(rf"{re.escape(str(bad_file))}:1: \w+: (.*)", line)
        assert found and not re.search(r"[A-Za-z]", found[1].replace(ALLOWED, "")), line
    assert dump(seeded_db) == before


def test_problems_are_unchanged_under_the_english_ui(cli: Cli, seeded_db: Path, bad_file: Path) -> None:
    before = dump(seeded_db)
    code, out, err = cli("--lang", "en", "import", str(bad_file))
    assert (code, out) == (1, "")
    assert err.splitlines() == [f"{bad_file}:1: plans: unknown key (allowed: {ALLOWED}) (plan)"] + [
        f"{bad_file}:1: {key}: missing (plan)" for key in ("id", "region", "title", "period", "source_file", "nodes")]
    assert dump(seeded_db) == before


@pytest.mark.parametrize(("text", "chinese", "english"), [
    ("id: x\nregion: a: b\n", "2: YAML 格式: 此处不能再写“键: 值”",
     "2: yaml: mapping values are not allowed in this context"),
    ("id: x\nregion: &\n", "2: YAML 格式: YAML 格式错误(第 10 列)",
     "2: yaml: did not find expected alphabetic or numeric character"),
    ("id: x\nregion: !!int 区\n", "2: YAML 格式: “区”无法按 !!int 读取", "2: yaml: '区' cannot be read as !!int"),
])
def test_a_yaml_error_is_said_in_chinese_with_its_line(cli: Cli, seeded_db: Path, tmp_path: Path, text: str,
                                                      chinese: str, english: str) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    before = dump(seeded_db)
    code, out, err = cli("--lang", "zh", "import", str(path))
    assert (code, out) == (1, "") and err.startswith(f"{path}:{chinese}") and err.count("\n") == 1, err
    assert dump(seeded_db) == before
    code, out, err = cli("--lang", "en", "import", str(path))
    assert code == 1 and err.startswith(f"{path}:{english}"), err


def test_a_missing_file_is_said_in_chinese(cli: Cli, tmp_path: Path) -> None:
    code, out, err = cli("--lang", "zh", "import", str(tmp_path / "nope.yaml"))
    assert (code, out, err) == (1, "", f"{tmp_path / 'nope.yaml'}:0: 文件: 文件不存在\n")
