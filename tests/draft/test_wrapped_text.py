"""A plan's text copied out of a PDF comes hard-wrapped (公文 print 28 characters a line): the draft
joins the lines back into their paragraphs, so it reads the plan as it reads the same text unwrapped."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from store.draft import draft_file
from store.draft.reading import read_document
from tests.draft.conftest import milestones

SOURCES = Path(__file__).resolve().parents[1] / "seeds" / "source"
INDENT = "\u3000\u3000"  # 公文 indent each paragraph by two characters


def _width(text: str) -> int:
    return len(text) + (len(text.encode("utf-8")) - len(text)) // 2


def hard_wrap(text: str, columns: int = 56, indent: str = INDENT) -> str:
    """``text`` as a PDF's text copy gives it: each paragraph indented, cut at ``columns`` display
    columns, never starting a line with a closing punctuation mark (the printer's rule, 禁则)."""
    out: list[str] = []
    for paragraph in text.splitlines():
        if not paragraph.strip():
            out.append("")
            continue
        line = indent
        for char in paragraph.strip():
            if _width(line + char) > columns and char not in "。,，、;；:：!！?？)）》”’":
                out.append(line)
                line = ""
            line += char
        out.append(line)
    return "\n".join(out) + "\n"


def _shape(path: Path) -> list[tuple[Any, ...]]:
    doc = yaml.safe_load(draft_file(path).yaml_text)
    found: list[tuple[Any, ...]] = []

    def walk(items: list[dict[str, Any]]) -> None:
        for node in items or []:
            found.append((node["kind"], node.get("number"), node["title"], node.get("due"),
                          tuple((m["title"], m["due"]) for m in node.get("milestones") or [])))
            walk(node.get("children") or [])
    walk(doc["nodes"])
    return found


# Tongliao's text draws its 专栏 with '|' borders, which no PDF copy has: the other four
@pytest.mark.parametrize("name", sorted(p.name for p in SOURCES.glob("*.txt") if "|" not in p.read_text("utf-8")))
def test_a_hard_wrapped_seed_plan_drafts_as_the_plan_itself(name: str, tmp_path: Path) -> None:
    wrapped = tmp_path / name
    wrapped.write_text(hard_wrap((SOURCES / name).read_text("utf-8")), encoding="utf-8")
    assert len(wrapped.read_text("utf-8").splitlines()) > 1.3 * len((SOURCES / name).read_text("utf-8").splitlines())
    assert _shape(wrapped) == _shape(SOURCES / name)


def test_without_indents_a_line_ending_mid_sentence_goes_on(drafted, tmp_path: Path) -> None:
    text = ("某县市场监督管理局2024年工作要点\n一、优化营商环境\n"
            "（一）深化商事制度改革。持续推进企业开办便利化,2024年6\n"
            "月底前出台促进个体工商户发展的若干措施,年底前实现企业开\n办一日办结。\n"
            "（二）加强信用监管。健全以信用为基础的新型监管机制,全年完\n成“双随机、一公开”抽查任务300户次。\n")
    source = tmp_path / "wrapped.txt"
    source.write_text(text, encoding="utf-8")
    draft, doc, _ = drafted(source)
    assert [(item.key, item.params) for item in draft.review][:1] == [("draft_unwrapped", {"chars": 28})]
    assert [(m["title"], m["due"]) for m in milestones(doc)] == [
        ("2024年6月底前出台促进个体工商户发展的若干措施", "2024年6月底前"), ("年底前实现企业开办一日办结", "年底前"),
        ("全年完成“双随机、一公开”抽查任务300户次", "2024年")]


def test_a_text_whose_lines_are_paragraphs_is_read_line_by_line(tmp_path: Path) -> None:
    """No wrap width: short lines of one width (a list of headings) are not joined."""
    source = tmp_path / "plain.txt"
    items = "".join(f"{n}.加强市场监管重点领域执法检查工作推进落实\n" for n in range(1, 9))
    source.write_text("规划\n" + items, encoding="utf-8")
    document = read_document(source)
    assert len(document.blocks) == 9 and document.wrapped_at is None
