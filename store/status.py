"""Status rules: computed from dates and "today", never stored (taskwarrior's virtual states).

A milestone is done (on time or late), overdue, due soon (within a window) or open. A node's
roll-up counts the milestones of its subtree. An indicator is met / not met / without value
for a year, reading the target's comparator and the indicator's direction of better.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Protocol

DONE = "done"
DONE_LATE = "done_late"
OVERDUE = "overdue"
DUE_SOON = "due_soon"
OPEN = "open"
MILESTONE_STATES = (DONE, DONE_LATE, OVERDUE, DUE_SOON, OPEN)

DEFAULT_SOON_DAYS = 30

MET = "met"
NOT_MET = "not_met"
NO_VALUE = "no_value"
MISSING = "missing"  # a binding indicator with no value after its year has ended
NO_TARGET = "no_target"


def milestone_status(due: date, done_on: date | None, today: date,
                     soon_days: int = DEFAULT_SOON_DAYS) -> str:
    """The state of one milestone as of ``today``; a tick dated after today does not count yet."""
    if done_on is not None and done_on <= today:
        return DONE if done_on <= due else DONE_LATE
    if due < today:
        return OVERDUE
    if due <= today + timedelta(days=soon_days):
        return DUE_SOON
    return OPEN


def sql_state(today: date, soon_days: int = DEFAULT_SOON_DAYS,
              due: str = "due", done_on: str = "done_on") -> tuple[str, tuple[str, ...]]:
    """The same rule as ``milestone_status`` as an SQL expression over ISO date columns.

    Large plans are classified inside SQLite instead of row by row in Python; a property
    test holds the two forms to the same answers.
    """
    soon = (today + timedelta(days=soon_days)).isoformat()
    now = today.isoformat()
    expression = (f"CASE WHEN {done_on} IS NOT NULL AND {done_on} <= ? THEN "
                  f"(CASE WHEN {done_on} <= {due} THEN '{DONE}' ELSE '{DONE_LATE}' END) "
                  f"WHEN {due} < ? THEN '{OVERDUE}' WHEN {due} <= ? THEN '{DUE_SOON}' ELSE '{OPEN}' END")
    return expression, (now, now, soon)


def is_done(state: str) -> bool:
    return state in (DONE, DONE_LATE)


@dataclass
class Rollup:
    """Counts of milestone states under a node or a plan."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(MILESTONE_STATES, 0))

    def add(self, state: str, n: int = 1) -> None:
        self.counts[state] += n

    def merge(self, other: Rollup) -> None:
        for key, n in other.counts.items():
            self.counts[key] += n

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def done(self) -> int:
        return self.counts[DONE] + self.counts[DONE_LATE]

    @property
    def share_done(self) -> float:
        return self.done / self.total if self.total else 0.0

    @property
    def light(self) -> str:
        """Traffic light of the ledger: red overdue, yellow due soon, green otherwise."""
        if self.counts[OVERDUE]:
            return "red"
        if self.counts[DUE_SOON]:
            return "yellow"
        if self.total and self.done == self.total:
            return "done"
        return "green"


def rollup_tree(parents: Mapping[str, str | None],
                states: Iterable[tuple[str, str] | tuple[str, str, int]]) -> dict[str, Rollup]:
    """Roll milestone states ``(node id, state[, count])`` up to every ancestor."""
    rollups: dict[str, Rollup] = {}
    for item in states:
        node_id, state = item[0], item[1]
        n = item[2] if len(item) > 2 else 1
        current: str | None = node_id
        while current is not None:
            rollup = rollups.get(current)
            if rollup is None:
                rollup = rollups[current] = Rollup()
            rollup.counts[state] += n
            current = parents.get(current)
    return rollups


def indicator_status(target_number: float | None, comparator: str | None, better: str,
                     actual: float | None, year: int, today: date, binding: bool) -> str:
    """Met / not met for one year; a missing value of a binding indicator after its year is flagged."""
    if target_number is None:
        return NO_TARGET
    if actual is None:
        return MISSING if binding and today > date(year, 12, 31) else NO_VALUE
    if comparator == ">":
        ok = actual > target_number
    elif comparator == "≥":
        ok = actual >= target_number
    elif comparator == "<":
        ok = actual < target_number
    elif comparator == "≤" or better == "lower":
        ok = actual <= target_number
    else:
        ok = actual >= target_number
    return MET if ok else NOT_MET


def milestone_light(state: str) -> str:
    """The ledger's traffic light of one milestone: the same rule as ``Rollup.light`` for one item."""
    return {OVERDUE: "red", DUE_SOON: "yellow", DONE: "done", DONE_LATE: "done"}.get(state, "green")


def indicator_light(state: str, year: int, today: date) -> str | None:
    """Traffic light of one indicator year: green met, red not met or missing (binding), yellow a year
    under way or past with no value yet; no light for a future year or a year without a target."""
    if state == MET:
        return "green"
    if state in (NOT_MET, MISSING):
        return "red"
    if state == NO_VALUE and year <= today.year:
        return "yellow"
    return None


def days_late(due: date, today: date) -> int:
    """Days from the due date to ``today``: positive when past due, zero or less when not yet due."""
    return (today - due).days


class _IndicatorYears(Protocol):
    @property
    def baseline_year(self) -> int: ...

    @property
    def actuals(self) -> Mapping[int, float]: ...

    @property
    def target_years(self) -> list[int]: ...


def indicator_years(start_year: int, end_year: int, indicators: Iterable[_IndicatorYears]) -> list[int]:
    """The years an indicator table (or one indicator's chart) shows: the plan's years and every
    year with a target or a recorded value, after the baseline year (the earliest one of several)."""
    inds = list(indicators)
    years = set(range(start_year, end_year + 1))
    for ind in inds:
        years |= set(ind.target_years) | set(ind.actuals)
    if inds:
        baseline = min(ind.baseline_year for ind in inds)
        years = {y for y in years if y > baseline}
    return sorted(years)


def default_indicator_year(start_year: int, end_year: int, today: date) -> int:
    """The indicator year shown first: this year, kept inside the plan's period."""
    return min(max(today.year, start_year), end_year)
