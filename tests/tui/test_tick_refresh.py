"""After a tick, the screen re-reads only the branches above the nodes the tick changed (its own
and its linked copies'): with a whole large plan open, every line re-read took seconds of work.
What shows must be what a full re-read would show: the lines above, the linked copy elsewhere,
the header's counts; and a refresh not yet on screen is never narrowed."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from store import tree as tr
from store import view
from tests.tui.app_pilot import YANGJIAO_KEY, goto, header, label, main_screen
from tests.tui.tui_helpers import SIZE, WULONG, YANGJIAO, make_app, row, settle
from tui.screens.main_screen import FULL


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[set[str | None]]:
    """The parents every view read asks for."""
    asked: list[set[str | None]] = []
    read = view.read_view

    def spied(conn: Any, gen: int, plan_id: str, today: Any, soon: int, flt: Any, parents: set[str | None],
              *args: Any, **kwargs: Any) -> Any:
        asked.append(set(parents))
        return read(conn, gen, plan_id, today, soon, flt, parents, *args, **kwargs)
    monkeypatch.setattr(view, "read_view", spied)
    return asked


def _look(app: Any, key: str) -> tuple[str, list[tuple[int, int, str]]]:
    """A line as drawn: its text and its colours."""
    text = main_screen(app).tree.by_key[key].label
    return text.plain, [(span.start, span.end, str(span.style)) for span in text.spans]


async def _open_all(pilot: Any) -> set[str | None]:
    """Every branch of the plan open (``*``): the loaded branches."""
    await pilot.press("asterisk")
    await settle(pilot, 8)
    return set(main_screen(pilot.app).tree.loaded)


async def _assert_same_as_a_full_read(pilot: Any) -> None:
    """Every line as drawn now is the line a full re-read draws, in text and colour."""
    screen = main_screen(pilot.app)
    shown = {key: _look(pilot.app, key) for key in screen.tree.by_key}
    screen.refresh_view()
    await settle(pilot)
    assert {key: _look(pilot.app, key) for key in screen.tree.by_key} == shown


def _assert_read_above(app: Any, asked: list[set[str | None]], node_id: str,
                       loaded: set[str | None] | None = None) -> None:
    """The last view read asked only for the branches above ``node_id`` (and, given the branches
    open, for a small share of them: not a full re-read)."""
    assert asked and asked[-1] <= _ancestors(app, node_id)
    if loaded is not None:
        assert len(asked[-1]) < len(loaded) / 3


def _ancestors(app: Any, node_id: str) -> set[str | None]:
    line: Any = main_screen(app).tree.by_key[tr.key(tr.NODE, node_id)]
    found: set[str | None] = {None}
    while line is not None and line.data is not None:
        found.add(line.data.id)
        line = line.parent
    return found


async def test_a_tick_with_everything_open_rereads_the_branches_above_and_shows_all(
        seeded_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        loaded = await _open_all(pilot)
        screen = main_screen(app)
        assert len(loaded) > 30
        await goto(pilot, YANGJIAO_KEY)
        before = header(app)
        asked = _spy(monkeypatch)
        await pilot.press("space")
        await settle(pilot)
        assert row(seeded_db, "SELECT done_on FROM milestones WHERE id = ?", YANGJIAO)["done_on"] == "2023-06-30"
        # the station's own node and the 附件4 row printed for the same target (its linked copy)
        nodes = {r[0] for r in [row(seeded_db, "SELECT node_id FROM milestones WHERE id = ?", YANGJIAO)]}
        copy = row(seeded_db, "SELECT node_id, id FROM milestones WHERE link = (SELECT link FROM milestones "
                              "WHERE id = ?) AND id != ?", YANGJIAO, YANGJIAO)
        nodes.add(copy["node_id"])
        above = set().union(*(_ancestors(app, n) for n in nodes))
        assert asked and asked[-1] <= above and len(asked[-1]) < len(loaded) / 3
        # what shows is what a full re-read shows
        assert label(app, YANGJIAO_KEY).startswith("[x] ")
        assert label(app, f"m:{copy['id']}").startswith("[x] ")  # the copy, in another chapter
        assert "1/3" in label(app, f"n:{WULONG}/a1.p1")
        assert "done 2" in header(app) and header(app) != before
        await _assert_same_as_a_full_read(pilot)
        assert asked[-1] == set(screen.tree.loaded) | {None}


async def test_a_tick_while_a_full_refresh_is_not_on_screen_reads_everything(
        seeded_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _open_all(pilot)
        await goto(pilot, YANGJIAO_KEY)
        screen = main_screen(app)
        screen._unapplied = FULL  # as when a new date's re-read has not reached the screen yet
        asked = _spy(monkeypatch)
        await pilot.press("space")
        await settle(pilot)
        assert asked[0] == set(screen.tree.loaded) | {None}
        assert label(app, YANGJIAO_KEY).startswith("[x] ")


async def test_a_done_report_with_everything_open_shows_its_ticks_where_they_are(
        seeded_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A 已完成 report on the 羊角 station ticks it and its linked copy in another chapter: only the
    branches above those two are read again, the copy's line shows the tick, and every line is
    then drawn as reading everything draws it."""
    from textual.widgets import RadioSet

    from tests.tui.app_pilot import press_on
    from tui.screens.progress_dialog import ProgressDialog

    copy = row(seeded_db, "SELECT node_id, id FROM milestones WHERE link = (SELECT link FROM milestones "
                          "WHERE id = ?) AND id != ?", YANGJIAO, YANGJIAO)
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        loaded = await _open_all(pilot)
        assert not label(app, f"m:{copy['id']}").startswith("[x] ")
        asked = _spy(monkeypatch)
        await press_on(pilot, YANGJIAO_KEY, "r")
        dialog = app.screen
        assert isinstance(dialog, ProgressDialog)
        dialog.query_one("#field-state", RadioSet).focus()
        await pilot.press("right", "right", "enter")  # 推进中 -> 滞后 -> 已完成
        await pilot.click("#save")
        await settle(pilot)
        assert row(seeded_db, "SELECT done_on FROM milestones WHERE id = ?", copy["id"])["done_on"] is not None
        node = row(seeded_db, "SELECT node_id FROM milestones WHERE id = ?", YANGJIAO)["node_id"]
        above = _ancestors(app, node) | _ancestors(app, copy["node_id"])
        assert asked and asked[-1] <= above and len(asked[-1]) < len(loaded) / 3
        assert label(app, f"m:{copy['id']}").startswith("[x] ")  # in another chapter, not the one reported on
        await _assert_same_as_a_full_read(pilot)


