"""One whole round as a new clerk would run it (the issue's "done when").

Wulong's 2023Q2 workbooks go out; two units fill theirs (openpyxl), a third fills it and it is
opened and saved again by LibreOffice, as WPS or Excel would; all three are imported with
--dry-run (nothing changes), then for real: the reports, the lights and the 催报 list follow.
Tampered files are refused whole, each problem naming its row.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from store import ledger_format as lf
from tests.conftest import dump
from tests.ledger.conftest import (
    EXPORT_DAY,
    FOOD,
    IMPORT_DAY,
    JULY_5,
    PERIOD,
    PLAN,
    QUALITY,
    REGISTRY,
    fill,
    row_of,
    sent,
    soffice_convert,
)

REGISTRY_ANSWERS: dict[str, dict[str, Any]] = {
    "c3.s1.t1": {"state": "推进中", "percent": 50, "note": "完成准入环境评估"},
    "c3.s2.t1": {"state": "滞后", "percent": 15, "problem": "审查人员不足", "next_step": "8月前完成培训"},
    "c5.s1.t1": {"state": "推进中", "note": "配合开展食品抽检"},  # a task it supports
}
QUALITY_ANSWERS: dict[str, dict[str, Any]] = {
    "c4.s1.t1": {"state": "推进中", "percent": 60, "note": "检验检测平台建成试运行"},
    "c4.box3.e1": {"state": "已完成", "note": "中小微企业质量提升行动完成", "evidence": "总结报告.pdf"},
}
FOOD_ANSWERS: dict[str, dict[str, Any]] = {
    "c5.s1.t1": {"state": "推进中", "percent": 55, "note": "开展食品安全抽检1200批次"},
    "c5.s2.t1": {"state": "未启动", "problem": "资金未到位"},
}


def _count(db: Path, sql: str) -> int:
    conn = sqlite3.connect(str(db))
    try:
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


def test_a_whole_round(cli, split, outbox: Path, seeded_db: Path, tmp_path: Path) -> None:
    code, out, err = cli("ledger", "export", "--plan", "wulong", "--period", PERIOD, "-o", str(outbox),
                         "--deadline", "2023-07-10", *EXPORT_DAY, "--lang", "zh")
    assert code == 0, err
    books = {p.stem.split(" ", 2)[2]: p for p in outbox.glob("*.xlsx")}
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    answered = [fill(books[REGISTRY], REGISTRY_ANSWERS, inbox / books[REGISTRY].name, filled_on=JULY_5),
                fill(books[QUALITY], QUALITY_ANSWERS, inbox / books[QUALITY].name, filled_on="2023-07-06")]
    food = fill(books[FOOD], FOOD_ANSWERS, tmp_path / books[FOOD].name)
    answered.append(soffice_convert(food, "xlsx:Calc MS Excel 2007 XML", inbox, tmp_path / "lo-profile"))

    _, missing_before, _ = cli("missing", "--plan", "wulong", "--period", PERIOD, *IMPORT_DAY, "--lang", "en")
    assert "c3.s2.t1" in missing_before and "c5.s1.t1" in missing_before
    _, status_before, _ = cli("ledger", "status", "--plan", "wulong", "--period", PERIOD, *IMPORT_DAY, "--lang", "en")
    chase = status_before.split("no answer yet from: ")[1].split()[0].split("、")
    assert sorted(chase) == sorted(books)  # every unit a workbook went to

    before = dump(seeded_db)
    code, out, err = cli("ledger", "import", *map(str, answered), "--dry-run", *IMPORT_DAY, "--lang", "en")
    assert code == 0, err
    assert dump(seeded_db) == before
    assert out.count("dry run: nothing was changed") == 3
    assert "3 new reports" in out and "2 new reports" in out

    code, out, err = cli("ledger", "import", *map(str, answered), *IMPORT_DAY, "--lang", "en")
    assert code == 0, err
    assert _count(seeded_db, "SELECT count(*) FROM progress") == 7
    assert _count(seeded_db, "SELECT count(*) FROM journal WHERE action = 'ledger_import'") == 3
    assert _count(seeded_db, f"SELECT count(*) FROM progress WHERE unit = '{FOOD}' AND percent = 55 AND "
                             f"source = '{answered[2].name}'") == 1  # read back from LibreOffice's file

    _, out, _ = cli("progress", f"{PLAN}/c3.s2.t1", *IMPORT_DAY, "--lang", "en")
    assert "light: red (far behind the time elapsed)" in out  # 15 % against 49.9 % expected by 2023-06-30
    _, out, _ = cli("progress", f"{PLAN}/c4.s1.t1", *IMPORT_DAY, "--lang", "en")
    assert "light: green (on track)" in out
    _, out, _ = cli("progress", f"{PLAN}/c4.box3.e1", *IMPORT_DAY, "--lang", "en")
    assert "light: green (done)" in out  # 已完成 ticked its target with the 填报日期
    assert _count(seeded_db, f"SELECT count(*) FROM milestones WHERE node_id = '{PLAN}/c4.box3.e1' "
                             "AND done_on = '2023-07-06'") >= 1
    _, missing_after, _ = cli("missing", "--plan", "wulong", "--period", PERIOD, *IMPORT_DAY, "--lang", "en")
    for item in ("c3.s1.t1", "c3.s2.t1", "c4.s1.t1", "c5.s1.t1", "c5.s2.t1", "c4.box3.e1"):
        assert f"  {item} " not in missing_after, item
    assert "c3.s1.t2" in missing_after  # not answered: still chased

    code, out, _ = cli("ledger", "status", "--plan", "wulong", "--period", PERIOD, *IMPORT_DAY, "--lang", "en")
    lines = {line.split()[0]: line.split()[1:4] for line in out.splitlines() if line.split()[:1] and
             line.split()[0] in (REGISTRY, QUALITY, FOOD, "区经济信息委")}
    for unit, n in ((REGISTRY, 3), (QUALITY, 2), (FOOD, 2), ("区经济信息委", 0)):
        assert lines[unit] == [str(sent(books[unit])), str(n), str(sent(books[unit]) - n)], unit
    assert "no answer yet from: 区经济信息委、区市场监管局" in out

    master = tmp_path / "汇总台账.xlsx"
    assert cli("ledger", "master", "--plan", "wulong", "--period", PERIOD, "-o", str(master), *IMPORT_DAY)[0] == 0
    ws = load_workbook(master)["汇总台账"]
    rows = {str(r[2]): r for r in ws.iter_rows(min_row=3, values_only=True)}
    assert rows["1. 健全公平竞争审查机制"][7:10] == ("红灯", "滞后", 15)
    assert rows["1. 严守食品安全屏障"][14] == FOOD  # the latest report counts: 食品安全科's came last

    # tampered answers: refused whole, the row named, nothing applied
    assert cli("units", "set", "linyi-2023/p1", "--lead", REGISTRY)[0] == 0
    linyi = tmp_path / "linyi"
    assert cli("ledger", "export", "--plan", "linyi", "--period", PERIOD, "-o", str(linyi), *EXPORT_DAY)[0] == 0
    linyi_book = next(linyi.glob("*.xlsx"))
    first_key = load_workbook(linyi_book)[lf.DATA_SHEET]["A4"].value
    other = fill(linyi_book, {first_key.split("|")[1]: {"state": "推进中"}}, tmp_path / "other-plan.xlsx")
    tampered = fill(books[REGISTRY], {"c3.s1.t2": {"state": "推进中"}, "c3.s1.t3": {"state": "基本完成"}},
                    tmp_path / "tampered.xlsx")
    wb = load_workbook(tampered)
    ws = wb[lf.DATA_SHEET]
    key_row, state_row = row_of(ws, "c3.s1.t2"), row_of(ws, "c3.s1.t3")
    ws.cell(key_row, 1).value = str(ws.cell(key_row, 1).value).replace("c3.s1.t2", "c3.s1.t1")
    wb.save(tampered)
    after = dump(seeded_db)
    code, _, err = cli("ledger", "import", str(tampered), *IMPORT_DAY, "--lang", "en")
    assert code == 1
    assert f"tampered.xlsx, sheet 台账, row {key_row}: the row's key was edited" in err
    assert f"tampered.xlsx, sheet 台账, row {state_row}: state '基本完成' is not one of" in err
    code, _, err = cli("ledger", "import", str(other), "--plan", "wulong", *IMPORT_DAY, "--lang", "en")
    assert code == 1 and "other-plan.xlsx: of plan linyi-2023, not wulong-2021-2025" in err
    assert dump(seeded_db) == after
