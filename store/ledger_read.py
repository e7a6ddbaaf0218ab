"""Reading a filled unit workbook back: every answer, or every problem with its file, sheet and row.

Workbooks come back saved by Excel, WPS or LibreOffice, with rows sorted, columns widened or
moved, blank rows added. So nothing is read by position: the 台账 sheet is the one whose header
row holds the key column's header, each column is found by its header, and each row by its
hidden key (``store.ledger.Key``), whose checksum shows whether it was edited. The workbook's
identity (plan, period, unit) comes from its hidden ``plandesk`` sheet, checked the same way.
This module only reads and checks the file's own content; ``store.ledger_apply`` checks it
against the database.
"""
from __future__ import annotations

import math
import re
import unicodedata
import warnings
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

from store import ledger as lg
from store import ledger_format as lf
from store import progress as pg
from store.clerk_dates import FIRST_YEAR, LAST_YEAR
from store.office_files import password_protected, unsaved_formulas

_STATE_OF = {pg.STATE_ZH[s]: s for s in pg.STATES}
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_HEADER_SCAN_ROWS = 30
MAX_BOOK_BYTES = 32 * 2**20  # unpacked; a unit's book of 2,000 items is about 3 MiB


class Problem(NamedTuple):
    """Why a file (or one of its rows) cannot be taken in: a code and the values its message needs."""

    file: str
    sheet: str | None
    row: int | None
    code: str
    values: dict[str, Any]


class Answer(NamedTuple):
    """One answered row: the unit's cells, cleaned, and the key it came with."""

    row: int
    key: lg.Key
    state: str  # pg.STATES
    percent: float | None
    note: str | None
    problem: str | None
    next_step: str | None
    evidence: tuple[str, ...]


class Book(NamedTuple):
    """A workbook as read: its identity, its answers, the rows left blank, and its problems."""

    path: Path
    plan_id: str | None
    period: str | None
    unit: str | None
    filled_on: date | None
    sheet: str | None  # the 台账 sheet's name as found
    answers: list[Answer]
    blank: int  # rows sent but not filled in
    problems: list[Problem]

    @property
    def name(self) -> str:
        return self.path.name


def _norm(value: object) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value))) if value is not None else ""


def _text(value: object) -> str | None:
    """A fill-in cell as text: numbers without a spurious ``.0``, dates as ISO, blanks as None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.date() if value.time() == datetime.min.time() else value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("\r\n", "\n").strip()
    return text or None


def _percent(value: object) -> float | None | str:
    """The percent cell: a number 0..100, None when blank, or the text it could not read."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return str(value)
    try:  # a cell of 400 digits is an int past float's range; "1e309" text is infinity: both refused as typed
        number = float(value) if isinstance(value, (int, float)) else float(_norm(value).rstrip("%"))
    except (ValueError, OverflowError):
        return str(value).strip()
    if 0 <= number <= 100:  # never NaN or infinity
        return number
    return str(value).strip() if isinstance(value, str) or not math.isfinite(number) else f"{number:g}"


def read_date(value: object) -> date | None | str:
    """A date cell as typed in Excel, WPS or LibreOffice: a date, ISO or 2023年7月5日 text, or an
    Excel day number; None when blank; the text itself when it is not a date."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    day = _as_date(value)
    if day is not None and FIRST_YEAR <= day.year <= LAST_YEAR:  # a clerk's dates (store.clerk_dates)
        return day
    return day.isoformat() if day is not None else str(value).strip()


def _as_date(value: object) -> date | None:
    """The day a cell names, whatever its year (a date cell holding -5 is 1899-12-25 to openpyxl)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 20000 < value < 80000:
        from openpyxl.utils.datetime import from_excel

        day: date = from_excel(value).date()
        return day
    match = _DATE.match(unicodedata.normalize("NFKC", str(value)).strip())
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            pass
    return None


