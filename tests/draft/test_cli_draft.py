"""``plandesk draft``: the plan file to stdout or -o, the review list, one clear line on errors."""
from __future__ import annotations

from pathlib import Path

import yaml

from .conftest import FIXTURES

SEED = Path(__file__).resolve().parents[1] / "seeds" / "source" / "003_a3c6fb84209f3d63.txt"


def test_yaml_to_stdout_and_review_list_to_stderr(cli) -> None:
    code, out, err = cli("draft", str(SEED), "--lang", "en")
    assert code == 0
    doc = yaml.safe_load(out)
    assert doc["id"] == "003-a3c6fb84209f3d63-2021-2025" and doc["source_file"] == SEED.name
    assert out.startswith("# Drafted by plandesk draft from 003_a3c6fb84209f3d63.txt")
    assert "Review list for 003_a3c6fb84209f3d63.txt" in err
    assert "line 443: numbering lost in the text: taken as (二)" in err
    assert "line 1: lines 1-16 look like web page text" in err


def test_review_list_in_chinese(cli) -> None:
    code, _, err = cli("draft", str(SEED), "--lang", "zh")
    assert code == 0
    assert "第443行:原文序号缺失:按 (二) 补" in err


def test_output_file_is_written_and_imports(cli, tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    code, out, _ = cli("draft", str(FIXTURES / "task_table.txt"), "-o", str(target), "--lang", "en")
    assert code == 0 and target.exists()
    assert out.splitlines()[0].startswith(f"Drafted {target}: ")
    assert "line 7: deadline not understood: 持续推进" in out
    code, out, err = cli("import", str(target), "--lang", "en")
    assert code == 0, err
    assert "task-table-2023" in out


def test_unsupported_and_missing_files_are_one_line(cli, tmp_path: Path) -> None:
    for path, words in ((tmp_path / "x.pdf", "unsupported file type .pdf"), (tmp_path / "none.txt", "no such file")):
        if path.suffix == ".pdf":
            path.write_bytes(b"%PDF")
        code, out, err = cli("draft", str(path))
        assert code == 1 and out == ""
        assert len(err.strip().splitlines()) == 1 and words in err


def test_refuses_to_overwrite_its_own_input(cli, tmp_path: Path) -> None:
    source = tmp_path / "plan.txt"
    source.write_text((FIXTURES / "annual_plan.txt").read_text("utf-8"), encoding="utf-8")
    code, _, err = cli("draft", str(source), "-o", str(source))
    assert code == 1 and "refusing to overwrite" in err
    assert source.read_text("utf-8").startswith("某某县")
