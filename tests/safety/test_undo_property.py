"""Any sequence of ticks, records, edits and re-imports, then undo all / redo all, gives back
exactly the states in between (of what the clerk entered), and never touches what the plan file
decides (titles, due dates, places, archived state of the plan's own milestones)."""
from __future__ import annotations

import shutil
import sqlite3
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store import actions
from store.db import open_store
from store.errors import PlandeskError
from store.importer import import_file
from tests.conftest import FIXTURES
from tests.safety import plans
from tests.safety.plans import PLAN

MILESTONES = [f"{PLAN}/{m}" for m in ("c1.t1", "c1.t2.m1", "c1.t2.m2", "c2.p1.a", "c2.p1.b", "c2.p1.c")]
NODES = [f"{PLAN}/{n}" for n in ("c1.t1", "c1.t2", "c2.p1")]
INDICATORS = [f"{PLAN}/i1", f"{PLAN}/i2"]
days = st.integers(0, 1500).map(lambda n: date(2021, 1, 1) + timedelta(days=n))
notes = st.one_of(st.none(), st.sampled_from(["已验收", "", "见附件"]))

OPS = st.one_of(
    st.tuples(st.just("tick"), st.integers(0, 9), days, notes),
    st.tuples(st.just("untick"), st.integers(0, 9)),
    st.tuples(st.just("record"), st.sampled_from(INDICATORS), st.integers(2021, 2025),
              st.floats(-10, 1000, allow_nan=False).map(lambda v: round(v, 2)), notes),
    st.tuples(st.just("unrecord"), st.sampled_from(INDICATORS), st.integers(2021, 2025)),
    st.tuples(st.just("add"), st.sampled_from(NODES), st.sampled_from(["自定一", "自定二"]), days),
    st.tuples(st.just("edit"), st.integers(0, 9), st.sampled_from(["改名", None]), st.one_of(st.none(), days)),
    st.tuples(st.just("delete"), st.integers(0, 9)),
    st.tuples(st.just("units"), st.sampled_from(NODES), st.sampled_from([["综合科"], ["甲", "乙"], None])),
    st.tuples(st.just("import"), st.integers(0, 2)),
)


def clerk_state(conn: sqlite3.Connection) -> tuple[Any, ...]:
    """Everything the clerk entered, and nothing the plan file decides."""
    milestones = conn.execute(
        "SELECT id, done_on, done_note, CASE origin WHEN 'clerk' THEN title END, "
        "CASE origin WHEN 'clerk' THEN due END, archived_why IS 'deleted' FROM milestones ORDER BY id").fetchall()
    actuals = conn.execute("SELECT indicator_id, year, value, note FROM actuals ORDER BY 1, 2").fetchall()
    units = conn.execute("SELECT id, units_override FROM nodes ORDER BY id").fetchall()
    return tuple(map(tuple, milestones)), tuple(map(tuple, actuals)), tuple(map(tuple, units))


def plan_state(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    """What the plan file decides: undo and redo never touch it."""
    return [tuple(r) for r in conn.execute(
        "SELECT id, title, due, node_id, archived_at IS NULL FROM milestones WHERE origin = 'plan' ORDER BY id")]


def _milestone(conn: sqlite3.Connection, n: int, clerk_only: bool = False) -> str:
    ids = [r[0] for r in conn.execute("SELECT id FROM milestones WHERE archived_at IS NULL "
                                      + ("AND origin = 'clerk' " if clerk_only else "") + "ORDER BY id")]
    if not ids:
        raise LookupError
    return ids[n % len(ids)]


def apply(conn: sqlite3.Connection, op: tuple[Any, ...], files: list[Path]) -> bool:
    """Do one operation; True if it was a journaled, undoable change."""
    kind = op[0]
    try:
        if kind == "tick":
            actions.tick(conn, _milestone(conn, op[1]), op[2], op[3])
        elif kind == "untick":
            actions.untick(conn, _milestone(conn, op[1]))
        elif kind == "record":
            actions.record(conn, op[1], op[2], op[3], op[4])
        elif kind == "unrecord":
            actions.unrecord(conn, op[1], op[2])
        elif kind == "add":
            actions.add_milestone(conn, op[1], op[2], op[3])
        elif kind == "edit":
            actions.edit_milestone(conn, _milestone(conn, op[1], clerk_only=True), title=op[2], due=op[3])
        elif kind == "delete":
            actions.delete_milestone(conn, _milestone(conn, op[1], clerk_only=True))
        elif kind == "units":
            actions.set_units(conn, op[1], op[2])
        else:
            import_file(conn, files[op[1]])
            return False
    except (PlandeskError, LookupError):
        return False
    return True


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    folder = tmp_path_factory.mktemp("undo-property")
    path = folder / "template.sqlite3"
    conn = open_store(path, seed=False)
    import_file(conn, FIXTURES / "small_plan.yaml")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path, plans.variants(folder)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=st.lists(OPS, min_size=1, max_size=25))
def test_undo_all_then_redo_all_walks_back_and_forth_through_every_state(
        ops: list[tuple[Any, ...]], template: tuple[Path, list[Path]], tmp_path: Path) -> None:
    source, files = template
    path = tmp_path / "run.sqlite3"
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shutil.copy(source, path)
    conn = open_store(path, seed=False)
    try:
        states = [clerk_state(conn)]
        for op in ops:
            if apply(conn, op, files):
                states.append(clerk_state(conn))
            else:  # a refused op or a re-import changes nothing the clerk entered
                assert clerk_state(conn) == states[-1]
        from_the_file = plan_state(conn)
        for expected in reversed(states[:-1]):
            [change] = actions.undo(conn)
            assert change.skipped is None
            assert clerk_state(conn) == expected
            assert plan_state(conn) == from_the_file
        with pytest.raises(PlandeskError):
            actions.undo(conn)
        for expected in states[1:]:
            [change] = actions.redo(conn)
            assert change.skipped is None
            assert clerk_state(conn) == expected
            assert plan_state(conn) == from_the_file
    finally:
        conn.close()
