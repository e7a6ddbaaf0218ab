"""The report model: plain typed records, numbers as numbers, dates as dates.

Nothing here formats: no catalog key, no column list, no printed "6/12". Renderers in
``tui/reports`` decide how each field looks in their format. Long lists (a period's milestones,
the ledger) are ``Listing``s: re-iterable views that read the database row by row when a
renderer walks them, so a 50,000-node plan is never held in memory at once.

The progress reports fill each task's latest state and 进展情况, the lagging tasks' 存在问题
and 下步措施, and the units that did not report (``store.report.progress_fill``); a task nobody
reported on keeps ``None``, which renderers show as a "to be written" placeholder.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from store import queries as q
from store import status as st
from store.pace import Pace, Value
from store.records import IndicatorHeading, Labelled

if TYPE_CHECKING:
    from store.report.item_columns import ItemColumns
    from store.report.one_pass import SharedLists

# what store.report re-exports
__all__ = [
    "ANNUAL", "CARRIED", "DUE_IN_PERIOD", "DUE_LATER", "DUE_SOON", "FINAL", "MIDTERM", "NEXT_PERIOD",
    "OVERDUE", "RECENTLY_DONE", "REST", "STATUS", "ChapterRow", "IndicatorRow", "IndicatorYear", "Item",
    "Ledger", "LedgerRow", "Listing", "Period", "Report", "TaskGroup", "TaskProgress", "TaskReport",
]

ANNUAL = "annual"
MIDTERM = "midterm"
FINAL = "final"
STATUS = "status"
REST = "rest"  # the years after a mid-term period: what is "next" for a mid-term report

# the lists of a report and of a status printout, in their order
DUE_IN_PERIOD, CARRIED, NEXT_PERIOD = "due_in_period", "carried", "next_period"
OVERDUE, DUE_SOON, DUE_LATER, RECENTLY_DONE = "overdue", "due_soon", "due_later", "recently_done"


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
    def years(self) -> range:
        return range(self.start_year, self.end_year + 1)

    @property
    def label(self) -> str:
        """``2023`` or ``2021-2023``: a period's name in every language."""
        return str(self.start_year) if self.start_year == self.end_year else f"{self.start_year}-{self.end_year}"

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


class Item(NamedTuple):
    """One milestone in a list, with what became of it as of the report's date.

    A named tuple: a 50,000-node plan streams tens of thousands of these.
    """

    id: str
    title: str
    due: date
    due_phrase: str | None
    start: date | None
    done_on: date | None  # only when the tick counts as of the report's date
    note: str | None  # the tick's note, likewise only when the tick counts
    state: str
    days_late: int  # as-of date minus due date: positive when past due
    implicit: bool
    node_id: str
    task: str  # the task's label (number and title)
    chapter: str  # the chapter's number (or title when it has none)
    chapter_id: str
    units: tuple[str, ...]  # the responsible units, inherited from the nearest ancestor that names them
    carried: bool  # due before the period began (arrears carried into it)

    @property
    def light(self) -> str:
        return MILESTONE_LIGHTS.get(self.state, "green")  # status.milestone_light, without a call per item


MILESTONE_LIGHTS = {state: st.milestone_light(state) for state in st.MILESTONE_STATES}  # the rule, looked up


@dataclass
class Listing:
    """A list of milestones: ``total`` of them in all, read afresh each time it is iterated.

    ``total`` is None when only "more than shown" is known (the status's recently-done list).
    ``shown`` is how many the iteration yields when the list is cut short (the status lists).
    """

    key: str
    total: int | None
    rows: Callable[[int | None], Iterator[Item]]  # the first n (None: all), read afresh each call
    shown: int | None = None
    period: Period | None = None  # the period the list is about (None: no next period)
    days: int | None = None  # the window of "due soon" / "recently done"
    year: int | None = None  # "due later in <year>"
    # the same rows with each item's ``task`` left empty, cheaper to read (None: ``rows`` itself)
    untasked: Callable[[int | None], Iterator[Item]] | None = None
    # the whole list as one JSON object per item, chunks of lines written by SQLite
    # (``store.report.json_rows``); the argument writes an item SQLite could not (None: the json
    # renderer writes every item)
    json_chunks: Callable[[Callable[[Item], str]], Iterator[list[str]]] | None = None
    # the report's lists that one query reads together, this one among them (``store.report.one_pass``)
    shared: SharedLists | None = None
    # the whole list, ``n`` items at a time as columns (``store.report.item_columns``; None: read ``untasked``)
    columns: Callable[[int], Iterator[ItemColumns]] | None = None

    def __iter__(self) -> Iterator[Item]:
        return self.rows(None)

    def head(self, n: int | None) -> Iterator[Item]:
        """The first ``n`` items only, without reading the rest."""
        return self.rows(n)

    def without_task(self, n: int | None = None) -> Iterator[Item]:
        """The first ``n`` items (None: all), their ``task`` possibly empty: for a renderer that
        never shows it (a list's table), which spares a whole list's lookup of every item's node."""
        return (self.untasked or self.rows)(n)

    @property
    def count_shown(self) -> int:
        return self.total if self.shown is None and self.total is not None else (self.shown or 0)

    @property
    def hidden(self) -> int | None:
        """How many are not shown; None when the rest is not counted."""
        if self.total is None:
            return None
        return self.total - self.count_shown