def _meta(wb: Any) -> dict[str, str] | None:
    if lf.META_SHEET not in wb.sheetnames:
        return None
    pairs = {}
    for row in wb[lf.META_SHEET].iter_rows(max_col=2, values_only=True):
        if row and row[0] is not None:
            pairs[str(row[0]).strip()] = "" if row[1] is None else str(row[1]).strip()
    return pairs


def _find_data_sheet(wb: Any) -> tuple[Any, int, dict[str, int]] | None:
    """The sheet, header row and column of each known header (by header text, wherever it is)."""
    wanted = {key: _norm(header) for key, (header, _) in lf.COLUMNS.items()}
    key_header = wanted[lf.KEY]
    names = [lf.DATA_SHEET] + [n for n in wb.sheetnames if n != lf.DATA_SHEET]
    for name in names:
        if name not in wb.sheetnames or name == lf.META_SHEET:
            continue
        ws = wb[name]
        for r, row in enumerate(ws.iter_rows(max_row=_HEADER_SCAN_ROWS, values_only=True), 1):
            cells = [_norm(v) for v in row]
            if key_header not in cells:
                continue
            columns = {}
            for key, header in wanted.items():
                # exact header first, then one that starts with it (a unit may add （必填） and the like)
                found = [i for i, c in enumerate(cells) if c == header] or \
                        [i for i, c in enumerate(cells) if c.startswith(header)]
                if found:
                    columns[key] = found[0]
            return ws, r, columns
    return None


def _filled_on(wb: Any, problems: list[Problem], name: str) -> date | None:
    if lf.COVER_SHEET not in wb.sheetnames:
        return None
    ws = wb[lf.COVER_SHEET]
    for r, row in enumerate(ws.iter_rows(max_col=2, values_only=True), 1):
        if row and _norm(row[0]) == _norm(lf.FILLED_ON_LABEL):
            cell = row[1] if len(row) > 1 else None
            value = read_date(cell)
            if isinstance(value, str):
                day = _as_date(cell)
                problems.append(Problem(name, lf.COVER_SHEET, r, "bad_date", {"value": value}) if day is None else
                                Problem(name, lf.COVER_SHEET, r, "date_outside",
                                        {"date": day.isoformat(), "first": FIRST_YEAR, "last": LAST_YEAR}))
                return None
            return value
    return None


