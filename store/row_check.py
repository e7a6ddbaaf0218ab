"""Values plandesk never writes but SQLite lets in: a row edited by hand (``due = 'abc'`` typed in
with the sqlite3 shell, a NULL seq, a year of 10**12), or written by a tool that knew no better.

Every command trusts what the store wrote, so such a value surfaces far from its cause, as a
ValueError or TypeError in a date or an index. Checking every row on every open would cost every
command; instead, a command that fails with such an error asks ``first_unreadable`` which value
it could not read, and the clerk gets one line naming the table, the row and the column (what
to mend with sqlite3, or to restore a backup over). Only when the check finds nothing is the
failure taken for plandesk's own defect.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import NamedTuple

from store.errors import PlandeskError

FIRST_YEAR, LAST_YEAR = 1949, 2100  # store.plan_schema's years (not imported: it brings YAML to status)
_DATE = "typeof({c}) <> 'text' OR {c} IS NOT date(julianday({c}))"  # 2023-02-30 comes back as 03-02
_STAMP = "typeof({c}) <> 'text' OR datetime({c}) IS NULL"
_INT = "typeof({c}) <> 'integer'"
_YEAR = f"typeof({{c}}) <> 'integer' OR {{c}} NOT BETWEEN {FIRST_YEAR} AND {LAST_YEAR}"
_NUMBER = "typeof({c}) NOT IN ('integer', 'real')"
_JSON = "typeof({c}) <> 'text' OR NOT json_valid({c})"
_OBJECT = "typeof({c}) <> 'text' OR NOT json_valid({c}) OR json_type({c}) <> 'object'"
_LIST = ("{c} <> '' AND (typeof({c}) <> 'text' OR NOT json_valid({c}) OR json_type({c}) <> 'array' "
         "OR EXISTS (SELECT 1 FROM json_each({c}) WHERE type <> 'text'))")  # unit names, evidence

# (table, the column that names a row, column, the test of a bad value, may it be NULL?)
CHECKS: tuple[tuple[str, str, str, str, bool], ...] = (
    ("plans", "id", "start_year", _YEAR, False),
    ("plans", "id", "end_year", _YEAR, False),
    ("plans", "id", "start_year", "{c} > end_year", False),
    ("plans", "id", "yellow_lag", _NUMBER, True),
    ("plans", "id", "red_lag", _NUMBER, True),
    ("nodes", "id", "seq", _INT, False),
    ("nodes", "id", "last_seq", _INT, False),
    ("nodes", "id", "depth", _INT, False),
    ("nodes", "id", "ord", _NUMBER, True),
    ("nodes", "id", "units", _LIST, True),
    ("nodes", "id", "units_override", _LIST, True),
    ("nodes", "id", "support", _LIST, True),
    ("nodes", "id", "support_override", _LIST, True),
    ("nodes", "id", "fields", _OBJECT, True),
    ("nodes", "id", "clerk", _OBJECT, True),
    ("milestones", "id", "due", _DATE, False),
    ("milestones", "id", "start", _DATE, True),
    ("milestones", "id", "done_on", _DATE, True),
    ("milestones", "id", "seq", _INT, False),
    ("indicators", "id", "baseline_year", _YEAR, True),
    ("indicators", "id", "baseline_number", _NUMBER, True),
    ("indicators", "id", "conflicts", _JSON, True),
    ("indicator_cells", "indicator_id", "year", _YEAR, False),
    ("indicator_cells", "indicator_id", "number", _NUMBER, True),
    ("actuals", "indicator_id", "year", _YEAR, False),
    ("actuals", "indicator_id", "value", _NUMBER, False),
    ("progress", "id", "state", "{c} NOT IN ('not_started', 'on_track', 'behind', 'done')", False),  # pg.STATES
    ("progress", "id", "item_kind", "{c} NOT IN ('node', 'milestone')", False),
    ("progress", "id", "period_start", _DATE, False),
    ("progress", "id", "period_end", _DATE, False),
    ("progress", "id", "reported_on", _DATE, False),
    ("progress", "id", "percent", _NUMBER, True),
    ("progress", "id", "at", _STAMP, False),
    ("progress", "id", "evidence", _LIST, True),
    ("journal", "seq", "at", _STAMP, False),
    ("journal", "seq", "before", _OBJECT, True),
    ("journal", "seq", "after", _OBJECT, True),
)


class Unreadable(NamedTuple):
    """A value no command can read: where it is and what it holds."""

    table: str
    row: str
    column: str
    value: object


class UnreadableValue(PlandeskError):
    """A command met a value it cannot read (``first_unreadable``); nothing was changed."""

    def __init__(self, path: Path | str, found: Unreadable) -> None:
        value = "NULL" if found.value is None else repr(found.value)[:80]
        super().__init__("err_db_unreadable_value", path=str(path), table=found.table, row=found.row,
                         column=found.column, value=value)


def sound_period(start: object, end: object) -> bool:
    """A plan's years as every import writes them; any other (a year 10**12) stops a command
    before a loop over its years would never end."""
    return isinstance(start, int) and isinstance(end, int) and FIRST_YEAR <= start <= end <= LAST_YEAR


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}


def first_unreadable(conn: sqlite3.Connection) -> Unreadable | None:
    """The first value of a table plandesk reads that no plandesk wrote, or None if all are sound."""
    columns: dict[str, set[str]] = {}
    for table, key, column, bad, nullable in CHECKS:
        present = columns.get(table)
        if present is None:
            present = columns[table] = _columns(conn, table)
        if column not in present:
            continue
        test = bad.format(c=column)
        where = f"{column} IS NOT NULL AND ({test})" if nullable else f"{column} IS NULL OR {test}"
        row = conn.execute(f"SELECT {key}, {column} FROM {table} WHERE {where} LIMIT 1").fetchone()
        if row is not None:
            return Unreadable(table, str(row[0]), column, row[1])
    return _first_orphan(conn, columns)


def _first_orphan(conn: sqlite3.Connection, columns: dict[str, set[str]]) -> Unreadable | None:
    """A row whose reference leads nowhere (a milestone of a node that is gone), which SQLite
    lets the sqlite3 shell write: its foreign keys are off unless asked for."""
    keys = {table: key for table, key, *_ in CHECKS}
    for table, rowid, _parent, fk_id in conn.execute("PRAGMA foreign_key_check"):
        if table not in keys:
            continue
        column = next((fk[3] for fk in conn.execute(f"PRAGMA foreign_key_list({table})") if fk[0] == fk_id), "?")
        row = conn.execute(f"SELECT {keys[table]}, {column} FROM {table} WHERE rowid = ?", (rowid,)).fetchone()
        if row is not None:
            return Unreadable(table, str(row[0]), column, row[1])
    return None


def explain_failure(path: Path | str) -> UnreadableValue | None:
    """After a command failed on a value it could not read: the error naming that value, read
    through a connection of its own (the failed command's may be in any state), or None."""
    from urllib.parse import quote  # store.db is not imported: it imports the importer, which imports this

    try:
        conn = sqlite3.connect(f"file:{quote(str(Path(path).absolute()))}?mode=ro", uri=True, timeout=30.0)
    except sqlite3.Error:
        return None
    try:
        found = first_unreadable(conn)
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return UnreadableValue(path, found) if found is not None else None
