"""Workbooks a unit's Excel or WPS could send back that the other tests do not: a 填报日期 cell
holding a number no unit meant as a date (-5 is 1899-12-25 to a date cell, 99999999 is past
Excel's last day), and text that reads as a formula. The first was taken as the report's date
(a 已完成 report dated 1899 ticks its targets in 1899) or printed openpyxl's English warning; now
the file is refused with one line per problem and the database is unchanged. The second is
kept as text and never becomes a live formula in any workbook or CSV written later."""
from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import dump
from tests.ledger.conftest import IMPORT_DAY, REGISTRY, fill
from tests.ledger.test_ledger_import import refused
from tests.safety.test_faults import interrupt_on_call

ANSWER = {"c3.s1.t1": {"state": "已完成"}}


@pytest.mark.parametrize(("cell", "said"), [
    (-5, "date 1899-12-25 is outside the years 1949..2100"),
    ("1900-01-01", "date 1900-01-01 is outside the years 1949..2100"),
    (99999999, "date '#VALUE!' is not a date"),
])
def test_a_date_cell_no_unit_meant_is_refused_in_one_line(cli, exported, seeded_db: Path, cell: int | str,
                                                          said: str) -> None:
    path = fill(exported[REGISTRY], ANSWER)
    wb = load_workbook(path)
    cover = wb["填报说明"]
    for row in cover.iter_rows(max_col=2):
        if row[0].value == "填报日期":
            row[1].value = cell
            row[1].number_format = "yyyy-mm-dd"
    wb.save(path)
    err = refused(cli, path, seeded_db)
    assert f"{path.name}, sheet 填报说明, row 10: {said}" in err
    assert "Warning" not in err and len(err.strip().splitlines()) == 2


FORMULAS = ['=HYPERLINK("http://evil.example","点我")', "=1+1", "+SUM(1,2)", "-2+3", "@SUM(A1)"]


def test_text_that_reads_as_a_formula_stays_text_in_every_workbook_and_csv(cli, exported, seeded_db: Path,
                                                                          tmp_path: Path) -> None:
    path = fill(exported[REGISTRY], {"c3.s1.t1": {"state": "推进中", "note": FORMULAS[0], "problem": FORMULAS[1],
                                                  "next_step": FORMULAS[2]},
                                     "c3.s2.t1": {"state": "滞后", "note": FORMULAS[3], "problem": FORMULAS[4]}})
    wb = load_workbook(path)  # openpyxl wrote them as formulas; a unit's Excel would have typed them as text
    for row in wb["台账"].iter_rows():
        for c in row:
            if isinstance(c.value, str) and c.value in FORMULAS:
                c.data_type = "s"
    wb.save(path)
    code, _, err = cli("ledger", "import", str(path), *IMPORT_DAY)
    assert code == 0, err
    outputs = [tmp_path / "master.xlsx", tmp_path / "report.xlsx", tmp_path / "report.csv", tmp_path / "next"]
    for args in (["ledger", "master", "--plan", "wulong", "--period", "2023Q2", "-o", str(outputs[0])],
                 ["report", "--plan", "wulong", "--year", "2023", "--format", "xlsx", "-o", str(outputs[1])],
                 ["report", "--plan", "wulong", "--year", "2023", "--format", "csv", "-o", str(outputs[2])],
                 ["ledger", "export", "--plan", "wulong", "--period", "2023Q3", "-o", str(outputs[3])]):
        code, _, err = cli(*args, *IMPORT_DAY)
        assert code == 0, err
    books = [outputs[0], outputs[1], *outputs[3].glob("*登记注册科*.xlsx")]
    assert len(books) == 3
    found = 0
    for book in books:
        for ws in load_workbook(book).worksheets:
            for row in ws.iter_rows():
                for c in row:
                    assert c.data_type != "f", (book.name, c.coordinate, c.value)
                    if isinstance(c.value, str) and any(f in c.value for f in FORMULAS):
                        assert c.value[0] not in "=+-@", (book.name, c.coordinate, c.value)
                        found += 1
    assert found >= 5
    for line in outputs[2].read_text(encoding="utf-8-sig").splitlines():
        for cell in line.split(","):
            assert not cell.strip('"').startswith(("=", "+", "@")), line


def test_a_workbook_of_a_million_junk_rows_is_refused_at_once(cli, exported, seeded_db: Path, tmp_path: Path) -> None:
    """Before, openpyxl read every row: minutes and gigabytes for a 6 MB file (a command that
    seemed to hang); the zip's own directory says how large its sheets are."""
    import zipfile

    source = fill(exported[REGISTRY], ANSWER)
    bomb = tmp_path / source.name
    junk = '<row r="9"><c r="A9" t="inlineStr"><is><t>x</t></is></c></row>' * 600_000
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zout:
        for name in zin.namelist():
            data = zin.read(name)
            if name == "xl/worksheets/sheet2.xml":
                data = data.replace(b"</sheetData>", junk.encode() + b"</sheetData>")
            zout.writestr(name, data)
    err = refused(cli, bomb, seeded_db)
    assert "its sheets unpack to" in err and "at most 32 MiB" in err


def test_ctrl_c_after_part_of_a_units_workbook_is_written(cli, exported, seeded_db: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from store import progress_actions

    path = fill(exported[REGISTRY], {"c3.s1.t1": {"state": "已完成"}, "c3.s1.t2": {"state": "推进中"},
                                     "c3.s2.t1": {"state": "滞后", "problem": "人手不足"}})
    calls = interrupt_on_call(monkeypatch, progress_actions, "_insert", after=1)
    before = dump(seeded_db)
    code, out, err = cli("ledger", "import", str(path), *IMPORT_DAY)
    assert code == 130 and calls[0] == 2 and err == ""
    assert dump(seeded_db) == before
    monkeypatch.undo()
    assert cli("ledger", "import", str(path), *IMPORT_DAY)[0] == 0  # and it goes in whole afterwards
    assert dump(seeded_db) != before


def test_a_workbook_with_a_password_to_open_it_says_so(cli, seeded_db: Path) -> None:
    """A unit that set a password (Excel or WPS: 文件 > 加密) got 'damaged, or another format
    renamed: save it as .xlsx', which saving as .xlsx does not mend. The fixture is a ledger
    workbook of this plan encrypted with msoffcrypto-tool (password 123), as Excel writes one."""
    from tests.conftest import FIXTURES

    path = FIXTURES / "ledger_password.xlsx"
    err = refused(cli, path, seeded_db)
    assert "protected by a password" in err and "damaged" not in err
    code, _, err = cli("--lang", "zh", "ledger", "import", str(path), *IMPORT_DAY)
    assert code == 1 and "工作簿设置了打开密码" in err


def test_a_refused_file_prints_its_first_fifty_problems_and_a_count(cli, exported, seeded_db: Path) -> None:
    """A unit that pasted a few thousand rows under the table got one line per row: the terminal
    flooded, and the first problems (what to mend) scrolled away."""
    from tests.ledger.conftest import columns

    path = fill(exported[REGISTRY], ANSWER)
    wb = load_workbook(path)
    ws = wb["台账"]
    header, cols = columns(ws)
    for r in range(ws.max_row + 1, ws.max_row + 81):
        ws.cell(r, cols["key"]).value = f"pasted-{r}"
    wb.save(path)
    err = refused(cli, path, seeded_db)
    lines = err.strip().splitlines()
    assert len(lines) == 1 + 50 + 1 and lines[-1].strip() == "… and 30 more problems in this file"
    assert "(80 problems)" in lines[0]
