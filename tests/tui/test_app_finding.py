"""Pilot tests: finding what needs the clerk: overdue-only, filters, search, next overdue, the as-of date."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Input, OptionList, Static

from store import units
from store.db import connect
from tests.tui.app_pilot import YANGJIAO_KEY, cursor_key, fill, header, label, main_screen
from tests.tui.tui_helpers import SIZE, WULONG, YANGJIAO, make_app, row, settle


async def test_overdue_only_shows_matches_with_their_ancestors(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        tree = main_screen(app).tree
        bar = str(app.screen.query_one("#filter-bar", Static).render())
        assert "Overdue only: 17 matches" in bar
        assert len(tree.matched) == 17
        assert YANGJIAO_KEY in tree.matched
        for key in tree.matched:
            item = tree.by_key[key].data
            assert (item.milestone or item.own).state == "overdue"
            node = tree.by_key[key].parent
            while node is not None and not node.is_root:  # ancestors shown, opened
                assert node.is_expanded
                node = node.parent
        # chapters without anything overdue are not shown
        assert f"n:{WULONG}/c3" not in tree.by_key
        assert cursor_key(app) in tree.matched
        assert app.screen.query_one("#filter-bar", Static).display
        await pilot.press("escape")
        await settle(pilot)
        assert not tree.matched
        assert not app.screen.query_one("#filter-bar", Static).display  # the bar is gone with the filter
        assert f"n:{WULONG}/c3" in tree.by_key


async def test_filter_dialog_due_soon_not_done_and_by_unit(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong", today=date(2023, 12, 10))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tree = main_screen(app).tree

        async def choose(option_id: str) -> None:
            await pilot.press("f")
            await settle(pilot)
            options = app.screen.query_one(OptionList)
            index = next(i for i in range(options.option_count) if options.get_option_at_index(i).id == option_id)
            options.highlighted = index
            await pilot.press("enter")
            await settle(pilot)

        await choose("f-due-soon")
        assert f"m:{WULONG}/a1.p1.huolu" in tree.matched  # due 2023-12-31
        for key in tree.matched:
            item = tree.by_key[key].data
            assert (item.milestone or item.own).state == "due_soon"
        await choose("f-not-done")
        conn = connect(seeded_db)
        total = conn.execute("SELECT count(*) FROM milestones WHERE plan_id = ? AND archived_at IS NULL",
                             (WULONG,)).fetchone()[0]
        conn.close()
        assert total > 90 and len(tree.matched) == total  # nothing is done yet: every milestone of the plan
        assert all(not (tree.by_key[k].data.milestone or tree.by_key[k].data.own).state.startswith("done")
                   for k in tree.matched)
        await choose("u0")  # the first unit: 区市场监管局; the dialog asks: as lead, supporting, or either
        options = app.screen.query_one(OptionList)
        assert [options.get_option_at_index(i).id for i in range(options.option_count)] == \
            ["unit", "unit_lead", "unit_support"]
        options.highlighted = 1  # as lead (牵头)
        await pilot.press("enter")
        await settle(pilot)
        assert tree.matched
        conn = connect(seeded_db)
        for key in tree.matched:
            assert "区市场监管局" in units.of_node(conn, tree.by_key[key].data.id).lead  # own or inherited
        conn.close()
        await choose("f-all")
        assert not tree.matched


async def test_search_one_and_two_chinese_characters(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tree = main_screen(app).tree
        for query in ("羊", "羊角"):
            await pilot.press("slash")
            search = app.screen.query_one("#search", Input)
            assert search.has_focus
            search.value = ""
            await pilot.press(*query)
            await pilot.press("enter")
            await settle(pilot)
            assert YANGJIAO_KEY in tree.matched, query
            assert "Search: " + query in str(app.screen.query_one("#filter-bar", Static).render())
            for key in tree.matched:
                item = tree.by_key[key].data
                text = (item.milestone.title if item.milestone else
                        f"{item.node.number} {item.node.title} {item.node.text}")
                assert query in text
        # the keyboard reaches the station: search its name, the first match is selected
        await pilot.press("slash")
        app.screen.query_one("#search", Input).value = "羊角市场监管所建成"
        await pilot.press("enter")
        await settle(pilot)
        assert cursor_key(app) == YANGJIAO_KEY
        await pilot.press("space")
        await settle(pilot)
        assert row(seeded_db, "SELECT done_on FROM milestones WHERE id = ?", YANGJIAO)["done_on"] == "2023-06-30"


async def test_next_overdue_walks_the_overdue_milestones_in_order(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        seen = []
        for _ in range(18):
            await pilot.press("n")
            await settle(pilot)
            key = cursor_key(app)
            assert key is not None
            item = main_screen(app).tree.by_key[key].data
            assert (item.milestone or item.own).state == "overdue"
            seen.append(key)
        # 17: the two yearly targets' 2022 rounds (every: year) are overdue too
        assert len(set(seen[:17])) == 17, "seventeen different overdue milestones"
        assert seen[17] == seen[0], "then it wraps round"


async def test_change_date_recolours_everything(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "overdue 17" in header(app)
        await pilot.press("t")
        await settle(pilot)
        await fill(pilot, on="2021-01-01")
        assert app.today == date(2021, 1, 1)
        assert "as of 2021-01-01" in header(app)
        assert "overdue 0" in header(app)
        assert "!" not in label(app, f"n:{WULONG}/a1")
        await pilot.press("t")
        await settle(pilot)
        await fill(pilot, on="2024年底")
        assert "as of 2024-12-31" in header(app)
        assert "!" in label(app, f"n:{WULONG}/a1")
