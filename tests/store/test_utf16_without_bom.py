"""UTF-16 text without a byte-order mark (a script's or an editor's "UCS-2 LE/BE") reads as the
same plan, and drafts as the same draft, as its UTF-8 original; before, a plan file was refused
as "not UTF-8" and a document given to draft as "binary content". A GBK or UTF-8 file is never
taken for UTF-16, and a binary file is still refused."""
from __future__ import annotations

from pathlib import Path

import pytest

from store.draft import draft_file
from store.loader import load_plan_file
from store.text_encoding import utf16_encoding
from tests.conftest import FIXTURES, dump

SMALL = (FIXTURES / "small_plan.yaml").read_text(encoding="utf-8")
SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds" / "source").glob("*.txt"))


def _plan(path: Path) -> list[object]:
    [plan] = load_plan_file(path)
    return [plan.title, plan.start_year, *(node.title for node in plan.nodes), *(m.title for m in plan.milestones),
            *(m.due for m in plan.milestones)]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_plan_file_in_utf16_without_a_mark_reads_as_the_utf8_plan(cli, seeded_db: Path, tmp_path: Path,
                                                                   encoding: str, newline: str) -> None:
    original = tmp_path / "utf8.yaml"
    original.write_text(SMALL, encoding="utf-8")
    saved = tmp_path / "plan.yaml"
    saved.write_bytes(SMALL.replace("\n", newline).encode(encoding))
    assert _plan(saved) == _plan(original)
    code, out, err = cli("import", str(saved))
    assert code == 0 and "demo-2021-2025" in out, err


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-16"])
def test_a_document_in_utf16_drafts_as_its_utf8_original(tmp_path: Path, encoding: str) -> None:
    for seed in SEEDS:
        text = seed.read_text(encoding="utf-8")
        saved = tmp_path / seed.name
        saved.write_bytes(text.encode(encoding))
        assert draft_file(saved).yaml_text == draft_file(seed).yaml_text, seed.name


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_chinese_only_text_is_told_too(encoding: str) -> None:
    """No ASCII but the line ends: the order is still told by which way reads as text."""
    text = "".join(ch for seed in SEEDS for ch in seed.read_text(encoding="utf-8") if ord(ch) > 127 or ch == "\n")
    assert utf16_encoding(text.encode(encoding)[:65536]) == encoding


def test_gbk_and_utf8_are_never_taken_for_utf16(tmp_path: Path) -> None:
    for seed in SEEDS:
        text = seed.read_text(encoding="utf-8")
        for encoding in ("utf-8", "gb18030"):
            assert utf16_encoding(text.encode(encoding)) is None
            saved = tmp_path / seed.name
            saved.write_bytes(text.encode(encoding))
            assert draft_file(saved).yaml_text == draft_file(seed).yaml_text


def test_a_binary_file_is_still_refused(cli, seeded_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(bytes(range(256)) * 64)
    before = dump(seeded_db)
    code, _, err = cli("import", str(path))
    assert code == 1 and "is not UTF-8 text (save it as UTF-8)" in err and len(err.strip().splitlines()) == 1
    assert dump(seeded_db) == before
    document = tmp_path / "plan.txt"
    document.write_bytes(bytes(range(256)) * 64)
    code, _, err = cli("draft", str(document))
    assert code == 1 and "not a text file" in err
