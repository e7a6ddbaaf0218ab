"""ledger master: the office's consolidated workbook (汇总台账), written from the database."""
from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from tests.conftest import dump
from tests.ledger.conftest import IMPORT_DAY, PERIOD, REGISTRY, fill


def test_master_workbook_all_items_with_filters_from_the_database(cli, exported, tmp_path: Path,
                                                                  seeded_db: Path) -> None:
    path = fill(exported[REGISTRY], {"c3.s1.t1": {"state": "推进中", "percent": 50, "note": "完成准入环境评估",
                                                  "evidence": "评估报告.pdf"}})
    assert cli("ledger", "import", str(path), *IMPORT_DAY)[0] == 0
    before = dump(seeded_db)
    target = tmp_path / "汇总台账.xlsx"
    code, out, err = cli("ledger", "master", "--plan", "wulong", "--period", PERIOD, "-o", str(target),
                         *IMPORT_DAY, "--lang", "en")
    assert code == 0, err
    assert dump(seeded_db) == before
    assert "Master workbook for 2023Q2 written" in out
    wb = load_workbook(target)
    ws = wb["汇总台账"]
    assert ws.auto_filter.ref.startswith("A2:")
    assert ws.print_title_rows == "$1:$2"
    headers = [c.value for c in ws[2]]
    rows = {r[2]: dict(zip(headers, r, strict=True)) for r in ws.iter_rows(min_row=3, values_only=True)}
    answered = rows["1. 构建开明市场准入环境"]
    assert (answered["状态"], answered["完成进度(%)"], answered["亮灯"]) == ("推进中", 50, "绿灯")
    assert (answered["牵头单位"], answered["报送单位"], answered["来源"]) == (REGISTRY, REGISTRY, path.name)
    assert answered["佐证材料"] == "评估报告.pdf" and answered["序时进度(%)"] == 49.9
    silent = rows["2. 推动优化市场准营制度"]
    assert silent["状态"] is None and silent["亮灯"] == "黄灯"  # not reported: yellow
    assert any(r["牵头单位"] == "" or r["牵头单位"] is None for r in rows.values())  # unnamed items listed too
    assert len(rows) > 70
    status = {r[0]: r[1:4] for r in wb["报送情况"].iter_rows(min_row=3, values_only=True)}
    assert status[REGISTRY] == (22, 1, 21)


def test_master_needs_a_file_and_never_the_database(cli, split, seeded_db: Path) -> None:
    assert "-o" in cli("ledger", "master", "--plan", "wulong", "--period", PERIOD, *IMPORT_DAY)[2]
    code, _, err = cli("ledger", "master", "--plan", "wulong", "--period", PERIOD, "-o", str(seeded_db),
                       *IMPORT_DAY)
    assert code == 1 and "refusing to overwrite" in err
