"""Open a plan file for reading, checked, without holding its text in memory.

A plan file comes from outside (a colleague's e-mail, a USB stick). Only a regular file of at
most ``MAX_FILE_BYTES`` is read (a FIFO or ``/dev/zero`` is refused unread, checked on the open
descriptor so a file swapped for a device between the check and the read is refused too), and it
must be UTF-8 (a byte-order mark is fine). The check reads the file in chunks; the YAML parser
then reads it again in chunks: a 200,000-node plan (106 MiB) never sits in memory as one string.
"""
from __future__ import annotations

import codecs
import errno
import io
import os
import stat
from pathlib import Path
from types import TracebackType

from store.problems import Say, say

MAX_FILE_BYTES = 128 * 1024 * 1024  # a transcribed five-year plan is 0.1 MiB, a generated 200,000-node one 106 MiB
CHUNK = 1 << 20


class PlanFileError(Exception):
    """The file cannot be read as YAML at all; ``line`` is 1-based (0: the file as a whole)."""

    def __init__(self, line: int, field: Say, message: Say):
        self.line, self.field, self.message = line, field, message
        super().__init__(f"{line}: {field}: {message}")


FILE_FIELD = say("pr_field_file")  # where a problem of the file as a whole is said to be, as ``file:``


def _file_problem(key: str, line: int = 0, **values: object) -> PlanFileError:
    return PlanFileError(line, FILE_FIELD, say(key, **values))


def _unreadable(exc: OSError) -> PlanFileError:
    """Permission denied in the UI's language; the system's own words for the rarer causes."""
    denied = exc.errno in (errno.EACCES, errno.EPERM)
    return _file_problem("pr_unreadable", reason=say("pr_denied") if denied else exc.strerror)


def _too_large() -> PlanFileError:
    return _file_problem("pr_file_too_large", mib=MAX_FILE_BYTES // 2**20)


class PlanFile:
    """A checked plan file, read as bytes by the YAML parser (``read``), at most the checked size.

    ``name`` is what PyYAML calls text it was given as a string, so its messages read as before.
    """

    name = "<unicode string>"

    def __init__(self, path: Path):
        self._handle = _open_regular(path)
        self._size = 0
        self._left = 0
        try:
            self._size = self._check_utf8()
        except BaseException:
            self._handle.close()
            raise
        self.rewind()

    def __enter__(self) -> PlanFile:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._handle.close()

    def rewind(self) -> None:
        self._handle.seek(0)
        self._left = self._size

    def read(self, size: int = -1) -> bytes:
        """Bytes for the parser; never past the size that was checked (a file growing meanwhile)."""
        size = self._left if size < 0 else min(size, self._left)
        data = self._handle.read(size)
        self._left -= len(data)
        return data

    def text(self) -> str:
        """The whole text (only for PyYAML without libyaml, whose reader counts characters)."""
        self.rewind()
        return self.read().decode("utf-8-sig")

    def line_at(self, offset: int) -> int:
        """The 1-based line of byte ``offset`` (where libyaml's reader stopped on a bad character)."""
        self.rewind()
        newlines = 0
        while offset > 0:
            chunk = self.read(min(CHUNK, offset))
            if not chunk:
                break
            newlines += chunk.count(b"\n")
            offset -= len(chunk)
        return newlines + 1

    def _check_utf8(self) -> int:
        """The file's size once read whole as UTF-8; the line of the first bad byte otherwise."""
        decoder = codecs.getincrementaldecoder("utf-8")()
        size = 0
        try:
            while chunk := self._handle.read(CHUNK):
                size += len(chunk)
                if size > MAX_FILE_BYTES:
                    raise _too_large()
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            self._handle.seek(0)
            data = self._handle.read(MAX_FILE_BYTES + 1)
            try:
                data.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                line = data[: exc.start].count(b"\n") + 1
                raise _file_problem("pr_not_utf8", line) from None
        except OSError as exc:
            raise _unreadable(exc) from None
        return size


def _open_regular(path: Path) -> io.BufferedReader:
    """The file opened for reading: a regular file, at most MAX_FILE_BYTES (checked before reading)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise _file_problem("pr_no_such_file") from None
    except IsADirectoryError:
        raise _file_problem("pr_is_folder") from None
    except OSError as exc:
        raise _unreadable(exc) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise _file_problem("pr_is_folder")
        if not stat.S_ISREG(info.st_mode):
            raise _file_problem("pr_not_regular")
        if info.st_size > MAX_FILE_BYTES:
            raise _too_large()
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
