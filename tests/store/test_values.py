"""Printed indicator values keep their comparator; a clerk's typed value must be a number."""
from __future__ import annotations

import pytest

from store.values import ValueError_, format_number, parse_actual, parse_printed


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
