"""A 任务分解表 kept in Excel or WPS drafts as the same table in Word does: its title, its tasks with
their units and deadlines, and the merged rows (一、优化营商环境) that group them."""
from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from store.draft import draft_file
from store.errors import BadInput
from tests.draft.conftest import nodes

FORMULA = '=HYPERLINK("http://example.invalid","完成食品安全抽检2000批次")'


def _workbook(path: Path) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["某区市场监管局2024年重点工作任务分解表"])
    sheet.merge_cells("A1:F1")
    sheet.append([])
    sheet.append(["序号", "重点任务", "牵头单位", "配合单位", "完成时限", "备注"])
    sheet.append(["一、优化营商环境"])
    sheet.merge_cells("A4:F4")
    sheet.append([1, "出台促进个体工商户发展的若干措施", "登记注册科", "综合科", datetime.datetime(2024, 6, 30), None])
    sheet.append([2, FORMULA, "食品安全科", "各市场监管所", "2024年12月", "按月报送"])
    sheet.append(["二、加强质量监管"])
    sheet.merge_cells("A7:F7")
    sheet.append([3.0, "开展“守护消费”专项行动", "消保科", None, "全年", None])
    book.save(path)
    return path


def test_a_task_table_workbook_drafts_its_parts_and_tasks(drafted, tmp_path: Path) -> None:
    draft, doc, _ = drafted(_workbook(tmp_path / "tasks.xlsx"))
    assert doc["title"] == "某区市场监管局2024年重点工作任务分解表" and doc["period"] == {"start": 2024, "end": 2024}
    shown = [(n["kind"], n.get("number"), n["title"], n.get("lead"), n.get("due")) for n in nodes(doc)]
    assert shown == [
        ("part", "一、", "优化营商环境", None, None),
        ("task", "1", "出台促进个体工商户发展的若干措施", ["登记注册科"], "2024年6月30日"),
        ("part", "二、", "加强质量监管", None, None),
        ("task", "3", "开展“守护消费”专项行动", ["消保科"], "全年"),
    ]
    # a formula is never the plan's text: its row (no value computed) is listed for the clerk instead,
    # saying why it read blank
    assert "HYPERLINK" not in draft.yaml_text
    assert [(item.key, item.line) for item in draft.review] == [("draft_formula_no_value", 6),
                                                                ("draft_table_row_unread", 6)]


def test_a_workbook_that_is_not_one(tmp_path: Path) -> None:
    renamed = tmp_path / "old.xlsx"
    renamed.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)  # an .xls (OLE) under a new name
    with pytest.raises(BadInput) as caught:
        draft_file(renamed)
    assert caught.value.key == "err_bad_xlsx"


def test_a_word_task_table_with_merged_category_rows(drafted, tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("某区市场监管局2024年重点工作任务分解表", style="Title")
    rows = [("序号", "重点任务", "牵头单位", "完成时限"), ("一、优化营商环境",),
            ("1", "出台若干措施", "登记科", "2024年6月")]
    table = document.add_table(rows=len(rows), cols=4)
    for r, values in enumerate(rows):
        if len(values) == 1:
            merged = table.rows[r].cells[0].merge(table.rows[r].cells[3])
            merged.text = values[0]
            continue
        for c, value in enumerate(values):
            table.rows[r].cells[c].text = value
    path = tmp_path / "tasks.docx"
    document.save(str(path))
    _, doc, _ = drafted(path)
    assert [(n["kind"], n["title"]) for n in nodes(doc)] == [("part", "优化营商环境"), ("task", "出台若干措施")]


def test_a_line_above_the_header_is_not_the_header(drafted, tmp_path: Path) -> None:
    """填报单位:…  填报日期:… in two cells above the header: text, and the table starts at its header."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["某区市场监管局2024年重点工作任务分解表"])
    sheet.append(["填报单位:区市场监管局(盖章)", None, None, "填报日期:"])
    sheet.append(["序号", "重点任务", "牵头单位", "完成时限"])
    sheet.append([1, "出台促进个体工商户发展的若干措施", "登记注册科", "2024年6月底前"])
    path = tmp_path / "filled_in.xlsx"
    book.save(path)
    _, doc, _ = drafted(path)
    assert [(n["kind"], n["title"]) for n in nodes(doc)] == [
        ("text", "填报单位:区市场监管局(盖章) 填报日期:"), ("task", "出台促进个体工商户发展的若干措施")]


def test_a_workbook_whose_sheet_does_not_parse(tmp_path: Path) -> None:
    """Read-only openpyxl parses a sheet only when its rows are read: a damaged sheet is still one line."""
    import zipfile

    good = _workbook(tmp_path / "good.xlsx")
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(broken, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            target.writestr(name, data[:300] + b"<<<" if name == "xl/worksheets/sheet1.xml" else data)
    with pytest.raises(BadInput) as caught:
        draft_file(broken)
    assert caught.value.key == "err_bad_xlsx"
