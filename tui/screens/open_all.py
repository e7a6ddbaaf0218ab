"""``*`` opens every line of the plan; the main screen's ``-`` closes them all (``PlanTree.close_all``).

The whole plan's lines and roll-ups are read in one pass by a worker (a few queries, whatever
the size), then handed to the tree, which adds them in time-boxed chunks with a screen refresh
between chunks and lays them out once at the end (``PlanTree.open_all``), the way harlequin's
database tree and Textual's DirectoryTree load: the screen stays live and a key pressed
meanwhile is handled at once.
"""
from __future__ import annotations

import sqlite3
from datetime import date
from typing import TYPE_CHECKING

from store import queries as q
from store import status as st
from store import tree as tr
from store import view_progress as vp
from tui.collector import collector_paused

if TYPE_CHECKING:
    from tui.screens.main_screen import MainScreen


def read_everything(conn: sqlite3.Connection, plan_id: str, today: date,
                    soon: int) -> tuple[dict[str | None, list[tr.Item]], dict[str, st.Rollup], vp.LineLights]:
    children = tr.all_children(conn, plan_id, today, soon)
    return children, q.rollups(conn, plan_id, today, soon), vp.line_lights(conn, plan_id, today, soon, children,
                                                                            everything=True)


def open_all(screen: MainScreen) -> None:
    """Open every line: with a filter on, every line the filter shows (nothing more is read)."""
    plan = screen.app.plan
    tree = screen.tree
    if plan is None or tree.opening_all:
        return
    if screen.flt is not None:
        with tree.changing():
            for tree_node in list(tree.by_key.values()):
                if tree_node.allow_expand and tree_node.children and not tree_node.is_expanded:
                    tree_node.expand()
        return
    gen, app = screen.gen, screen.app
    today, soon = app.today, app.soon_days
    tree.opening_all = True  # lines opened meanwhile wait for these instead of asking one by one

    def hand_over(children: dict[str | None, list[tr.Item]], rollups: dict[str, st.Rollup],
                  lights: vp.LineLights) -> None:
        if gen != screen.gen or app.plan is None or app.plan.id != plan.id or not tree.opening_all:
            tree.opening_all = False  # the view changed meanwhile (a tick, a filter, a new plan)
            return
        tree.rollups.update(rollups)
        tree.lights.update(lights.lines)
        screen.rollups = tree.rollups
        tree.open_all(children)

    def read() -> None:
        with collector_paused():  # 100,000 records made: no full collection stalls the screen meanwhile
            children, rollups, lights = app.db.read_snapshot(read_everything, plan.id, today, soon)
            app.call_from_thread(hand_over, children, rollups, lights)

    screen.run_worker(read, thread=True, exclusive=True, group="open_all")