async def test_the_undo_of_a_tick_rereads_the_branches_above_and_an_edits_undo_everything(
        seeded_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """ctrl+z after a tick takes the tick back on the station and its linked copy: only the branches
    above them are read again, and every line is then drawn as a full re-read draws it. The undo of
    anything more than a tick (a milestone's title edited) reads everything."""
    from store import actions
    from store.db import open_store

    copy = row(seeded_db, "SELECT node_id, id FROM milestones WHERE link = (SELECT link FROM milestones "
                          "WHERE id = ?) AND id != ?", YANGJIAO, YANGJIAO)
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        loaded = await _open_all(pilot)
        screen = main_screen(app)
        await goto(pilot, YANGJIAO_KEY)
        await pilot.press("space")
        await settle(pilot)
        assert label(app, f"m:{copy['id']}").startswith("[x] ")
        asked = _spy(monkeypatch)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert row(seeded_db, "SELECT done_on FROM milestones WHERE id = ?", copy["id"])["done_on"] is None
        node = row(seeded_db, "SELECT node_id FROM milestones WHERE id = ?", YANGJIAO)["node_id"]
        above = _ancestors(app, node) | _ancestors(app, copy["node_id"])
        assert asked and asked[-1] <= above and len(asked[-1]) < len(loaded) / 3
        assert not label(app, YANGJIAO_KEY).startswith("[x] ")
        assert not label(app, f"m:{copy['id']}").startswith("[x] ")  # the copy, in another chapter
        await _assert_same_as_a_full_read(pilot)
        # an edit's undo: not a tick, so every branch is read again
        conn = open_store(seeded_db, seed=False)
        try:
            actions.edit_milestone(conn, YANGJIAO, title="羊角站改名")
        finally:
            conn.close()
        app.broadcast_changed()
        await settle(pilot)
        asked.clear()
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert asked and asked[-1] == set(screen.tree.loaded) | {None}


async def test_adding_editing_and_deleting_a_milestone_with_everything_open_rereads_the_branches_above(
        seeded_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """a, e, x on a large open plan read again only the branches above the milestone's node; after
    each, every line is drawn as a full re-read draws it (the new line, its new title, its absence)."""
    from tests.tui.app_pilot import fill, press_on

    node = f"{WULONG}/a1.p1"
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        loaded = await _open_all(pilot)
        screen = main_screen(app)
        asked = _spy(monkeypatch)
        await press_on(pilot, f"n:{node}", "a")
        await fill(pilot, title="完成验收", due="2023年6月10日")  # overdue as of 2023-06-30: the counts above move
        added = row(seeded_db, "SELECT id FROM milestones WHERE node_id = ? AND origin = 'clerk'", node)["id"]
        _assert_read_above(app, asked, node, loaded)
        assert "完成验收" in label(app, f"m:{added}")
        await _assert_same_as_a_full_read(pilot)
        asked.clear()
        await pilot.press("e")
        await settle(pilot)
        await fill(pilot, title="完成竣工验收", due="2025年底")
        _assert_read_above(app, asked, node)
        assert "完成竣工验收" in label(app, f"m:{added}")
        await _assert_same_as_a_full_read(pilot)
        asked.clear()
        await pilot.press("delete")
        await settle(pilot)
        _assert_read_above(app, asked, node)
        assert f"m:{added}" not in screen.tree.by_key
        await _assert_same_as_a_full_read(pilot)


async def test_setting_a_nodes_units_with_everything_open_rereads_the_branches_above(
        seeded_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """u on a large open plan, and its undo, read again only the branches above the node (no line
    shows units); the detail pane says the units, every line is as a full re-read draws it, and a
    filter by the new unit (after the redo), read whole, finds the node."""
    from tests.tui.app_pilot import detail_text, fill, press_on
    from tui.screens.main_screen import MainScreen

    node = f"{WULONG}/a1.p2"
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        loaded = await _open_all(pilot)
        asked = _spy(monkeypatch)
        await press_on(pilot, f"n:{node}", "u")
        await fill(pilot, units="区新设科室")
        _assert_read_above(app, asked, node, loaded)
        assert "区新设科室" in detail_text(app)
        await _assert_same_as_a_full_read(pilot)
        asked.clear()
        await pilot.press("ctrl+z")  # its undo likewise
        await settle(pilot)
        _assert_read_above(app, asked, node)
        assert row(seeded_db, "SELECT units_override FROM nodes WHERE id = ?", node)["units_override"] is None
        assert "区新设科室 → " in detail_text(app)  # the pane, read again, shows the change as history only
        await _assert_same_as_a_full_read(pilot)
        await pilot.press("ctrl+y")
        await settle(pilot)
        screen = main_screen(app)
        assert isinstance(screen, MainScreen)
        screen.set_filter(("unit", "区新设科室"))
        await settle(pilot)
        assert f"n:{node}" in screen.tree.by_key and f"n:{WULONG}/a1.p1" not in screen.tree.by_key
