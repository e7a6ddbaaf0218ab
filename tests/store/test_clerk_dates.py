"""One reader of the dates a clerk types: the forms, the as-of year, the limits; fuzzed."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.clerk_dates import (
    AFTER_AS_OF,
    FIRST_YEAR,
    LAST_YEAR,
    NOT_A_DATE,
    OUT_OF_RANGE,
    ClerkDateError,
    parse_clerk_date,
    parse_completion_date,
)

AS_OF = date(2023, 7, 15)  # the clock says something else: phrases must not follow it


@pytest.mark.parametrize(("typed", "day"), [
    ("2023-06-30", date(2023, 6, 30)), ("2023/06/30", date(2023, 6, 30)), ("2023.6.30", date(2023, 6, 30)),
    ("2023年6月30日", date(2023, 6, 30)), ("６月３０日", date(2023, 6, 30)), ("6月30日", date(2023, 6, 30)),
    ("11月底", date(2023, 11, 30)), ("年底", date(2023, 12, 31)), ("上半年", date(2023, 6, 30)),
    ("一季度", date(2023, 3, 31)), ("2022年6月底", date(2022, 6, 30)), (" 2023-6-3 ", date(2023, 6, 3)),
    ("今天", AS_OF),
])
def test_every_form_a_clerk_writes(typed: str, day: date) -> None:
    assert parse_clerk_date(typed, AS_OF) == day


def test_phrases_follow_the_as_of_year_not_the_clock() -> None:
    assert parse_clerk_date("年底", date(2021, 3, 1)) == date(2021, 12, 31)
    assert parse_clerk_date("6月30日", date(1999, 1, 1)) == date(1999, 6, 30)


@pytest.mark.parametrize(("typed", "reason"), [
    ("", NOT_A_DATE), ("下周吧", NOT_A_DATE), ("2023-02-30", NOT_A_DATE), ("2023—2024", NOT_A_DATE),
    ("2300-01-01", OUT_OF_RANGE), ("1900年底", OUT_OF_RANGE), ("0001-01-01", OUT_OF_RANGE),
    ("99999-01-01", NOT_A_DATE), ("9" * 400, NOT_A_DATE), ("2023-06-30\x1b[2J", NOT_A_DATE),
])
def test_what_is_refused_and_why(typed: str, reason: str) -> None:
    with pytest.raises(ClerkDateError) as info:
        parse_clerk_date(typed, AS_OF)
    assert info.value.reason == reason


def test_a_completion_date_may_not_be_after_the_as_of_date() -> None:
    assert parse_completion_date("2023-07-15", AS_OF) == AS_OF
    with pytest.raises(ClerkDateError) as info:
        parse_completion_date("年底", AS_OF)
    assert (info.value.reason, info.value.day) == (AFTER_AS_OF, date(2023, 12, 31))


_PIECES = st.sampled_from(["2023", "2100", "2101", "1948", "99999", "0", "6", "13", "31", "30", "二", "十二",
                           "年", "月", "日", "底", "末", "上半年", "下半年", "季度", "第", "一", "-", "/", ".",
                           "—", "到", "前", " ", "年底", "\u2212", "\x00", "\u202e", "T", ":", "e", "+"])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=30), st.lists(_PIECES, max_size=8).map("".join)),
       st.dates(min_value=date(1949, 1, 1), max_value=date(2100, 12, 31)))
def test_fuzz_it_returns_a_day_in_range_or_its_own_error(typed: str, as_of: date) -> None:
    try:
        day = parse_clerk_date(typed, as_of)
    except ClerkDateError as exc:
        assert exc.reason in (NOT_A_DATE, OUT_OF_RANGE) and str(exc)
    else:
        assert isinstance(day, date) and FIRST_YEAR <= day.year <= LAST_YEAR
