"""Bad input on the command line: dates, values, arguments. One line, exit 1, nothing changed."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import dump

STATION = "wulong/a1.p1.yangjiao"


@pytest.mark.parametrize("typed", ["2022/11/30", "2022.11.30", "2022年11月30日", "11月30日", "11月底"])
def test_on_takes_any_date_a_clerk_writes_in_the_as_of_year(cli, typed: str) -> None:
    code, out, err = cli("tick", STATION, "--on", typed, "--today", "2022-12-15")
    assert code == 0, err
    assert "2022-11-30" in out


def test_a_phrase_is_read_in_the_as_of_year_not_the_clocks(cli) -> None:
    """Before: ``--on 上半年`` took the system clock's year, whatever ``--today`` said."""
    code, out, err = cli("tick", STATION, "--on", "上半年", "--today", "2023-07-15")
    assert code == 0, err
    assert "(done 2023-06-30)" in out


@pytest.mark.parametrize(("args", "message"), [
    (["--on", "2024-01-01", "--today", "2023-06-30"], "--on: 2024-01-01 is after the as-of date 2023-06-30"),
    (["--on", "年底", "--today", "2023-06-30"], "--on: 2023-12-31 is after the as-of date 2023-06-30"),
    (["--on", "3000-01-01", "--today", "2023-06-30"], "--on: 3000-01-01 is outside the years 1949..2100"),
    (["--on", "99999-01-01"], "--on: not a date: 99999-01-01"),
    (["--on", "1-1-1-1"], "--on: not a date"),
    (["--today", "99999-01-01"], "--today: not a date: 99999-01-01"),
    (["--today", "2300-01-01"], "--today: 2300-01-01 is outside the years 1949..2100"),
    (["--on", "2023-06-30\x1b[2J\x07"], "--on: not a date: 2023-06-30\\u001b[2J\\u0007"),
])
def test_bad_dates_are_refused_in_one_line(cli, seeded_db: Path, args: list[str], message: str) -> None:
    before = dump(seeded_db)
    code, out, err = cli("tick", STATION, *args)
    assert (code, out) == (1, "")
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "\x1b" not in err and "\x07" not in err
    assert dump(seeded_db) == before


def test_today_accepts_the_same_forms(cli) -> None:
    code, out, err = cli("status", "--plan", "wulong", "--today", "2023/6/30")
    assert code == 0 and "as of 2023-06-30" in out


def test_date_errors_in_chinese(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    code, _, err = cli("tick", STATION, "--on", "2024-01-01", "--today", "2023-06-30")
    assert code == 1 and "晚于查看日期 2023-06-30" in err


def _actual(db: Path, indicator: str, year: int) -> float | None:
    import sqlite3

    conn = sqlite3.connect(str(db))
    try:
        found = conn.execute("SELECT value FROM actuals WHERE indicator_id = ? AND year = ?",
                             (indicator, year)).fetchone()
    finally:
        conn.close()
    return found[0] if found else None


@pytest.mark.parametrize(("typed", "stored"), [("96,5", 96.5), ("1,234", 1234.0), ("−3", -3.0), ("９６.５", 96.5)])
def test_record_reads_numbers_as_a_clerk_writes_them(cli, seeded_db: Path, typed: str, stored: float) -> None:
    code, out, err = cli("record", "wulong/i01", "2023", typed)
    assert code == 0, err
    assert _actual(seeded_db, "wulong-2021-2025/i01", 2023) == stored


@pytest.mark.parametrize(("args", "message"), [
    (["2203", "3"], "year: 2203 is outside the plan's period 2021..2025"),
    (["2020", "3"], "year: 2020 is outside the plan's period 2021..2025"),
    (["2023", "1.234,5"], "value: not a number: 1.234,5"),
    (["2023", "9\x1b[2J"], "value: not a number: 9\\u001b[2J"),
])
def test_record_refuses_in_one_line(cli, seeded_db: Path, args: list[str], message: str) -> None:
    before = dump(seeded_db)
    code, out, err = cli("record", "wulong/i01", *args)
    assert (code, out) == (1, "")
    assert message in err and len(err.strip().splitlines()) == 1 and "\x1b" not in err
    assert dump(seeded_db) == before


def test_odd_values_warn_in_one_line_and_are_recorded(cli, seeded_db: Path) -> None:
    percent = "wulong-2021-2025/i14"  # 消费投诉按期办结率, %
    code, out, err = cli("record", percent, "2023", "965")
    assert code == 0
    assert err.strip() == "warning: 965% is outside 0..100 (recorded all the same; correct it if it is a typo)"
    assert _actual(seeded_db, percent, 2023) == 965.0
    code, out, err = cli("record", "wulong-2021-2025/i01", "2023", "-4")
    assert code == 0 and err.strip().startswith("warning: -4 is negative")


def test_ticking_again_says_which_date_it_replaces(cli) -> None:
    cli("tick", STATION, "--on", "2022-11-30", "--today", "2023-06-30")
    code, out, err = cli("tick", STATION, "--on", "2022-12-15", "--today", "2023-06-30")
    assert code == 0 and "it was ticked as done on 2022-11-30" in out
