"""A long read (a whole large plan opened, the view refreshed with everything open) takes seconds:
a tick and the detail pane must not wait behind it (``Database.read_snapshot``)."""
from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import threading
from datetime import date
from pathlib import Path

import pytest

from store import actions
from store import queries as q
from store.db import open_store
from tests.tui.test_tree_large import open_everything, tree_of
from tests.tui.tui_helpers import SIZE, YANGJIAO, make_app, notifications, settle
from tui.dbworker import Database


def test_a_tick_and_a_small_read_go_through_while_a_long_read_is_under_way(seeded_db: Path) -> None:
    db = Database(seeded_db)
    started, release = threading.Event(), threading.Event()
    seen: list[str | None] = []

    def long_read(conn: sqlite3.Connection) -> None:
        before = conn.execute("SELECT done_on FROM milestones WHERE id = ?", (YANGJIAO,)).fetchone()[0]
        started.set()
        assert release.wait(10), "the tick did not get through while the long read was under way"
        after = conn.execute("SELECT done_on FROM milestones WHERE id = ?", (YANGJIAO,)).fetchone()[0]
        seen.extend([before, after])

    reader = threading.Thread(target=db.read_snapshot, args=(long_read,))
    reader.start()
    try:
        assert started.wait(10)
        db.submit(actions.tick, YANGJIAO, date(2022, 6, 1)).result(timeout=10)  # waits on nothing
        fresh = db.read(q.milestone, YANGJIAO, date(2022, 6, 30), 30)
        assert fresh.done_on == date(2022, 6, 1)
    finally:
        release.set()
        reader.join()
        db.close()
    before, after = seen
    assert before is None and after is None, "one long read sees one state from start to end"
    db = Database(seeded_db)
    try:
        assert db.read_snapshot(lambda c: c.execute("SELECT done_on FROM milestones WHERE id = ?",
                                                    (YANGJIAO,)).fetchone()[0]) == "2022-06-01"
    finally:
        db.close()


def test_a_long_read_that_fails_leaves_the_connection_usable(seeded_db: Path) -> None:
    db = Database(seeded_db)
    try:
        def broken(conn: sqlite3.Connection) -> None:
            conn.execute("SELECT nothing FROM nowhere")

        try:
            db.read_snapshot(broken)
        except sqlite3.OperationalError:
            pass
        else:
            raise AssertionError("the error reaches the caller")
        assert db.read_snapshot(lambda c: c.execute("SELECT count(*) FROM plans").fetchone()[0]) > 0
    finally:
        db.close()


def test_the_app_reads_a_database_on_a_read_only_folder_and_says_a_tick_was_not_saved(seeded_db: Path) -> None:
    """A plan on a read-only medium (a write-protected USB stick): the app opens and reads it,
    opens every line, and a tick says, once, that it was not saved (the cursor's resting place,
    a preference, fails quietly)."""
    open_store(seeded_db).close()  # checkpointed: no -wal left
    folder = seeded_db.parent
    if subprocess.run(["chattr", "+i", str(seeded_db), str(folder)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not available here")

    async def run() -> None:
        app = make_app(seeded_db, plan="wulong")
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await open_everything(pilot)
            tree = tree_of(app)
            assert f"m:{YANGJIAO}" in tree.by_key
            tree.select_key(f"m:{YANGJIAO}")
            await pilot.pause(0.3)
            await pilot.press("space")
            await settle(pilot)
            await pilot.pause(0.6)  # past the moment the cursor's place is remembered
            await settle(pilot)
            said = [str(n.message) for n in notifications(app)]
            assert len([m for m in said if "read-only" in m]) == 1, said
            assert not tree.by_key[f"m:{YANGJIAO}"].label.plain.startswith("[x]")

    try:
        asyncio.run(run())
    finally:
        subprocess.run(["chattr", "-i", str(seeded_db), str(folder)], check=True)
