"""The tree on the keyboard when much is open: open all, close all, one layout per opened branch."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from rich.style import Style
from rich.text import Text

from store import queries as q
from tests.tui.tui_helpers import SIZE, TODAY, WULONG, YANGJIAO, make_app, settle
from tui.screens.main_screen import MainScreen
from tui.widgets.plan_tree import PlanTree


def tree_of(app: Any) -> PlanTree:
    screen = app.screen_stack[0]
    assert isinstance(screen, MainScreen)
    return screen.tree


async def open_everything(pilot) -> None:
    await pilot.press("asterisk")
    for _ in range(200):
        await settle(pilot, rounds=1)
        if not tree_of(pilot.app).opening_all:
            return
    raise AssertionError("open all did not finish")


async def test_open_all_shows_every_line_and_close_all_folds_to_the_top(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tree = tree_of(app)
        top = len(tree.root.children)
        await open_everything(pilot)
        from store.db import connect

        conn = connect(seeded_db)
        nodes = q.nodes(conn, WULONG)
        conn.close()
        shown = {k for k in tree.by_key}
        assert {f"n:{n.id}" for n in nodes} <= shown, "every node of the plan is a line"
        assert f"m:{YANGJIAO}" in shown
        assert all(n.is_expanded for n in tree.by_key.values() if n.allow_expand)
        assert tree.last_line + 1 == len(tree.by_key), "and every line is visible"
        assert "0/12 !4" in tree.by_key[f"n:{WULONG}/a1"].label.plain  # roll-ups drawn as when opened by hand
        assert set(tree.by_key) <= set(tree.lights)  # and every line's light, read in one pass
        # a tick after opening everything is shown on its line
        tree.select_key(f"m:{YANGJIAO}")
        await pilot.press("space")
        await settle(pilot)
        assert tree.by_key[f"m:{YANGJIAO}"].label.plain.startswith("[x] ")
        await pilot.press("minus")
        await pilot.pause()
        assert tree.last_line + 1 == top
        assert tree.cursor_node is not None and tree.cursor_node.parent is tree.root
        await pilot.press("right")  # one chapter opens again, its branches closed
        await settle(pilot)
        chapter = tree.cursor_node
        assert chapter.is_expanded and not any(c.is_expanded for c in chapter.children)


async def test_a_branch_opens_with_its_lines_in_one_go(seeded_db: Path, monkeypatch) -> None:
    seen: list[str] = []
    original = PlanTree.on_expanded

    def spy(self, node) -> None:
        seen.append(",".join(c.data.key if c.data else "loading" for c in node.children))
        original(self, node)

    monkeypatch.setattr(PlanTree, "on_expanded", spy)
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tree = tree_of(app)
        tree.move_cursor(tree.by_key[f"n:{WULONG}/a1"])
        await pilot.pause()
        await pilot.press("right")
        await settle(pilot)
        node = tree.by_key[f"n:{WULONG}/a1"]
        assert node.is_expanded and f"{WULONG}/a1" in tree.loaded
        assert node.children and all(c.data for c in node.children)
        keys = ",".join(c.data.key if c.data else "" for c in node.children)
        assert seen == [keys], "opened with its lines, no loading line"


async def test_line_widths_are_those_tree_would_measure(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_everything(pilot)
        tree = tree_of(app)
        tree.select_key(f"m:{YANGJIAO}")
        await pilot.press("space")  # a new label on a measured line
        await settle(pilot)
        for node in tree.by_key.values():
            assert tree.get_label_width(node) == tree.render_label(node, Style(), Style()).cell_len, node.label.plain


async def test_a_refresh_redraws_only_the_lines_that_changed(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_everything(pilot)
        tree = tree_of(app)
        before: dict[str, Text] = {k: n.label for k, n in tree.by_key.items()}
        tree.select_key(f"m:{YANGJIAO}")
        await pilot.press("space")
        await settle(pilot)
        changed = {k for k, n in tree.by_key.items() if n.label is not before[k]}
        assert f"m:{YANGJIAO}" in changed and f"n:{WULONG}/a1.p1" in changed and f"n:{WULONG}/a1" in changed
        assert f"n:{WULONG}/c1" not in changed
        assert len(changed) < len(before) / 4
        assert TODAY  # the as-of date is fixed: nothing else moves


async def test_a_relabelled_line_that_grew_is_reachable_by_horizontal_scroll(seeded_db: Path) -> None:
    """Lights and roll-ups arrive after the lines: when a label grows, the tree's scrollable
    width must grow with it, or the end of the widest line cannot be scrolled to."""
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tree = tree_of(app)
        line = tree.by_key[f"n:{WULONG}/a1"]
        longer = "x" * (tree.virtual_size.width + 40)
        item = line.data
        assert item is not None and item.node is not None
        tree.update_item(replace(item, node=replace(item.node, title=longer)))
        await pilot.pause()
        depth = 0
        parent = line.parent
        while parent is not None and not parent.is_root:
            depth, parent = depth + 1, parent.parent
        assert tree.virtual_size.width >= tree.get_label_width(line) + depth * tree.guide_depth


def shown_in_order(tree) -> list[str]:
    """The lines a clerk should see: every line whose branches above are all open, in plan order."""
    out: list[str] = []

    def walk(node) -> None:
        for child in node.children:
            out.append(child.data.key if child.data else "loading")
            if child.is_expanded:
                walk(child)

    walk(tree.root)
    return out


def lines_on_screen(tree) -> list[str]:
    return [n.data.key if n.data else "loading" for n in map(tree.get_node_at_line, range(tree.last_line + 1))]


async def test_opening_and_closing_branches_keeps_every_line_in_plan_order(seeded_db: Path) -> None:
    """The tree splices a branch's lines in and out instead of laying out every line: after any
    mix of opening and closing, the lines are exactly the open branches' lines, in plan order."""
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_everything(pilot)
        tree = tree_of(app)
        assert lines_on_screen(tree) == shown_in_order(tree)
        branches = [n for n in tree.by_key.values() if n.allow_expand]
        for node in branches[::3]:
            node.collapse()
        assert lines_on_screen(tree) == shown_in_order(tree)
        for node in branches[::2]:
            node.expand()
        assert lines_on_screen(tree) == shown_in_order(tree)
        chapter = tree.root.children[0]
        tree.move_cursor(chapter.children[0] if chapter.children else chapter)
        await pilot.press("minus")  # close all: the cursor climbs to its chapter
        top = [c.data.key if c.data else "" for c in tree.root.children]
        assert lines_on_screen(tree) == shown_in_order(tree) == top
        assert tree.cursor_node is chapter
