"""Printed indicator values keep their comparator; a clerk's typed value must be a number."""
from __future__ import annotations

import pytest

from store.values import (
    NEGATIVE_COUNT,
    PERCENT_OUTSIDE,
    ValueError_,
    YearOutsidePeriod,
    check_year,
    format_number,
    parse_actual,
    parse_printed,
    value_warnings,
)


@pytest.mark.parametrize(("printed", "comparator", "number"), [
    ("3.4", None, 3.4), (">98", ">", 98.0), ("≥98", "≥", 98.0), ("≤0.1", "≤", 0.1), ("＞4", ">", 4.0),
    (">=95", "≥", 95.0), ("98%以上", "≥", 98.0), ("不低于90", "≥", 90.0), ("<5", "<", 5.0),
    ("10,000", None, 10000.0), ("-", None, None), ("", None, None), ("—", None, None), ("达到", None, None),
])
def test_printed_values(printed: str, comparator: str | None, number: float | None) -> None:
    value = parse_printed(printed)
    assert (value.printed, value.comparator, value.number) == (printed, comparator, number)


@pytest.mark.parametrize(("typed", "number"), [("98.5", 98.5), ("98.5%", 98.5), ("1,200", 1200.0), (" 3 ", 3.0),
                                               ("３.５", 3.5)])
def test_actual_values(typed: str, number: float) -> None:
    assert parse_actual(typed) == number


@pytest.mark.parametrize("typed", ["", "abc", "九十", "nan", "inf", "1.2.3"])
def test_non_numbers_are_refused(typed: str) -> None:
    with pytest.raises(ValueError_):
        parse_actual(typed)


def test_numbers_print_as_a_clerk_writes_them() -> None:
    assert format_number(98.0) == "98"
    assert format_number(0.77) == "0.77"
    assert format_number(None) == ""


@pytest.mark.parametrize(("typed", "number"), [
    ("96,5", 96.5), ("0,25", 0.25), ("1,234", 1234.0), ("1,234,567", 1234567.0), ("1,234.5", 1234.5),
    ("−3", -3.0), ("－3", -3.0), ("\u22123.5%", -3.5), ("９６，５", 96.5), ("１２３", 123.0),
])
def test_decimal_commas_thousands_full_width_and_unicode_minus(typed: str, number: float) -> None:
    """96,5 was read as 965 and −3 as 3: a decimal comma is one that cannot group thousands."""
    assert parse_actual(typed) == number


@pytest.mark.parametrize("typed", ["1.234,5", "12,345,67", "1 234", "--3", "1e3", "9" * 40])
def test_ambiguous_or_garbled_numbers_are_refused(typed: str) -> None:
    with pytest.raises(ValueError_):
        parse_actual(typed)


@pytest.mark.parametrize(("printed", "number"), [("−3", -3.0), ("≥96,5", 96.5), ("1,234,567以上", 1234567.0)])
def test_printed_values_read_numbers_the_same_way(printed: str, number: float) -> None:
    assert parse_printed(printed).number == number


def test_years_outside_the_plans_period_are_refused() -> None:
    check_year(2021, 2021, 2025)
    check_year(2025, 2021, 2025)
    for year in (2020, 2026, 2203):
        with pytest.raises(YearOutsidePeriod):
            check_year(year, 2021, 2025)


def test_odd_values_warn() -> None:
    assert value_warnings(120, "%") == [PERCENT_OUTSIDE]
    assert value_warnings(-1, "％") == [PERCENT_OUTSIDE]
    assert value_warnings(99.5, "%") == []
    assert value_warnings(-5, "万户") == [NEGATIVE_COUNT]
    assert value_warnings(-5, None) == [NEGATIVE_COUNT]
    assert value_warnings(5, "件") == []
