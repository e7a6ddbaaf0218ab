"""What Office files hold that their readers do not say: a password, a formula without its value.

A password to open it: Word, Excel and WPS encrypt a .docx or .xlsx whole (文件 > 加密, "Encrypt
with Password") and wrap it in an OLE compound file, the container of the old .doc/.xls, holding
an ``EncryptionInfo`` stream (the key) and an ``EncryptedPackage`` stream (the document). No
reader can open it, and "damaged, or a .doc: save it as .docx" sends the clerk the wrong way:
only saving it without the password mends it. Both checks serve the workbook a unit returns
(store.ledger_read) and the document given to ``plandesk draft`` (store.draft.reading).
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import IO, NamedTuple
from xml.etree import ElementTree

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


class UnsavedFormula(NamedTuple):
    """A formula cell of a workbook with no value saved with it: a reader sees it blank."""

    sheet: str
    row: int
    cell: str  # its reference, B5


_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")  # a <f> element (with any namespace prefix) in a sheet's XML
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")


def unsaved_formulas(path: Path | str) -> list[UnsavedFormula]:
    """The formula cells of an .xlsx that hold no saved value, sheet by sheet, row by row.

    openpyxl reads what a formula last computed, as Excel and WPS save it; a file written by a
    script (openpyxl) or an online editor may hold the formula alone, which every reader sees as blank:
    a row a unit filled in (or a task of a plan's table) would vanish without a word. A formula
    whose saved value is empty text (``<v></v>``) is a value, and no formula at all costs one scan
    of the sheets' bytes (openpyxl itself saves a formula with an empty number, ``<v></v>``, which is
    no value). A file that is no workbook gives none (its reader says what it is)."""
    found: list[UnsavedFormula] = []
    try:
        with zipfile.ZipFile(path) as book:
            for title, part in _sheet_parts(book):
                if _has_formula(book, part):
                    with book.open(part) as sheet:
                        found.extend(_unsaved_in(title, sheet))
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, ElementTree.ParseError):
        return []
    return found


def _has_formula(book: zipfile.ZipFile, part: str) -> bool:
    """Whether a sheet's XML holds a <f> element, read a chunk at a time: a sheet packed a
    thousandfold (a zip bomb) is never held whole."""
    tail = b""
    with book.open(part) as sheet:
        while chunk := sheet.read(_CHUNK):
            if _FORMULA.search(tail + chunk):
                return True
            tail = chunk[-16:]  # a tag cut by the chunk's end
    return False


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _sheet_parts(book: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(title, part name) of each worksheet, in the workbook's order."""
    targets = {}
    for rel in ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels")):
        target = rel.get("Target", "")
        targets[rel.get("Id")] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    sheets = []
    for element in ElementTree.fromstring(book.read("xl/workbook.xml")).iter():
        if _local(element.tag) == "sheet":
            rid = next((value for key, value in element.attrib.items() if _local(key) == "id"), None)
            if rid in targets and targets[rid] in book.namelist():
                sheets.append((element.get("name", ""), targets[rid]))
    return sheets


def _unsaved_in(title: str, sheet: IO[bytes]) -> list[UnsavedFormula]:
    """The sheet's formula cells without a value, its XML parsed as a stream (each cell dropped
    once looked at: memory stays a row's, whatever the sheet's size)."""
    found: list[UnsavedFormula] = []
    rows: ElementTree.Element | None = None  # sheetData: each row leaves it once read
    for event, element in ElementTree.iterparse(sheet, events=("start", "end")):
        tag = _local(element.tag)
        if event == "start":
            rows = element if tag == "sheetData" else rows
            continue
        if tag == "row" and rows is not None and len(rows) and rows[0] is element:
            del rows[0]  # rows end in order (the parser may already hold the next few)
        if tag != "c":
            continue
        children = {_local(child.tag): child for child in element}
        value = children.get("v")
        saved = (children.get("is") is not None or value is not None
                 and (bool(value.text) or element.get("t") == "str"))  # empty text is a value; an empty number is not
        if "f" in children and not saved:
            match = _CELL_REF.fullmatch(element.get("r", ""))
            if match is not None:
                found.append(UnsavedFormula(title, int(match[2]), match[0]))
    return found
