"""A plan's table of contents is not a second copy of its headings: the draft skips it and says so."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.draft.conftest import nodes

BODY = """第一章 发展基础
“十三五”期间,全市市场监管工作取得显著成效。
第二章 主要任务
一、优化营商环境
深化商事制度改革,到2023年底实现企业开办一日办结。
二、强化质量监管
到2025年,食品抽检合格率保持在98%以上。
"""
SHAPE = [("chapter", "第一章", "发展基础"), ("text", None, "“十三五”期间,全市市场监管工作取得显著成效"),
         ("chapter", "第二章", "主要任务"), ("section", "一、", "优化营商环境"),
         ("task", None, "深化商事制度改革,到2023年底实现企业开办一日办结"), ("section", "二、", "强化质量监管"),
         ("task", None, "到2025年,食品抽检合格率保持在98%以上")]


def _shape(doc: dict[str, Any]) -> list[tuple[str, str | None, str]]:
    return [(n["kind"], n.get("number"), n["title"]) for n in nodes(doc)]


def test_a_texts_contents_with_dot_leaders_is_skipped(drafted, tmp_path: Path) -> None:
    source = tmp_path / "plan.txt"
    source.write_text("某市市场监管“十四五”规划\n目  录\n第一章 发展基础………………1\n第二章 主要任务………………3\n"
                      "一、优化营商环境…………3\n二、强化质量监管…………5\n" + BODY, encoding="utf-8")
    draft, doc, _ = drafted(source)
    assert _shape(doc) == SHAPE
    assert [(item.key, item.params) for item in draft.review] == [
        ("draft_contents_skipped", {"first": 3, "last": 6})]


def test_a_word_contents_is_skipped_by_its_style(drafted, tmp_path: Path) -> None:
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    document.add_paragraph("某市市场监管“十四五”规划", style="Title")
    document.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)
    for entry in ("第一章 发展基础\t1", "第二章 主要任务\t3", "一、优化营商环境\t3"):
        document.add_paragraph(entry, style="toc 1")
    for line in BODY.splitlines():
        document.add_paragraph(line)
    path = tmp_path / "plan.docx"
    document.save(str(path))
    _, doc, _ = drafted(path)
    assert _shape(doc) == SHAPE
