"""Hostile plan text (ESC sequences, C1 controls, bidi overrides) is shown as text by every
printout of the command line, never sent to the terminal as a control."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import FIXTURES

# what must never reach a terminal from plan text: C0 (but tab, newline), DEL, C1, bidi controls
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
HOSTILE = FIXTURES / "hostile_plan.yaml"


@pytest.fixture
def hostile_db(tmp_path: Path, cli) -> Path:
    db = tmp_path / "hostile.sqlite3"
    code, out, err = cli("import", str(HOSTILE), db=db)
    assert code == 0, err
    assert not UNSAFE.search(out + err)
    return db


def _assert_safe(text: str) -> None:
    found = UNSAFE.search(text)
    assert found is None, f"raw {found.group()!r} in the output" if found else ""


@pytest.mark.parametrize("args", [
    ["plans"], ["overdue", "--plan", "hostile"], ["history"], ["export", "--plan", "hostile"],
])
def test_printouts_show_controls_as_visible_markers(cli, hostile_db: Path, args: list[str]) -> None:
    code, out, err = cli(*args, "--today", "2023-06-30", db=hostile_db)
    assert code == 0, err
    if args[0] != "export":  # json escapes controls itself (\u001b), a safe form of its own
        _assert_safe(out + err)
    if args[0] in ("plans", "overdue"):
        assert "\\u001b" in out


def test_tick_untick_record_undo_and_history_echo_text_safely(cli, hostile_db: Path) -> None:
    outputs = [
        cli("tick", "hostile/c1.t1.m1", "--on", "2022-12-01", "--note", "好\x1b[2J\x9b", "--today", "2023-06-30",
            db=hostile_db),
        cli("record", "hostile/i1", "2023", "2", "--note", "注\x1b]0;x\x07", db=hostile_db),
        cli("undo", db=hostile_db), cli("redo", db=hostile_db),
        cli("untick", "hostile/c1.t1.m1", db=hostile_db),
        cli("history", db=hostile_db),
    ]
    for code, out, err in outputs:
        assert code == 0, err
        _assert_safe(out + err)
    history = outputs[-1][1]
    assert "好\\u001b[2J\\u009b" in history


@pytest.mark.parametrize("args", [
    ["tick", "hostile/\x1b[2Jnope"], ["tick", "hostile/c1.t1.m1", "--on", "\x1b[2J"],
    ["record", "hostile/i1", "\x1b[2J", "3"], ["status", "--plan", "\u202eevil"],
    ["import", str(FIXTURES / "bad_plans" / "ids_with_controls.yaml")],
])
def test_error_messages_that_echo_input_show_it_as_text(cli, hostile_db: Path, args: list[str]) -> None:
    code, out, err = cli(*args, db=hostile_db)
    assert code == 1
    _assert_safe(out + err)
    assert len(err.strip().splitlines()) >= 1


def test_a_plan_with_control_characters_imports_and_keeps_its_text(hostile_db: Path) -> None:
    """Shown as markers, stored as written: nothing of the plan is lost or rewritten."""
    import sqlite3

    conn = sqlite3.connect(str(hostile_db))
    try:
        title = conn.execute("SELECT title FROM plans").fetchone()[0]
    finally:
        conn.close()
    assert title == "敌意\x1b[2J\x1b[H规划\u202egnp.exe"
