"""Opening the SQLite file: create and seed on first use, migrate old files, refuse foreign ones.

This path runs on every command, so it uses the standard ``sqlite3`` module only; creating,
migrating and seeding (rare) import sqlite-utils and the YAML loader on demand.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

from store.errors import DatabaseRefused

APPLICATION_ID = 0x504C4E44  # "PLND": marks a file as a plandesk database
SCHEMA_VERSION = 2
BUSY_TIMEOUT_S = 30.0
_SQLITE_HEADER = b"SQLite format 3\x00"


def connect(path: Path | str, *, check_same_thread: bool = True) -> sqlite3.Connection:
    """A connection in autocommit mode: every write opens its own ``BEGIN IMMEDIATE``.

    The long busy timeout means a second window or process waits for the writer instead of
    reporting "database is locked"; writes are tiny, so the wait is milliseconds.
    """
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None,
                           check_same_thread=check_same_thread)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def _check_header(path: Path) -> bool:
    """True if the file exists with content; refuse it if it is not SQLite at all."""
    if not path.exists():
        return False
    if path.is_dir():
        raise DatabaseRefused(f"{path}: is a folder, not a plandesk database")
    with path.open("rb") as handle:
        header = handle.read(16)
    if not header:
        return False
    if header != _SQLITE_HEADER:
        raise DatabaseRefused(f"{path}: not a plandesk database (not an SQLite file); left untouched")
    return True


def open_store(path: Path | str, *, seed: bool = True, check_same_thread: bool = True) -> sqlite3.Connection:
    """Open the plandesk database at ``path``: seeded on first use, migrated if older.

    A file written by a newer plandesk, or an SQLite file of some other program, is refused
    with a clear message and left exactly as it was.
    """
    path = Path(path)
    existed = _check_header(path)
    if not existed:
        path.parent.mkdir(parents=True, exist_ok=True)
    conn = connect(path, check_same_thread=check_same_thread)
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if existed and app_id != APPLICATION_ID:
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if tables:
                raise DatabaseRefused(f"{path}: not a plandesk database (an SQLite file of another program); left untouched")
        if version > SCHEMA_VERSION:
            raise DatabaseRefused(
                f"{path}: written by a newer plandesk (schema {version}, this one knows {SCHEMA_VERSION}); "
                "left untouched: upgrade plandesk to open it")
        if version < SCHEMA_VERSION:
            from store import schema

            schema.migrate(conn, path)
        if seed and not existed:
            seed_if_empty(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def seed_if_empty(conn: sqlite3.Connection) -> None:
    """Load seed_plans.yaml into a database that has no plan yet (first run)."""
    if conn.execute("SELECT 1 FROM plans LIMIT 1").fetchone():
        return
    from store import importer
    from store.locations import seed_plans_path

    importer.import_file(conn, seed_plans_path(), who="seed")
