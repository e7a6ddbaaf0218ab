"""ledger export: one workbook per unit, as a unit will open it in Excel, WPS or LibreOffice."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from store import ledger as lg
from store import ledger_format as lf
from tests.conftest import dump
from tests.ledger.conftest import ECONOMY, EXPORT_DAY, FOOD, PERIOD, PLAN, QUALITY, REGISTRY, columns
from tui.ledger_books import unit_book as lb


def test_one_workbook_per_unit_named_for_the_mail_and_a_summary(cli, split, outbox: Path) -> None:
    code, out, err = cli("ledger", "export", "--plan", "wulong", "--period", "2023年第二季度", "-o", str(outbox),
                         *EXPORT_DAY, "--lang", "en")
    assert code == 0, err
    names = {p.name for p in outbox.iterdir()}
    assert {f"{PLAN} {PERIOD} {u}.xlsx" for u in (REGISTRY, QUALITY, FOOD, ECONOMY, "区市场监管局")} <= names
    assert all(name.startswith(f"{PLAN} {PERIOD} ") and name.endswith(".xlsx") for name in names)
    assert len(names) == len([line for line in out.splitlines() if ".xlsx" in line])  # each one in the summary
    assert "Workbooks for 2023Q2" in out
    registry_line = next(line for line in out.splitlines() if line.startswith(REGISTRY))
    assert registry_line.split()[1:4] == ["22", "10", "12"]  # 10 tasks of 第三章 led, 12 of 第五章 supported
    assert "name no unit and are in no workbook" in out


def test_only_the_units_asked_for(cli, split, outbox: Path) -> None:
    code, out, _ = cli("ledger", "export", "--plan", "wulong", "--period", PERIOD, "--unit", FOOD, "-o",
                       str(outbox), *EXPORT_DAY)
    assert code == 0
    assert [p.name for p in outbox.iterdir()] == [f"{PLAN} {PERIOD} {FOOD}.xlsx"]
    code, _, err = cli("ledger", "export", "--plan", "wulong", "--period", PERIOD, "--unit", "区教委", "-o",
                       str(outbox), *EXPORT_DAY)
    assert code == 1 and "区教委" in err


def test_refuses_to_write_over_the_database(cli, split, seeded_db: Path) -> None:
    before = dump(seeded_db)
    code, _, err = cli("ledger", "export", "--plan", "wulong", "--period", PERIOD, "-o", str(seeded_db), *EXPORT_DAY)
    assert code == 1 and "refusing to overwrite" in err
    assert dump(seeded_db) == before


def test_each_unit_gets_the_items_it_is_named_on_marked_lead_or_support(exported: dict[str, Path]) -> None:
    ws = load_workbook(exported[REGISTRY])[lf.DATA_SHEET]
    header, cols = columns(ws)
    rows = [[ws.cell(r, cols[k]).value for k in ("key", "task", "role", "chapter")]
            for r in range(header + 1, ws.max_row + 1)]
    roles = {row[3].split()[0]: {r[2] for r in rows if r[3] == row[3]} for row in rows}
    assert roles == {"第三章": {"牵头"}, "第五章": {"配合"}}
    assert rows[0][1] == "1. 构建开明市场准入环境"
    assert rows[0][0].split("|")[:4] == [PLAN, "c3.s1.t1", PERIOD, "牵头"]
    economy = load_workbook(exported[ECONOMY])[lf.DATA_SHEET]
    _, ecols = columns(economy)
    assert {economy.cell(r, ecols["role"]).value for r in range(4, economy.max_row + 1)} == {"配合"}


def test_cover_names_plan_period_unit_and_deadline(exported: dict[str, Path]) -> None:
    wb = load_workbook(exported[FOOD])
    assert wb.sheetnames[:2] == [lf.COVER_SHEET, lf.DATA_SHEET]
    assert wb[lf.META_SHEET].sheet_state == "hidden"
    cover = {row[0]: row[1] for row in wb[lf.COVER_SHEET].iter_rows(min_row=4, max_col=2, values_only=True) if row[0]}
    assert cover["填报单位"] == FOOD
    assert cover["报告期"] == "2023年第二季度（2023Q2）"
    assert cover["报送截止日期"] == datetime(2023, 7, 10)
    assert cover["下发日期"] == datetime(2023, 7, 1)  # the as-of day, not the clock's
    assert "武隆区市场监管现代化" in str(cover["规划"])
    assert any("下拉列表" in str(v) for v in cover)  # the instructions


def test_sent_cells_locked_fill_in_cells_unlocked_and_no_password(exported: dict[str, Path]) -> None:
    wb = load_workbook(exported[QUALITY])
    ws = wb[lf.DATA_SHEET]
    assert ws.protection.sheet and ws.protection.password is None and not ws.protection.formatColumns
    assert wb.security.lockStructure and wb.security.workbookPassword is None
    assert ws.column_dimensions["A"].hidden
    header, cols = columns(ws)
    for r in range(header + 1, ws.max_row + 1):
        for key, c in cols.items():
            assert ws.cell(r, c).protection.locked == (key not in lf.FILL_IN), (key, r)
            assert ws.cell(r, c).alignment.wrap_text or key in lf.FILL_IN[:2] or key in ("number", "role", "due")
    cover = wb[lf.COVER_SHEET]
    unlocked = [c.coordinate for row in cover.iter_rows() for c in row if c.protection.locked is False]
    assert len(unlocked) == 1  # only the 填报日期


def test_state_drop_down_and_whole_percent_validation(exported: dict[str, Path]) -> None:
    ws = load_workbook(exported[QUALITY])[lf.DATA_SHEET]
    header, cols = columns(ws)
    letter = {k: get_column_letter(c) for k, c in cols.items()}
    last = ws.max_row
    found = {dv.type: dv for dv in ws.data_validations.dataValidation}
    assert found["list"].formula1 == '"未启动,推进中,滞后,已完成"'
    assert str(found["list"].sqref) == f"{letter['state']}{header + 1}:{letter['state']}{last}"
    assert (found["whole"].formula1, found["whole"].formula2) == ("0", "100")
    assert str(found["whole"].sqref) == f"{letter['percent']}{header + 1}:{letter['percent']}{last}"
    assert found["list"].showErrorMessage and not found["list"].showDropDown  # showDropDown=True hides it


def test_print_setup_and_row_heights(exported: dict[str, Path]) -> None:
    ws = load_workbook(exported[REGISTRY])[lf.DATA_SHEET]
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize or 0) == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == "$1:$3"
    assert "&P" in str(ws.oddFooter.center.text)
    header, cols = columns(ws)
    heights = [ws.row_dimensions[r].height for r in range(header + 1, ws.max_row + 1)]
    assert all(h and h >= 3 * lb.LINE_POINTS for h in heights)  # room to write
    chapter = ws.cell(header + 1, cols["chapter"]).value  # a long chapter title wraps: its row fits it
    assert lb.lines_needed(str(chapter), lf.COLUMNS["chapter"][1]) * lb.LINE_POINTS <= heights[0]


def test_numbers_and_dates_are_numbers_and_dates(exported: dict[str, Path]) -> None:
    ws = load_workbook(exported[REGISTRY])[lf.DATA_SHEET]
    header, cols = columns(ws)
    r = header + 1
    assert ws.cell(r, cols["number"]).value == 1
    assert ws.cell(r, cols["due"]).value == datetime(2025, 12, 31)
    assert ws.cell(r, cols["expected"]).value == pytest.approx(49.9)  # 序时进度 at 2023-06-30 of 2021-2025


def test_no_text_is_ever_a_live_formula(cli, outbox: Path) -> None:
    assert cli("units", "set", f"{PLAN}/c6", "--lead", "=HYPERLINK(\"http://x\",\"点我\")")[0] == 0
    assert cli("ledger", "export", "--plan", "wulong", "--period", PERIOD, "-o", str(outbox), *EXPORT_DAY)[0] == 0
    [path] = outbox.glob("*HYPERLINK*.xlsx")
    wb = load_workbook(path)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert any(str(c.value).startswith("'=HYPERLINK") for c in cells)


def test_last_periods_answer_is_shown_for_reference(cli, split, outbox: Path) -> None:
    assert cli("progress", f"{PLAN}/c4.s1.t1", "--period", "2023Q1", "--state", "滞后", "--note", "设备采购延迟",
               "--today", "2023-04-05")[0] == 0
    cli("ledger", "export", "--plan", "wulong", "--period", PERIOD, "--unit", QUALITY, "-o", str(outbox),
        *EXPORT_DAY)
    ws = load_workbook(next(outbox.glob("*.xlsx")))[lf.DATA_SHEET]
    header, cols = columns(ws)
    assert ws.cell(header + 1, cols["last_state"]).value == "滞后"
    assert ws.cell(header + 1, cols["last_note"]).value == "设备采购延迟"
    assert ws.cell(header + 1, cols["state"]).value is None  # the answer is the unit's to give


def test_file_names_are_safe_everywhere() -> None:
    assert lg.file_name(PLAN, PERIOD, "区商务委/区经信委") == f"{PLAN} {PERIOD} 区商务委_区经信委.xlsx"
    assert lg.file_name(PLAN, PERIOD, 'a:b*c?"<>|') == f"{PLAN} {PERIOD} a_b_c_____.xlsx"


def test_period_default_is_the_last_one_ended(cli, split, outbox: Path) -> None:
    code, out, _ = cli("ledger", "export", "--plan", "wulong", "-o", str(outbox), "--today", "2023-10-09")
    assert code == 0
    assert all(" 2023Q3 " in p.name for p in outbox.iterdir())


def test_the_key_checksum_catches_any_edit() -> None:
    key = lg.parse_key(lg.row_key(PLAN, f"{PLAN}/c3.s1.t1", PERIOD, REGISTRY, "牵头"))
    assert key is not None and key.intact(REGISTRY)
    assert not key.intact(FOOD)
    assert not key._replace(local_id="c3.s1.t2").intact(REGISTRY)
    assert not key._replace(period="2023Q3").intact(REGISTRY)
    assert not key._replace(role="配合").intact(REGISTRY)
    assert lg.parse_key("c3.s1.t1") is None


def test_export_changes_nothing_in_the_database(cli, split, outbox: Path, seeded_db: Path) -> None:
    before = dump(seeded_db)
    assert cli("ledger", "export", "--plan", "wulong", "--period", PERIOD, "-o", str(outbox), *EXPORT_DAY)[0] == 0
    assert dump(seeded_db) == before
