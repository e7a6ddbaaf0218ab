"""The Word draft: official page and type (GB/T 9704 spirit), sentences from the data, placeholders
where only a person can write; and, where LibreOffice is installed, the PDF it prints."""
from __future__ import annotations

import re
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from store import queries as q
from store import report as rp
from tests.reports import office
from tests.reports.conftest import AS_OF
from tui.reports.docx_draft import write_draft

SECTIONS = ["一、总体进展", "二、主要指标完成情况", "三、重点任务推进情况", "四、存在问题及原因",
            "五、下步打算及中期调整建议"]


def _draft(conn: sqlite3.Connection, path: Path, kind: str = rp.MIDTERM, year: int | None = None,
           **options: Any) -> docx.document.Document:
    plan = q.resolve_plan(conn, "demo")
    report = rp.build_report(conn, plan, rp.period_for(plan, kind, year), AS_OF, narrative=True)
    write_draft(report, path, **options)
    return docx.Document(str(path))


def _fonts(element: Any) -> dict[str, str]:  # an lxml element of the document
    fonts = element.find(qn("w:rPr")).find(qn("w:rFonts"))
    return {key.split("}")[1]: value for key, value in fonts.attrib.items()}


def test_page_and_type_of_an_official_document(demo_conn: sqlite3.Connection, tmp_path: Path) -> None:
    doc = _draft(demo_conn, tmp_path / "d.docx")
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]
    expected = {"Normal": ("仿宋_GB2312", 16), "Title": ("方正小标宋简体", 22), "Heading 1": ("黑体", 16),
                "Heading 2": ("楷体_GB2312", 16)}
    for name, (face, size) in expected.items():
        style = doc.styles[name]
        fonts = _fonts(style.element)
        assert fonts == {"ascii": face, "hAnsi": face, "eastAsia": face, "cs": face}, name  # no theme font wins
        assert style.font.size == Pt(size) and not style.font.bold
    body = doc.styles["Normal"].paragraph_format
    assert body.line_spacing == Pt(29) and str(body.line_spacing_rule).startswith("EXACTLY")
    footer = section.footer.paragraphs[0]
    runs = [run.element for run in footer.runs]
    xml = "".join(run.xml for run in runs)
    assert "PAGE" in "".join(t.text for run in runs for t in run.iter(qn("w:instrText")))  # a field, not a typed number
    assert 'w:fldCharType="begin"' in xml and footer.text.startswith("— ") and footer.text.endswith(" —")
    table = next(p for p in doc.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml").blob.decode()
    assert 'w:name="方正小标宋简体"' in table and 'w:val="宋体"' in table and 'w:val="仿宋"' in table


def test_sections_and_sentences_from_the_data(demo_conn: sqlite3.Connection, tmp_path: Path) -> None:
    doc = _draft(demo_conn, tmp_path / "d.docx")
    paragraphs = [p.text for p in doc.paragraphs]
    text = "\n".join(paragraphs)
    assert paragraphs[0] == "《示范区市场监管“十四五”规划》中期评估报告" and doc.paragraphs[0].style.name == "Title"
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == SECTIONS
    assert "到期的4项任务中，已完成2项（按期1项、逾期1项），未完成2项。" in text
    assert ("2项主要指标中，提前实现1项、快于预期0项、符合预期0项、滞后0项、难以完成1项；"
            "约束性指标1项，均已完成。") in text
    assert "（时间进度60%，任务完成33%）" in text and "时间过半、任务过半" not in text  # 33% done: not "half"
    assert "“市场主体总量”难以完成（2023年为3.6万户，2025年目标4万户，按近期速度2025年约为3.8万户）" in text
    assert "（二）中期调整建议" in text and "“市场主体总量”" in text.split("中期调整建议")[-1]
    assert "本部分2021—2023年到期任务2项，已完成1项（其中逾期完成1项），尚未到期1项。" in text
    assert "甲所建成投入使用（2022年12月31日前）：已按期完成，完成于2022年6月1日" in text
    assert text.count("【待填写：") >= 6 and "【待填写：报送单位】" in text  # the demo plan names no bureau
    assert "2023年9月30日" in paragraphs[-1] or any(p == "2023年9月30日" for p in paragraphs)
    highlighted = [r for p in doc.paragraphs for r in p.runs if r.text.startswith("【待填写")]
    assert highlighted and all(r.font.highlight_color is not None for r in highlighted)


def test_no_software_footer_no_ids_full_width_punctuation(demo_conn: sqlite3.Connection, tmp_path: Path) -> None:
    doc = _draft(demo_conn, tmp_path / "d.docx")
    everything = "\n".join([p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows
                                                               for c in r.cells])
    assert "plandesk" not in everything.lower() and "demo-2021-2025" not in everything
    prose = "\n".join(p.text for p in doc.paragraphs)
    assert not re.search(r"[\u4e00-\u9fff][,;:()]|[,;:()][\u4e00-\u9fff]", prose)  # no half-width marks in Chinese
    with_ids = _draft(demo_conn, tmp_path / "i.docx", with_ids=True)
    assert "demo-2021-2025/c2.p1" in "\n".join(p.text for p in with_ids.paragraphs)


def test_the_appendix_table_and_the_annual_title(demo_conn: sqlite3.Connection, tmp_path: Path) -> None:
    doc = _draft(demo_conn, tmp_path / "d.docx")
    table = doc.tables[0]
    header = [c.text for c in table.rows[0].cells]
    assert header[:2] == ["序号", "指标"] and "2025年目标" in header and "评价" in header
    rows = {r.cells[1].text: [c.text for c in r.cells] for r in table.rows[1:]}
    assert rows["市场主体总量"][-1] == "难以完成" and rows["万台特种设备死亡率"][-1] == "提前实现"
    annual = _draft(demo_conn, tmp_path / "a.docx", rp.ANNUAL, 2023, issuer="示范区市场监管局",
                    signed=date(2024, 1, 20))
    texts = [p.text for p in annual.paragraphs]
    assert texts[0] == "关于《示范区市场监管“十四五”规划》2023年实施情况的报告"
    assert "五、下步打算" in texts and "示范区市场监管局" in texts and "2024年1月20日" in texts
    assert "2项主要指标中，2023年目标达标1项、未达标1项、未填报数据0项；约束性指标1项，均已达标。" in "\n".join(texts)


def test_cli_refuses_english_and_writes_the_draft(cli, tmp_path: Path) -> None:
    code, out, err = cli("report", "--plan", "wulong", "--midterm", "--format", "docx", "--lang", "en",
                         "-o", str(tmp_path / "x.docx"))
    assert code == 1 and "Chinese" in err and len(err.strip().splitlines()) == 1 and not (tmp_path / "x.docx").exists()
    path = tmp_path / "中期评估.docx"
    code, out, err = cli("report", "--plan", "wulong", "--midterm", "--format", "docx", "-o", str(path),
                         "--today", "2024-01-15", "--issuer", "武隆区市场监管局", "--date", "2024-02-01")
    assert code == 0 and path.exists()
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    assert texts[0].startswith("《武隆区市场监管现代化“十四五”发展规划（2021—2025年）》中期评估报告")
    assert "武隆区市场监管局" in texts and "2024年2月1日" in texts
    code, _, err = cli("report", "--plan", "wulong", "--final", "--format", "docx", "--date", "二月",
                       "-o", str(tmp_path / "y.docx"))
    assert code == 1 and "--date" in err


@pytest.fixture(scope="module")
def printed_draft(tmp_path_factory: pytest.TempPathFactory) -> str:
    office.needs_office()
    from store.db import open_store
    from tests.reports.conftest import make_demo_db

    work = tmp_path_factory.mktemp("docx-pdf")
    conn = open_store(make_demo_db(work / "demo.sqlite3"), seed=False)
    _draft(conn, work / "中期评估.docx")
    conn.close()
    pdf = office.to_pdf(work / "中期评估.docx", work)
    sizes = office.page_sizes(pdf)
    assert sizes and all(abs(w - 595.3) < 2 and abs(h - 841.9) < 2 for w, h in sizes)  # A4 portrait
    return office.text(pdf)


def test_the_pdf_holds_the_five_sections_and_the_judgements(printed_draft: str) -> None:
    flat = re.sub(r"\s+", "", printed_draft)  # pdftotext breaks lines where the page does
    for heading in SECTIONS:
        assert heading in flat, heading
    assert "提前实现1项、快于预期0项、符合预期0项、滞后0项、难以完成1项" in flat
    assert "约束性指标1项，均已完成" in flat
    assert "本部分2021—2023年到期任务2项，已完成1项" in flat  # chapter progress
    assert re.search(r"—\s*1\s*—", printed_draft)  # the page number from the footer field
