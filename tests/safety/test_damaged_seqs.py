"""A database whose document order was typed in by hand (a node's or milestone's ``seq`` set to
10**12 or below 0 with sqlite3, which no import or tree edit writes) still gives its reports,
its export and its units: nothing sizes a list by the largest seq (before, ``report --final``
and ``export`` raised MemoryError trying to allocate terabytes)."""
from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

import pytest

from store import subtrees
from store import units as un
from store.db import open_store
from tests.store.test_lead_by_seq import _assert_agrees

HUGE = 10 ** 12


def _damage(path: Path, sql: str) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(sql)
    conn.close()


LAST_MILESTONE = ("UPDATE milestones SET seq = {seq} WHERE id = (SELECT id FROM milestones "
                  "WHERE plan_id = 'wulong-2021-2025' ORDER BY seq DESC LIMIT 1)")
FIRST_NODE = ("UPDATE nodes SET seq = {seq}, last_seq = {seq} + 3 WHERE id = (SELECT id FROM nodes "
              "WHERE plan_id = 'wulong-2021-2025' AND depth = 2 ORDER BY seq LIMIT 1)")


@pytest.mark.parametrize("sql", [LAST_MILESTONE.format(seq=HUGE), FIRST_NODE.format(seq=HUGE),
                                 LAST_MILESTONE.format(seq=-7), FIRST_NODE.format(seq=-40)])
def test_reports_and_export_work_on_hand_typed_seqs(cli, seeded_db: Path, tmp_path: Path, sql: str) -> None:
    _damage(seeded_db, sql)
    base = ["--plan", "wulong", "--today", "2023-06-30"]
    for args in (["report", "--final", "--format", "csv"], ["report", "--final", "--format", "json"],
                 ["report", "--midterm", "--format", "md"], ["status"], ["units"], ["missing"]):
        code, out, err = cli(*args, *base)
        assert code == 0, (args, err)
        assert out.strip() and not err.strip()
    code, out, err = cli("export", "--format", "json", *base)
    assert code == 0, err
    assert json.loads(out)["plan"]["id"] == "wulong-2021-2025"


def test_units_painted_on_hand_typed_seqs_agree_with_the_rule(seeded_db: Path) -> None:
    _damage(seeded_db, "UPDATE nodes SET seq = seq * 1000000000 WHERE plan_id = 'wulong-2021-2025'")
    _damage(seeded_db, "UPDATE nodes SET last_seq = last_seq * 1000000000 WHERE plan_id = 'wulong-2021-2025'")
    _damage(seeded_db, "UPDATE milestones SET seq = seq * 1000000000 WHERE plan_id = 'wulong-2021-2025'")
    conn = open_store(seeded_db)
    try:
        assert _assert_agrees(conn, "wulong-2021-2025") > 100
        assert isinstance(un.lead_by_seq(conn, "wulong-2021-2025").at, un.SparseAt)
    finally:
        conn.close()


def test_sparse_counts_equal_dense_counts() -> None:
    rng = random.Random(7)
    for _ in range(200):
        placed = [(rng.randrange(60), subtrees.unit(rng.randrange(3))) for _ in range(rng.randrange(40))]
        dense = subtrees.SubtreeCounts(placed, 60)
        shift = HUGE
        sparse = subtrees.SubtreeCounts([(seq * shift, one) for seq, one in placed], 60 * shift)
        assert isinstance(sparse.below, subtrees._SparseBelow)
        for _ in range(30):
            low = rng.randrange(60)
            high = rng.randrange(low, 60)
            assert sparse.packed(low * shift, high * shift) == dense.packed(low, high)
