"""How many items a re-import really changed: counted by value, not by id.

Every item of the file that is already in the database is written again (its text, place, seq),
then the clerk's own edits are put back over it (store.clerk_tree) and the order renumbered. A
count of the ids the file matched ("265 updated" for a file written by ``plandesk plan write``
and imported back unchanged) tells the clerk nothing; so the columns the file carries are kept
aside before the import and compared after it: an item counts as updated only when one of them
ends up different, an indicator also when its printed values (indicator_cells) do.
"""
from __future__ import annotations

import sqlite3

CELL_KEY = ("indicator_id", "year", "tbl", "printed", "number", "comparator", "basis", "line", "effective")


# numbers that only place an item (pre-order seq, subtree end, depth, path, sort key): an item counts
# as moved when its parent or its place among its siblings changes, not when they are renumbered
DERIVED = ("seq", "last_seq", "depth", "path", "ord")
_PLACE = {"nodes": ("parent_id", "coalesce(ord, seq), seq"), "milestones": ("node_id", "seq"),
          "indicators": ("plan_id", "seq")}  # (siblings share, order among them)


def _select(table: str, columns: tuple[str, ...]) -> str:
    """The file's columns of a plan's items that say what the clerk sees, and each item's place."""
    group, order = _PLACE[table]
    kept = [c for c in columns if c not in DERIVED and c not in ("plan_id", "origin")]
    return (f"SELECT {', '.join(kept)}, ROW_NUMBER() OVER (PARTITION BY {group} ORDER BY {order}) AS place "
            f"FROM {table} WHERE plan_id = ?")


class Before:
    """The plan's items as they were, in temporary tables of this connection (dropped by ``changed``)."""

    def __init__(self, conn: sqlite3.Connection, plan_id: str, tables: dict[str, tuple[str, tuple[str, ...]]]):
        self.conn, self.plan_id, self.tables = conn, plan_id, tables  # kind -> (table, the file's columns)
        for kind, (table, columns) in tables.items():
            conn.execute(f"CREATE TEMP TABLE before_{kind} AS {_select(table, columns)}", (plan_id,))
            conn.execute(f"CREATE UNIQUE INDEX temp.before_{kind}_id ON before_{kind} (id)")  # joined by id
        conn.execute(f"CREATE TEMP TABLE before_cells AS SELECT {', '.join(CELL_KEY)} FROM indicator_cells "
                     "WHERE indicator_id IN (SELECT id FROM indicators WHERE plan_id = ?)", (plan_id,))

    def changed(self) -> dict[str, int]:
        """For each kind, how many items that were there before now hold other values."""
        conn, counts = self.conn, {}
        try:
            for kind, (table, columns) in self.tables.items():
                if conn.execute(f"SELECT 1 FROM before_{kind} LIMIT 1").fetchone() is None:
                    counts[kind] = 0  # a first import: nothing was there to change (and no window to number)
                    continue
                compared = [c for c in columns if c not in DERIVED and c not in ("id", "plan_id", "origin")]
                compared.append("place")
                now = ", ".join(f"t.{c}" for c in compared)
                was = ", ".join(f"b.{c}" for c in compared)
                ids = {row[0] for row in conn.execute(
                    f"SELECT t.id FROM ({_select(table, columns)}) t JOIN before_{kind} b ON b.id = t.id "
                    f"WHERE ({now}) IS NOT ({was})", (self.plan_id,))}
                if table == "indicators":
                    ids |= self._cells_changed()
                counts[kind] = len(ids)
        finally:
            for kind in self.tables:
                conn.execute(f"DROP TABLE IF EXISTS temp.before_{kind}")
            conn.execute("DROP TABLE IF EXISTS temp.before_cells")
        return counts

    def _cells_changed(self) -> set[str]:
        """Indicators (that were there before) whose printed values differ now."""
        key = ", ".join(CELL_KEY)
        now = (f"SELECT {key} FROM indicator_cells WHERE indicator_id IN "
               "(SELECT id FROM indicators WHERE plan_id = ?1)")
        rows = self.conn.execute(
            f"SELECT indicator_id FROM ({now} EXCEPT SELECT {key} FROM before_cells) "
            f"UNION SELECT indicator_id FROM (SELECT {key} FROM before_cells EXCEPT {now})", (self.plan_id,))
        before = {row[0] for row in self.conn.execute("SELECT id FROM before_indicator")}
        return {row[0] for row in rows} & before
