"""Read-only questions the screens and printouts ask, answered with plain ``sqlite3``.

Kept free of sqlite-utils and YAML so ``plandesk status`` starts fast. Rules (what is overdue,
roll-ups, indicator status) come from ``store.status``; this module only fetches and assembles.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from store import status as st
from store import units as un
from store.errors import NotFound

# the records the answers are made of, named through this module by the callers that ask it
from store.records import Cell as Cell
from store.records import Indicator as Indicator
from store.records import Milestone as Milestone
from store.records import Node as Node
from store.records import Plan as Plan
from store.row_check import sound_period


def _d(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def list_plans(conn: sqlite3.Connection) -> list[Plan]:
    rows = conn.execute("SELECT * FROM plans WHERE archived_at IS NULL ORDER BY id").fetchall()
    return [_plan(row) for row in rows]


def _plan(row: sqlite3.Row) -> Plan:
    start, end = row["start_year"], row["end_year"]
    if not sound_period(start, end):
        # typed in by hand: a loop over 10**12 years would never end (store.row_check names it)
        raise ValueError(f"plan {row['id']}: period {start!r}..{end!r}")
    return Plan(row["id"], row["region"], row["title"], row["bureau"], row["doc_number"],
                row["start_year"], row["end_year"], row["source_file"])


def resolve_plan(conn: sqlite3.Connection, prefix: str) -> Plan:
    """A plan by id or any unambiguous prefix of it (``wulong``)."""
    plans = list_plans(conn)
    exact = [p for p in plans if p.id == prefix]
    matches = exact or [p for p in plans if p.id.startswith(prefix)]
    if not matches:
        known = ", ".join(p.id for p in plans) or "—"
        raise NotFound("err_no_plan_known", plan=prefix, known=known)
    if len(matches) > 1:
        raise NotFound("err_plan_ambiguous", plan=prefix, matches=", ".join(p.id for p in matches))
    return matches[0]


NODE_COLUMNS = ("id, plan_id, local_id, parent_id, kind, number, title, text, units, line, source, repair, note, "
                "fields, depth, seq, units_override, support, support_override")  # the order ``_node`` reads


class _Parsed(dict[str, Any]):
    """JSON texts already parsed, for one batch of rows: a plan's nodes share a handful of unit
    lists, so a whole plan's 50,000 nodes parse a few dozen texts, not 100,000. Each caller gets
    its own copy of a list or dict (``fresh``: a node's lists are its own to change)."""

    def __missing__(self, text: str) -> Any:
        value = self[text] = json.loads(text)
        return value

    def fresh(self, text: str) -> Any:
        value = self[text]
        return value.copy() if isinstance(value, (list, dict)) else value


def _node(row: sqlite3.Row | tuple[Any, ...], parsed: _Parsed | None = None) -> Node:
    """A node from a row of ``NODE_COLUMNS``; ``parsed``: a cache shared by a batch of rows."""
    (node_id, plan_id, local_id, parent_id, kind, number, title, text, units, line, source, repair, note, fields,
     depth, seq, override, support, support_override) = row
    js = (parsed if parsed is not None else _Parsed()).fresh
    return Node(node_id, plan_id, local_id, parent_id, kind, number, title, text, js(units) if units else [],
                line, source, repair, note, js(fields) if fields else {}, depth, seq,
                js(override) if override is not None else None, js(support) if support else [],
                js(support_override) if support_override is not None else None)


def nodes_of_rows(rows: Iterable[sqlite3.Row | tuple[Any, ...]]) -> list[Node]:
    """Nodes from rows of ``NODE_COLUMNS``, parsing each distinct JSON text once."""
    parsed = _Parsed()
    return [_node(r, parsed) for r in rows]


def _milestone(row: sqlite3.Row | tuple[Any, ...], today: date, soon_days: int) -> Milestone:
    """A milestone from a row of ``_MILESTONE_COLUMNS`` (in that order), with its state as of ``today``."""
    (milestone_id, plan_id, node_id, title, due_text, due_phrase, start, done_text, done_note, implicit, origin,
     line, seq) = row
    due = date.fromisoformat(due_text)
    done_on = _d(done_text)
    return Milestone(milestone_id, plan_id, node_id, title, due, due_phrase, _d(start), done_on, done_note,
                     bool(implicit), origin, line, seq, st.milestone_status(due, done_on, today, soon_days))


_MILESTONE_COLUMNS = ("id, plan_id, node_id, title, due, due_phrase, start, done_on, done_note, implicit, "
                      "origin, line, seq")


def nodes(conn: sqlite3.Connection, plan_id: str, *, max_depth: int | None = None) -> list[Node]:
    """A plan's live nodes in document order (optionally only the top levels)."""
    sql = f"SELECT {NODE_COLUMNS} FROM nodes WHERE plan_id = ? AND archived_at IS NULL"
    args: list[object] = [plan_id]
    if max_depth is not None:
        sql += " AND depth <= ?"
        args.append(max_depth)
    result = nodes_of_rows(conn.execute(sql + " ORDER BY seq", args))
    applying = un.resolve((n.id, n.parent_id, *_unit_columns(n)) for n in result)  # parents come first
    for n in result:
        n.applying = applying[n.id]
    return result


def _unit_columns(n: Node) -> tuple[str | None, str | None, str | None, str | None]:
    """A node's unit lists back in their stored (JSON) form, for store.units.resolve."""
    def dump(v: list[str] | None) -> str | None:
        return None if v is None else json.dumps(v, ensure_ascii=False)
    return (dump(n.units) if n.units else None, dump(n.units_override),
            dump(n.support) if n.support else None, dump(n.support_override))


def count_nodes(conn: sqlite3.Connection, plan_id: str, depth: int) -> int:
    """How many live nodes a plan has at ``depth`` (0 = chapters)."""
    return int(conn.execute("SELECT count(*) FROM nodes WHERE plan_id = ? AND depth = ? AND archived_at IS NULL",
                            (plan_id, depth)).fetchone()[0])


def children(conn: sqlite3.Connection, plan_id: str, parent_id: str | None) -> list[Node]:
    """The direct children of a node (top-level nodes for ``None``), for lazy tree loading."""
    if parent_id is None:
        rows = conn.execute(f"SELECT {NODE_COLUMNS} FROM nodes WHERE plan_id = ? AND parent_id IS NULL "
                            "AND archived_at IS NULL "
                            "ORDER BY seq", (plan_id,))
    else:
        rows = conn.execute(f"SELECT {NODE_COLUMNS} FROM nodes WHERE parent_id = ? AND archived_at IS NULL "
                            "ORDER BY seq", (parent_id,))
    return nodes_of_rows(rows)


def node(conn: sqlite3.Connection, node_id: str) -> Node:
    row = conn.execute(f"SELECT {NODE_COLUMNS} FROM nodes WHERE id = ?", (node_id,)).fetchone()
    if row is None:
        raise NotFound("err_no_node", ref=node_id)
    found = _node(row)
    found.applying = un.of_node(conn, node_id)
    return found


def milestones(conn: sqlite3.Connection, plan_id: str, today: date,
               soon_days: int = st.DEFAULT_SOON_DAYS) -> list[Milestone]:
    """Every live milestone of a plan with its state as of ``today``, in document order."""
    rows = conn.execute(f"SELECT {_MILESTONE_COLUMNS} FROM milestones WHERE plan_id = ? AND archived_at IS NULL "
                        "ORDER BY seq, id", (plan_id,))
    return [_milestone(r, today, soon_days) for r in rows]


def milestones_of_node(conn: sqlite3.Connection, node_id: str, today: date,
                       soon_days: int = st.DEFAULT_SOON_DAYS) -> list[Milestone]:
    rows = conn.execute(f"SELECT {_MILESTONE_COLUMNS} FROM milestones WHERE node_id = ? AND archived_at IS NULL "
                        "ORDER BY seq, id", (node_id,))
    return [_milestone(r, today, soon_days) for r in rows]


def milestone(conn: sqlite3.Connection, milestone_id: str, today: date,
              soon_days: int = st.DEFAULT_SOON_DAYS) -> Milestone:
    row = conn.execute(f"SELECT {_MILESTONE_COLUMNS} FROM milestones WHERE id = ?", (milestone_id,)).fetchone()
    if row is None:
        raise NotFound("err_no_milestone", ref=milestone_id)
    return _milestone(row, today, soon_days)


def rollup_select(plan_id: str, today: date, soon_days: int, where: list[str] | None = None,
                  params: list[object] | None = None) -> tuple[str, list[object]]:
    """SQL giving ``id, depth`` and the count of each of ``status.MILESTONE_STATES`` for every live
    node of a plan that has milestones under it (narrowed by ``where`` over nodes ``c``)."""
    state_sql, state_args = st.sql_state(today, soon_days, due="m.due", done_on="m.done_on")
    states = st.MILESTONE_STATES
    conditions = ["c.plan_id = ?", "c.archived_at IS NULL", *(where or [])]
    # one row per node; grouping in index order (depth, seq) needs no sort
    sums = ", ".join(f"SUM({state_sql} = '{state}')" for state in states)
    sql = (f"SELECT c.id, c.depth, {sums} FROM nodes c JOIN milestones m "
           "ON m.plan_id = c.plan_id AND m.seq BETWEEN c.seq AND c.last_seq AND m.archived_at IS NULL "
           f"WHERE {' AND '.join(conditions)} GROUP BY c.depth, c.seq")
    return sql, [*state_args * len(states), plan_id, *(params or [])]


def rollups(conn: sqlite3.Connection, plan_id: str, today: date, soon_days: int = st.DEFAULT_SOON_DAYS,
            max_depth: int | None = None, parent_id: str | None = None,
            top_level: bool = False, with_total: bool = True) -> dict[str, st.Rollup]:
    """Counts by state for nodes' subtrees, and for the whole plan under key ``plan_id``.

    Which nodes: all (default), those down to ``max_depth``, the children of ``parent_id``,
    or the top level. ``with_total=False`` with ``parent_id``: no plan total (it takes a pass over
    every milestone of the plan; opening a branch does not change it). A subtree is the seq range
    [seq, last_seq], so SQLite classifies and counts everything in one query over a covering index;
    no milestone passes through Python.
    """
    states = st.MILESTONE_STATES
    where: list[str] = []
    params: list[object] = []
    if max_depth is not None:
        where.append("c.depth <= ?")
        params.append(max_depth)
    if parent_id is not None:
        where.append("c.parent_id = ?")
        params.append(parent_id)
    if top_level:
        where.append("c.parent_id IS NULL")
    sql, args = rollup_select(plan_id, today, soon_days, where, params)
    rows = conn.execute(sql, args).fetchall()
    state_sql, state_args = st.sql_state(today, soon_days, due="m.due", done_on="m.done_on")
    result: dict[str, st.Rollup] = {}
    whole = st.Rollup()
    for node_id, depth, *counts in rows:
        rollup = result[node_id] = st.Rollup(dict(zip(states, counts, strict=True)))
        if depth == 0:
            whole.merge(rollup)
    if parent_id is not None and not with_total:
        return result
    if parent_id is not None:  # the depth-0 rows above do not cover the whole plan then
        whole = st.Rollup()
        for state, n in conn.execute(
                f"SELECT {state_sql} AS state, count(*) FROM milestones m "
                "WHERE m.plan_id = ? AND m.archived_at IS NULL GROUP BY state", (*state_args, plan_id)):
            whole.counts[state] = n
    result[plan_id] = whole
    return result


def _state_filter(plan_id: str, today: date, states: tuple[str, ...], soon_days: int,
                  due_until: date | None, done_since: date | None) -> tuple[str, list[object]]:
    """SQL selecting a plan's live milestones in ``states`` (as classified by status.sql_state)."""
    state_sql, state_args = st.sql_state(today, soon_days)
    inner = ["plan_id = ?", "archived_at IS NULL"]
    inner_args: list[object] = [plan_id]
    # conditions implied by the state, so SQLite can narrow by the due-date index first
    if states == (st.OVERDUE,):
        inner.append("due < ?")
        inner_args.append(today.isoformat())
    elif states == (st.DUE_SOON,):
        inner.append("due BETWEEN ? AND ?")
        inner_args += [today.isoformat(), (today + timedelta(days=soon_days)).isoformat()]
    elif states == (st.OPEN,):
        inner.append("due > ?")
        inner_args.append((today + timedelta(days=soon_days)).isoformat())
    elif set(states) <= {st.DONE, st.DONE_LATE}:
        inner.append("done_on IS NOT NULL")
    if due_until is not None:
        inner.append("due <= ?")
        inner_args.append(due_until.isoformat())
    if done_since is not None:
        inner.append("done_on >= ?")
        inner_args.append(done_since.isoformat())
    sql = (f"SELECT {_MILESTONE_COLUMNS} FROM (SELECT *, {state_sql} AS state FROM milestones "
           f"WHERE {' AND '.join(inner)}) WHERE state IN ({', '.join('?' for _ in states)})")
    return sql, [*state_args, *inner_args, *states]


def milestones_in_state(conn: sqlite3.Connection, plan_id: str, today: date, states: tuple[str, ...],
                        soon_days: int = st.DEFAULT_SOON_DAYS, due_until: date | None = None,
                        done_since: date | None = None, limit: int | None = None,
                        newest_done_first: bool = False) -> list[Milestone]:
    """Milestones in the given states (filtered inside SQLite), soonest due first."""
    sql, params = _state_filter(plan_id, today, states, soon_days, due_until, done_since)
    sql += " ORDER BY done_on DESC, seq" if newest_done_first else " ORDER BY due, seq"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [_milestone(r, today, soon_days) for r in conn.execute(sql, params)]


def overdue_rows(conn: sqlite3.Connection, plan_id: str, today: date) -> list[tuple[str, str, str]]:
    """(id, title, due) of every overdue milestone, soonest due first, in one indexed query: the
    ``overdue`` listing prints these three and nothing else, so no Milestone is built per row."""
    sql, params = _state_filter(plan_id, today, (st.OVERDUE,), st.DEFAULT_SOON_DAYS, None, None)
    return conn.execute(f"SELECT id, title, due FROM ({sql}) ORDER BY due, seq", params).fetchall()


def count_in_state(conn: sqlite3.Connection, plan_id: str, today: date, states: tuple[str, ...],
                   soon_days: int = st.DEFAULT_SOON_DAYS, due_until: date | None = None,
                   done_since: date | None = None) -> int:
    """How many milestones ``milestones_in_state`` would return without a limit."""
    sql, params = _state_filter(plan_id, today, states, soon_days, due_until, done_since)
    return int(conn.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0])


