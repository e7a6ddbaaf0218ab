"""Progress reports (进展情况): what a responsible unit reports per tracked item and period.

A report belongs to a tracked item (a task, 专栏 entry or project node: any node with milestones
of its own; or one milestone) and a period (``store.periods``). It holds a state (未启动 /
推进中 / 滞后 / 已完成), an optional percent done, 进展情况, 存在问题, 下步措施, 佐证材料 (text or
file paths, referenced, never copied), the reporting unit, who entered it and when, and where it
came from (``source``: e.g. the ledger workbook it was read from). Several reports per item and
period may exist: the latest counts. Writes are in ``store.progress_actions``; this module reads.
"""
from __future__ import annotations

import json
import sqlite3
from typing import NamedTuple

from store import periods as pr
from store.errors import BadInput, NotFound

NOT_STARTED = "not_started"
ON_TRACK = "on_track"
BEHIND = "behind"
DONE = "done"
STATES = (NOT_STARTED, ON_TRACK, BEHIND, DONE)
STATE_ZH = {NOT_STARTED: "未启动", ON_TRACK: "推进中", BEHIND: "滞后", DONE: "已完成"}

# what clerks and units write, in either language (超进度 / 提前完成 is ahead: on track)
_STATE_WORDS = {
    NOT_STARTED: ("未启动", "未开始", "not-started", "not_started", "not started", "notstarted"),
    ON_TRACK: ("推进中", "序时推进", "正常推进", "进行中", "按序时推进", "超进度", "提前完成", "on-track", "on_track",
               "on track", "ontrack", "in progress", "ahead"),
    BEHIND: ("滞后", "欠进度", "进度滞后", "behind", "late", "lagging"),
    DONE: ("已完成", "已办结", "完成", "办结", "已销号", "done", "completed", "finished"),
}
_STATE_OF = {word.lower(): state for state, words in _STATE_WORDS.items() for word in words}

NODE_ITEM = "node"
MILESTONE_ITEM = "milestone"


def parse_state(text: str) -> str:
    """A report state from Chinese or English (未启动/not-started, 推进中/on-track, 滞后/behind, 已完成/done)."""
    state = _STATE_OF.get(str(text).strip().lower())
    if state is None:
        raise BadInput("err_not_a_state", text=text)
    return state


def check_percent(value: float | None) -> float | None:
    if value is None:
        return None
    if not 0 <= value <= 100:
        raise BadInput("err_percent_range", value=value)
    return float(value)


class Report(NamedTuple):
    """One progress report as stored."""

    id: int
    plan_id: str
    item_id: str
    item_kind: str  # "node" | "milestone"
    node_id: str
    period: str
    period_start: str
    period_end: str
    state: str
    percent: float | None
    note: str | None  # 进展情况
    problem: str | None  # 存在问题
    next_step: str | None  # 下步措施
    evidence: tuple[str, ...]  # 佐证材料: text or file paths
    unit: str | None
    reported_on: str  # the report's date (ISO)
    who: str | None
    at: str  # when it was entered
    source: str | None


_COLUMNS = ("id, plan_id, item_id, item_kind, node_id, period, period_start, period_end, state, percent, note, "
            "problem, next_step, evidence, unit, reported_on, who, at, source")
LATEST_FIRST = "period_end DESC, reported_on DESC, id DESC"


def _report(row: sqlite3.Row | tuple) -> Report:
    values = list(row)
    values[13] = tuple(json.loads(values[13])) if values[13] else ()
    return Report(*values)


class Item(NamedTuple):
    """A tracked item a report can be about."""

    kind: str  # "node" | "milestone"
    id: str
    node_id: str
    plan_id: str
    title: str


