"""Fixtures for the reports: the small fixture plan with a few ticks and recorded values."""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import FIXTURES

AS_OF = date(2023, 9, 30)
DEMO = "demo-2021-2025"


def make_demo_db(path: Path, plan_file: Path = FIXTURES / "small_plan.yaml") -> Path:
    """The fixture plan, with: 甲所 done on time in 2022, the 2023 方案 done late with a note,
    values for 市场主体总量 (2022, 2023: below target) and 死亡率 (2023: met)."""
    from store import actions
    from store.db import open_store
    from store.importer import import_file

    conn = open_store(path, seed=False)
    import_file(conn, plan_file)
    actions.tick(conn, f"{DEMO}/c2.p1.a", date(2022, 6, 1))
    actions.tick(conn, f"{DEMO}/c1.t2.m2", date(2023, 7, 15), "方案已印发")
    actions.record(conn, f"{DEMO}/i1", 2022, 3.5)
    actions.record(conn, f"{DEMO}/i1", 2023, 3.6, "统计快报")
    actions.record(conn, f"{DEMO}/i2", 2023, 0.05)
    conn.close()
    return path


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    return make_demo_db(tmp_path / "demo.sqlite3")


@pytest.fixture
def demo_conn(demo_db: Path) -> Iterator[sqlite3.Connection]:
    from store.db import open_store

    conn = open_store(demo_db, seed=False)
    yield conn
    conn.close()
