"""Status rules: done / overdue / due soon / open as of a date, roll-ups, indicator status."""
from __future__ import annotations

from datetime import date

from store import status as st

DUE = date(2023, 12, 31)


def test_milestone_states_around_the_due_date() -> None:
    assert st.milestone_status(DUE, None, date(2024, 1, 1)) == st.OVERDUE
    assert st.milestone_status(DUE, None, DUE) == st.DUE_SOON
    assert st.milestone_status(DUE, None, date(2023, 12, 1)) == st.DUE_SOON  # 30 days before
    assert st.milestone_status(DUE, None, date(2023, 11, 30)) == st.OPEN  # 31 days before
    assert st.milestone_status(DUE, None, date(2023, 11, 30), soon_days=60) == st.DUE_SOON


def test_done_on_time_late_and_not_yet_as_of_an_earlier_date() -> None:
    assert st.milestone_status(DUE, date(2023, 5, 1), date(2024, 6, 1)) == st.DONE
    assert st.milestone_status(DUE, date(2024, 2, 1), date(2024, 6, 1)) == st.DONE_LATE
    # as of a date before the tick, the milestone was not done yet
    assert st.milestone_status(DUE, date(2023, 5, 1), date(2023, 4, 1)) == st.OPEN


def test_rollup_counts_every_ancestor_and_lights() -> None:
    parents = {"plan": None, "c1": "plan", "c1.t1": "c1", "c2": "plan"}
    rollups = st.rollup_tree(parents, [("c1.t1", st.OVERDUE), ("c1.t1", st.DONE), ("c2", st.DUE_SOON)])
    assert rollups["plan"].total == 3 and rollups["plan"].done == 1
    assert rollups["c1"].light == "red"
    assert rollups["c2"].light == "yellow"
    assert abs(rollups["plan"].share_done - 1 / 3) < 1e-9
    done_only = st.rollup_tree({"x": None}, [("x", st.DONE)])
    assert done_only["x"].light == "done"


def test_indicator_comparators_and_direction() -> None:
    today = date(2024, 3, 1)
    assert st.indicator_status(98, ">", "higher", 98.0, 2023, today, False) == st.NOT_MET
    assert st.indicator_status(98, ">", "higher", 98.1, 2023, today, False) == st.MET
    assert st.indicator_status(98, "≥", "higher", 98.0, 2023, today, False) == st.MET
    assert st.indicator_status(0.1, "≤", "lower", 0.1, 2023, today, True) == st.MET
    assert st.indicator_status(0.1, "≤", "lower", 0.2, 2023, today, True) == st.NOT_MET
    assert st.indicator_status(12, None, "lower", 11, 2023, today, False) == st.MET
    assert st.indicator_status(12, None, "lower", 13, 2023, today, False) == st.NOT_MET
    assert st.indicator_status(4, None, "higher", 3.9, 2023, today, False) == st.NOT_MET


def test_binding_indicator_without_value_after_its_year_is_flagged() -> None:
    assert st.indicator_status(95, None, "higher", None, 2023, date(2024, 1, 1), True) == st.MISSING
    assert st.indicator_status(95, None, "higher", None, 2023, date(2023, 12, 31), True) == st.NO_VALUE
    assert st.indicator_status(95, None, "higher", None, 2023, date(2024, 1, 1), False) == st.NO_VALUE
    assert st.indicator_status(None, None, "higher", None, 2023, date(2024, 1, 1), True) == st.NO_TARGET


def _sql_state(due: date, done_on: date | None, today: date, soon_days: int) -> str:
    import sqlite3

    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE m (due TEXT, done_on TEXT)")
    conn.execute("INSERT INTO m VALUES (?, ?)", (due.isoformat(), done_on.isoformat() if done_on else None))
    expression, args = st.sql_state(today, soon_days)
    return conn.execute(f"SELECT {expression} FROM m", args).fetchone()[0]


from hypothesis import given  # noqa: E402
from hypothesis import strategies as hs  # noqa: E402

_days = hs.dates(date(2020, 1, 1), date(2026, 12, 31))


@given(due=_days, done_on=hs.none() | _days, today=_days, soon_days=hs.integers(0, 90))
def test_sql_form_of_the_rule_agrees_with_python(due: date, done_on: date | None, today: date, soon_days: int) -> None:
    assert _sql_state(due, done_on, today, soon_days) == st.milestone_status(due, done_on, today, soon_days)


def test_days_late_counts_from_the_due_date() -> None:
    assert st.days_late(DUE, date(2024, 1, 10)) == 10
    assert st.days_late(DUE, DUE) == 0
    assert st.days_late(DUE, date(2023, 12, 21)) == -10  # ten days left


class _Ind:
    def __init__(self, baseline: int, targets: list[int], actuals: dict[int, float]) -> None:
        self.baseline_year, self.target_years, self.actuals = baseline, targets, actuals


def test_indicator_years_are_the_plan_and_every_target_or_value_after_the_baseline() -> None:
    assert st.indicator_years(2021, 2025, [_Ind(2020, [2025], {})]) == [2021, 2022, 2023, 2024, 2025]
    assert st.indicator_years(2021, 2025, [_Ind(2020, [2035], {2026: 1.0})])[-2:] == [2026, 2035]
    assert st.indicator_years(2021, 2025, [_Ind(2022, [2025], {2022: 3.0})]) == [2023, 2024, 2025]
    assert st.indicator_years(2021, 2023, []) == [2021, 2022, 2023]


def test_the_first_indicator_year_is_this_year_inside_the_plan() -> None:
    assert st.default_indicator_year(2021, 2025, date(2023, 6, 30)) == 2023
    assert st.default_indicator_year(2021, 2025, date(2031, 1, 1)) == 2025
    assert st.default_indicator_year(2021, 2025, date(2019, 1, 1)) == 2021
