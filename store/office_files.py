"""An Office document saved with a password to open it, told from its bytes.

Word, Excel and WPS encrypt a .docx or .xlsx whole (文件 > 加密, "Encrypt with Password") and wrap
it in an OLE compound file, the container of the old .doc/.xls, holding an ``EncryptionInfo``
stream (the key) and an ``EncryptedPackage`` stream (the document). No reader can open it, and
"damaged, or a .doc: save it as .docx" sends the clerk the wrong way: only saving it without the
password mends it. One check for both the workbook a unit returns (store.ledger_read) and the
document given to ``plandesk draft`` (store.draft.reading).
"""
from __future__ import annotations

from pathlib import Path

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_STREAMS = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))  # directory names
_CHUNK = 1 << 20
_MAX_SCAN = 256 << 20  # a document past this size is not looked through


def password_protected(path: Path | str) -> bool:
    """True for an OOXML document encrypted with a password to open it (whatever its name ends in).

    The streams' names sit in the compound file's directory, which may be anywhere in the file: it
    is read through in chunks (only after a reader failed, so the cost falls on that case alone)."""
    found: set[bytes] = set()
    tail = b""
    try:
        with Path(path).open("rb") as handle:
            if handle.read(len(OLE_MAGIC)) != OLE_MAGIC:
                return False
            read = 0
            while read < _MAX_SCAN and (chunk := handle.read(_CHUNK)):
                read += len(chunk)
                window = tail + chunk
                found.update(name for name in _STREAMS if name in window)
                if len(found) == len(_STREAMS):
                    return True
                tail = window[-64:]  # a name cut by the chunk's end
    except OSError:
        return False
    return False
