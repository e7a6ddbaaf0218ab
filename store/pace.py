"""Indicators judged by pace: where the latest value stands against the end target and the path to it.

The rule (the README's "Indicators judged by pace" says the same in prose):

1. The scale. A ``total`` indicator is judged on its values as recorded. An ``increment``
   indicator (新增..., a yearly amount) is judged on cumulative figures: the target is the sum of
   the yearly targets after the baseline year (``-`` counts as 0), the value the sum of the values
   recorded for those years (a year without a value counts as 0 and is named in ``gaps``). A
   total whose year-by-year row is printed as increments (Wulong 地理标志总量) gets its yearly
   targets derived as baseline + running sum (marked ``derived``).
2. The end target ``T`` is the target of the last year that has a number (the plan's end year
   as a rule). Its comparator (``>98``, ``≤0.09``) decides both "reached" and the direction of
   better; without one, the indicator's ``better`` does.
3. The latest value ``v`` is the value of the latest year ``y`` up to the evaluated year (the
   period's last year) that was recorded; values of later years are not part of the report.
4. Ratings, first match wins:
   - no ``T``: ``unrated``; no ``v``: ``no_value``;
   - ``v`` reaches ``T``: ``achieved`` when ``y`` is the end year, else ``ahead_done`` (提前实现);
   - ``y`` is the end year and ``v`` misses ``T``: ``missed``;
   - the straight-line path runs from the baseline ``(y0, b)`` (without a baseline number: the
     earliest recorded value before ``y``) to ``(E, T)``. ``progress = (v - b) / (T - b)``, the
     share of the way covered; ``elapsed = (y - y0) / (E - y0)``, the share of the time gone.
     ``progress > elapsed + 0.1``: ``faster`` (快于预期); within ±0.1: ``on_pace`` (符合预期);
   - below ``elapsed - 0.1``, or without a path (no start, or a level to hold that ``b``
     already met or equals ``T``) and not reaching ``T``: behind. Then the recent pace (the
     change per year from the previous recorded value, or from the path's start) is carried on
     to the end year: if that ``projected`` value still misses ``T``, or the value moves the
     wrong way, ``at_risk`` (难以完成); else ``behind`` (滞后).
5. ``warning`` for every binding (约束性) indicator rated behind, at risk, missed or without a value.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from store import queries as q
from store.values import format_number

AHEAD_DONE = "ahead_done"  # 提前实现
ACHIEVED = "achieved"  # 已实现 (judged in the end year)
FASTER = "faster"  # 快于预期
ON_PACE = "on_pace"  # 符合预期
BEHIND = "behind"  # 滞后
AT_RISK = "at_risk"  # 难以完成
MISSED = "missed"  # 未实现 (judged in the end year)
NO_VALUE = "no_value"
UNRATED = "unrated"  # no numeric end target
RATINGS = (AHEAD_DONE, ACHIEVED, FASTER, ON_PACE, BEHIND, AT_RISK, MISSED, NO_VALUE, UNRATED)
WARN = (BEHIND, AT_RISK, MISSED, NO_VALUE)
TOLERANCE = 0.1  # of the way from start to target: the band of "on pace"


class Value(NamedTuple):
    """A target or baseline: the text as printed, and what it means as a number."""

    printed: str
    number: float | None
    comparator: str | None
    derived: bool = False  # worked out from yearly increments, not printed for this year


@dataclass
class Pace:
    """How an indicator stands against its end target (``store.pace`` decides)."""

    rating: str  # store.pace.AHEAD_DONE | ACHIEVED | FASTER | ON_PACE | BEHIND | AT_RISK | MISSED | NO_VALUE | UNRATED
    end_year: int
    end_target: Value | None
    latest_year: int | None = None
    latest: float | None = None  # the latest recorded value (cumulative where the plan gives increments)
    start_year: int | None = None  # where the straight-line path starts
    start: float | None = None
    expected: float | None = None  # the path's value in the latest year
    progress: float | None = None  # share of the way from start to target covered (1.0 = reached)
    elapsed: float | None = None  # share of the time from start to end year gone by
    projected: float | None = None  # the end-year value at the recent pace
    cumulative: bool = False  # latest / target are sums of yearly increments
    gaps: tuple[int, ...] = ()  # years without a value, counted as 0 in a cumulative figure
    warning: bool = False  # a binding indicator behind, at risk, missed or without a value


def visible_actuals(ind: q.Indicator, as_of: date) -> dict[int, float]:
    """The values a report as of ``as_of`` may show: none for a year that has not begun."""
    return {year: value for year, value in ind.actuals.items() if year <= as_of.year}


def direction(ind: q.Indicator, comparator: str | None) -> int:
    """+1 when higher is better, -1 when lower is; a target's comparator decides first."""
    if comparator in (">", "≥"):
        return 1
    if comparator in ("<", "≤"):
        return -1
    return -1 if ind.better == "lower" else 1


def reaches(value: float, target: Value, sign: int) -> bool:
    """Does ``value`` meet ``target`` (its comparator, else the direction of better)?"""
    assert target.number is not None
    if target.comparator == ">":
        return value > target.number
    if target.comparator == "<":
        return value < target.number
    return value * sign >= target.number * sign