def indicators(conn: sqlite3.Connection, plan_id: str) -> list[Indicator]:
    """A plan's indicators with every printed cell and every recorded value."""
    result: dict[str, Indicator] = {}
    for r in conn.execute("SELECT * FROM indicators WHERE plan_id = ? AND archived_at IS NULL ORDER BY seq",
                          (plan_id,)):
        result[r["id"]] = Indicator(
            id=r["id"], plan_id=r["plan_id"], category=r["category"], number=r["number"], name=r["name"],
            unit=r["unit"], attribute=r["attribute"], binding=bool(r["binding"]), better=r["better"],
            measure=r["measure"], baseline_year=r["baseline_year"], baseline_printed=r["baseline_printed"],
            note=r["note"], conflicts=json.loads(r["conflicts"]) if r["conflicts"] else [], line=r["line"])
    for r in conn.execute("SELECT c.* FROM indicator_cells c JOIN indicators i ON i.id = c.indicator_id "
                          "WHERE i.plan_id = ? ORDER BY c.indicator_id, c.year, c.effective DESC", (plan_id,)):
        ind = result.get(r["indicator_id"])
        if ind:
            ind.cells.append(Cell(r["year"], r["tbl"], r["printed"], r["number"], r["comparator"], r["basis"],
                                  bool(r["effective"])))
    for r in conn.execute("SELECT a.* FROM actuals a JOIN indicators i ON i.id = a.indicator_id "
                          "WHERE i.plan_id = ?", (plan_id,)):
        ind = result.get(r["indicator_id"])
        if ind:
            ind.actuals[r["year"]] = r["value"]
            if r["note"]:
                ind.actual_notes[r["year"]] = r["note"]
    return list(result.values())


