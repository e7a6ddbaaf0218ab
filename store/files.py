"""Writing output files without ever losing the old one or the clerk's database.

Every ``-o FILE`` (status, report in every format, export, and any later writer: ledger
workbooks, Word reports) goes through one call::

    replaced = files.write_output(target, write, protected=[db_path, plan_file])

``write(handle)`` gets a binary file handle (``handle.write(text.encode())``,
``workbook.save(handle)``, ``document.save(handle)``). ``check_output_path`` first refuses a
target that would destroy data: the database itself and its ``-wal``/``-shm``/``-journal``, any
file given as input to the same command (``protected``), and ANY SQLite database or SQLite
side file, whoever's it is (a report never replaces a database). ``write_atomically`` then
writes a temporary file beside the target, flushes it to disk and renames it over the target,
so a full disk, an error or Ctrl-C leaves last week's report in place instead of a truncated
one. It returns True when an existing file was replaced, so the command can say so.
"""
from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

from store.errors import BadInput

SIDECARS = ("", "-wal", "-shm", "-journal")
_SQLITE_HEADER = b"SQLite format 3\x00"
_WAL_MAGICS = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")
_JOURNAL_MAGIC = b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7"
_APP_ID_OFFSET = 68


class OutputRefused(BadInput):
    """An output path that would destroy data. ``reason`` is one of ``empty``, ``folder``, ``special``,
    ``protected`` (``guarded`` names the file it would overwrite), ``plandesk_db``, ``sqlite``."""

    def __init__(self, path: Path | str, reason: str, guarded: Path | None = None):
        self.path, self.reason, self.guarded = str(path), reason, guarded
        text = {"empty": "output path is empty", "folder": "is a folder, not a file",
                "special": "is a device or a pipe, not a file",
                "protected": f"refusing to overwrite {guarded} (the database or an input file)",
                "plandesk_db": "refusing to overwrite a plandesk database",
                "sqlite": "refusing to overwrite an SQLite database"}[reason]
        super().__init__(text if reason == "empty" else f"{path}: {text}")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def database_kind(path: Path | str) -> str | None:
    """``plandesk_db``, ``sqlite`` (another program's database, or a database's WAL/journal
    side file) or None, from the first bytes of the file: cheap, and opens nothing with SQLite."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(100)
    except OSError:
        return None
    if head.startswith(_SQLITE_HEADER):
        from store.db import APPLICATION_ID

        app_id = int.from_bytes(head[_APP_ID_OFFSET:_APP_ID_OFFSET + 4], "big") if len(head) >= 72 else 0
        return "plandesk_db" if app_id == APPLICATION_ID else "sqlite"
    if head[:4] in _WAL_MAGICS or head[:8] == _JOURNAL_MAGIC:
        return "sqlite"
    if path.name.endswith("-shm") and database_kind(path.with_name(path.name[:-4])):
        return "sqlite"
    return None


def check_output_path(target: Path | str, *, protected: Iterable[Path | str | None] = ()) -> Path:
    """The path to write, or OutputRefused if writing there would destroy data."""
    if str(target) == "":
        raise OutputRefused(target, "empty")
    path = Path(target)
    if path.is_dir():
        raise OutputRefused(path, "folder")
    if path.exists() and not path.is_file():  # /dev/null, a pipe: the rename would put a file in its place
        raise OutputRefused(path, "special")
    resolved = path.resolve()
    for item in protected:
        if item is None or str(item) == "":
            continue
        base = Path(item)
        for suffix in SIDECARS:
            guarded = base.with_name(base.name + suffix)
            if resolved == guarded.resolve() or _same_file(path, guarded):
                raise OutputRefused(path, "protected", guarded)
    kind = database_kind(path)
    if kind:
        raise OutputRefused(path, kind)
    return path


def write_atomically(target: Path | str, write: Callable[[BinaryIO], object]) -> bool:
    """Write ``target`` through ``write(handle)`` atomically; True if an existing file was replaced.

    A symbolic link is followed (the file it points to is replaced, the link stays). A new file
    gets the usual permissions (0666 less the umask), a replaced one keeps its own.
    """
    path = Path(target)
    if path.is_symlink():
        path = path.resolve()
    existed = path.exists()
    folder = path.parent if str(path.parent) else Path(".")
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, path.stat().st_mode & 0o7777 if existed else 0o666 & ~_umask())
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    _sync_folder(folder)
    return existed


def write_output(target: Path | str, write: Callable[[BinaryIO], object], *,
                 protected: Iterable[Path | str | None] = ()) -> bool:
    """``check_output_path`` then ``write_atomically``: the one call every ``-o`` makes."""
    return write_atomically(check_output_path(target, protected=protected), write)


def write_text_output(target: Path | str, text: str, *, encoding: str = "utf-8",
                      protected: Iterable[Path | str | None] = ()) -> bool:
    """``write_output`` for text (``encoding="utf-8-sig"`` for a CSV that Excel/WPS read)."""
    data = text.encode(encoding)
    return write_output(target, lambda handle: handle.write(data), protected=protected)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (a power cut after it must not bring back the old file)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
