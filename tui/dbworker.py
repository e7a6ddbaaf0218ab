"""The app's one door to the database: a single connection shared by worker threads.

SQLite connections belong to the thread that made them unless opened with
``check_same_thread=False``; this one is, and every use goes through one lock, so reads and
writes from the app's thread workers never overlap. Writes also keep the order the clerk made
them in (tickets), so a tick followed at once by an untick is never applied the other way round.
Each write is one ``BEGIN IMMEDIATE`` transaction in ``store.actions``: it is on disk before the
worker reports it, so the screen never shows as saved what a Ctrl+C could still lose.
"""
from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any, Callable, TypeVar

from store.db import connect

T = TypeVar("T")
WAIT_LIMIT_S = 30.0


class Database:
    def __init__(self, path: Path | str):
        self.path = Path(path)
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.RLock()
        self._turn = threading.Condition()
        self._issued = 0
        self._serving = 0

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = connect(self.path, check_same_thread=False)
        return self._conn

    def read(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``fn(conn, ...)`` under the lock (from any thread)."""
        with self._lock:
            return fn(self._connection(), *args, **kwargs)

    def ticket(self) -> int:
        """Take a place in the write queue (on the app's thread, when the clerk acts)."""
        with self._turn:
            self._issued += 1
            return self._issued

    def write(self, ticket: int, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a write in ticket order; the ticket is used up even if the write fails."""
        with self._turn:
            # a writer that never started (the app shutting down) must not hold up the rest forever
            self._turn.wait_for(lambda: self._serving >= ticket - 1, timeout=WAIT_LIMIT_S)
        try:
            with self._lock:
                return fn(self._connection(), *args, **kwargs)
        finally:
            with self._turn:
                self._serving = max(self._serving, ticket)
                self._turn.notify_all()

    def data_version(self) -> int:
        """Changes when another connection (another window or ``plandesk tick``) commits."""
        return int(self.read(lambda c: c.execute("PRAGMA data_version").fetchone()[0]))

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
