"""ledger import: the answers read back, checked, shown as a difference, applied as one step per file."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from store import ledger as lg
from store import ledger_format as lf
from tests.conftest import dump
from tests.ledger.conftest import FOOD, IMPORT_DAY, JULY_5, PERIOD, PLAN, QUALITY, REGISTRY, columns, fill, row_of

ANSWERS = {
    "c3.s1.t1": {"state": "推进中", "percent": 45, "note": "完成准入环境评估",
                 "evidence": "评估报告.pdf\n会议纪要.docx"},
    "c3.s2.t1": {"state": "滞后", "percent": 20, "problem": "审查人员不足", "next_step": "8月前完成培训"},
}


def reports(db: Path) -> list[sqlite3.Row]:
    conn = sqlite3.connect(str(db))
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute("SELECT * FROM progress ORDER BY id").fetchall()
    finally:
        conn.close()


def test_dry_run_shows_the_difference_and_changes_nothing(cli, exported, seeded_db: Path) -> None:
    path = fill(exported[REGISTRY], ANSWERS, filled_on=JULY_5)
    before = dump(seeded_db)
    code, out, err = cli("ledger", "import", str(path), "--dry-run", *IMPORT_DAY, "--lang", "en")
    assert code == 0, err
    assert dump(seeded_db) == before
    assert f"{path.name}: {REGISTRY} · {PLAN} · 2023Q2 · dated 2023-07-05" in out
    assert "c3.s1.t1 构建开明市场准入环境" in out
    assert "State: — -> on track" in out and "Done %: — -> 45" in out
    assert "Evidence: — -> 评估报告.pdf；会议纪要.docx" in out
    assert "Problems: — -> 审查人员不足" in out
    assert "2 new reports · 0 unchanged · 20 rows not filled in" in out
    assert "dry run: nothing was changed" in out


def test_import_enters_reports_for_the_unit_as_one_undoable_step(cli, exported, seeded_db: Path) -> None:
    path = fill(exported[REGISTRY], ANSWERS, filled_on=JULY_5)
    before = dump(seeded_db)
    code, out, err = cli("ledger", "import", str(path), *IMPORT_DAY, "--lang", "en")
    assert code == 0, err
    assert "2 reports entered as one step" in out
    rows = reports(seeded_db)
    assert [(r["item_id"], r["state"], r["percent"], r["unit"], r["source"], r["reported_on"]) for r in rows] == [
        (f"{PLAN}/c3.s1.t1", "on_track", 45.0, REGISTRY, path.name, "2023-07-05"),
        (f"{PLAN}/c3.s2.t1", "behind", 20.0, REGISTRY, path.name, "2023-07-05")]
    assert rows[0]["evidence"] == '["评估报告.pdf", "会议纪要.docx"]'
    assert rows[1]["next_step"] == "8月前完成培训" and rows[0]["who"]  # the clerk who imported it
    code, out, _ = cli("progress", f"{PLAN}/c3.s1.t1", *IMPORT_DAY, "--lang", "en")
    assert path.name in out  # the listing names the file a report came from
    assert cli("undo")[0] == 0  # ONE undo takes the whole file back
    assert reports(seeded_db) == []
    assert cli("redo")[0] == 0
    assert len(reports(seeded_db)) == 2
    assert cli("undo")[0] == 0
    assert dump(seeded_db) != before  # the journal remembers it all ...
    assert reports(seeded_db) == []  # ... and the reports are gone


def test_done_ticks_the_items_targets_in_the_same_step(cli, exported, seeded_db: Path) -> None:
    path = fill(exported[REGISTRY], {"c3.box2.e1": {"state": "已完成", "note": "全程电子化上线"},
                                     "c3.s1.t1": {"state": "推进中", "percent": 30}})
    assert cli("ledger", "import", str(path), *IMPORT_DAY)[0] == 0
    conn = sqlite3.connect(str(seeded_db))

    def ticked() -> list[str | None]:
        return [r[0] for r in conn.execute("SELECT done_on FROM milestones WHERE node_id = ?", (f"{PLAN}/c3.box2.e1",))]
    assert ticked() and set(ticked()) == {"2023-07-10"}  # no 填报日期: the import date
    assert conn.execute("SELECT count(*) FROM journal WHERE action = 'ledger_import'").fetchone()[0] == 1
    code, out, _ = cli("undo", "--lang", "en")  # one undo: both reports and the ticks
    assert code == 0 and "ledger workbook imported" in out
    assert f"with: #2、{PLAN}/c3.box2.e1" in out  # the file's other report and the tick go back with it
    assert set(ticked()) == {None} and len(reports(seeded_db)) == 0
    assert cli("redo")[0] == 0  # and one redo brings all of it back
    assert set(ticked()) == {"2023-07-10"} and len(reports(seeded_db)) == 2


def test_importing_the_same_file_again_changes_nothing(cli, exported, seeded_db: Path) -> None:
    path = fill(exported[REGISTRY], ANSWERS)
    assert cli("ledger", "import", str(path), *IMPORT_DAY)[0] == 0
    before = dump(seeded_db)
    code, out, _ = cli("ledger", "import", str(path), *IMPORT_DAY, "--lang", "en")
    assert code == 0 and "0 new reports · 2 unchanged" in out
    renamed = path.with_name("登记注册科-已填(1).xlsx")
    renamed.write_bytes(path.read_bytes())
    assert cli("ledger", "import", str(renamed), *IMPORT_DAY)[0] == 0  # a renamed copy of the same answers
    assert dump(seeded_db) == before


def test_a_later_answer_adds_a_newer_report_and_keeps_the_older(cli, exported, seeded_db: Path) -> None:
    path = fill(exported[REGISTRY], ANSWERS)
    assert cli("ledger", "import", str(path), *IMPORT_DAY)[0] == 0
    fill(path, {"c3.s1.t1": {"percent": 55, "note": "评估报告已印发"}})
    code, out, _ = cli("ledger", "import", str(path), "--today", "2023-07-12", "--lang", "en")
    assert code == 0
    assert "Done %: 45 -> 55" in out and "1 new reports · 1 unchanged" in out
    rows = [r for r in reports(seeded_db) if r["item_id"] == f"{PLAN}/c3.s1.t1"]
    assert [(r["percent"], r["note"]) for r in rows] == [(45.0, "完成准入环境评估"), (55.0, "评估报告已印发")]


def test_rows_sorted_columns_widened_blank_rows_added(cli, exported, seeded_db: Path, tmp_path: Path) -> None:
    path = fill(exported[REGISTRY], ANSWERS)
    wb = load_workbook(path)
    ws = wb[lf.DATA_SHEET]
    header, cols = columns(ws)
    first, last = header + 1, ws.max_row
    values = [[ws.cell(r, c).value for c in range(1, ws.max_column + 1)] for r in range(first, last + 1)]
    for r, row in zip(range(first, last + 1), reversed(values), strict=True):  # sorted the other way round
        for c, value in enumerate(row, 1):
            ws.cell(r, c).value = value
    ws.column_dimensions["L"].width = 80
    ws.insert_rows(first + 3, 2)  # blank rows in the middle
    ws.append([])
    moved = tmp_path / "edited.xlsx"
    wb.save(moved)
    assert row_of(load_workbook(moved)[lf.DATA_SHEET], "c3.s1.t1") > first + 10
    code, out, err = cli("ledger", "import", str(moved), *IMPORT_DAY, "--lang", "en")
    assert code == 0, err
    assert "2 new reports" in out
    assert {(r["item_id"], r["percent"]) for r in reports(seeded_db)} == {(f"{PLAN}/c3.s1.t1", 45.0),
                                                                          (f"{PLAN}/c3.s2.t1", 20.0)}


def refused(cli, path: Path, seeded_db: Path, *args: str) -> str:
    """Import ``path``: it must be refused whole, the database unchanged; returns the error text."""
    before = dump(seeded_db)
    code, out, err = cli("ledger", "import", str(path), *IMPORT_DAY, "--lang", "en", *args)
    assert code == 1, out
    assert dump(seeded_db) == before
    assert f"{path.name}: refused, nothing applied from it" in err
    return err


@pytest.mark.parametrize("answer, message", [
    ({"state": "进行中"}, "state '进行中' is not one of 未启动/推进中/滞后/已完成"),
    ({"state": "推进中", "percent": 150}, "percent '150' is not a number from 0 to 100"),
    ({"state": "推进中", "percent": "八成"}, "percent '八成' is not a number from 0 to 100"),
    ({"note": "已开展调研"}, "filled in without a state"),
])
def test_a_bad_cell_refuses_the_whole_file_with_its_row(cli, exported, seeded_db: Path, answer, message) -> None:
    path = fill(exported[REGISTRY], {**ANSWERS, "c3.s1.t3": answer})
    row = row_of(load_workbook(path)[lf.DATA_SHEET], "c3.s1.t3")
    err = refused(cli, path, seeded_db)
    assert f"{path.name}, sheet 台账, row {row}: {message}" in err
    assert len(err.strip().splitlines()) == 2  # the heading and one line per problem


def test_an_edited_key_is_refused(cli, exported, seeded_db: Path) -> None:
    path = fill(exported[REGISTRY], ANSWERS)
    wb = load_workbook(path)
    ws = wb[lf.DATA_SHEET]
    r = row_of(ws, "c3.s2.t1")
    ws.cell(r, 1).value = str(ws.cell(r, 1).value).replace("c3.s2.t1", "c3.s2.t2")
    wb.save(path)
    err = refused(cli, path, seeded_db)
    assert f"sheet 台账, row {r}: the row's key was edited" in err


def test_a_key_of_no_item_another_plan_or_period(cli, exported, seeded_db: Path) -> None:
    path = fill(exported[REGISTRY], ANSWERS)
    wb = load_workbook(path)
    ws = wb[lf.DATA_SHEET]
    r1, r2 = row_of(ws, "c3.s1.t1"), row_of(ws, "c3.s2.t1")
    ws.cell(r1, 1).value = lg.row_key(PLAN, f"{PLAN}/c3.s9.t9", PERIOD, REGISTRY, "牵头")  # a well-made key
    ws.cell(r2, 1).value = lg.row_key(PLAN, f"{PLAN}/c3.s2.t1", "2023Q3", REGISTRY, "牵头")
    wb.save(path)
    err = refused(cli, path, seeded_db)
    assert f"row {r1}: item c3.s9.t9 is not a tracked item of the plan" in err
    assert f"row {r2}: of period 2023Q3, not 2023Q2" in err
    path = fill(exported[FOOD], {"c5.s1.t1": {"state": "推进中"}})
    assert "of plan wulong-2021-2025, not linyi-2023" in refused(cli, path, seeded_db, "--plan", "linyi")
    assert "of period 2023Q2, not 2023Q3" in refused(cli, path, seeded_db, "--period", "2023Q3")


def test_a_unit_no_longer_named_is_refused_unless_forced(cli, exported, seeded_db: Path) -> None:
    path = fill(exported[REGISTRY], {"c5.s1.t1": {"state": "推进中", "note": "配合开展抽检"}})
    assert cli("units", "set", f"{PLAN}/c5", "--support", "")[0] == 0  # 登记注册科 no longer supports 第五章
    err = refused(cli, path, seeded_db)
    assert f"{REGISTRY} is not named on item c5.s1.t1 (--force takes it anyway)" in err
    code, out, _ = cli("ledger", "import", str(path), "--force", *IMPORT_DAY)
    assert code == 0 and [r["unit"] for r in reports(seeded_db)] == [REGISTRY]


def test_cover_date_that_does_not_parse_or_lies_ahead(cli, exported, seeded_db: Path) -> None:
    path = fill(exported[QUALITY], {"c4.s1.t1": {"state": "推进中"}}, filled_on="下周一")
    assert "sheet 填报说明, row 10: date '下周一' is not a date" in refused(cli, path, seeded_db)
    fill(path, {}, filled_on="2023年7月30日")
    assert "填报日期 2023-07-30 is after today (2023-07-10)" in refused(cli, path, seeded_db)
    fill(path, {}, filled_on="2023/7/8")
    assert cli("ledger", "import", str(path), *IMPORT_DAY)[0] == 0
    assert reports(seeded_db)[0]["reported_on"] == "2023-07-08"


def test_a_row_added_by_hand_or_twice(cli, exported, seeded_db: Path) -> None:
    path = fill(exported[REGISTRY], ANSWERS)
    wb = load_workbook(path)
    ws = wb[lf.DATA_SHEET]
    _, cols = columns(ws)
    r = row_of(ws, "c3.s1.t1")
    ws.append([None] * (cols["state"] - 1) + ["推进中"])
    added = ws.max_row
    ws.append([ws.cell(r, c).value for c in range(1, ws.max_column + 1)])
    wb.save(path)
    err = refused(cli, path, seeded_db)
    assert f"row {added}: a filled row without its key" in err
    assert f"row {added + 1}: the same item again (first at row {r})" in err


def test_not_a_workbook_or_not_a_ledger(cli, seeded_db: Path, tmp_path: Path) -> None:
    text = tmp_path / "答复.xlsx"
    text.write_text("进展情况：已完成", encoding="utf-8")
    assert "not an .xlsx workbook (it cannot be opened" in refused(cli, text, seeded_db)
    code, _, err = cli("--lang", "zh", "ledger", "import", str(text))
    assert code == 1 and "不是可以打开的 .xlsx 工作簿" in err and "BadZipFile" not in err
    old_excel = tmp_path / "答复.xls"  # saved in the old format, as WPS and old Excel offer
    old_excel.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    assert "not an .xlsx workbook (.xls): save it as .xlsx" in refused(cli, old_excel, seeded_db)
    other = tmp_path / "别的表.xlsx"
    Workbook().save(other)
    assert "not a plandesk ledger workbook" in refused(cli, other, seeded_db)


def test_an_edited_identity_is_refused(cli, exported, seeded_db: Path) -> None:
    path = fill(exported[REGISTRY], ANSWERS)
    wb = load_workbook(path)
    meta = wb[lf.META_SHEET]
    for row in meta.iter_rows():
        if row[0].value == "unit":
            row[1].value = FOOD
    wb.save(path)
    assert "the workbook's hidden identity (plan, period, unit) was edited" in refused(cli, path, seeded_db)


def test_one_refused_file_does_not_stop_the_others(cli, exported, seeded_db: Path) -> None:
    good = fill(exported[REGISTRY], ANSWERS)
    bad = fill(exported[FOOD], {"c5.s1.t1": {"state": "差不多"}})
    code, out, err = cli("ledger", "import", str(bad), str(good), *IMPORT_DAY, "--lang", "zh")
    assert code == 1
    assert f"{bad.name}:拒绝导入" in err and "差不多" in err
    assert {r["unit"] for r in reports(seeded_db)} == {REGISTRY}
