"""The workbook in a real spreadsheet program: headless LibreOffice prints it and saves it again.

Excel and WPS are not available on a test machine; LibreOffice is the strictest of the three
about what it keeps, so the drop-down, the protection and the wrapping are checked after it has
read and written the file. Skipped cleanly when LibreOffice is not installed (.ci/run installs
``libreoffice-calc-nogui``).
"""
from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from store import ledger_format as lf
from tests.ledger.conftest import FOOD, REGISTRY, columns, pdftotext, soffice_convert


def test_printed_by_libreoffice_cover_and_every_row_are_there(exported: dict[str, Path], tmp_path: Path) -> None:
    pdf = soffice_convert(exported[REGISTRY], "pdf", tmp_path / "pdf", tmp_path / "lo-profile")
    text = pdftotext(pdf)
    plain = "".join(text.split())
    for words in ("2023年第二季度任务进展台账", "填报单位", REGISTRY, "报送截止日期", "2023-07-10", "填报说明",
                  "构建开明市场准入环境", "严守食品安全屏障", "本期状态", "佐证材料"):
        assert words in plain, words
    assert "第1页，共" in plain  # page numbers in the footer
    assert "|" not in text  # the hidden key column is not printed
    pages = text.count("\f")
    assert 2 <= pages <= 6  # the cover, then 22 rows fitted to the page width (not one column per page)


def test_libreoffice_keeps_drop_down_protection_and_wrapping(exported: dict[str, Path], tmp_path: Path) -> None:
    saved = soffice_convert(exported[FOOD], "xlsx:Calc MS Excel 2007 XML", tmp_path / "saved", tmp_path / "lo-profile")
    wb = load_workbook(saved)
    ws = wb[lf.DATA_SHEET]
    assert ws.protection.sheet and not ws.protection.password
    assert ws.column_dimensions["A"].hidden
    header, cols = columns(ws)
    kinds = {dv.type: dv for dv in ws.data_validations.dataValidation}
    assert "未启动" in kinds["list"].formula1 and "已完成" in kinds["list"].formula1
    assert (kinds["whole"].formula1, kinds["whole"].formula2) == ("0", "100")
    r = header + 1
    assert ws.cell(r, cols["state"]).protection.locked is False
    assert ws.cell(r, cols["task"]).protection.locked is not False
    assert ws.cell(r, cols["note"]).alignment.wrap_text
    assert wb[lf.META_SHEET].sheet_state == "hidden"
