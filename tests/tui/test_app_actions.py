"""Pilot tests: every action of the app, checked on screen and in the database file."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from textual.widgets import DataTable, Input, OptionList, Static

from store import actions, units
from store.db import connect
from tests.tui.tui_helpers import SIZE, WULONG, YANGJIAO, make_app, row, row_or_none, settle
from tui.screens.form_dialog import FormDialog
from tui.screens.help_screen import HelpScreen
from tui.screens.indicators_screen import IndicatorsScreen
from tui.screens.main_screen import MainScreen
from tui.screens.plan_chooser import PlanChooser

YANGJIAO_KEY = f"m:{YANGJIAO}"


def main_screen(app) -> MainScreen:
    screen = app.screen_stack[0]
    assert isinstance(screen, MainScreen)
    return screen


def label(app, key: str) -> str:
    return main_screen(app).tree.by_key[key].label.plain


def cursor_key(app) -> str | None:
    item = main_screen(app).tree.current
    return item.key if item else None


def detail_text(app) -> str:
    from tui.widgets.detail_pane import DetailPane

    return main_screen(app).query_one(DetailPane).plain_text()


def header(app) -> str:
    return str(app.screen.query_one("#header", Static).render())


async def goto(pilot, key: str) -> None:
    main_screen(pilot.app).refresh_view(reveal=key)
    await settle(pilot)
    assert cursor_key(pilot.app) == key


async def fill(pilot, **values: str) -> None:
    """Type into the open dialog's fields and press Enter in the last one (saves)."""
    dialog = pilot.app.screen
    assert isinstance(dialog, FormDialog)
    for name, value in values.items():
        dialog.query_one(f"#field-{name}", Input).value = value
    dialog.query(Input).last().focus()
    await pilot.pause()
    await pilot.press("enter")
    await settle(pilot)


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
        await goto(pilot, f"n:{WULONG}/a1")
        await pilot.press("right")
        await settle(pilot)
        assert f"{WULONG}/a1" in tree.loaded
        assert f"n:{WULONG}/a1.p1" in tree.by_key


async def test_tick_and_untick_with_space_saved_at_once(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, YANGJIAO_KEY)
        assert label(app, YANGJIAO_KEY).startswith("[ ] 羊角市场监管所建成投入使用")
        await pilot.press("space")
        await settle(pilot)
        saved = row(seeded_db, "SELECT done_on FROM milestones WHERE id = ?", YANGJIAO)
        assert saved["done_on"] == "2023-06-30"
        assert label(app, YANGJIAO_KEY).startswith("[x] ")
        assert "done 2023-06-30" in label(app, YANGJIAO_KEY)
        assert "done 2" in header(app)  # the station and 附件4's row that repeats it (same_as)
        assert "1/3" in label(app, f"n:{WULONG}/a1.p1")
        await pilot.press("space")
        await settle(pilot)
        assert row(seeded_db, "SELECT done_on FROM milestones WHERE id = ?", YANGJIAO)["done_on"] is None
        assert label(app, YANGJIAO_KEY).startswith("[ ] ")
        journal = row(seeded_db, "SELECT count(*) AS n FROM journal WHERE entity_id = ?", YANGJIAO)
        assert journal["n"] == 2


async def test_tick_a_task_with_its_implicit_milestone_from_the_node(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    task = f"{WULONG}/c4.s2.t1"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, f"n:{task}")
        await pilot.press("space")
        await settle(pilot)
        assert row(seeded_db, "SELECT done_on FROM milestones WHERE id = ?", task)["done_on"] == "2023-06-30"
        assert label(app, f"n:{task}").startswith("[x] ")


async def test_tick_dialog_takes_a_chinese_date_and_a_note(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, YANGJIAO_KEY)
        await pilot.press("d")
        await settle(pilot)
        dialog = app.screen
        assert dialog.query_one("#field-on", Input).value == "2023-06-30"  # the as-of date by default
        await fill(pilot, on="2023年5月8日", note="已验收")
        saved = row(seeded_db, "SELECT done_on, done_note FROM milestones WHERE id = ?", YANGJIAO)
        assert (saved["done_on"], saved["done_note"]) == ("2023-05-08", "已验收")
        assert isinstance(app.screen, MainScreen)


