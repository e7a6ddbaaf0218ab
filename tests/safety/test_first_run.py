"""A first run is all or nothing: killed, interrupted or failed, the file later opens with plans."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from store import queries as q
from store.db import open_store
from tests.conftest import FIXTURES, REPO

KILL_MID_SEED = textwrap.dedent("""
    import os, signal, sys
    from store import importer
    from store.db import open_store

    real, done = importer._import_plan, []

    def killed_after_two(db, plan):
        if len(done) == 2:
            os.kill(os.getpid(), signal.SIG{sig})
        done.append(plan.id)
        return real(db, plan)

    importer._import_plan = killed_after_two
    open_store(sys.argv[1])
""")


@pytest.mark.parametrize("sig", ["KILL", "INT"])
def test_a_first_run_killed_while_seeding_opens_later_with_every_plan(tmp_path: Path, sig: str) -> None:
    path = tmp_path / "new.sqlite3"
    run = subprocess.run([sys.executable, "-c", KILL_MID_SEED.replace("{sig}", sig), str(path)], cwd=REPO,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode != 0
    conn = open_store(path)
    assert len(q.list_plans(conn)) == 5
    conn.close()


def test_a_file_left_with_the_schema_and_nothing_else_is_seeded_on_next_open(tmp_path: Path) -> None:
    path = tmp_path / "schema-only.sqlite3"
    open_store(path, seed=False).close()  # what an older plandesk left after a kill between the two
    conn = open_store(path)
    assert len(q.list_plans(conn)) == 5


def test_a_failed_first_import_does_not_block_seeding(cli, tmp_path: Path) -> None:
    path = tmp_path / "fresh.sqlite3"
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\ntitle: 1\n", encoding="utf-8")
    code, _, _ = cli("import", str(bad), db=path)
    assert code == 1
    code, out, _ = cli("plans", db=path)
    assert code == 0 and "wulong-2021-2025" in out and "linyi-2023" in out


def test_a_file_the_clerk_filled_by_import_is_never_seeded_behind_their_back(cli, tmp_path: Path) -> None:
    path = tmp_path / "own.sqlite3"
    assert cli("import", str(FIXTURES / "small_plan.yaml"), db=path)[0] == 0
    code, out, _ = cli("plans", db=path)
    assert "demo-2021-2025" in out and "wulong" not in out
