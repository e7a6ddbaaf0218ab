"""Reporting periods as a clerk types them, their bounds, and which one a date falls in."""
from __future__ import annotations

from datetime import date

import pytest

from store import periods as pr
from store.errors import BadInput


@pytest.mark.parametrize(("text", "key", "start", "end"), [
    ("2023-05", "2023-05", "2023-05-01", "2023-05-31"),
    ("2024-02", "2024-02", "2024-02-01", "2024-02-29"),
    ("2023Q2", "2023Q2", "2023-04-01", "2023-06-30"),
    ("2023q4", "2023Q4", "2023-10-01", "2023-12-31"),
    ("2023H1", "2023H1", "2023-01-01", "2023-06-30"),
    ("2023H2", "2023H2", "2023-07-01", "2023-12-31"),
    ("2023", "2023", "2023-01-01", "2023-12-31"),
    ("2023年第二季度", "2023Q2", "2023-04-01", "2023-06-30"),
    ("2023年二季度", "2023Q2", "2023-04-01", "2023-06-30"),
    ("2023年上半年", "2023H1", "2023-01-01", "2023-06-30"),
    ("2023年下半年", "2023H2", "2023-07-01", "2023-12-31"),
    ("2023年5月", "2023-05", "2023-05-01", "2023-05-31"),
    ("2023年12月", "2023-12", "2023-12-01", "2023-12-31"),
    ("2023年", "2023", "2023-01-01", "2023-12-31"),
])
def test_every_form_reads_to_one_period(text: str, key: str, start: str, end: str) -> None:
    period = pr.parse(text)
    assert (period.key, period.start.isoformat(), period.end.isoformat()) == (key, start, end)
    assert pr.parse(period.key) == period  # the canonical form reads back


@pytest.mark.parametrize("text", ["2023Q5", "2023-13", "2023H3", "二季度", "2023年第五季度", "Q2", "", "20235"])
def test_what_is_not_a_period_is_refused(text: str) -> None:
    with pytest.raises(BadInput):
        pr.parse(text)


def test_the_period_containing_a_date_and_the_one_before() -> None:
    day = date(2023, 5, 20)
    assert [pr.containing(day, c).key for c in pr.CYCLES] == ["2023-05", "2023Q2", "2023H1", "2023"]
    assert pr.previous(pr.parse("2023Q1")).key == "2022Q4"
    assert pr.previous(pr.parse("2023-01")).key == "2022-12"
    assert pr.previous(pr.parse("2023H2")).key == "2023H1"
    assert pr.previous(pr.parse("2023")).key == "2022"


def test_reports_are_due_for_the_last_period_that_has_ended() -> None:
    assert pr.last_finished(date(2023, 7, 10)).key == "2023Q2"
    assert pr.last_finished(date(2023, 6, 30)).key == "2023Q1"  # Q2 ends that evening
    assert pr.last_finished(date(2023, 1, 5), pr.MONTH).key == "2022-12"


def test_a_period_must_lie_inside_the_plan() -> None:
    pr.check_in_plan(pr.parse("2021Q1"), 2021, 2025)
    pr.check_in_plan(pr.parse("2025H2"), 2021, 2025)
    with pytest.raises(BadInput, match="outside the plan's period 2021-2025"):
        pr.check_in_plan(pr.parse("2026Q1"), 2021, 2025)
    with pytest.raises(BadInput):
        pr.check_in_plan(pr.parse("2022"), 2023, 2023)


def test_occurrences_of_a_recurring_target_cover_its_span() -> None:
    years = pr.expand(date(2022, 3, 1), date(2025, 6, 30), pr.YEAR)
    assert [(p.key, s.isoformat(), d.isoformat()) for p, s, d in years] == [
        ("2022", "2022-03-01", "2022-12-31"), ("2023", "2023-01-01", "2023-12-31"),
        ("2024", "2024-01-01", "2024-12-31"), ("2025", "2025-01-01", "2025-06-30")]
    quarters = pr.expand(date(2023, 1, 1), date(2024, 3, 31), pr.QUARTER)
    assert [p.key for p, _, _ in quarters] == ["2023Q1", "2023Q2", "2023Q3", "2023Q4", "2024Q1"]
    assert pr.occurrence_suffix(quarters[1][0]) == (".2023q2", "（2023年第二季度）")
