"""A plan typed with Word's automatic numbering drafts with its structure: the numbers Word draws
(一、 (一) 1., 第一章 from a numbered heading style) are read as if typed, counted as Word and
LibreOffice count them."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from store.draft.reading import read_document
from store.draft.word_numbers import chinese, format_number
from tests.draft.conftest import nodes
from tests.draft.word_lists import W, write_listed

PLAN = [(0, "优化营商环境"), (1, "深化商事制度改革"), (2, "2024年6月底前出台促进个体工商户发展的若干措施。"),
        (2, "年底前完成企业开办一日办结。"), (1, "加强信用监管"), (2, "开展“守护消费”专项行动。"),
        (0, "加强质量监管"), (1, "强化特种设备安全"), (None, "正文一段。"), (2, "全面排查电梯安全隐患。")]


def test_chinese_counting_as_word_draws_it() -> None:
    assert [chinese(n) for n in (1, 9, 10, 11, 19, 20, 21, 99, 100, 105, 110, 119)] == [
        "一", "九", "十", "十一", "十九", "二十", "二十一", "九十九", "一百", "一百零五", "一百一十", "一百一十九"]
    assert format_number(3, "ideographTraditional") == "丙" and format_number(2, "decimalEnclosedCircle") == "②"
    assert format_number(4, "upperRoman") == "IV" and format_number(1, "bullet") is None


def test_a_word_listed_plan_drafts_with_its_parts_sections_and_tasks(drafted, tmp_path: Path) -> None:
    source = write_listed(tmp_path / "listed.docx", "某县市场监管局2024年工作要点", PLAN)
    _, doc, _ = drafted(source)
    shown = [(n["kind"], n.get("number"), n["title"]) for n in nodes(doc)]
    assert shown == [
        ("part", "一、", "优化营商环境"), ("section", "（一）", "深化商事制度改革"),
        ("task", "1.", "2024年6月底前出台促进个体工商户发展的若干措施"), ("task", "2.", "年底前完成企业开办一日办结"),
        ("section", "（二）", "加强信用监管"), ("task", "1.", "开展“守护消费”专项行动"),
        ("part", "二、", "加强质量监管"), ("section", "（一）", "强化特种设备安全"),
        ("task", "1.", "全面排查电梯安全隐患")]  # 正文一段 is the section's own text, before its items
    dues = [m["due"] for n in nodes(doc) for m in n.get("milestones") or []]
    assert dues == ["2024年6月底前", "年底前", "2024年"]


def _heading_styled(path: Path) -> Path:
    """Heading 1 and 2 linked to the list (第一章 / 第一节): the paragraphs carry no numbering of their own."""
    import docx
    from docx.oxml import parse_xml

    write_listed(path, "某市市场监管规划(2021-2025年)", [],
                 levels=(("chineseCounting", "第%1章"), ("chineseCounting", "第%2节")))
    document = docx.Document(str(path))
    for name, level in (("Heading 1", 0), ("Heading 2", 1)):
        document.styles[name].element.get_or_add_pPr().append(parse_xml(
            f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
    for text, style in (("总则", "Heading 1"), ("目的", "Heading 2"), ("范围", "Heading 2"), ("主要任务", "Heading 1"),
                        ("优化营商环境", "Heading 2")):
        document.add_paragraph(text, style=style)
    document.save(str(path))
    return path


def _documents(tmp_path: Path) -> list[Path]:
    return [
        write_listed(tmp_path / "levels.docx", "规划", PLAN),
        write_listed(tmp_path / "restart.docx", "规划",
                     [(0, "甲"), (1, "乙"), (1, "丙"), (0, "丁"), (0, "戊"), (1, "己"), (2, "庚")], restart_at=4),
        write_listed(tmp_path / "formats.docx", "规划", [(0, "甲"), (1, "乙"), (2, "丙"), (2, "丁")],
                     levels=(("decimal", "第%1章"), ("decimalEnclosedCircle", "%2"), ("lowerLetter", "%1.%2.%3"))),
        _heading_styled(tmp_path / "headings.docx"),
    ]


def test_headings_numbered_by_their_style(tmp_path: Path) -> None:
    texts = [b.text for b in read_document(_heading_styled(tmp_path / "h.docx")).blocks]
    assert texts[1:] == ["第一章 总则", "第一节 目的", "第二节 范围", "第二章 主要任务", "第一节 优化营商环境"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_the_numbers_are_the_ones_libreoffice_draws(tmp_path: Path) -> None:
    documents = _documents(tmp_path)
    out = tmp_path / "txt"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
                    "txt:Text", "--outdir", str(out), *map(str, documents)], check=True, capture_output=True,
                   timeout=180)
    for document in documents:
        printed = (out / f"{document.stem}.txt").read_text(encoding="utf-8-sig").split("\n")
        expected = ["".join(line.split()) for line in printed if line.strip()]
        ours = ["".join(block.text.split()) for block in read_document(document).blocks]
        assert ours == expected, document.name


def test_a_task_tables_serial_column_numbered_by_word(drafted, tmp_path: Path) -> None:
    """任务分解表 whose 序号 cells are a numbered list: each row keeps its serial."""
    import docx
    from docx.oxml import parse_xml

    path = write_listed(tmp_path / "table.docx", "某区市场监管局2024年重点工作任务分解表", [],
                        levels=(("decimal", "%1"),))
    document = docx.Document(str(path))
    rows = [("序号", "重点任务", "牵头单位", "完成时限"),
            ("", "出台促进个体工商户发展的若干措施", "登记注册科", "2024年6月底前"),
            ("", "完成食品安全抽检2000批次", "食品安全科", "2024年12月")]
    table = document.add_table(rows=len(rows), cols=4)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            cell = table.rows[r].cells[c]
            cell.text = value
            if r and c == 0:
                cell.paragraphs[0]._p.get_or_add_pPr().append(parse_xml(
                    f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>'))
    document.save(str(path))
    _, doc, _ = drafted(path)
    assert [(n.get("number"), n["title"], n.get("due")) for n in nodes(doc) if n["kind"] == "task"] == [
        ("1", "出台促进个体工商户发展的若干措施", "2024年6月底前"), ("2", "完成食品安全抽检2000批次", "2024年12月")]


def test_a_damaged_or_hostile_numbering_part_reads(tmp_path: Path) -> None:
    """A start of 10**12 in letters or roman numerals must not build a gigabyte of A's or loop; a start
    that is no number is Word's default."""
    path = write_listed(tmp_path / "hostile.docx", "规划", [(0, "甲"), (1, "乙"), (2, "丙")],
                        levels=(("upperLetter", "%1.", "999999999999"), ("upperRoman", "%2)", "999999999999"),
                                ("decimal", "%3、", "abc")))
    assert [b.text for b in read_document(path).blocks] == ["规划", "999999999999.甲", "999999999999)乙", "1、丙"]


@pytest.mark.parametrize("part", ["word/document.xml", "word/numbering.xml", "word/styles.xml"])
def test_a_word_file_with_a_damaged_part_is_one_line(tmp_path: Path, part: str) -> None:
    """python-docx parses some parts (numbering, styles) only when they are first used: wherever the
    damage is, the clerk gets the one line, in words (no exception's class name)."""
    import zipfile

    from store.draft import draft_file
    from store.errors import BadInput

    good = write_listed(tmp_path / "good.docx", "规划", PLAN)
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(broken, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            target.writestr(name, data[:200] + b"<<<" if name == part else data)
    with pytest.raises(BadInput) as caught:
        draft_file(broken)
    assert caught.value.key == "err_bad_docx" and "reason" not in caught.value.values