def _unpacked_size(path: Path) -> int:
    """The bytes a workbook's parts unpack to, as its zip directory says (0 if it is no zip)."""
    try:
        with zipfile.ZipFile(path) as book:
            return sum(part.file_size for part in book.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return 0  # load_workbook says what it is


def read_book(path: Path | str) -> Book:
    """Read a returned workbook; never raises for what is inside the file (problems say it)."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    path = Path(path)
    name = path.name
    problems: list[Problem] = []

    def refused(code: str, **values: Any) -> Book:
        return Book(path, None, None, None, None, None, [], 0, [Problem(name, None, None, code, values)])

    unpacked = _unpacked_size(path)
    if unpacked > MAX_BOOK_BYTES:  # a sheet of a million junk rows: minutes of openpyxl, gigabytes
        return refused("book_too_large", mib=unpacked // 2**20, limit=MAX_BOOK_BYTES // 2**20)
    try:
        with warnings.catch_warnings():  # openpyxl's own English warnings (a date cell out of range)
            warnings.simplefilter("ignore")  # are no line for a clerk: what the cell holds is checked below
            wb = load_workbook(path, data_only=True)
    except InvalidFileException:  # .xls, .csv, .et: another format under another name
        return refused("password_protected" if password_protected(path) else "not_a_workbook",
                       reason=path.suffix or "?")
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):  # its class name is no reason for a clerk
        return refused("password_protected" if password_protected(path) else "damaged_workbook")
    meta = _meta(wb)
    if not meta or meta.get("format") != lg.FORMAT:
        return refused("not_a_ledger")
    plan_id, period, unit = meta.get("plan", ""), meta.get("period", ""), meta.get("unit", "")
    if meta.get("checksum") != lg.book_checksum(plan_id, period, unit):
        return refused("book_edited")
    for formula in unsaved_formulas(path):  # read as blank: an answer would vanish without a word
        problems.append(Problem(name, formula.sheet, formula.row, "formula_without_value", {"cell": formula.cell}))
    filled_on = _filled_on(wb, problems, name)
    found = _find_data_sheet(wb)
    if found is None:
        problems.append(Problem(name, None, None, "no_data_sheet", {"sheet": lf.DATA_SHEET}))
        return Book(path, plan_id, period, unit, filled_on, None, [], 0, problems)
    ws, header_row, columns = found
    for key in (lf.KEY, *lf.FILL_IN):
        if key not in columns:
            problems.append(Problem(name, ws.title, header_row, "column_missing", {"column": lf.COLUMNS[key][0]}))
    if any(p.code == "column_missing" for p in problems):
        return Book(path, plan_id, period, unit, filled_on, ws.title, [], 0, problems)
    answers, blank = _rows(ws, header_row, columns, plan_id, period, unit, problems, name)
    return Book(path, plan_id, period, unit, filled_on, ws.title, answers, blank, problems)


def _rows(ws: Any, header_row: int, columns: dict[str, int], plan_id: str, period: str, unit: str,
          problems: list[Problem], name: str) -> tuple[list[Answer], int]:
    answers: list[Answer] = []
    blank = 0
    seen: dict[str, int] = {}
    sheet = ws.title

    def cell(row: tuple[Any, ...], key: str) -> Any:
        i = columns[key]
        return row[i] if i < len(row) else None

    for r, row in enumerate(ws.iter_rows(min_row=header_row + 1, values_only=True), header_row + 1):
        raw_key = _text(cell(row, lf.KEY))
        filled = {k: cell(row, k) for k in lf.FILL_IN}
        has_content = any(_text(v) is not None for v in filled.values())
        if raw_key is None:
            if has_content:
                problems.append(Problem(name, sheet, r, "row_without_key", {}))
            continue
        key = lg.parse_key(raw_key)
        if key is None or not key.intact(unit):
            problems.append(Problem(name, sheet, r, "key_edited", {}))
            continue
        if key.plan_id != plan_id:
            problems.append(Problem(name, sheet, r, "other_plan", {"plan": key.plan_id, "expected": plan_id}))
            continue
        if key.period != period:
            problems.append(Problem(name, sheet, r, "other_period", {"period": key.period, "expected": period}))
            continue
        if key.local_id in seen:
            problems.append(Problem(name, sheet, r, "duplicate_row", {"first": seen[key.local_id]}))
            continue
        seen[key.local_id] = r
        if not has_content:
            blank += 1
            continue
        answer = _answer(r, key, filled, problems, name, sheet)
        if answer is not None:
            answers.append(answer)
    return answers, blank


def _answer(r: int, key: lg.Key, filled: dict[str, Any], problems: list[Problem], name: str,
            sheet: str) -> Answer | None:
    ok = True
    state_text = _text(filled[lf.STATE])
    state = _STATE_OF.get(_norm(state_text)) if state_text else None
    if state_text is None:
        problems.append(Problem(name, sheet, r, "no_state", {}))
        ok = False
    elif state is None:
        problems.append(Problem(name, sheet, r, "bad_state", {"value": state_text}))
        ok = False
    percent = _percent(filled[lf.PERCENT])
    if isinstance(percent, str):
        problems.append(Problem(name, sheet, r, "bad_percent", {"value": percent}))
        ok = False
    if not ok or state is None:
        return None
    evidence = _text(filled[lf.EVIDENCE])
    return Answer(r, key, state, None if isinstance(percent, str) else percent, _text(filled[lf.NOTE]),
                  _text(filled[lf.PROBLEM]), _text(filled[lf.NEXT_STEP]),
                  tuple(e.strip() for e in (evidence or "").split("\n") if e.strip()))
