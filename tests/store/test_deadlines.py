"""Deadline phrases as printed in the plans become the dates a clerk expects."""
from __future__ import annotations

import calendar
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as s

from store.deadlines import DeadlineError, parse_deadline

CASES = [
    ("到2025年", 2023, None, date(2025, 12, 31)),
    ("2025年底", 2023, None, date(2025, 12, 31)),
    ("到2025年底", 2023, None, date(2025, 12, 31)),
    ("2025年末", 2023, None, date(2025, 12, 31)),
    ("年内", 2023, None, date(2023, 12, 31)),
    ("年底", 2023, None, date(2023, 12, 31)),
    ("年底前", 2023, None, date(2023, 12, 31)),
    ("上半年", 2023, None, date(2023, 6, 30)),
    ("下半年", 2023, date(2023, 7, 1), date(2023, 12, 31)),
    ("一季度", 2023, None, date(2023, 3, 31)),
    ("第三季度", 2023, None, date(2023, 9, 30)),
    ("2022年6月底", 2025, None, date(2022, 6, 30)),
    ("2022年6月底前", 2025, None, date(2022, 6, 30)),
    ("2024年2月底", 2025, None, date(2024, 2, 29)),
    ("6月底", 2023, None, date(2023, 6, 30)),
    ("六月底", 2023, None, date(2023, 6, 30)),
    ("2024年6月30日", 2025, None, date(2024, 6, 30)),
    ("2023—2024", 2025, date(2023, 1, 1), date(2024, 12, 31)),
    ("2023-2024年", 2025, date(2023, 1, 1), date(2024, 12, 31)),
    ("2021—2025年", 2025, date(2021, 1, 1), date(2025, 12, 31)),
    ("2022年", 2025, None, date(2022, 12, 31)),
    ("2024-06-30", 2025, None, date(2024, 6, 30)),
    ("２０２４年６月底", 2025, None, date(2024, 6, 30)),  # full-width digits
    ("30 June 2024", 2025, None, date(2024, 6, 30)),  # through python-dateutil
]


@pytest.mark.parametrize(("phrase", "year", "start", "due"), CASES)
def test_phrases_become_dates(phrase: str, year: int, start: date | None, due: date) -> None:
    parsed = parse_deadline(phrase, year)
    assert parsed.due == due
    assert parsed.start == start


def test_a_date_object_is_its_own_deadline() -> None:
    assert parse_deadline(date(2024, 1, 2), 2025).due == date(2024, 1, 2)


@pytest.mark.parametrize("phrase", ["", "尽快", "20232024", "2024年13月底", "2025—2023", "2024-02-30", "明年"])
def test_garbage_is_refused_with_a_reason(phrase: str) -> None:
    with pytest.raises(DeadlineError):
        parse_deadline(phrase, 2023)


def test_start_reads_a_year_as_its_first_day() -> None:
    assert parse_deadline("2022年", 2025).as_start == date(2022, 1, 1)
    assert parse_deadline("2023—2024", 2025).as_start == date(2023, 1, 1)
    assert parse_deadline("一季度", 2023).as_start == date(2023, 1, 1)


@given(year=s.integers(1990, 2100), month=s.integers(1, 12))
def test_month_end_is_the_last_day_of_that_month(year: int, month: int) -> None:
    parsed = parse_deadline(f"{year}年{month}月底", 2000)
    assert parsed.due == date(year, month, calendar.monthrange(year, month)[1])


@given(first=s.integers(1990, 2100), length=s.integers(0, 10), dash=s.sampled_from(["—", "-", "–", "至"]))
def test_year_ranges_span_whole_years(first: int, length: int, dash: str) -> None:
    parsed = parse_deadline(f"{first}{dash}{first + length}年", 2000)
    assert parsed.start == date(first, 1, 1)
    assert parsed.due == date(first + length, 12, 31)


@given(day=s.dates(date(1950, 1, 1), date(2150, 12, 31)))
def test_iso_dates_round_trip(day: date) -> None:
    assert parse_deadline(day.isoformat(), 2000).due == day


@given(text=s.text(max_size=12))
def test_any_text_either_parses_or_raises_deadline_error(text: str) -> None:
    try:
        parsed = parse_deadline(text, 2023)
    except DeadlineError:
        return
    assert isinstance(parsed.due, date)
    assert parsed.start is None or parsed.start <= parsed.due
