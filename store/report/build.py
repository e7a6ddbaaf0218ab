"""Building reports: the store's queries and rules turned into the report model.

Annual monitoring (年度监测), mid-term and final evaluation (中期评估, 总结评估), and the one-glance
status. Only reads and applies ``store.status`` and ``store.pace``; formats nothing. The same
database and as-of date give the same report.

Periods: ``--year Y`` is that calendar year; ``--midterm`` runs from the plan's first year to its
middle year (2021-2023 for 2021-2025); ``--final`` is the whole period. A period report holds the
headline (milestones due in the period by state, and the whole plan), the chapters, the
indicators (against the period's last year; with their pace for an evaluation), and three
lists: due in the period, overdue and carried forward, due next period. Nothing dated after the
as-of date counts: a tick (and its note) only from its date, a value only from its year.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

from store import pace as pc
from store import queries as q
from store import status as st
from store.errors import BadInput
from store.report import item_columns, json_rows, one_pass, rows
from store.report.item_columns import ItemColumns
from store.report.model import (
    ANNUAL,
    CARRIED,
    DUE_IN_PERIOD,
    DUE_LATER,
    DUE_SOON,
    FINAL,
    MIDTERM,
    NEXT_PERIOD,
    OVERDUE,
    RECENTLY_DONE,
    REST,
    STATUS,
    ChapterRow,
    IndicatorRow,
    IndicatorYear,
    Item,
    Ledger,
    Listing,
    Period,
    Report,
)
from store.report.narrative import task_groups
from store.report.rows import LIST_LIMIT, RECENT_DAYS, status_item

TREE_LINE_LIMIT = 80


def period_for(plan: q.Plan, kind: str, year: int | None = None) -> Period:
    """The period of an annual (``year``), mid-term or final report of ``plan``."""
    if kind == ANNUAL:
        if year is None:
            raise BadInput("err_annual_needs_year")
        if not plan.start_year <= year <= plan.end_year:
            raise BadInput("err_report_year_outside", year=year, span=plan.period)
        return Period(ANNUAL, year, year)
    if kind == MIDTERM:
        return Period(MIDTERM, plan.start_year, (plan.start_year + plan.end_year) // 2)
    if kind == FINAL:
        return Period(FINAL, plan.start_year, plan.end_year)
    raise BadInput("err_report_kind", kind=kind)


def next_period(plan: q.Plan, period: Period) -> Period | None:
    """What comes after ``period`` inside the plan: the next year, or the rest after a mid-term."""
    if period.end_year >= plan.end_year:
        return None
    if period.kind == ANNUAL:
        return Period(ANNUAL, period.end_year + 1, period.end_year + 1)
    return Period(REST, period.end_year + 1, plan.end_year)


def _chapters(conn: sqlite3.Connection, plan: q.Plan, as_of: date, soon_days: int, period: Period,
              following: Period | None) -> tuple[list[ChapterRow], int, int]:
    """Each top-level node with milestones: the period's counts and the whole plan's, in one query;
    with them how many are overdue by the period's end and how many fall due next period.

    SQLite counts the milestones by chapter, state and the three date tests (a few dozen groups);
    Python adds the groups up: a dozen conditional sums over every milestone cost three times more."""
    state_sql, args = st.sql_state(as_of, soon_days, due="m.due", done_on="m.done_on")
    sql = (f"SELECT c.id, c.seq, c.depth, c.kind, c.number, c.title, {state_sql} AS state, "
           "m.due BETWEEN ? AND ? AS in_period, m.due <= ? AS by_end, m.due BETWEEN ? AND ? AS in_next, count(*) "
           "FROM nodes c JOIN milestones m "
           "ON m.plan_id = c.plan_id AND m.seq BETWEEN c.seq AND c.last_seq AND m.archived_at IS NULL "
           "WHERE c.plan_id = ? AND c.depth = 0 AND c.archived_at IS NULL "
           "GROUP BY c.id, state, in_period, by_end, in_next")
    end = period.end.isoformat()
    nxt = (following.start.isoformat(), following.end.isoformat()) if following else ("1", "0")
    rows: dict[str, ChapterRow] = {}
    order: dict[str, int] = {}
    carried = upcoming = 0
    for node_id, seq, depth, kind, number, title, state, in_period, by_end, in_next, n in conn.execute(
            sql, (*args, period.start.isoformat(), end, end, *nxt, plan.id)):
        row = rows.get(node_id)
        if row is None:
            row = rows[node_id] = ChapterRow(node_id, depth, kind, number, title, st.Rollup(), st.Rollup())
            order[node_id] = seq
        row.plan.add(state, n)
        if in_period:
            row.counts.add(state, n)
        if state == st.OVERDUE and by_end:
            carried += n
        if in_next:
            upcoming += n
    return sorted(rows.values(), key=lambda r: order[r.id]), carried, upcoming


def indicator_rows(indicators: list[q.Indicator], plan: q.Plan, year: int, as_of: date,
                   evaluated_year: int | None = None) -> list[IndicatorRow]:
    """Each indicator against ``year``'s target, every year's target and value, and (for an
    evaluation, ``evaluated_year`` given) its pace. Binding (约束性) indicators first."""
    result = []
    for ind in indicators:
        actuals = pc.visible_actuals(ind, as_of)
        printed = {c.year: pc.Value(c.printed, c.number, c.comparator) for c in ind.cells if c.effective}
        derived = pc.level_targets(ind) if ind.measure == "total" else {}
        targets = {**derived, **{y: v for y, v in printed.items() if v.number is not None or y not in derived}}
        seen = SimpleNamespace(baseline_year=ind.baseline_year, actuals=actuals, target_years=sorted(targets))
        years = st.indicator_years(plan.start_year, plan.end_year, [seen])  # the one rule, on what is shown

        by_year = [IndicatorYear(y, targets.get(y), actuals.get(y), *_judged(ind, targets, actuals, y, as_of),
                                 _conflict(ind, y)) for y in years]
        target = targets.get(year)
        actual = actuals.get(year)
        gap = None
        if target is not None and target.number is not None and actual is not None:
            gap = round(actual - target.number, 6) + 0.0  # + 0.0: no "-0"
        state, light = _judged(ind, targets, actuals, year, as_of)
        result.append(IndicatorRow(
            id=ind.id, category=ind.category, number=ind.number, name=ind.name, unit=ind.unit,
            attribute=ind.attribute, binding=ind.binding, better=ind.better, measure=ind.measure,
            baseline_year=ind.baseline_year, baseline=printed.get(ind.baseline_year), year=year, target=target,
            actual=actual, status=state, light=light, gap=gap, conflict=_conflict(ind, year),
            actual_note=ind.actual_notes.get(year) if year in actuals else None, years=by_year, note=ind.note,
            pace=pc.judge(ind, actuals, evaluated_year) if evaluated_year is not None else None))
    result.sort(key=lambda r: not r.binding)  # binding (约束性) first; stable: plan order otherwise
    return result


def _judged(ind: q.Indicator, targets: dict[int, pc.Value], actuals: dict[int, float], y: int,
            as_of: date) -> tuple[str, str | None]:
    """An indicator's state and light for year ``y``, against that year's target."""
    target = targets.get(y)
    state = st.indicator_status(target.number if target else None, target.comparator if target else None,
                                ind.better, actuals.get(y), y, as_of, ind.binding)
    return state, st.indicator_light(state, y, as_of)


def _conflict(ind: q.Indicator, year: int) -> dict[str, str] | None:
    for conflict in ind.conflicts:
        if conflict.get("year") == year:
            values = conflict.get("values")
            return dict(values) if isinstance(values, dict) else None
    return None


def build_report(conn: sqlite3.Connection, plan: q.Plan, period: Period, as_of: date,
                 soon_days: int = st.DEFAULT_SOON_DAYS, *, narrative: bool = False) -> Report:
    """The annual / mid-term / final report of ``plan`` for ``period`` as of ``as_of``.

    The lists and the ledger read the database when a renderer walks them; ``narrative`` adds
    the chapters' lagging tasks, the major projects and the annexes' key tasks (the Word draft).
    """
    index = rows.PlanIndex.load(conn, plan.id)
    following = next_period(plan, period)
    chapters, carried, upcoming = _chapters(conn, plan, as_of, soon_days, period, following)
    headline, plan_total = st.Rollup(), st.Rollup()
    for chapter in chapters:
        headline.merge(chapter.counts)
        plan_total.merge(chapter.plan)
    start, end = period.start.isoformat(), period.end.isoformat()

    in_period = one_pass.Member(DUE_IN_PERIOD, "due BETWEEN ? AND ?", (start, end))
    overdue = one_pass.Member(CARRIED, "state = ? AND due <= ?", (st.OVERDUE, end))
    coming = one_pass.Member(NEXT_PERIOD, "due BETWEEN ? AND ?", (following.start.isoformat(),
                                                                  following.end.isoformat())) if following else None
    # read whole (csv, json), the lists are one query: sorted alike, an overdue item in both read once
    shared = one_pass.SharedLists(index, as_of, soon_days, period.start,
                                  [m for m in (in_period, overdue, coming) if m is not None])

    def listing(member: one_pass.Member, total: int, about: Period | None) -> Listing:
        where, params = member.where, member.params

        def read(limit: int | None, whole: rows.NodeLookup) -> Iterator[Item]:
            """A printout's first rows join their nodes; a list read whole looks them up (rows.py)."""
            return rows.items(index, as_of, soon_days, where, params, period_start=period.start, limit=limit,
                              nodes="join" if limit is not None else whole)
        def json_chunks(fallback: Callable[[Item], str]) -> Iterator[list[str]]:
            return json_rows.json_chunks(index, as_of, soon_days, where, params, period.start, fallback)
        def columns(size: int) -> Iterator[ItemColumns]:
            chunks = item_columns.column_chunks(index, as_of, soon_days, where, params, period.start, size)
            return (chunk for chunk, _ in chunks)
        return Listing(member.key, total, lambda limit: read(limit, "labels"), period=about,
                       untasked=lambda limit: read(limit, "units"), json_chunks=json_chunks, shared=shared,
                       columns=columns)

    sections = [
        listing(in_period, headline.total, period),
        listing(overdue, carried, period),
        listing(coming, upcoming, following) if coming else Listing(NEXT_PERIOD, 0, lambda limit: iter(())),
    ]
    evaluated = period.end_year if period.kind in (MIDTERM, FINAL) else None
    indicators = indicator_rows(q.indicators(conn, plan.id), plan, period.end_year, as_of, evaluated)
    ledger = Ledger(lambda: rows.ledger_rows(index, as_of, soon_days))
    report = Report(period.kind, plan, as_of, soon_days, period, following, period.end_year, headline, plan_total,
                    chapters, indicators, sections, ledger)
    if narrative:
        report.groups = task_groups(conn, index, report)
    from store.report.progress_fill import fill_progress

    return fill_progress(conn, report, index.lead)  # the units the lists read


