"""Open a plan file for reading, checked, without holding its text in memory.

A plan file comes from outside (a colleague's e-mail, a USB stick). Only a regular file of at
most ``MAX_FILE_BYTES`` is read (a FIFO or ``/dev/zero`` is refused unread, checked on the open
descriptor so a file swapped for a device between the check and the read is refused too), and it
is text: UTF-8 (a byte-order mark is fine), UTF-16 with a byte-order mark (Windows Notepad's
"Unicode") or without one (told by store.text_encoding), or GB18030/GBK (what Notepad and WPS save
as "ANSI" on a Chinese Windows). The check
reads the file in chunks; the YAML parser then reads it again in chunks (UTF-16 and GB18030
turned into UTF-8 on the way): a 200,000-node plan (106 MiB) never sits in memory as one string.

GB18030 is tried only when no Chinese was read as UTF-8 before the first byte that is not: a
UTF-8 file with one damaged byte further down decodes as GB18030 too, as nonsense, and is refused.
(A GBK pair may read as UTF-8 by chance, but as a Latin or Greek letter, never as Chinese.)
"""
from __future__ import annotations

import codecs
import errno
import io
import os
import re
import stat
from pathlib import Path
from types import TracebackType

from store.problems import Say, say
from store.text_encoding import SAMPLE_BYTES, utf16_encoding

MAX_FILE_BYTES = 128 * 1024 * 1024  # a transcribed five-year plan is 0.1 MiB, a generated 200,000-node one 106 MiB
CHUNK = 1 << 20
_DOCUMENT_MAGICS = ((b"PK\x03\x04", "pr_office_file"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "pr_office_file"),
                    (b"%PDF", "pr_pdf_file"))
_CHINESE_TEXT = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


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
        self.encoding = "utf-8"
        self._decoder: codecs.IncrementalDecoder | None = None
        self._pending = b""  # UTF-8 made from UTF-16 or GB18030 and not yet read
        try:
            self._size, self.encoding = self._check_encoding()
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
        self._pending = b""
        self._decoder = None if self.encoding == "utf-8" else codecs.getincrementaldecoder(self.encoding)()

    def _raw(self, size: int) -> bytes:
        data = self._handle.read(min(size, self._left))
        self._left -= len(data)
        return data

    def read(self, size: int = -1) -> bytes:
        """UTF-8 bytes for the parser; never past the size that was checked (a file growing meanwhile)."""
        if self._decoder is None:
            return self._raw(self._left if size < 0 else size)
        while size < 0 or len(self._pending) < size:
            raw = self._raw(CHUNK)
            self._pending += self._decoder.decode(raw, final=not raw).encode("utf-8")
            if not raw:
                break
        if size < 0:
            size = len(self._pending)
        data, self._pending = self._pending[:size], self._pending[size:]
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

    def _check_encoding(self) -> tuple[int, str]:
        """The file's size and encoding once read whole; the line of the first bad byte otherwise."""
        head = self._handle.read(SAMPLE_BYTES)
        self._handle.seek(0)
        for magic, key in _DOCUMENT_MAGICS:
            if head.startswith(magic):  # the plan document itself, not its plan file: draft one from it
                raise _file_problem(key, 1)
        utf16 = utf16_encoding(head)  # with a byte-order mark, or plainly UTF-16 without one
        if utf16 is not None:
            size = self._decodes(utf16)
            if size is None:
                raise _file_problem("pr_not_utf8", 0)
            return size, utf16
        try:
            size = self._decodes("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            assert size is not None
            return size, "utf-8"
        self._handle.seek(0)
        data = self._handle.read(MAX_FILE_BYTES + 1)
        first_bad = _first_bad_utf8(data)
        if not _CHINESE_TEXT.search(data[:first_bad].decode("utf-8")) and b"\0" not in data:
            size = self._decodes("gb18030")
            if size is not None:
                return size, "gb18030"
        raise _file_problem("pr_not_utf8", data[:first_bad].count(b"\n") + 1)

    def _decodes(self, encoding: str) -> int | None:
        """The file's size if it reads whole as ``encoding`` (UTF-8 raises where it does not;
        the others say None)."""
        decoder = codecs.getincrementaldecoder(encoding)()
        size = 0
        self._handle.seek(0)
        try:
            while chunk := self._handle.read(CHUNK):
                size += len(chunk)
                if size > MAX_FILE_BYTES:
                    raise _too_large()
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            if encoding == "utf-8":
                raise
            return None
        except OSError as exc:
            raise _unreadable(exc) from None
        return size


def _first_bad_utf8(data: bytes) -> int:
    """The offset of the first byte that is not UTF-8 (the file's length if there is none)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start
    return len(data)


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
