"""Pilot tests: opening, choosing and remembering a plan, and several windows on one database file."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import OptionList, Static

from store import actions
from store.db import connect
from tests.tui.app_pilot import YANGJIAO_KEY, cursor_key, goto, header, label, main_screen, press_on
from tests.tui.tui_helpers import SIZE, WULONG, YANGJIAO, make_app, notifications, row, settle
from tui.screens.main_screen import MainScreen
from tui.screens.plan_chooser import PlanChooser


async def test_opens_on_plan_with_header_and_lazy_tree(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = header(app)
        assert "武隆区市场监管现代化“十四五”发展规划" in text
        assert "as of 2023-06-30" in text
        assert "overdue 17" in text
        tree = main_screen(app).tree
        # only the top level is loaded: the 50,000-node plan opens as fast as this one
        assert len(tree.root.children) == 11
        assert tree.loaded == {None}
        assert "0/12 !4" in label(app, f"n:{WULONG}/a1")
        # opening a branch loads its children (with the keyboard)
        await press_on(pilot, f"n:{WULONG}/a1", "right")
        assert f"{WULONG}/a1" in tree.loaded
        assert f"n:{WULONG}/a1.p1" in tree.by_key


async def test_switch_plan_and_remember_it(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        chooser = app.screen
        assert isinstance(chooser, PlanChooser)
        index = next(i for i, p in enumerate(chooser.plans) if p.id == "linyi-2023")
        chooser.query_one(OptionList).highlighted = index
        await pilot.press("enter")
        await settle(pilot)
        assert app.plan.id == "linyi-2023"
        assert "临沂市市场监管局2023年工作要点" in header(app)
        assert not any("wulong" in k for k in main_screen(app).tree.by_key)
    assert row(seeded_db, "SELECT value FROM settings WHERE key = 'last_plan'")["value"] == "linyi-2023"


async def test_remembers_plan_and_selection_between_runs(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, YANGJIAO_KEY)
        await pilot.press("q")  # quitting remembers the selection
    again = make_app(seeded_db)  # no --plan
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.plan.id == WULONG
        assert cursor_key(again) == YANGJIAO_KEY


async def test_first_run_asks_which_plan_is_the_bureaus_own(seeded_db: Path) -> None:
    app = make_app(seeded_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        chooser = app.screen
        assert isinstance(chooser, PlanChooser)
        assert "Which plan is your bureau's own?" in str(chooser.query_one("#chooser-title", Static).render())
        index = next(i for i, p in enumerate(chooser.plans) if p.id == WULONG)
        chooser.query_one(OptionList).highlighted = index
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert "武隆区" in header(app)
    assert row(seeded_db, "SELECT value FROM settings WHERE key = 'last_plan'")["value"] == WULONG


async def test_another_window_tick_shows_on_next_poll(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, YANGJIAO_KEY)
        other = connect(seeded_db)
        actions.tick(other, YANGJIAO, date(2023, 6, 1))
        other.close()
        app.poll()  # what the timer does every 1.5 s
        await settle(pilot)
        assert label(app, YANGJIAO_KEY).startswith("[x] ")
        assert "done 2" in header(app)  # with 附件4's copy of the target


async def test_two_apps_on_one_file_never_report_locked(seeded_db: Path) -> None:
    first, second = make_app(seeded_db, plan="wulong"), make_app(seeded_db, plan="wulong")
    async with first.run_test(size=SIZE) as p1, second.run_test(size=SIZE) as p2:
        await settle(p1)
        await settle(p2)
        await goto(p1, YANGJIAO_KEY)
        await goto(p2, f"m:{WULONG}/a1.p1.huolu")
        await p1.press("space")
        await p2.press("space")
        await settle(p1)
        await settle(p2)
        second.poll()
        first.poll()
        await settle(p1)
        await settle(p2)
        assert label(second, YANGJIAO_KEY).startswith("[x] ")
        assert label(first, f"m:{WULONG}/a1.p1.huolu").startswith("[x] ")
        for app in (first, second):
            assert not any("locked" in str(n.message) for n in notifications(app))


async def test_a_write_that_fails_is_reported_not_shown(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, YANGJIAO_KEY)
        other = connect(seeded_db)
        actions.delete_milestone(other, YANGJIAO)  # gone behind the app's back
        other.close()
        await pilot.press("space")
        await settle(pilot)
        assert any("Not saved" in str(n.message) for n in notifications(app))
        assert row(seeded_db, "SELECT done_on FROM milestones WHERE id = ?", YANGJIAO)["done_on"] is None