def report_year(plan: q.Plan, today: date) -> int:
    """The indicator year a status shows (the indicators screen's first year too)."""
    return st.default_indicator_year(plan.start_year, plan.end_year, today)


def build_status(conn: sqlite3.Connection, plan: q.Plan, today: date,
                 soon_days: int = st.DEFAULT_SOON_DAYS, unit: str | None = None) -> Report:
    """The one-glance status: share done, chapters, overdue, due soon, due later this year, recently
    done, and this year's indicators. Lists stop at ``LIST_LIMIT`` (with the count of the rest)."""
    # sections too, unless there are so many that the page would drown (a huge plan: chapters only)
    depth = 1 if q.count_nodes(conn, plan.id, 1) <= TREE_LINE_LIMIT else 0
    rollups = q.rollups(conn, plan.id, today, soon_days, max_depth=depth)
    total = rollups.get(plan.id, st.Rollup())
    chapters: list[ChapterRow] = []
    shown_ids: set[str] = set()
    for node in q.nodes(conn, plan.id, max_depth=depth):
        rollup = rollups.get(node.id) or st.Rollup()
        if node.depth > 0 and (not rollup.total or node.parent_id not in shown_ids):
            continue
        shown_ids.add(node.id)
        chapters.append(ChapterRow(node.id, node.depth, node.kind, node.number, node.title, rollup, rollup))
    fetch = LIST_LIMIT + 1  # one more than shown tells whether there are more

    def section(key: str, states: tuple[str, ...], total: int | None, **filters: Any) -> Listing:
        found = q.milestones_in_state(conn, plan.id, today, states, soon_days, limit=fetch, **filters)
        shown = [status_item(m, today) for m in found[:LIST_LIMIT]]
        if total is None and len(found) <= LIST_LIMIT:
            total = len(found)
        return Listing(key, total, lambda limit: iter(shown[:limit]), shown=len(shown))

    year_end = date(today.year, 12, 31)
    later = q.count_in_state(conn, plan.id, today, (st.OPEN,), soon_days, due_until=year_end)
    overdue = section(OVERDUE, (st.OVERDUE,), total.counts[st.OVERDUE])
    soon = section(DUE_SOON, (st.DUE_SOON,), total.counts[st.DUE_SOON])
    soon.days = soon_days
    due_later = section(DUE_LATER, (st.OPEN,), later, due_until=year_end)
    due_later.year = today.year
    recent = section(RECENTLY_DONE, (st.DONE, st.DONE_LATE), None, done_since=today - timedelta(days=RECENT_DAYS),
                     newest_done_first=True)
    recent.days = RECENT_DAYS
    year = report_year(plan, today)
    report = Report(STATUS, plan, today, soon_days, None, None, year, total, total, chapters,
                    indicator_rows(q.indicators(conn, plan.id), plan, year, today), [overdue, soon, due_later, recent])
    from store.report_progress import with_progress  # the reporting cycle's part (issue 11)

    return with_progress(conn, report, tuple(range(depth + 1)), unit)