async def test_tick_dialog_refuses_a_non_date_and_stays_open(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, YANGJIAO_KEY)
        await pilot.press("d")
        await settle(pilot)
        await fill(pilot, on="下周吧", note="")
        assert isinstance(app.screen, FormDialog)
        assert "not a date: 下周吧" in str(app.screen.query_one("#dialog-message", Static).render())
        assert row(seeded_db, "SELECT done_on FROM milestones WHERE id = ?", YANGJIAO)["done_on"] is None


async def test_record_indicator_value_and_refuse_a_non_number(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, IndicatorsScreen)
        table = screen.query_one(DataTable)
        assert table.row_count == 17
        first = screen.indicators[0]
        # move to the 2022 column of the first indicator
        col = 5 + screen.years.index(2022)
        for _ in range(col):
            await pilot.press("right")
        await pilot.press("r")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        assert dialog.query_one("#field-year", Input).value == "2022"
        await fill(pilot, value="三点六")
        assert isinstance(app.screen, FormDialog), "a non-number keeps the dialog open"
        assert "not a number: 三点六" in str(app.screen.query_one("#dialog-message", Static).render())
        assert row_or_none(seeded_db, "SELECT * FROM actuals WHERE indicator_id = ?", first.id) is None
        await fill(pilot, value="3.6")
        assert isinstance(app.screen, IndicatorsScreen)
        saved = row(seeded_db, "SELECT year, value FROM actuals WHERE indicator_id = ?", first.id)
        assert (saved["year"], saved["value"]) == (2022, 3.6)
        cell = table.get_cell_at(table.cursor_coordinate)
        assert "3.6" in cell.plain


async def test_record_from_the_keyboard_only_as_the_readme_says(seeded_db: Path) -> None:
    """i, down to 消费投诉按期办结率, r, type the value, enter: saved for the as-of year."""
    app = make_app(seeded_db, plan="wulong")  # as of 2023-06-30
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        for _ in range(13):
            await pilot.press("down")
        await pilot.press("r")
        await settle(pilot)
        assert app.focused is not None and app.focused.id == "field-value"
        await pilot.press(*"96.5", "enter")
        await settle(pilot)
        assert isinstance(app.screen, IndicatorsScreen)
        saved = row(seeded_db, "SELECT year, value FROM actuals WHERE indicator_id = ?", f"{WULONG}/i14")
        assert (saved["year"], saved["value"]) == (2023, 96.5)


async def test_add_edit_delete_milestone_and_undo_the_delete(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    node = f"{WULONG}/a1.p1"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, f"n:{node}")
        await pilot.press("a")
        await settle(pilot)
        await fill(pilot, title="完成验收", due="2024年6月底")
        added = row(seeded_db,
                    "SELECT id, due, due_phrase, title FROM milestones WHERE node_id = ? AND origin = 'clerk'", node)
        assert (added["title"], added["due"], added["due_phrase"]) == ("完成验收", "2024-06-30", "2024年6月底")
        new_key = f"m:{added['id']}"
        assert cursor_key(app) == new_key, "the new milestone is selected"
        assert "完成验收" in label(app, new_key)
        # edit: title and a due phrase without a year (the as-of year)
        await pilot.press("e")
        await settle(pilot)
        await fill(pilot, title="完成竣工验收", due="年底")
        edited = row(seeded_db, "SELECT title, due FROM milestones WHERE id = ?", added["id"])
        assert (edited["title"], edited["due"]) == ("完成竣工验收", "2023-12-31")
        assert "完成竣工验收" in label(app, new_key)
        # delete, then undo brings it back
        await pilot.press("delete")
        await settle(pilot)
        assert row(seeded_db, "SELECT archived_at FROM milestones WHERE id = ?", added["id"])["archived_at"]
        assert new_key not in main_screen(app).tree.by_key
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert row(seeded_db, "SELECT archived_at FROM milestones WHERE id = ?", added["id"])["archived_at"] is None
        assert new_key in main_screen(app).tree.by_key


async def test_set_responsible_unit(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    node = f"{WULONG}/a1.p2"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, f"n:{node}")
        await pilot.press("u")
        await settle(pilot)
        await fill(pilot, units="区商务委、区市场监管局")
        saved = row(seeded_db, "SELECT units_override FROM nodes WHERE id = ?", node)
        assert json.loads(saved["units_override"]) == ["区商务委", "区市场监管局"]
        assert "区商务委、区市场监管局" in detail_text(app)


