"""A plan file as a Chinese Windows saves it: GB18030/GBK ("ANSI" in Notepad and WPS) or UTF-16
with a byte-order mark ("Unicode"), CRLF line ends, reads as the same plan as its UTF-8 original
(before, both were refused as "not UTF-8"). A UTF-8 file with one damaged byte is still refused
at its line, never read as GB18030 nonsense; a YAML mistake in a GBK file is still at its line."""
from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

import pytest

from store.errors import ImportFailed
from store.loader import load_plan_file
from tests.conftest import FIXTURES, dump

SMALL = (FIXTURES / "small_plan.yaml").read_text(encoding="utf-8")


def _titles(path: Path) -> list[str]:
    [plan] = load_plan_file(path)
    return [plan.title, *(node.title for node in plan.nodes), *(m.title for m in plan.milestones)]


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_a_chinese_windows_encoding_reads_as_the_utf8_plan(tmp_path: Path, encoding: str) -> None:
    original = tmp_path / "utf8.yaml"
    original.write_text(SMALL, encoding="utf-8")
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(encoding, b"")
    saved = tmp_path / f"{encoding}.yaml"
    saved.write_bytes(bom + SMALL.replace("\n", "\r\n").encode(encoding))
    assert _titles(saved) == _titles(original)
    assert "优化营商环境" in _titles(saved)


def _problems(path: Path) -> list[str]:
    with pytest.raises(ImportFailed) as info:
        load_plan_file(path)
    return info.value.problems


def test_a_yaml_mistake_in_a_gbk_file_is_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "gbk.yaml"
    path.write_bytes(SMALL.replace("title: 优化营商环境", "title: [优化营商环境").encode("gbk"))
    [problem] = _problems(path)
    assert problem.startswith(f"{path}:12: yaml: ")


def test_a_damaged_utf8_file_is_refused_at_the_bad_byte_not_read_as_gb18030(tmp_path: Path) -> None:
    data = SMALL.encode("utf-8")
    at = data.index("深化".encode())  # line 17, after Chinese read as UTF-8 above it
    path = tmp_path / "damaged.yaml"
    path.write_bytes(data[:at + 1] + b"\xff" + data[at + 2:])
    assert _problems(path) == [f"{path}:17: file: is not UTF-8 text (save it as UTF-8)"]


def test_a_binary_file_is_still_refused(tmp_path: Path, cli: Callable[..., tuple[int, str, str]],
                                        seeded_db: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(b"\x00\xff" + bytes(range(256)) * 4)
    before = dump(seeded_db)
    code, _, err = cli("--lang", "zh", "import", str(path))
    assert code == 1 and err.strip().startswith(f"{path}:") and "不是 UTF-8 编码的文字" in err
    assert len(err.strip().splitlines()) == 1
    assert dump(seeded_db) == before


@pytest.mark.parametrize(("head", "said"), [(b"PK\x03\x04", "是 Word 或 Excel 文件"),
                                            (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "是 Word 或 Excel 文件"),
                                            (b"%PDF-1.7", "是 PDF 文件")])
def test_the_plan_document_given_for_its_plan_file_says_to_draft_it(
        tmp_path: Path, cli: Callable[..., tuple[int, str, str]], head: bytes, said: str) -> None:
    """Before: 'is not UTF-8 text (save it as UTF-8)', which a clerk holding a .docx cannot act on."""
    path = tmp_path / "我局规划.yaml"  # a .docx renamed, or named on the command line by mistake
    path.write_bytes(head + bytes(range(256)) * 4)
    code, _, err = cli("--lang", "zh", "import", str(path))
    assert code == 1 and err.strip().startswith(f"{path}:1: 文件: {said}")
    assert "plandesk draft" in err and len(err.strip().splitlines()) == 1
