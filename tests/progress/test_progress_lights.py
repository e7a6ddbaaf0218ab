"""序时进度 and the one lights rule: green on track or done, yellow behind a little / not reported /
due soon, red overdue / far behind / 滞后 twice running; chapters as red as their reddest task."""
from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from store import lights as lt
from store import progress_actions as pa
from store.db import open_store
from store.importer import import_file
from tests.conftest import FIXTURES

PLAN = "track-2021-2025"
T1 = f"{PLAN}/c1.t1"  # spans the whole plan: 2021-01-01 .. 2025-12-31
JULY = date(2023, 7, 10)  # 2023Q2 has ended: its reports are due


@pytest.fixture
def track(tmp_path: Path) -> sqlite3.Connection:
    conn = open_store(tmp_path / "track.sqlite3", seed=False)
    import_file(conn, FIXTURES / "progress_plan.yaml")
    return conn


def light_of(conn: sqlite3.Connection, item: str, today: date = JULY) -> lt.Light:
    found = lt.item_light(conn, lt.settings(conn, PLAN, today, 30), item)
    assert found is not None
    return found


def test_time_elapsed_share_counts_the_as_of_day() -> None:
    year = (date(2023, 1, 1), date(2023, 12, 31))
    assert lt.expected_share(*year, date(2023, 11, 30)) == pytest.approx(334 / 365 * 100)  # about 11/12
    assert lt.expected_share(*year, date(2022, 12, 1)) == 0.0
    assert lt.expected_share(*year, date(2024, 3, 1)) == 100.0
    assert lt.expected_share(*year, date(2023, 12, 31)) == 100.0


@pytest.mark.parametrize("day", [date(2021, 1, 1), date(2023, 6, 30), date(2023, 11, 30), date(2025, 12, 31),
                                 date(2026, 2, 1), date(2020, 5, 5)])
def test_the_sql_form_of_the_expected_share_agrees(track: sqlite3.Connection, day: date) -> None:
    value = track.execute(f"SELECT {lt._expected_sql(':day', ':s', ':e')}",
                          {"day": day.isoformat(), "s": "2021-01-01", "e": "2025-12-31"}).fetchone()[0]
    assert value == pytest.approx(lt.expected_share(date(2021, 1, 1), date(2025, 12, 31), day))


def test_no_report_for_the_period_just_ended_is_yellow(track: sqlite3.Connection) -> None:
    assert (light_of(track, T1).light, light_of(track, T1).reason) == ("yellow", "no_report")
    assert light_of(track, T1).expected == pytest.approx(50.4, abs=0.1)


@pytest.mark.parametrize(("percent", "light", "reason"), [
    (40, "green", "on_track"),  # expected 49.9 at the end of Q2: 9.9 points behind
    (35, "yellow", "lag_yellow"),  # 14.9 behind
    (15, "red", "lag_red"),  # 34.9 behind
])
def test_the_lag_against_the_time_elapsed_decides(track: sqlite3.Connection, percent: int, light: str,
                                                   reason: str) -> None:
    pa.report(track, T1, "2023Q2", "推进中", on=JULY, percent=percent)
    found = light_of(track, T1)
    assert (found.light, found.reason, found.percent, found.period) == (light, reason, percent, "2023Q2")
    assert found.lag == pytest.approx(49.9 - percent, abs=0.1)


def test_thresholds_are_the_plan_s(tmp_path: Path, track: sqlite3.Connection) -> None:
    text = (FIXTURES / "progress_plan.yaml").read_text(encoding="utf-8").replace("yellow_lag: 10", "yellow_lag: 5")
    (tmp_path / "strict.yaml").write_text(text, encoding="utf-8")
    import_file(track, tmp_path / "strict.yaml")
    pa.report(track, T1, "2023Q2", "推进中", on=JULY, percent=40)
    assert light_of(track, T1).reason == "lag_yellow"


def test_behind_once_is_yellow_twice_running_is_red(track: sqlite3.Connection) -> None:
    pa.report(track, T1, "2023Q2", "滞后", on=JULY, problem="资金未到位")
    assert light_of(track, T1).reason == "behind"
    pa.report(track, T1, "2023Q1", "滞后", on=JULY)
    assert (light_of(track, T1).light, light_of(track, T1).reason) == ("red", "behind_twice")
    pa.report(track, T1, "2023Q2", "推进中", on=JULY)  # a later report for Q2 counts instead
    assert light_of(track, T1).light == "green"


def test_overdue_and_due_soon_and_done(track: sqlite3.Connection) -> None:
    item = f"{PLAN}/c1.t2"  # due 2023-12-31
    assert light_of(track, item, date(2024, 1, 10)).reason == "overdue"
    pa.report(track, item, "2023Q3", "推进中", on=date(2023, 12, 10))
    assert light_of(track, item, date(2023, 12, 15)).reason == "due_soon"
    pa.report(track, item, "2023Q4", "已完成", on=date(2023, 12, 20))
    assert light_of(track, item, date(2024, 1, 10)).reason == "done"


def test_a_report_dated_after_the_as_of_date_does_not_count_yet(track: sqlite3.Connection) -> None:
    pa.report(track, T1, "2023Q2", "推进中", on=JULY, percent=40)
    assert light_of(track, T1, date(2023, 7, 9)).reason == "no_report"


def test_chapters_are_as_red_as_their_reddest_task(track: sqlite3.Connection) -> None:
    s = lt.settings(track, PLAN, JULY, 30)
    counts = lt.rollups(track, s, (0, 1))
    # c1.t3's 2022 evaluation was never ticked: overdue
    assert counts[f"{PLAN}/c1"] == lt.Counts(red=1, yellow=2, green=0)
    pa.report(track, T1, "2023Q2", "推进中", on=JULY, percent=15)
    pa.report(track, f"{PLAN}/c1.t2", "2023Q2", "推进中", on=JULY, percent=85)  # due end 2023: 83 % expected
    counts = lt.rollups(track, s, (0, 1))
    assert counts[f"{PLAN}/c1"] == lt.Counts(red=2, yellow=0, green=1)
    assert counts[f"{PLAN}/c1"].light == "red"
    assert counts[f"{PLAN}/a1"] == lt.Counts(yellow=1) and counts[f"{PLAN}/a1"].light == "yellow"
    assert counts[f"{PLAN}/c1.t1"] == lt.Counts(red=1)
    assert counts[PLAN].total == 4  # three tasks and the annex's entry
    assert lt.rollups(track, s, parent_id=f"{PLAN}/c1")[f"{PLAN}/c1.t2"] == lt.Counts(green=1)
    by_item = lt.item_lights(track, s)
    assert sum(1 for x in by_item.values() if x.light == "red") == counts[PLAN].red


def test_a_milestone_line_is_not_chased_for_a_report_but_shows_its_own(track: sqlite3.Connection) -> None:
    s = lt.settings(track, PLAN, JULY, 30)
    m = f"{PLAN}/c1.t3.eval.y2023"
    assert lt.milestone_lights(track, s, [m])[m].reason == "on_track"
    pa.report(track, m, "2023Q2", "滞后", on=JULY)
    assert lt.milestone_lights(track, s, [m])[m].reason == "behind"
