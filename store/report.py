"""Reports as plain data: annual monitoring (年度监测), mid-term and final evaluation (中期评估,
总结评估), and the one-glance status; the renderers in ``tui/reports`` draw these.

Only assembles what ``store.queries`` reads, with the rules of ``store.status``. No rich, no
Textual, no sqlite-utils, no openpyxl. The same database and as-of date give the same report.

Periods: ``--year Y`` is that calendar year; ``--midterm`` runs from the plan's first year to its
middle year (2021-2023 for 2021-2025); ``--final`` is the whole period. A period report covers:

- headline: the milestones due in the period by state, and the whole plan as of the as-of date;
- chapters: the same per top-level node;
- indicators: each against the target of the period's last year (binding ones first, with the
  gap: actual minus target), plus every year's target and value for charts and the workbook;
- sections: milestones due in the period and what became of them; what is overdue (due by the
  end of the period, not done by the as-of date, earlier periods' arrears marked as carried
  forward); what is due next period;
- the ledger (台账, for the workbook): every task and milestone in document order.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from store import queries as q
from store import status as st
from store.errors import BadInput

REPORT_VERSION = 1

ANNUAL = "annual"
MIDTERM = "midterm"
FINAL = "final"
STATUS = "status"
REST = "rest"  # the years after a mid-term period: what is "next" for a mid-term report

LIST_LIMIT = 25
RECENT_DAYS = 365
TREE_LINE_LIMIT = 80

# the columns of the milestone lists (renderers map each key to a header and a cell)
STATUS_COLUMNS = ("id", "title", "due", "days")
DONE_COLUMNS = ("id", "title", "due", "done_state")
PERIOD_COLUMNS = ("no", "title", "chapter", "units", "due", "state", "done_on", "note")


@dataclass(frozen=True)
class Period:
    kind: str
    start_year: int
    end_year: int

    @property
    def start(self) -> date:
        return date(self.start_year, 1, 1)

    @property
    def end(self) -> date:
        return date(self.end_year, 12, 31)

    @property
    def label(self) -> str:
        return str(self.start_year) if self.start_year == self.end_year else f"{self.start_year}-{self.end_year}"

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def period_for(plan: q.Plan, kind: str, year: int | None = None) -> Period:
    """The period of an annual (``year``), mid-term or final report of ``plan``."""
    if kind == ANNUAL:
        if year is None:
            raise BadInput("an annual report needs a year")
        if not plan.start_year <= year <= plan.end_year:
            raise BadInput(f"--year: {year} is outside the plan's period {plan.period}")
        return Period(ANNUAL, year, year)
    if kind == MIDTERM:
        return Period(MIDTERM, plan.start_year, (plan.start_year + plan.end_year) // 2)
    if kind == FINAL:
        return Period(FINAL, plan.start_year, plan.end_year)
    raise BadInput(f"unknown report kind {kind!r}")


def next_period(plan: q.Plan, period: Period) -> Period | None:
    """What comes after ``period`` inside the plan: the next year, or the rest after a mid-term."""
    if period.end_year >= plan.end_year:
        return None
    if period.kind == ANNUAL:
        return Period(ANNUAL, period.end_year + 1, period.end_year + 1)
    return Period(REST, period.end_year + 1, plan.end_year)


@dataclass
class Item:
    """One milestone in a list, with what became of it as of the report's date."""

    id: str
    title: str
    due: date
    due_phrase: str | None
    start: date | None
    done_on: date | None
    note: str | None
    state: str
    light: str
    days_late: int  # as-of date minus due date: positive when past due
    implicit: bool
    node_id: str
    task: str = ""
    chapter: str = ""
    units: list[str] = field(default_factory=list)
    carried: bool = False  # due before the period began (arrears carried into it)


@dataclass
class ChapterRow:
    id: str
    depth: int
    label: str
    counts: st.Rollup  # the milestones counted by the report (a period's, or all for status)
    plan: st.Rollup  # all the node's milestones as of the as-of date


@dataclass
class IndicatorYear:
    year: int
    target: str | None
    target_number: float | None
    actual: float | None
    status: str
    light: str | None
    conflict: dict[str, str] | None


@dataclass
class IndicatorRow:
    id: str
    number: str | None
    category: str | None
    name: str
    unit: str | None
    attribute: str | None
    binding: bool
    better: str
    measure: str
    baseline_year: int
    baseline: str | None
    year: int
    target: str | None
    actual: float | None
    status: str
    light: str | None
    gap: float | None  # actual minus target (the sign reads with ``better``)
    conflict: dict[str, str] | None
    actual_note: str | None
    years: list[IndicatorYear]
    note: str | None


