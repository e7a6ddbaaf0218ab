"""Reporting periods: a month ``2023-05``, a quarter ``2023Q2``, a half year ``2023H1``, a year ``2023``.

Units report per period (月报 / 季报 / 半年报 / 年报); the plan's reporting cycle says which kind
it uses. A period is written in one canonical form everywhere (the database, the command line,
export), and the forms a clerk types in Chinese are read too: 2023年5月, 2023年第二季度,
2023年二季度, 2023年上半年, 2023年. Pure functions, no database, no clock.
"""
from __future__ import annotations

import calendar
import re
from datetime import date
from typing import NamedTuple

from store.errors import BadInput

MONTH = "month"
QUARTER = "quarter"
HALF = "half"
YEAR = "year"
CYCLES = (MONTH, QUARTER, HALF, YEAR)
DEFAULT_CYCLE = QUARTER
# points behind the time-elapsed share that make a light yellow / red (store.lights), unless the
# plan sets its own: here, with the cycle, so that progress and lights both read them without
# importing each other
DEFAULT_YELLOW_LAG = 10.0
DEFAULT_RED_LAG = 30.0

_CN_NUMBERS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
               "十一": 11, "十二": 12}
_CN_ORDINALS = {n: cn for cn, n in _CN_NUMBERS.items()}


class _Form(NamedTuple):
    """How long a period of one cycle is, and how it is written (str.format over year, n, cn, half)."""

    months: int
    key: str  # canonical
    zh: str  # as a Chinese document names it


_WRITTEN = {
    MONTH: _Form(1, "{year}-{n:02d}", "{year}年{n}月"),
    QUARTER: _Form(3, "{year}Q{n}", "{year}年第{cn}季度"),
    HALF: _Form(6, "{year}H{n}", "{year}年{half}半年"),
    YEAR: _Form(12, "{year}", "{year}年"),
}


class Period(NamedTuple):
    """One reporting period: its kind, year and number inside the year (month 1-12, quarter 1-4,
    half 1-2; 1 for a year)."""

    cycle: str
    year: int
    number: int

    def _written(self, form: str) -> str:
        half = "上" if self.number == 1 else "下"
        return form.format(year=self.year, n=self.number, cn=_CN_ORDINALS[self.number], half=half)

    @property
    def key(self) -> str:
        """The canonical text: 2023-05, 2023Q2, 2023H1, 2023."""
        return self._written(_WRITTEN[self.cycle].key)

    @property
    def months(self) -> int:
        return _WRITTEN[self.cycle].months

    @property
    def start(self) -> date:
        return date(self.year, (self.number - 1) * self.months + 1, 1)

    @property
    def end(self) -> date:
        month = self.number * self.months
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    def label_zh(self) -> str:
        """How a Chinese document names the period: 2023年第二季度, 2023年上半年, 2023年5月, 2023年."""
        return self._written(_WRITTEN[self.cycle].zh)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def __str__(self) -> str:
        return self.key


_FORMS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(\d{4})-(\d{1,2})$"), MONTH),
    (re.compile(r"^(\d{4})年(\d{1,2})月(?:份)?$"), MONTH),
    (re.compile(r"^(\d{4})[Qq]([1-4])$"), QUARTER),
    (re.compile(r"^(\d{4})年第?([一二三四1-4])季度?$"), QUARTER),
    (re.compile(r"^(\d{4})[Hh]([12])$"), HALF),
    (re.compile(r"^(\d{4})年([上下])半年$"), HALF),
    (re.compile(r"^(\d{4})年?$"), YEAR),
]


def parse(text: str) -> Period:
    """A period from what a clerk typed (canonical or Chinese form); BadInput if it is not one."""
    cleaned = re.sub(r"\s+", "", str(text)).replace("－", "-")
    for pattern, cycle in _FORMS:
        match = pattern.match(cleaned)
        if not match:
            continue
        year = int(match.group(1))
        number = 1
        if cycle != YEAR:
            raw = match.group(2)
            number = {"上": 1, "下": 2}.get(raw) or _CN_NUMBERS.get(raw) or int(raw)
        limit = {MONTH: 12, QUARTER: 4, HALF: 2, YEAR: 1}[cycle]
        if not 1 <= number <= limit or not 1900 < year < 2200:
            break
        return Period(cycle, year, number)
    raise BadInput("err_not_a_period", text=text)


def containing(day: date, cycle: str = DEFAULT_CYCLE) -> Period:
    """The period of kind ``cycle`` that ``day`` falls in."""
    if cycle == MONTH:
        return Period(MONTH, day.year, day.month)
    if cycle == QUARTER:
        return Period(QUARTER, day.year, (day.month - 1) // 3 + 1)
    if cycle == HALF:
        return Period(HALF, day.year, 1 if day.month <= 6 else 2)
    if cycle == YEAR:
        return Period(YEAR, day.year, 1)
    raise BadInput("err_not_a_cycle", text=cycle, cycles=", ".join(CYCLES))


def previous(period: Period) -> Period:
    """The period of the same kind just before (2023Q1 before 2023Q2, 2022Q4 before 2023Q1)."""
    if period.number > 1:
        return Period(period.cycle, period.year, period.number - 1)
    last = {MONTH: 12, QUARTER: 4, HALF: 2, YEAR: 1}[period.cycle]
    return Period(period.cycle, period.year - 1, last)


def last_finished(day: date, cycle: str = DEFAULT_CYCLE) -> Period:
    """The latest period that has ended by ``day`` (whose reports are due): on 2023-07-10 in a
    quarterly cycle, 2023Q2; on 2023-06-30 still 2023Q1 (Q2 ends that evening)."""
    current = containing(day, cycle)
    return current if current.end < day else previous(current)


def check_in_plan(period: Period, start_year: int, end_year: int) -> None:
    """A report must be about a period inside the plan's years."""
    if period.end.year < start_year or period.start.year > end_year:
        span = str(start_year) if start_year == end_year else f"{start_year}-{end_year}"
        raise BadInput("err_period_outside", period=period.key, span=span)


def expand(start: date, due: date, every: str) -> list[tuple[Period, date, date]]:
    """The occurrences of a recurring item from ``start`` to ``due``: (period, its start, its due),
    each clipped to the span (a yearly item due 2025-06-30 has its last occurrence due then)."""
    if every not in (YEAR, QUARTER):
        raise BadInput("err_every", text=every)
    result: list[tuple[Period, date, date]] = []
    period = containing(start, every)
    while period.start <= due:
        result.append((period, max(period.start, start), min(period.end, due)))
        period = Period(every, period.year + 1, 1) if period.number == (4 if every == QUARTER else 1) \
            else Period(every, period.year, period.number + 1)
    return result


def occurrence_suffix(period: Period) -> tuple[str, str]:
    """(id suffix, title suffix) of a recurring item's occurrence: ``.y2023`` （2023年）,
    ``.2023q2`` （2023年第二季度）."""
    if period.cycle == YEAR:
        return f".y{period.year}", f"（{period.year}年）"
    return f".{period.year}q{period.number}", f"（{period.label_zh()}）"
