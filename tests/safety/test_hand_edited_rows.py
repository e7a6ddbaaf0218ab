"""A row typed in by hand with the sqlite3 shell (a due date 'abc' or 2023-02-30, a NULL seq, a
plan ending in the year 10**12, a unit list that is not JSON, a milestone of a node that is gone)
gives one line naming the table, the row and the column, exit 1, and an unchanged file; before,
each was a ValueError / TypeError / KeyError traceback, and the year 10**12 ran out of memory."""
from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import dump

YANGJIAO = "wulong-2021-2025/a1.p1.yangjiao"
EDITS = {
    "due_not_a_date": (f"UPDATE milestones SET due = 'abc' WHERE id = '{YANGJIAO}'", "milestones.due"),
    "due_no_such_day": ("UPDATE milestones SET due = '2023-02-30' WHERE id = 'wulong-2021-2025/c2.s3.p1.m1'",
                        "milestones.due"),
    "done_on": (f"UPDATE milestones SET done_on = 'xyz' WHERE id = '{YANGJIAO}'", "milestones.done_on"),
    "start_month_13": ("UPDATE milestones SET start = '2023-13-45' WHERE plan_id = 'wulong-2021-2025'",
                       "milestones.start"),
    "seq_null": (f"UPDATE milestones SET seq = NULL WHERE id = '{YANGJIAO}'", "milestones.seq"),
    "last_seq_null": ("UPDATE nodes SET last_seq = NULL WHERE plan_id = 'wulong-2021-2025' AND depth = 1",
                      "nodes.last_seq"),
    "year_huge": ("UPDATE plans SET end_year = 1000000000000 WHERE id = 'wulong-2021-2025'", "plans.end_year"),
    "years_reversed": ("UPDATE plans SET start_year = 2030 WHERE id = 'wulong-2021-2025'", "plans.start_year"),
    "units_not_json": ("UPDATE nodes SET units = 'not json [' WHERE id = 'wulong-2021-2025/a1.p1'", "nodes.units"),
    "fields_not_json": ("UPDATE nodes SET fields = '{{{' WHERE plan_id = 'wulong-2021-2025'", "nodes.fields"),
    "value_text": ("UPDATE actuals SET value = 'abc'; INSERT INTO actuals VALUES "
                   "('wulong-2021-2025/i14', 2023, 'abc', NULL, '2023-01-01T00:00:00')", "actuals.value"),
    "orphan": (f"UPDATE milestones SET node_id = 'gone' WHERE id = '{YANGJIAO}'", "milestones.node_id"),
}
COMMANDS = [["status"], ["overdue"], ["report", "--final", "--format", "csv"],
            ["report", "--year", "2023", "--format", "json"], ["export", "--format", "json"], ["units"],
            ["ledger", "status"], ["plan", "write"]]


def _edit(path: Path, sql: str) -> None:
    conn = sqlite3.connect(path)  # the sqlite3 shell: foreign keys off
    conn.executescript(sql)
    conn.close()


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_a_hand_typed_value_is_one_line_naming_it(cli, seeded_db: Path, edit: str) -> None:
    sql, where = EDITS[edit]
    _edit(seeded_db, sql)
    before = dump(seeded_db)
    failed = 0
    for command in COMMANDS:
        for lang in ("en", "zh"):
            code, _, err = cli("--lang", lang, *command, "--plan", "wulong", "--today", "2023-06-30")
            if code == 0:
                continue  # a command that does not read that value works as before
            failed += 1
            assert code == 1 and len(err.strip().splitlines()) == 1, (command, err)
            if command == ["plan", "write"] and "-:0:" in err:
                continue  # its own check of what it would write said which item is wrong
            table, column = where.split(".")
            assert table in err and column in err and "Traceback" not in err, (command, err)
            assert ("changed outside plandesk" if lang == "en" else "在 plandesk 之外被改动过") in err
    assert failed, "no command read the edited value"
    assert dump(seeded_db) == before


def test_a_failure_on_a_sound_database_is_still_a_traceback(cli, seeded_db: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The check explains hand-typed values only: plandesk's own defect is not hidden behind it."""
    from store import queries

    def broken(*args: object) -> None:
        raise ValueError("a defect of plandesk's own")

    monkeypatch.setattr(queries, "list_plans", broken)
    with pytest.raises(ValueError, match="a defect"):
        cli("plans")


def test_a_sound_database_has_no_unreadable_value(conn: sqlite3.Connection) -> None:
    from store import actions
    from store.row_check import first_unreadable

    actions.tick(conn, YANGJIAO, date(2022, 11, 30), "已验收")
    actions.record(conn, "wulong-2021-2025/i14", 2023, 96.5, "备注")
    actions.set_units(conn, "wulong-2021-2025/a1.p1", ["甲处"], support=["乙处"])
    from store import progress_actions

    progress_actions.report(conn, "wulong-2021-2025/a1.p1", "2023Q1", "已完成", on=date(2023, 3, 1), note="好",
                            evidence=["a.pdf"])
    actions.undo(conn, 2)
    actions.redo(conn, 1)
    assert first_unreadable(conn) is None


def test_the_app_says_it_in_one_line_before_it_opens(cli, seeded_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Before, the app opened and stopped on its first screen with a WorkerFailed traceback."""
    from tui.app import PlanDeskApp

    def never(self: PlanDeskApp) -> None:
        raise AssertionError("the app was opened on a value it cannot read")

    monkeypatch.setattr(PlanDeskApp, "run", never)
    _edit(seeded_db, EDITS["due_no_such_day"][0])
    code, out, err = cli("--lang", "zh", "--plan", "wulong", "--today", "2023-06-30")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "milestones" in err and "due" in err and "在 plandesk 之外被改动过" in err


@pytest.mark.parametrize(("sql", "where", "command"), [
    ("UPDATE journal SET before = '5', after = '[1, 2]' WHERE seq = (SELECT max(seq) FROM journal)",
     "journal.before", ["history"]),  # valid JSON of the wrong shape: an AttributeError traceback
    ("UPDATE progress SET state = 'bogus'", "progress.state", ["ledger", "master", "--plan", "wulong", "--period",
                                                               "2023Q1", "-o"]),  # a KeyError traceback
])
def test_valid_json_or_text_of_the_wrong_kind_is_named_too(cli, seeded_db: Path, tmp_path: Path, sql: str,
                                                            where: str, command: list[str]) -> None:
    assert cli("progress", "wulong/a1.p1", "--state", "推进中", "--period", "2023Q1", "--today", "2023-06-30")[0] == 0
    _edit(seeded_db, sql)
    args = [*command, str(tmp_path / "m.xlsx")] if command[-1] == "-o" else command
    code, _, err = cli(*args, "--today", "2023-06-30")
    table, column = where.split(".")
    assert code == 1 and err.count("\n") == 1 and table in err and column in err, err


def test_the_checks_know_every_state_and_item_kind_the_store_writes() -> None:
    """row_check spells the progress states out (importing store.progress would close an import
    circle): a state added to the store must be added there, or every report with it is 'unreadable'."""
    import re

    from store import progress as pg
    from store.row_check import CHECKS

    tests = {column: test for table, _, column, test, _ in CHECKS if table == "progress"}
    assert set(re.findall(r"'(\w+)'", tests["state"])) == set(pg.STATES)
    assert set(re.findall(r"'(\w+)'", tests["item_kind"])) == {pg.NODE_ITEM, pg.MILESTONE_ITEM}