@dataclass
class Section:
    key: str
    columns: tuple[str, ...]
    items: list[Item]
    total: int | None  # how many there are in all; None: more than shown, count unknown
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def hidden(self) -> int | None:
        return None if self.total is None else self.total - len(self.items)


@dataclass
class LedgerRow:
    """A row of the ledger (台账): a chapter heading, a task, or a milestone under its task."""

    kind: str  # "chapter" | "task" | "milestone"
    number: str
    id: str
    title: str
    units: list[str]
    due: date | None
    state: str | None  # a milestone state, or for a task with several milestones its light
    light: str | None
    done_on: date | None
    note: str | None
    progress: tuple[int, int] | None = None  # done, total of a task with several milestones


@dataclass
class Report:
    kind: str
    plan: q.Plan
    as_of: date
    soon_days: int
    period: Period | None
    next: Period | None
    indicator_year: int
    headline: st.Rollup
    plan_total: st.Rollup
    chapters: list[ChapterRow]
    indicators: list[IndicatorRow]
    sections: list[Section]
    ledger: list[LedgerRow] | None = None
    progress: Any = None  # status: store.progress_views.ProgressStatus (lights, 序时, lagging)

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def to_dict(self) -> dict[str, Any]:
        return report_dict(self)


# --- building -------------------------------------------------------------------------------


def _item(m: q.Milestone, as_of: date) -> Item:
    return Item(m.id, m.title, m.due, m.due_phrase or None, m.start, m.done_on if st.is_done(m.state) else None,
                m.done_note, m.state, st.milestone_light(m.state), (as_of - m.due).days, m.implicit, m.node_id)


def _rollup(states: list[str]) -> st.Rollup:
    rollup = st.Rollup()
    for state in states:
        rollup.add(state)
    return rollup


def _indicator_rows(plan: q.Plan, indicators: list[q.Indicator], year: int, as_of: date) -> list[IndicatorRow]:
    rows = []
    for ind in indicators:
        years = sorted({y for y in range(plan.start_year, plan.end_year + 1) if y > ind.baseline_year}
                       | set(ind.target_years) | set(ind.actuals))
        by_year = []
        for y in years:
            cell = ind.target(y)
            state = ind.status(y, as_of)
            by_year.append(IndicatorYear(y, cell.printed if cell else None, cell.number if cell else None,
                                         ind.actuals.get(y), state, st.indicator_light(state, y, as_of),
                                         _conflict(ind, y)))
        cell = ind.target(year)
        actual = ind.actuals.get(year)
        state = ind.status(year, as_of)
        gap = None
        if cell is not None and cell.number is not None and actual is not None:
            gap = round(actual - cell.number, 6) + 0.0  # + 0.0: no "-0"
        rows.append(IndicatorRow(
            ind.id, ind.number, ind.category, ind.name, ind.unit, ind.attribute, ind.binding, ind.better,
            ind.measure, ind.baseline_year, ind.baseline_printed, year, cell.printed if cell else None, actual,
            state, st.indicator_light(state, year, as_of), gap, _conflict(ind, year), ind.actual_notes.get(year),
            by_year, ind.note))
    rows.sort(key=lambda r: not r.binding)  # binding (约束性) first; stable: plan order otherwise
    return rows


def _conflict(ind: q.Indicator, year: int) -> dict[str, str] | None:
    for conflict in ind.conflicts:
        if conflict.get("year") == year:
            values = conflict.get("values")
            return dict(values) if isinstance(values, dict) else None
    return None


