"""Writing output files without ever losing the old one or the clerk's database.

Every ``-o FILE`` goes through ``write_atomically``: the bytes go to a temporary file beside
the target, are flushed to disk, and replace the target in one rename, so a full disk, an error
or Ctrl-C leaves last week's report in place instead of a truncated one. ``check_output_path``
refuses a target that is the database itself (or its ``-wal``/``-shm``/``-journal``) or any
file given as input to the same command.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

from store.errors import BadInput

_SIDECARS = ("", "-wal", "-shm", "-journal")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_output_path(target: Path | str, *, protected: Iterable[Path | str] = ()) -> Path:
    """Refuse to write over a database (and its side files) or an input of this command."""
    path = Path(target)
    if str(target) == "":
        raise BadInput("output path is empty")
    if path.is_dir():
        raise BadInput(f"{path}: is a folder, not a file")
    for item in protected:
        base = Path(item)
        for suffix in _SIDECARS:
            guarded = base.with_name(base.name + suffix)
            if path.resolve() == guarded.resolve() or _same_file(path, guarded):
                raise BadInput(f"{path}: refusing to overwrite {guarded} (the database or an input file)")
    return path


def write_atomically(target: Path | str, write: Callable[[BinaryIO], None]) -> bool:
    """Write ``target`` through ``write(handle)`` atomically; True if an existing file was replaced."""
    path = Path(target)
    existed = path.exists()
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or Path("."))
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        if existed:
            try:
                os.chmod(temp_name, path.stat().st_mode & 0o777)
            except OSError:
                pass
        os.replace(temp_name, path)
    except BaseException:
        try:
            os.unlink(temp_name)
        except OSError:
            pass
        raise
    return existed
