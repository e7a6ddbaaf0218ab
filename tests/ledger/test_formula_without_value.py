"""A formula cell saved without its value (a file written by a script or an online editor; Excel
and WPS save the value with it) reads as blank to openpyxl: a unit's answer, or a task row of a
plan's table, vanished without a word. Now the returned workbook is refused naming the cell, and
``draft`` lists the cell for review; a formula whose value was saved still reads as that value."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from store.office_files import unsaved_formulas
from tests.conftest import dump
from tests.ledger.conftest import IMPORT_DAY, REGISTRY, columns, fill, row_of
from tests.ledger.test_ledger_import import refused


def _formula_in(path: Path, local_id: str, key: str, formula: str) -> str:
    """Write ``formula`` into the item's ``key`` cell as a script would (openpyxl saves no value); its reference."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb["台账"]
    _, cols = columns(ws)
    cell = ws.cell(row_of(ws, local_id), cols[key])
    cell.value = formula
    wb.save(path)
    return str(cell.coordinate)


@pytest.mark.parametrize("others", [{}, {"note": "已开展"}], ids=["only_the_formula", "with_a_note"])
@pytest.mark.parametrize(("lang", "said"), [("en", "a formula without a saved value"), ("zh", "公式没有保存计算结果")])
def test_a_returned_workbook_with_a_formula_without_its_value_is_refused_naming_the_cell(
        cli, exported, seeded_db: Path, lang: str, said: str, others: dict[str, str]) -> None:
    """Before: the row read as blank (nothing filled in: silently nothing applied)."""
    path = fill(exported[REGISTRY], {"c3.s1.t1": others})
    ref = _formula_in(path, "c3.s1.t1", "state", '="已完成"')
    before = dump(seeded_db)
    code, _, err = cli("--lang", lang, "ledger", "import", str(path), *IMPORT_DAY)
    assert code == 1 and said in err and ref in err, err
    assert dump(seeded_db) == before
    if lang == "en":
        assert f"sheet 台账, row {ref[1:]}" in refused(cli, path, seeded_db)


def _with_saved_value(path: Path, ref: str, value: str) -> None:
    """The formula cell as Excel saves it: its value beside it."""
    rewritten = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(rewritten, "w") as out:
        for name in src.namelist():
            data = src.read(name)
            if name.startswith("xl/worksheets/") and f'r="{ref}"'.encode() in data:
                start = data.index(f'r="{ref}"'.encode())
                end = data.index(b"</c>", start)
                cell = data[start:end].replace(b"<v></v>", b"").replace(b"<v/>", b"") + f"<v>{value}</v>".encode()
                data = data[:start] + b't="str" ' + cell + data[end:]
            out.writestr(name, data)
    rewritten.replace(path)


def test_a_formula_with_its_saved_value_reads_as_that_value(cli, exported, seeded_db: Path) -> None:
    path = fill(exported[REGISTRY], {"c3.s1.t1": {"note": "已开展"}})
    ref = _formula_in(path, "c3.s1.t1", "state", '="已完成"')
    _with_saved_value(path, ref, "已完成")
    assert unsaved_formulas(path) == []
    code, out, err = cli("ledger", "import", str(path), *IMPORT_DAY)
    assert code == 0, err


def test_draft_lists_a_formula_without_its_value(tmp_path: Path) -> None:
    import openpyxl

    from store.draft import draft_file

    path = tmp_path / "tasks.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "任务"
    sheet.append(["某区市场监管局2024年重点工作任务分解表"])
    sheet.append(["序号", "重点任务", "牵头单位", "完成时限"])
    sheet.append([1, "出台促进个体工商户发展的若干措施", "登记注册科", "2024年6月"])
    sheet.append([2, '=CONCATENATE("开展","守护消费专项行动")', "消保科", "2024年12月"])
    book.save(path)
    draft = draft_file(path)
    found = [item for item in draft.review if item.key == "draft_formula_no_value"]
    assert [(item.line, item.params) for item in found] == [(4, {"sheet": "任务", "cell": "B4"})]
    assert "CONCATENATE" not in draft.yaml_text
