"""Backups: a consistent copy on demand, a daily one kept automatically, and restoring one.

Copies go through SQLite's online backup API, never a file copy: it reads a consistent
snapshot, changes still in the ``-wal`` included, while the app is open. ``restore`` writes the
chosen backup INTO the live database through the same API, in one transaction, so an open app
or a second process sees the restored data (not a file swapped under it), and keeps the file
as it was beside it first (``NAME.YYYYMMDD-HHMMSS.bak``).

The daily backup costs one settings read on every open; once a day (by the real calendar,
not ``--today``) it checks the file (``PRAGMA quick_check``), copies it to ``backups/`` beside
the database and keeps the newest ``KEEP``. A damaged file is never backed up (that would push
a good copy out).
"""
from __future__ import annotations

import os
import sqlite3
from datetime import date, datetime
from pathlib import Path

from store.errors import PlandeskError

KEEP = 7
AUTO_DIR = "backups"
AUTO_KEY = "auto_backup_day"
AUTO_ENV = "PLANDESK_AUTO_BACKUP"  # "0": no automatic backups (tests, a read-only medium)


class BackupError(PlandeskError):
    """``reason``: ``missing``, ``exists``, ``not_plandesk``, ``damaged``, ``newer``, ``same_file``,
    ``current_not_plandesk``; ``path`` names the file concerned."""

    def __init__(self, reason: str, path: Path | str):
        self.reason, self.path = reason, str(path)
        super().__init__(f"{path}: {reason.replace('_', ' ')}")


class DatabaseDamaged(PlandeskError):
    """The file fails ``PRAGMA quick_check``: writes are refused; ``plandesk restore`` mends it."""

    def __init__(self, path: Path | str, detail: str = ""):
        self.path, self.detail = str(path), detail
        super().__init__(f"{path}: the database file is damaged ({detail}); restore a backup with "
                         "'plandesk restore FILE'")


def check_intact(conn: sqlite3.Connection, path: Path | str) -> None:
    """Raise DatabaseDamaged unless ``PRAGMA quick_check`` says ok (milliseconds for a plan)."""
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        raise DatabaseDamaged(path, str(exc)) from None
    if [tuple(r) for r in rows] != [("ok",)]:
        raise DatabaseDamaged(path, str(rows[0][0]) if rows else "?")


def _copy(source: sqlite3.Connection, target: Path) -> None:
    """A consistent copy of ``source`` written beside ``target`` and renamed into place."""
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        copy = sqlite3.connect(str(temp))
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            copy.close()
        with temp.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def default_name(db_path: Path, now: datetime | None = None) -> Path:
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return db_path.with_name(f"{db_path.stem}-backup-{stamp}.sqlite3")


def backup(db_path: Path, target: Path | None = None) -> Path:
    """Write a consistent, checked copy of the database at ``db_path``; returns its path."""
    from store.db import connect, judge

    db_path = Path(db_path)
    if not db_path.exists():
        raise BackupError("missing", db_path)
    judge(db_path, newer_ok=True)  # a text file or another program's database is not called damaged
    target = Path(target) if target else default_name(db_path)
    if target.exists():
        raise BackupError("exists", target)
    source = connect(db_path, readonly=True)
    try:
        check_intact(source, db_path)
        _copy(source, target)
    finally:
        source.close()
    return target


def inspect_backup(path: Path) -> int:
    """The schema version of a plandesk backup, or BackupError if it is not one we can restore."""
    from store.db import APPLICATION_ID, SCHEMA_VERSION, connect
    from store.files import database_kind

    if not path.is_file():
        raise BackupError("missing", path)
    if database_kind(path) != "plandesk_db":
        raise BackupError("not_plandesk", path)
    conn = connect(path, readonly=True)
    try:
        check_intact(conn, path)
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            raise BackupError("not_plandesk", path)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except DatabaseDamaged:
        raise BackupError("damaged", path) from None
    finally:
        conn.close()
    if version > SCHEMA_VERSION:
        raise BackupError("newer", path)
    return int(version)


def restore(db_path: Path, source: Path) -> Path | None:
    """Replace the database's content with the backup ``source``; returns where the old one was kept."""
    from store.db import connect
    from store.files import database_kind

    db_path, source = Path(db_path), Path(source)
    if db_path.exists() and source.exists() and os.path.samefile(db_path, source):
        raise BackupError("same_file", source)
    inspect_backup(source)
    kept = None
    if db_path.exists() and db_path.stat().st_size:
        if database_kind(db_path) is None:
            raise BackupError("current_not_plandesk", db_path)
        kept = db_path.with_name(f"{db_path.name}.{datetime.now():%Y%m%d-%H%M%S}.bak")
        _keep_current(db_path, kept)
    src = connect(source, readonly=True)
    try:
        dst = connect(db_path)
        try:
            src.backup(dst)  # one write transaction in the live file: all of it or none
        finally:
            dst.close()
    except sqlite3.DatabaseError:
        # the current file is too damaged to be written through SQLite: swap the whole file
        src_copy = db_path.with_name(f".{db_path.name}.restore.tmp")
        _copy(src, src_copy)
        for side in ("-wal", "-shm"):
            Path(f"{db_path}{side}").unlink(missing_ok=True)
        os.replace(src_copy, db_path)
    finally:
        src.close()
    return kept


def _keep_current(db_path: Path, kept: Path) -> None:
    """The file being replaced, kept beside it: through SQLite if it can be read, else as bytes."""
    from store.db import connect

    try:
        conn = connect(db_path, readonly=True)
        try:
            _copy(conn, kept)
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        import shutil

        for side in ("", "-wal"):
            if Path(f"{db_path}{side}").exists():
                shutil.copyfile(f"{db_path}{side}", f"{kept}{side}")


def daily_backup(conn: sqlite3.Connection, db_path: Path, today: date | None = None) -> Path | None:
    """Once a day, on the first open that can write: a checked copy in ``backups/``, the newest
    KEEP kept. Raises DatabaseDamaged (and copies nothing) if the file fails its check; any other
    trouble (read-only medium, full disk) skips the backup quietly: it must never stop work."""
    if os.environ.get(AUTO_ENV) == "0":
        return None
    day = (today or date.today()).isoformat()
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", (AUTO_KEY,)).fetchone()
    except sqlite3.Error:
        return None
    if row and row[0] == day:
        return None
    check_intact(conn, db_path)
    folder = Path(db_path).parent / AUTO_DIR
    target = folder / f"{Path(db_path).stem}-{day}.sqlite3"
    try:
        conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                     "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (AUTO_KEY, day))
        folder.mkdir(exist_ok=True)
        if not target.exists():
            _copy(conn, target)
        for old in sorted(folder.glob(f"{Path(db_path).stem}-????-??-??.sqlite3"))[:-KEEP]:
            old.unlink()
    except (OSError, sqlite3.Error):
        return None
    return target
