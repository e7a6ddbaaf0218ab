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