def resolve_item(conn: sqlite3.Connection, ref: str) -> Item:
    """The tracked item a clerk named: a node with milestones of its own, or one milestone (a
    node's implicit milestone means the node itself: they share the id)."""
    from store import queries as q

    try:
        node_id = q.resolve_item(conn, "nodes", ref)
    except NotFound:
        node_id = None
    if node_id is not None:
        row = conn.execute("SELECT n.plan_id, n.title, n.kind, (SELECT count(*) FROM milestones m WHERE m.node_id = "
                           "n.id AND m.archived_at IS NULL) FROM nodes n WHERE n.id = ?", (node_id,)).fetchone()
        if not row[3]:
            raise BadInput("err_no_own_target", ref=ref)
        return Item(NODE_ITEM, node_id, node_id, row[0], row[1])
    milestone_id = q.resolve_item(conn, "milestones", ref)
    row = conn.execute("SELECT plan_id, node_id, title, archived_at FROM milestones WHERE id = ?",
                       (milestone_id,)).fetchone()
    if row["archived_at"]:
        raise NotFound("err_no_milestone", ref=ref)
    return Item(MILESTONE_ITEM, milestone_id, row["node_id"], row["plan_id"], row["title"])


def get(conn: sqlite3.Connection, report_id: int) -> Report:
    row = conn.execute(f"SELECT {_COLUMNS} FROM progress WHERE id = ?", (report_id,)).fetchone()
    if row is None:
        raise NotFound("err_no_progress_report", id=report_id)
    return _report(row)


def reports_of(conn: sqlite3.Connection, item_id: str, *, with_milestones: bool = True) -> list[Report]:
    """An item's reports, latest first. For a node, the reports on its own milestones too
    (``with_milestones``), since a unit may report target by target."""
    where = "(item_id = ? OR node_id = ?)" if with_milestones else "item_id = ?"
    args = (item_id, item_id) if with_milestones else (item_id,)
    return [_report(r) for r in conn.execute(f"SELECT {_COLUMNS} FROM progress WHERE {where} "
                                             f"ORDER BY {LATEST_FIRST}", args)]


def latest(conn: sqlite3.Connection, item_id: str, period: pr.Period | None = None) -> Report | None:
    """The report that counts for an item: the latest for ``period``, or the latest of all."""
    sql = f"SELECT {_COLUMNS} FROM progress WHERE (item_id = ? OR node_id = ?)"
    args: list[object] = [item_id, item_id]
    if period is not None:
        sql += " AND period = ?"
        args.append(period.key)
    row = conn.execute(sql + f" ORDER BY {LATEST_FIRST} LIMIT 1", args).fetchone()
    return _report(row) if row else None


def latest_in_period(conn: sqlite3.Connection, plan_id: str, period: pr.Period) -> dict[str, Report]:
    """The report that counts for each item reported on for ``period``, by item id (for a report's
    "progress in the period" section, or the ledger)."""
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY item_id ORDER BY reported_on DESC, "
        "id DESC) AS rn FROM progress WHERE plan_id = ? AND period = ?) WHERE rn = 1 ORDER BY node_id, item_id",
        (plan_id, period.key))
    return {r[2]: _report(r) for r in rows}


def reports_of_plan(conn: sqlite3.Connection, plan_id: str) -> list[Report]:
    """Every report of a plan, oldest first (export)."""
    return [_report(r) for r in conn.execute(f"SELECT {_COLUMNS} FROM progress WHERE plan_id = ? ORDER BY id",
                                             (plan_id,))]


def reporting_settings(conn: sqlite3.Connection, plan_id: str) -> tuple[str, float, float]:
    """(cycle, yellow lag, red lag) of a plan, with the defaults for what it does not set."""
    row = conn.execute("SELECT report_cycle, yellow_lag, red_lag FROM plans WHERE id = ?", (plan_id,)).fetchone()
    if row is None:
        raise NotFound("err_no_plan", plan=plan_id)
    return (row[0] or pr.DEFAULT_CYCLE, pr.DEFAULT_YELLOW_LAG if row[1] is None else float(row[1]),
            pr.DEFAULT_RED_LAG if row[2] is None else float(row[2]))
