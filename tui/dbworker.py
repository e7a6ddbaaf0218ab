"""The app's one door to the database: one connection, one ordered writer.

SQLite connections belong to the thread that made them unless opened with
``check_same_thread=False``; this one is, and every use goes through one lock, so reads from the
app's thread workers and the writes never overlap. Writes run on the standard library's
single-thread executor, so they keep the order the clerk made them in: a tick followed at once by
an untick is never applied the other way round. Each write is one ``BEGIN IMMEDIATE``
transaction in ``store.actions``: it is on disk before its future completes, so the screen never
shows as saved what a Ctrl+C could still lose.

Long reads (a whole 50,000-node plan opened, the view refreshed with everything open: seconds)
go through a second connection of their own (``read_snapshot``), each in one read transaction:
SQLite's write-ahead log lets them read a consistent snapshot while the writer commits, so a
tick or the detail pane no longer waits seconds behind them on the one lock.
"""
from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from store.db import open_store

T = TypeVar("T")
SNAPSHOT_CACHE_KIB = 256  # the long reads' connection's page cache


def _open(path: Path) -> sqlite3.Connection:
    """A connection as ``store.db.open_store`` makes it (the app opened and migrated the file
    first): on a read-only folder or medium one that reads, where a plain connect failed and the
    app stopped with a traceback before its first screen."""
    return open_store(path, seed=False, check_same_thread=False)


class Database:
    def __init__(self, path: Path | str):
        self.path = Path(path)
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.RLock()
        self._snapshots: sqlite3.Connection | None = None
        self._snapshot_lock = threading.Lock()
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="plandesk-writer")

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = _open(self.path)
        return self._conn

    def read(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``fn(conn, ...)`` under the lock (from any thread)."""
        with self._lock:
            return fn(self._connection(), *args, **kwargs)

    def read_snapshot(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a long read ``fn(conn, ...)`` on the second connection, in one read transaction (all
        its queries see the same committed state), beside the writes and the other reads."""
        with self._snapshot_lock:
            if self._snapshots is None:
                self._snapshots = _open(self.path)
                # a small page cache of its own: the file's pages are in the system's cache anyway, and
                # a second 2 MiB one took the app's first screen from 1.50x to 1.59x an empty app's
                # memory; reading a whole 50,000-node plan costs 6% more CPU with it
                self._snapshots.execute(f"PRAGMA cache_size = -{SNAPSHOT_CACHE_KIB}")
            conn = self._snapshots
            conn.execute("BEGIN")  # deferred: a read snapshot from the first query on
            try:
                return fn(conn, *args, **kwargs)
            finally:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")  # nothing was written: just end the snapshot

    def submit(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> Future[T]:
        """Queue ``fn(conn, ...)`` behind every write submitted before it (call on the app's thread,
        when the clerk acts). Its result or its exception arrive through the future."""
        return self._writer.submit(self.read, fn, *args, **kwargs)

    def flush(self) -> None:
        """Wait until every write submitted so far is committed (or has failed)."""
        self._writer.submit(lambda: None).result()

    def data_version(self) -> int:
        """Changes when another connection (another window or ``plandesk tick``) commits."""
        return int(self.read(lambda c: c.execute("PRAGMA data_version").fetchone()[0]))

    def close(self) -> None:
        """Finish the queued writes, stop the writer thread, close the connection."""
        self._writer.shutdown(wait=True)
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
        with self._snapshot_lock:
            if self._snapshots is not None:
                self._snapshots.close()
                self._snapshots = None
