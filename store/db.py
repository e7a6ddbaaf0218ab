"""Opening the SQLite file: create and seed on first use, migrate old files, refuse foreign ones.

This path runs on every command, so it uses the standard ``sqlite3`` module only; creating,
migrating and seeding (rare) import sqlite-utils and the YAML loader on demand.

A file is judged from its first 100 bytes before SQLite opens it for writing: not SQLite, or
the ``application_id`` of another program, is refused without ever being opened read-write
(so not even its ``-wal`` is checkpointed into it). A file that is not plainly ours and current
(new, interrupted, older) is looked at through a read-only connection first. A first run is all
or nothing: the schema and the seed plans are written in ONE transaction, and a file left with a
schema but no plan and an empty journal (an interrupted first run of an older plandesk, or a
failed first ``import``) is seeded on its next open. A read-only file or folder still opens for
reading.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

from store.errors import DatabaseRefused

APPLICATION_ID = 0x504C4E44  # "PLND": marks a file as a plandesk database
SCHEMA_VERSION = 4
BUSY_TIMEOUT_S = 30.0
_SQLITE_HEADER = b"SQLite format 3\x00"


def connect(path: Path | str, *, check_same_thread: bool = True, readonly: bool = False,
            immutable: bool = False) -> sqlite3.Connection:
    """A connection in autocommit mode: every write opens its own ``BEGIN IMMEDIATE``.

    The long busy timeout means a second window or process waits for the writer instead of
    reporting "database is locked"; writes are tiny, so the wait is milliseconds.
    """
    if readonly:
        uri = f"file:{quote(str(Path(path).absolute()))}?mode=ro" + ("&immutable=1" if immutable else "")
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                               check_same_thread=check_same_thread)
    else:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None,
                               check_same_thread=check_same_thread)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    if not readonly:
        conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def read_header(path: Path) -> bytes | None:
    """The file's first 100 bytes (None if it does not exist or is empty); refuse non-SQLite."""
    if not path.exists():
        return None
    if path.is_dir():
        raise DatabaseRefused("err_db_folder", path=path)
    with path.open("rb") as handle:
        header = handle.read(100)
    if not header:
        return None
    if not header.startswith(_SQLITE_HEADER):
        raise DatabaseRefused("err_db_not_sqlite", path=path)
    return header


def _header_int(header: bytes, offset: int) -> int:
    return int.from_bytes(header[offset:offset + 4], "big") if len(header) >= offset + 4 else 0


def _foreign(path: Path) -> DatabaseRefused:
    return DatabaseRefused("err_db_foreign", path=path)


def _newer(path: Path, version: int) -> DatabaseRefused:
    return DatabaseRefused("err_db_newer", path=path, version=version, known=SCHEMA_VERSION)


def _inspect(path: Path) -> tuple[int, int, int]:
    """application_id, user_version and table count, read without writing anything."""
    try:
        conn = connect(path, readonly=True)
    except sqlite3.OperationalError:
        conn = connect(path, readonly=True, immutable=True)
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    finally:
        conn.close()
    return app_id, version, tables


def judge(path: Path, *, newer_ok: bool = False) -> bytes | None:
    """The file's first 100 bytes if it is a plandesk database this plandesk may open (None: no
    file yet, or an empty one), else DatabaseRefused: not SQLite at all (a text file, a picture),
    an SQLite file of another program (its own application_id, its own tables, or a user_version
    of its own with no table: plandesk writes none of those), or (unless ``newer_ok``) a newer
    plandesk's. Judged without opening it for writing: nothing of someone else's file is touched."""
    header = read_header(path)
    if header is None:
        return None
    header_app, version = _header_int(header, 68), _header_int(header, 60)
    if header_app not in (0, APPLICATION_ID):
        raise _foreign(path)
    if header_app != APPLICATION_ID or version != SCHEMA_VERSION:  # not plainly ours and current
        app_id, version, tables = _inspect(path)
        if app_id not in (0, APPLICATION_ID) or (app_id == 0 and (tables or version)):
            raise _foreign(path)
        if version > SCHEMA_VERSION and not newer_ok:
            raise _newer(path, version)
    return header


def open_store(path: Path | str, *, seed: bool = True, check_same_thread: bool = True) -> sqlite3.Connection:
    """Open the plandesk database at ``path``: seeded on first use, migrated if older.

    A file written by a newer plandesk, or an SQLite file of some other program, is refused
    with a clear message and left exactly as it was.
    """
    path = Path(path)
    header = judge(path)
    if header is None:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = connect(path, check_same_thread=check_same_thread)
    except sqlite3.OperationalError:
        return _read_only(path, check_same_thread)
    try:
        conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()  # opens the -shm if WAL
    except sqlite3.OperationalError as exc:
        conn.close()
        if error_kind(exc) != "read_only" or header is None:
            raise
        return _read_only(path, check_same_thread)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise _newer(path, version)
        if version < SCHEMA_VERSION or (seed and needs_seed(conn)):
            from store import schema

            try:
                schema.migrate(conn, path, SCHEMA_VERSION, APPLICATION_ID, seed_if_empty if seed else None)
            except sqlite3.OperationalError as exc:
                if getattr(exc, "sqlite_errorcode", 0) & 0xFF != sqlite3.SQLITE_READONLY or version < SCHEMA_VERSION:
                    raise
                # a read-only file that was never seeded: open it for reading as it is
    except BaseException:
        conn.close()
        raise
    return conn


def _read_only(path: Path, check_same_thread: bool) -> sqlite3.Connection:
    """A read-only file or folder: reading commands still work (writes report read-only)."""
    try:
        conn = connect(path, check_same_thread=check_same_thread, readonly=True)
        conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        return conn
    except sqlite3.OperationalError:
        if Path(f"{path}-wal").exists():
            raise
        # no -wal to read and no -shm can be made: the file alone is the whole database
        return connect(path, check_same_thread=check_same_thread, readonly=True, immutable=True)


def error_kind(exc: BaseException) -> str | None:
    """What an SQLite error means for the clerk: ``damaged`` (corrupt, or not a database at
    all), ``full`` (disk or quota), ``io`` (the disk failed), ``read_only`` (file, folder or
    medium), ``locked`` (another program held the file past the wait), else None."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return None
    return {sqlite3.SQLITE_CORRUPT: "damaged", sqlite3.SQLITE_NOTADB: "damaged", sqlite3.SQLITE_FULL: "full",
            sqlite3.SQLITE_IOERR: "io", sqlite3.SQLITE_READONLY: "read_only", sqlite3.SQLITE_CANTOPEN: "read_only",
            sqlite3.SQLITE_BUSY: "locked"}.get(code & 0xFF)


def needs_seed(conn: sqlite3.Connection) -> bool:
    """True for a file with the schema but no plan and an empty journal: an interrupted first
    run, or a first ``import`` that failed. A file whose plans were all imported by the clerk,
    or that has any journal entry, is never seeded behind their back."""
    return (conn.execute("SELECT 1 FROM plans LIMIT 1").fetchone() is None
            and conn.execute("SELECT 1 FROM journal LIMIT 1").fetchone() is None)


def seed_if_empty(conn: sqlite3.Connection) -> None:
    """Load seed_plans.yaml into a database that has no plan yet (first run)."""
    if not needs_seed(conn):
        return
    from store import importer
    from store.locations import seed_plans_path

    importer.import_file(conn, seed_plans_path(), who="seed")
