"""undo/redo on the command line and in the app: counts checked, the item and plan named,
limited to one plan."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.conftest import dump

YANGJIAO = "wulong-2021-2025/a1.p1.yangjiao"
LINYI = "linyi-2023/p1.t1.m1"


def done_on(db: Path, milestone_id: str) -> str | None:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT done_on FROM milestones WHERE id = ?", (milestone_id,)).fetchone()[0]


@pytest.mark.parametrize("args", [["undo", "0"], ["undo", "-1"], ["redo", "0"], ["undo", "0", "--plan", "wulong"]])
def test_a_count_below_one_is_refused_in_one_line_and_changes_nothing(cli, seeded_db: Path, args: list[str]) -> None:
    cli("tick", "wulong/a1.p1.yangjiao", "--on", "2022-11-30")
    cli("undo")  # something to redo as well
    cli("redo")
    before = dump(seeded_db)
    code, out, err = cli(*args)
    assert (code, out) == (1, "")
    assert "1 or more" in err and len(err.strip().splitlines()) == 1
    assert dump(seeded_db) == before


def test_undo_and_redo_name_the_change_the_item_and_the_plan(cli) -> None:
    cli("tick", "wulong/a1.p1.yangjiao", "--on", "2022-11-30", "--note", "已验收")
    code, out, _ = cli("undo")
    assert code == 0
    assert out.strip() == ("Undone: tick of 羊角市场监管所建成投入使用 "
                           "(武隆区市场监管现代化“十四五”发展规划(2021—2025年), "
                           f"{YANGJIAO}): done: 2022-11-30 → not done; note on completion: 已验收 → —; "
                           "with: wulong-2021-2025/a4.t4.m1")  # 附件4's row repeats the station (same_as)
    code, out, _ = cli("--lang", "zh", "redo")
    assert out.startswith("已重做:勾选 羊角市场监管所建成投入使用(武隆区") and "完成日期: 未完成 → 2022-11-30" in out


def test_plan_limits_undo_and_redo_to_that_plan(cli, seeded_db: Path) -> None:
    cli("tick", "wulong/a1.p1.yangjiao", "--on", "2022-11-30")
    cli("tick", LINYI, "--on", "2023-03-01")
    code, out, _ = cli("undo", "5", "--plan", "wulong")
    assert code == 0 and len(out.strip().splitlines()) == 1 and "羊角" in out
    assert done_on(seeded_db, YANGJIAO) is None and done_on(seeded_db, LINYI) == "2023-03-01"
    code, _, err = cli("undo", "--plan", "wulong")
    assert code == 1 and "Nothing to undo in wulong-2021-2025" in err
    code, out, _ = cli("redo", "--plan", "linyi")
    assert code == 1
    code, out, _ = cli("redo", "--plan", "wulong")
    assert code == 0 and done_on(seeded_db, YANGJIAO) == "2022-11-30"