def build_report(conn: sqlite3.Connection, plan: q.Plan, period: Period, as_of: date,
                 soon_days: int = st.DEFAULT_SOON_DAYS, *, ledger: bool = False) -> Report:
    """The annual / mid-term / final report of ``plan`` for ``period`` as of ``as_of``."""
    nodes = q.nodes(conn, plan.id)
    milestones = q.milestones(conn, plan.id, as_of, soon_days)
    by_id = {n.id: n for n in nodes}
    top: dict[str, str] = {}
    units: dict[str, list[str]] = {}
    for n in nodes:  # document order: a parent comes before its children
        top[n.id] = top.get(n.parent_id, n.id) if n.parent_id else n.id
        units[n.id] = n.effective_units or (units.get(n.parent_id, []) if n.parent_id else [])

    def chapter_short(node_id: str) -> str:
        chapter = by_id.get(top.get(node_id, ""))
        if chapter is None:
            return ""
        return chapter.number or chapter.title

    def item(m: q.Milestone) -> Item:
        it = _item(m, as_of)
        node = by_id.get(m.node_id)
        it.task = node.label if node else ""
        it.chapter = chapter_short(m.node_id)
        it.units = list(units.get(m.node_id, []))
        it.carried = m.due < period.start
        return it

    in_period = [m for m in milestones if period.contains(m.due)]
    headline = _rollup([m.state for m in in_period])
    plan_total = _rollup([m.state for m in milestones])

    chapter_states: dict[str, list[str]] = {}
    chapter_period: dict[str, list[str]] = {}
    for m in milestones:
        chapter_id = top.get(m.node_id, m.node_id)
        chapter_states.setdefault(chapter_id, []).append(m.state)
        if period.contains(m.due):
            chapter_period.setdefault(chapter_id, []).append(m.state)
    chapters = [ChapterRow(n.id, 0, n.label, _rollup(chapter_period.get(n.id, [])), _rollup(chapter_states[n.id]))
                for n in nodes if n.depth == 0 and n.id in chapter_states]

    following = next_period(plan, period)
    def listed(chosen: list[q.Milestone]) -> list[Item]:  # soonest due first, then document order
        return [item(m) for m in sorted(chosen, key=lambda m: (m.due, m.seq))]

    due_items = listed(in_period)
    overdue = listed([m for m in milestones if m.state == st.OVERDUE and m.due <= period.end])
    upcoming = listed([m for m in milestones if following and following.contains(m.due)])
    sections = [
        Section("due_in_period", PERIOD_COLUMNS, due_items, len(due_items), {"period": period.label}),
        Section("carried", PERIOD_COLUMNS, overdue, len(overdue), {"period": period.label}),
        Section("next_period", PERIOD_COLUMNS, upcoming, len(upcoming),
                {"period": following.label if following else None}),
    ]
    indicator_year = period.end_year
    report = Report(period.kind, plan, as_of, soon_days, period, following, indicator_year, headline, plan_total,
                    chapters, _indicator_rows(plan, q.indicators(conn, plan.id), indicator_year, as_of), sections)
    if ledger:
        report.ledger = _ledger(nodes, milestones, units, as_of)
    return report


def _ledger(nodes: list[q.Node], milestones: list[q.Milestone], units: dict[str, list[str]],
            as_of: date) -> list[LedgerRow]:
    """Every task with its milestones in document order, under its chapter's heading."""
    of_node: dict[str, list[q.Milestone]] = {}
    for m in milestones:
        of_node.setdefault(m.node_id, []).append(m)
    has_any: set[str] = set()
    by_id = {n.id: n for n in nodes}
    for node_id in of_node:
        current: str | None = node_id
        while current is not None and current not in has_any:
            has_any.add(current)
            current = by_id[current].parent_id if current in by_id else None
    rows: list[LedgerRow] = []
    number = 0
    for n in nodes:
        if n.depth == 0 and n.id in has_any:
            rows.append(LedgerRow("chapter", "", n.id, n.label, [], None, None, None, None, None))
        own = of_node.get(n.id)
        if not own:
            continue
        number += 1
        task_units = list(units.get(n.id, []))
        if len(own) == 1 and own[0].implicit:
            m = own[0]
            rows.append(LedgerRow("task", str(number), m.id, n.label, task_units, m.due, m.state,
                                  st.milestone_light(m.state), m.done_on if st.is_done(m.state) else None,
                                  m.done_note))
            continue
        rollup = _rollup([m.state for m in own])
        done_dates = [m.done_on for m in own if st.is_done(m.state) and m.done_on]
        all_done = rollup.done == rollup.total
        rows.append(LedgerRow("task", str(number), n.id, n.label, task_units, max(m.due for m in own),
                              f"light_{rollup.light}", rollup.light, max(done_dates) if all_done else None, None,
                              (rollup.done, rollup.total)))
        for k, m in enumerate(own, 1):
            rows.append(LedgerRow("milestone", f"{number}.{k}", m.id, m.title, task_units, m.due, m.state,
                                  st.milestone_light(m.state), m.done_on if st.is_done(m.state) else None,
                                  m.done_note))
    return rows


