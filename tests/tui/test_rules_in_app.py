"""The app applies the store's rules, the same ones the command line and the reports use."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from store import queries as q
from store import report as rp
from store.db import connect
from tests.tui.tui_helpers import SIZE, TODAY, make_app, row, settle
from tui.screens.indicators_screen import IndicatorsScreen
from tui.screens.main_screen import MainScreen

LINYI_ONE = "linyi-2023/p4.t15"


async def test_space_on_a_task_with_one_written_out_milestone_ticks_it(seeded_db: Path) -> None:
    """As ``plandesk tick linyi/p4.t15`` does (it used to say "1 milestones, select one")."""
    app = make_app(seeded_db, plan="linyi")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen_stack[0]
        assert isinstance(screen, MainScreen)
        screen.refresh_view(reveal=f"n:{LINYI_ONE}")
        await settle(pilot)
        assert screen.tree.current is not None and screen.tree.current.id == LINYI_ONE
        await pilot.press("space")
        await settle(pilot)
        done = row(seeded_db, "SELECT done_on FROM milestones WHERE id = ?", f"{LINYI_ONE}.m1")
        assert done is not None and done["done_on"] == TODAY.isoformat()
        assert "1/1" in screen.tree.by_key[f"n:{LINYI_ONE}"].label.plain  # its line counts it done


async def test_indicator_years_and_first_year_are_the_reports(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong", today=date(2031, 3, 1))  # after the plan's period
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, IndicatorsScreen)
        conn = connect(seeded_db)
        plan = q.resolve_plan(conn, "wulong")
        report = rp.build_status(conn, plan, date(2031, 3, 1))
        conn.close()
        _, year = screen.selected()
        assert year == report.indicator_year == 2025
        report_years = sorted({y.year for r in report.indicators for y in r.years})
        assert screen.years == report_years