def level_targets(ind: q.Indicator) -> dict[int, Value]:
    """Each year's target on the indicator's judged scale (see rule 1), derived ones marked."""
    printed = {c.year: Value(c.printed, c.number, c.comparator) for c in ind.cells if c.effective}
    if ind.measure == "increment":
        result: dict[int, Value] = {}
        running = 0.0
        for year in sorted(y for y in printed if y > ind.baseline_year):
            running += printed[year].number or 0.0
            result[year] = Value(printed[year].printed, running if _has_number(printed, year) else None,
                                 printed[year].comparator, derived=True)
        return result
    result = {y: v for y, v in printed.items() if y > ind.baseline_year}
    base = printed.get(ind.baseline_year)
    steps = {c.year: c.number for c in ind.cells if c.basis == "increment" and c.year > ind.baseline_year}
    if base is not None and base.number is not None and steps:
        running = base.number
        for year in sorted(steps):
            running += steps[year] or 0.0
            if year not in result or result[year].number is None:
                result[year] = Value(format_number(running), running, None, derived=True)
    return result


def _has_number(printed: dict[int, Value], upto: int) -> bool:
    return any(v.number is not None for y, v in printed.items() if y <= upto)


def level_values(ind: q.Indicator, actuals: dict[int, float]) -> tuple[dict[int, float], dict[int, tuple[int, ...]]]:
    """Each recorded year's value on the judged scale, and for cumulative ones the years counted as 0."""
    if ind.measure != "increment":
        return dict(actuals), {}
    result: dict[int, float] = {}
    gaps: dict[int, tuple[int, ...]] = {}
    for year in sorted(y for y in actuals if y > ind.baseline_year):
        span = range(ind.baseline_year + 1, year + 1)
        result[year] = sum(actuals.get(y, 0.0) for y in span)
        gaps[year] = tuple(y for y in span if y not in actuals)
    return result, gaps


def judge(ind: q.Indicator, actuals: dict[int, float], evaluated_year: int) -> Pace:
    """The pace rating of ``ind`` from its values up to ``evaluated_year`` (rule in the module doc)."""
    targets = level_targets(ind)
    numbered = [y for y, v in targets.items() if v.number is not None]
    if not numbered:
        return Pace(UNRATED, max(targets, default=evaluated_year), None)
    end_year = max(numbered)
    target = targets[end_year]
    cumulative = ind.measure == "increment"
    values, gaps = level_values(ind, actuals)
    years = sorted(y for y in values if y <= evaluated_year)
    pace = Pace(NO_VALUE, end_year, target, cumulative=cumulative)
    if not years:
        pace.warning = ind.binding
        return pace
    year = years[-1]
    value = values[year]
    pace.latest_year, pace.latest = year, value
    pace.gaps = gaps.get(year, ())
    sign = direction(ind, target.comparator)
    assert target.number is not None
    if reaches(value, target, sign):
        pace.rating = ACHIEVED if year >= end_year else AHEAD_DONE
        return _finish(ind, pace)
    if year >= end_year:
        pace.rating = MISSED
        return _finish(ind, pace)
    start = _path_start(ind, values, year)
    previous = next((values[y] for y in reversed(years[:-1])), None)
    previous_year = next((y for y in reversed(years[:-1])), None)
    if start is not None:
        pace.start_year, pace.start = start
        pace.elapsed = (year - start[0]) / (end_year - start[0])
        way = target.number - start[1]
        if way * sign > 0:  # the target lies ahead of the start: a path to follow
            pace.progress = (value - start[1]) / way
            pace.expected = start[1] + way * pace.elapsed
            if pace.progress > pace.elapsed + TOLERANCE:
                pace.rating = FASTER
                return _finish(ind, pace)
            if pace.progress >= pace.elapsed - TOLERANCE:
                pace.rating = ON_PACE
                return _finish(ind, pace)
        if previous is None:
            previous, previous_year = start[1], start[0]
    pace.rating = BEHIND
    if previous is not None and previous_year is not None and previous_year < year:
        rate = (value - previous) / (year - previous_year)
        pace.projected = value + rate * (end_year - year)
        if rate * sign < 0 or not reaches(pace.projected, target, sign):
            pace.rating = AT_RISK
    return _finish(ind, pace)


def _path_start(ind: q.Indicator, values: dict[int, float], year: int) -> tuple[int, float] | None:
    """Where the straight line begins: the baseline, else the earliest value recorded before ``year``."""
    if ind.measure == "increment":
        return ind.baseline_year, 0.0
    base = next((c for c in ind.cells if c.effective and c.year == ind.baseline_year), None)
    if base is not None and base.number is not None and base.comparator is None:
        return ind.baseline_year, base.number
    earlier = sorted(y for y in values if y < year)
    return (earlier[0], values[earlier[0]]) if earlier else None


def _finish(ind: q.Indicator, pace: Pace) -> Pace:
    pace.warning = ind.binding and pace.rating in WARN
    return pace