def report_year(plan: q.Plan, today: date) -> int:
    """The indicator year a status shows: this year, kept inside the plan's period."""
    return min(max(today.year, plan.start_year), plan.end_year)


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
        chapters.append(ChapterRow(node.id, node.depth, node.label, rollup, rollup))
    fetch = LIST_LIMIT + 1  # one more than shown tells whether there are more

    def section(key: str, columns: tuple[str, ...], states: tuple[str, ...], total: int | None,
                params: dict[str, Any], **filters: Any) -> Section:
        found = q.milestones_in_state(conn, plan.id, today, states, soon_days, limit=fetch, **filters)
        items = [_item(m, today) for m in found[:LIST_LIMIT]]
        if total is None and len(found) <= LIST_LIMIT:
            total = len(found)
        return Section(key, columns, items, total, params)

    year_end = date(today.year, 12, 31)
    later = q.count_in_state(conn, plan.id, today, (st.OPEN,), soon_days, due_until=year_end)
    sections = [
        section("overdue", STATUS_COLUMNS, (st.OVERDUE,), total.counts[st.OVERDUE], {}),
        section("due_soon", STATUS_COLUMNS, (st.DUE_SOON,), total.counts[st.DUE_SOON], {"days": soon_days}),
        section("due_later", STATUS_COLUMNS, (st.OPEN,), later, {"year": today.year}, due_until=year_end),
        section("recently_done", DONE_COLUMNS, (st.DONE, st.DONE_LATE), None, {"days": RECENT_DAYS},
                done_since=today - timedelta(days=RECENT_DAYS), newest_done_first=True),
    ]
    year = report_year(plan, today)
    report = Report(STATUS, plan, today, soon_days, None, None, year, total, total, chapters,
                    _indicator_rows(plan, q.indicators(conn, plan.id), year, today), sections)
    from store.report_progress import with_progress

    return with_progress(conn, report, tuple(range(depth + 1)), unit)


# --- plain data out -------------------------------------------------------------------------


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def rollup_dict(rollup: st.Rollup) -> dict[str, Any]:
    return {"light": rollup.light, "total": rollup.total, "done": rollup.done,
            "share_done": round(rollup.share_done, 4), "counts": dict(rollup.counts)}


def _period_dict(period: Period | None) -> dict[str, Any] | None:
    if period is None:
        return None
    return {"kind": period.kind, "start": period.start.isoformat(), "end": period.end.isoformat(),
            "label": period.label}


def item_dict(it: Item) -> dict[str, Any]:
    return {"id": it.id, "title": it.title, "task": it.task or None, "chapter": it.chapter or None,
            "units": it.units, "due": it.due.isoformat(), "due_phrase": it.due_phrase, "start": _iso(it.start),
            "done_on": _iso(it.done_on), "note": it.note, "status": it.state, "light": it.light,
            "days_late": it.days_late, "carried": it.carried, "implicit": it.implicit}


def report_dict(report: Report) -> dict[str, Any]:
    """The report as JSON-ready data (``--format json``); keys only get added, never renamed."""
    plan = report.plan
    data: dict[str, Any] = {
        "plandesk_report": REPORT_VERSION,
        "kind": report.kind,
        "as_of": report.as_of.isoformat(),
        "due_soon_days": report.soon_days,
        "plan": {"id": plan.id, "region": plan.region, "bureau": plan.bureau, "title": plan.title,
                 "doc_number": plan.doc_number, "period": {"start": plan.start_year, "end": plan.end_year}},
        "period": _period_dict(report.period),
        "next_period": _period_dict(report.next),
        "indicator_year": report.indicator_year,
        "headline": rollup_dict(report.headline),
        "plan_total": rollup_dict(report.plan_total),
        "chapters": [{"id": c.id, "depth": c.depth, "label": c.label, "status": rollup_dict(c.counts),
                      "plan_status": rollup_dict(c.plan)} for c in report.chapters],
        "indicators": [{
            "id": r.id, "number": r.number, "category": r.category, "name": r.name, "unit": r.unit,
            "attribute": r.attribute, "binding": r.binding, "better": r.better, "measure": r.measure,
            "baseline": {"year": r.baseline_year, "value": r.baseline}, "year": r.year, "target": r.target,
            "actual": r.actual, "status": r.status, "light": r.light, "gap": r.gap, "conflict": r.conflict,
            "actual_note": r.actual_note,
            "years": [{"year": y.year, "target": y.target, "actual": y.actual, "status": y.status,
                       "light": y.light, "conflict": y.conflict} for y in r.years],
        } for r in report.indicators],
        "sections": [{"key": s.key, "params": s.params, "total": s.total,
                      "items": [item_dict(it) for it in s.items]} for s in report.sections],
    }
    if report.progress is not None:
        from store.report_progress import progress_dict

        data["progress"] = progress_dict(report.progress)
    if report.ledger is not None:
        data["ledger"] = [{"kind": r.kind, "number": r.number, "id": r.id, "title": r.title, "units": r.units,
                           "due": _iso(r.due), "status": r.state, "light": r.light, "done_on": _iso(r.done_on),
                           "note": r.note, "progress": list(r.progress) if r.progress else None}
                          for r in report.ledger]
    return data