async def test_undo_and_redo_a_tick(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, YANGJIAO_KEY)
        await pilot.press("space")
        await settle(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert row(seeded_db, "SELECT done_on FROM milestones WHERE id = ?", YANGJIAO)["done_on"] is None
        assert label(app, YANGJIAO_KEY).startswith("[ ] ")
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert row(seeded_db, "SELECT done_on FROM milestones WHERE id = ?", YANGJIAO)["done_on"] == "2023-06-30"
        assert label(app, YANGJIAO_KEY).startswith("[x] ")


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


async def test_help_lists_every_key(seeded_db: Path) -> None:
    from tui.actions import ACTIONS

    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        rows = _table_rows(app.screen)
        text = "\n".join(" ".join(r) for r in rows)
        for action in ACTIONS:
            assert app.t(f"{action.id}_help") in text, action
        for key in ("space", "ctrl+z", "ctrl+y", "/", "?", "ctrl+p", "n", "t", "p", "i", "r"):
            assert any(cells[0] == key or key in cells[0].split(", ") for cells in rows), key
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


def _table_rows(screen) -> list[list[str]]:
    """The help screen's (keys, what) rows, as it was given them."""
    return [[keys, what] for _, rows in screen.sections for keys, what in rows]


async def test_every_action_is_in_the_command_palette(seeded_db: Path) -> None:
    from textual.command import CommandPalette

    from tui.actions import ACTIONS

    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # open the palette: with nothing typed it lists every command it has
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert CommandPalette.is_open(app)
        shown = {str(option.prompt).split("\n")[0] for option in app.screen.query(OptionList).first().options}
        assert shown == {app.t(a.id) for a in ACTIONS if a.palette}
        # and one runs from there: pick "Overdue"
        await pilot.press(*"Overdue")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert main_screen(app).flt == ("state", "overdue")


async def test_another_window_tick_shows_on_next_poll(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, YANGJIAO_KEY)
        other = connect(seeded_db)
        actions.tick(other, YANGJIAO, date(2023, 6, 1))
        other.close()
        app._poll()  # what the timer does every 1.5 s
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
        second._poll()
        first._poll()
        await settle(p1)
        await settle(p2)
        assert label(second, YANGJIAO_KEY).startswith("[x] ")
        assert label(first, f"m:{WULONG}/a1.p1.huolu").startswith("[x] ")
        for app in (first, second):
            assert not any("locked" in str(n.message) for n in app._notifications)


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
        assert any("Not saved" in str(n.message) for n in app._notifications)
        assert row(seeded_db, "SELECT done_on FROM milestones WHERE id = ?", YANGJIAO)["done_on"] is None


async def test_chinese_labels_under_lang_zh(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong", lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "截至 2023-06-30" in header(app)
        assert "逾期 17" in header(app)
        descriptions = {b.binding.description for b in app.screen.active_bindings.values()}
        assert "勾选" in descriptions and "搜索" in descriptions


async def test_tree_measures_lines_as_textual_tree_does(seeded_db: Path) -> None:
    """PlanTree measures line widths without building styled labels; horizontal scrolling must
    still reach the end of the longest (wide-character) title, expanded or not."""
    from rich.style import Style

    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, YANGJIAO_KEY)
        tree = main_screen(app).tree
        lines = [tree.get_node_at_line(n) for n in range(tree.last_line + 1)]
        assert any(line.allow_expand and line.is_expanded for line in lines)
        assert any(line.allow_expand and not line.is_expanded for line in lines)
        assert any(not line.allow_expand for line in lines)
        for line in lines:  # as Tree measures: the label as drawn, icon and all
            assert line is not None
            assert tree.get_label_width(line) == tree.render_label(line, Style(), Style()).cell_len, line.label


async def test_milestone_keys_on_a_chapter_warn_and_change_nothing(seeded_db: Path) -> None:
    """d (tick with a date), e (edit) and x (delete) need a milestone: on a chapter line they say
    so, open no dialog and write nothing."""
    def state() -> tuple[Any, ...]:
        return tuple(row(seeded_db, "SELECT (SELECT count(*) FROM journal) AS j, (SELECT count(*) FROM milestones)"
                                    " AS m, (SELECT count(*) FROM milestones WHERE done_on IS NOT NULL) AS d"))

    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, f"n:{WULONG}/c4")
        before = state()
        for key in ("d", "e", "x"):
            app.clear_notifications()
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, MainScreen), key
            assert [str(n.message) for n in app._notifications] == ["Select a milestone first"], key
        assert state() == before
