"""The export's bytes stay what other tools read: every seed plan, and one with a clerk's history
(ticks, reports, an archived node, a unit set), byte for byte against the output recorded before the
export was rewritten to stream (tests/fixtures/export_golden/*.json.gz).

Only the moment a report was entered (``"at"``, the clock's) is masked. Regenerate after an
intended change of the format with ``PLANDESK_WRITE_GOLDEN=1 python -m pytest tests/cli/test_export_golden.py``.
"""
from __future__ import annotations

import gzip
import io
import os
import random
import re
import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from store import export as ex
from store import node_actions
from store import queries as q
from tests.conftest import FIXTURES

GOLDEN = FIXTURES / "export_golden"
SEEDS = ["linyi-2023", "luoyang-2021-2025", "tongliao-2021-2025", "wulong-2021-2025", "xiangyang-2022-2025"]
DATES = [date(2023, 6, 30), date(2025, 12, 31)]
_AT = re.compile(r'"at": "[^"]*"')


def _export(conn: sqlite3.Connection, plan_id: str, today: date) -> str:
    out = io.StringIO()
    ex.write_export(conn, q.resolve_plan(conn, plan_id), today, out, 30)
    return _AT.sub('"at": "*"', out.getvalue())


def _compare(name: str, text: str) -> None:
    path = GOLDEN / f"{name}.json.gz"
    if os.environ.get("PLANDESK_WRITE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    expected = gzip.decompress(path.read_bytes()).decode("utf-8")
    if text != expected:  # say where, not 200 kB of diff
        lines, wanted = text.splitlines(), expected.splitlines()
        pairs = enumerate(zip(lines, wanted, strict=False))
        first = next((i for i, (a, b) in pairs if a != b), min(len(lines), len(wanted)))
        pytest.fail(f"{name}: line {first + 1} differs:\n got {lines[first:first + 1]}\nwant {wanted[first:first + 1]}")


@pytest.mark.parametrize("plan_id", SEEDS)
def test_seed_plan_exports_as_recorded(conn: sqlite3.Connection, plan_id: str) -> None:
    for today in DATES:
        _compare(f"{plan_id.split('-')[0]}-{today.isoformat()}", _export(conn, plan_id, today))


def test_plan_with_a_clerks_history_exports_as_recorded(conn: sqlite3.Connection) -> None:
    from tests.progress.test_progress_rollups_fast import _random_history

    plan_id = "wulong-2021-2025"
    chapter = next(n for n in q.nodes(conn, plan_id) if n.depth == 0 and n.kind != "text")
    conn.execute("UPDATE nodes SET units_override = '[\"综合科\"]' WHERE id = ?", (chapter.id,))
    _random_history(random.Random(plan_id), conn, plan_id)
    section = [n for n in q.nodes(conn, plan_id) if n.depth == 1][3]
    node_actions.archive_node(conn, section.id)
    for today in DATES:
        _compare(f"wulong-history-{today.isoformat()}", _export(conn, plan_id, today))


def test_the_command_writes_the_recorded_bytes(cli: Callable[..., tuple[int, str, str]], tmp_path: Path) -> None:
    code, out, err = cli("export", "--plan", "linyi", "--today", "2023-06-30")
    assert code == 0, err
    _compare("linyi-2023-06-30", out)
    target = tmp_path / "linyi.json"
    code, _, err = cli("export", "--plan", "linyi", "--today", "2023-06-30", "-o", str(target))
    assert code == 0, err
    assert target.read_bytes() == out.encode("utf-8")
