"""`plandesk tick NODE` and `space` on the node's line in the app tick the same milestone (or
both refuse), on every node of every seed plan."""
from __future__ import annotations

import sqlite3
from datetime import date
from types import SimpleNamespace
from typing import Any

from store import queries as q
from store import tree as tr
from store.errors import NotFound
from tui.cli.cmd_change import _milestone_ref

TODAY = date(2023, 6, 30)


def _every_line(conn: sqlite3.Connection, plan_id: str) -> list[tr.Item]:
    """Every node line of a plan, as the app's tree loads them (branch by branch)."""
    out: list[tr.Item] = []
    todo: list[str | None] = [None]
    while todo:
        for item in tr.children(conn, plan_id, todo.pop(), TODAY):
            if item.kind == tr.NODE:
                out.append(item)
                todo.append(item.id)
    return out


def test_command_line_and_app_agree_on_every_node(conn: sqlite3.Connection) -> None:
    ctx: Any = SimpleNamespace(conn=conn, today=TODAY)  # all of the command line's Context the rule reads
    checked = ticked = 0
    for plan in q.list_plans(conn):
        lines = _every_line(conn, plan.id)
        assert len(lines) == len(q.nodes(conn, plan.id))  # the walk saw every node
        for item in lines:
            try:
                by_cli: str | None = _milestone_ref(ctx, item.id)
            except NotFound:
                by_cli = None
            by_app = item.tickable.id if item.tickable else None
            assert by_cli == by_app, item.id
            checked += 1
            ticked += by_app is not None
    assert checked > 500 and 0 < ticked < checked