def resolve_item(conn: sqlite3.Connection, table: str, ref: str) -> str:
    """A milestone/indicator/node id from what a clerk typed: ``plan/local`` with a plan prefix, or
    a bare local id that is unique across plans."""
    if "/" in ref:
        plan_ref, local = ref.split("/", 1)
        plan = resolve_plan(conn, plan_ref)
        row = conn.execute(f"SELECT id FROM {table} WHERE id = ?", (f"{plan.id}/{local}",)).fetchone()
        if row:
            return str(row[0])
    else:
        rows = conn.execute(f"SELECT id FROM {table} WHERE local_id = ? AND archived_at IS NULL", (ref,)).fetchall()
        if len(rows) == 1:
            return str(rows[0][0])
        if len(rows) > 1:
            raise NotFound("err_in_several_plans", ref=ref, ids=", ".join(r[0] for r in rows))
    missing = {"milestones": "err_no_milestone", "indicators": "err_no_indicator", "nodes": "err_no_node"}[table]
    raise NotFound(missing, ref=ref)


def history(conn: sqlite3.Connection, limit: int = 50, plan_id: str | None = None,
            entity_id: str | None = None) -> list[sqlite3.Row]:
    """The newest journal entries first."""
    sql = "SELECT * FROM journal WHERE 1 = 1"
    args: list[object] = []
    if plan_id:
        sql += " AND plan_id = ?"
        args.append(plan_id)
    if entity_id:
        sql += " AND entity_id = ?"
        args.append(entity_id)
    return conn.execute(sql + " ORDER BY seq DESC LIMIT ?", (*args, limit)).fetchall()


def get_setting(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None