@dataclass
class ChapterRow(Labelled):
    id: str
    depth: int
    kind: str
    number: str | None
    title: str
    counts: st.Rollup  # the milestones counted by the report (a period's, or all for status)
    plan: st.Rollup  # all the node's milestones as of the as-of date


@dataclass
class IndicatorYear:
    year: int
    target: Value | None
    actual: float | None
    status: str
    light: str | None
    conflict: dict[str, str] | None


@dataclass
class IndicatorRow(IndicatorHeading):
    baseline: Value | None
    year: int  # the year the annual columns are about
    target: Value | None
    actual: float | None
    status: str
    light: str | None
    gap: float | None  # actual minus target (the sign reads with ``better``)
    conflict: dict[str, str] | None
    actual_note: str | None
    years: list[IndicatorYear]
    note: str | None
    pace: Pace | None = None  # mid-term and final reports only


class LedgerRow(NamedTuple):
    """A row of the ledger (台账): a chapter heading, a task, or a milestone under its task."""

    kind: str  # "chapter" | "task" | "milestone"
    task_no: int | None  # 1, 2, ... for tasks and their milestones
    milestone_no: int | None  # 1, 2, ... for a milestone under a task with several
    id: str
    title: str
    units: tuple[str, ...]
    due: date | None
    state: str | None  # a milestone's state; None for a chapter or a task with several milestones
    light: str | None
    done_on: date | None
    note: str | None
    progress: tuple[int, int] | None = None  # done, total of a task with several milestones


@dataclass
class Ledger:
    """Every task and milestone in document order, read as it is written out."""

    rows: Callable[[], Iterator[LedgerRow]]

    def __iter__(self) -> Iterator[LedgerRow]:
        return self.rows()


@dataclass
class TaskProgress(Labelled):
    """A task as the evaluation narrates it; the progress-report fields stay None until reported."""

    id: str
    number: str | None
    title: str
    kind: str
    units: tuple[str, ...]
    milestones: list[Item]
    counts: st.Rollup
    latest_state: str | None = None  # from the progress reports (store.progress states)
    progress: str | None = None  # 进展情况
    problems: str | None = None  # 存在问题
    next_steps: str | None = None  # 下步措施


class TaskReport(NamedTuple):
    """A task's report that counts in the report's period: what the unit said, as entered."""

    node_id: str
    chapter_id: str
    chapter: str  # the chapter's label
    task: str  # the task's label (number and title)
    title: str  # the task's title alone (what a sentence names)
    units: tuple[str, ...]  # lead units
    state: str  # store.progress: not_started | on_track | behind | done
    percent: float | None
    note: str | None  # 进展情况
    problem: str | None  # 存在问题
    next_step: str | None  # 下步措施
    period: str  # the reporting period it is about (2023Q2)
    reported_on: date


@dataclass
class TaskGroup(Labelled):
    """A chapter (or an annex) with the tasks the evaluation names under it."""

    id: str
    number: str | None
    title: str
    kind: str
    counts: st.Rollup  # the period's milestones under it
    lagging: list[TaskProgress]  # tasks with an overdue milestone (at most ``GROUP_LIMIT``)
    lagging_total: int
    tasks: list[TaskProgress] = field(default_factory=list)  # projects and annex tasks: every one, with milestones


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
    sections: list[Listing]
    ledger: Ledger | None = None
    groups: list[TaskGroup] = field(default_factory=list)  # chapters, projects, annex tasks (evaluations)
    units_not_reported: list[str] | None = None  # lead units owing a report for ``reporting_period``
    task_reports: list[TaskReport] | None = None  # each reported task's latest report, in plan order
    reporting_period: str | None = None  # the last reporting period finished by the period's end
    progress: Any = None  # status: store.progress_views.ProgressStatus (lights, 序时, lagging)

    @property
    def lagging_reports(self) -> list[TaskReport]:
        """The tasks whose latest report says 滞后 (behind)."""
        return [r for r in self.task_reports or [] if r.state == "behind"]

    def section(self, key: str) -> Listing | None:
        return next((s for s in self.sections if s.key == key), None)

    @property
    def elapsed(self) -> float | None:
        """Share of the plan's time gone by at the end of the period (a mid-term: 3/5)."""
        if self.period is None:
            return None
        years = self.plan.end_year - self.plan.start_year + 1
        return (self.period.end_year - self.plan.start_year + 1) / years
