"""ctrl+z and ctrl+y undo only the changes of the plan on screen (issue 9)."""
from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from store import actions
from store.db import open_store
from tests.tui.tui_helpers import SIZE, make_app, settle

YANGJIAO = "wulong-2021-2025/a1.p1.yangjiao"
LINYI = "linyi-2023/p1.t1.m1"


def done_on(db: Path, milestone_id: str) -> str | None:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT done_on FROM milestones WHERE id = ?", (milestone_id,)).fetchone()[0]


async def test_ctrl_z_in_the_app_only_undoes_the_plan_on_screen(seeded_db: Path) -> None:
    conn = open_store(seeded_db)
    actions.tick(conn, YANGJIAO, date(2022, 11, 30))
    actions.tick(conn, LINYI, date(2023, 3, 1))  # the newest change is in another plan
    conn.close()
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert done_on(seeded_db, YANGJIAO) is None
        assert done_on(seeded_db, LINYI) == "2023-03-01"
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert done_on(seeded_db, LINYI) == "2023-03-01"
