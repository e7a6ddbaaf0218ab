"""SVG snapshots of whole screens (fixed as-of date, fixed size, tmp databases).

Update after a deliberate change of looks with ``pytest tests/tui/test_snapshots.py --snapshot-update``
and look at the report before committing.
"""
from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tests.tui.tui_helpers import SIZE, WULONG, YANGJIAO, make_app, settle
from tui.screens.main_screen import MainScreen


def _reveal(key: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        screen = pilot.app.screen_stack[0]
        assert isinstance(screen, MainScreen)
        screen.refresh_view(reveal=key)
        await settle(pilot)

    return run_before


def _keys(*keys: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run_before


def test_main_screen(snap_compare, seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    assert snap_compare(app, terminal_size=SIZE, run_before=_reveal(f"m:{YANGJIAO}"))


def test_main_screen_in_chinese(snap_compare, seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong", lang="zh")
    assert snap_compare(app, terminal_size=SIZE, run_before=_reveal(f"n:{WULONG}/c4.s2.t1"))


def test_indicators_view(snap_compare, seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    assert snap_compare(app, terminal_size=SIZE, run_before=_keys("i", "right", "right", "right", "right", "right",
                                                                  "right", "right"))


def test_filtered_tree_overdue_only(snap_compare, seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    assert snap_compare(app, terminal_size=SIZE, run_before=_keys("o"))


def test_help_screen(snap_compare, seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    assert snap_compare(app, terminal_size=SIZE, run_before=_keys("question_mark"))


def test_markup_injection(snap_compare, markup_db: Path) -> None:
    app = make_app(markup_db, plan="markup")
    assert snap_compare(app, terminal_size=SIZE, run_before=_reveal("m:markup-2021-2025/c1.t2.m2"))


def test_markup_injection_indicators(snap_compare, markup_db: Path) -> None:
    app = make_app(markup_db, plan="markup")
    assert snap_compare(app, terminal_size=SIZE, run_before=_keys("i"))


def _report_form(key: str):
    async def run_before(pilot) -> None:
        await _reveal(key)(pilot)
        await pilot.press("r")
        await settle(pilot)
        for field in pilot.app.screen.query(Input):  # a blinking cursor is drawn or not by the clock
            field.cursor_blink = False
        await pilot.pause()

    return run_before


def test_progress_form_fits_80x24_in_chinese(snap_compare, seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong", lang="zh")
    assert snap_compare(app, terminal_size=(80, 24), run_before=_report_form(f"n:{WULONG}/c3.s2.t1"))


def test_progress_reports_in_the_detail_pane(snap_compare, seeded_db: Path) -> None:
    from datetime import date

    from store import progress_actions as pa
    from store.db import connect

    conn = connect(seeded_db)
    task = f"{WULONG}/c3.s2.t1"
    pa.report(conn, task, "2023Q1", "推进中", percent=20, note="完成第一批存量文件清理", on=date(2023, 4, 8),
              unit="区市场监管局", who="王芳", source="一季度台账.xlsx")
    pa.report(conn, task, "2023Q2", "滞后", percent=25, problem="审查人员不足,存量文件清理未完成[/]",
              next_step="8月底前完成培训和清理", evidence=["公平竞争审查台账.xlsx"], unit="区市场监管局",
              on=date(2023, 7, 10), who="王芳")
    conn.close()
    app = make_app(seeded_db, plan="wulong", today=date(2023, 7, 10))

    async def run_before(pilot) -> None:
        from tui.widgets.detail_pane import DetailPane

        await _reveal(f"n:{task}")(pilot)
        pilot.app.screen.query_one(DetailPane).scroll_end(animate=False)  # down to the reports
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
