"""The schema, created and upgraded by numbered migrations through sqlite-utils.

``PRAGMA user_version`` holds the schema version and ``PRAGMA application_id`` marks the file
as plandesk's. Before any migration of an existing file a copy is kept beside it.
"""
from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Callable

import sqlite_utils

from store.changes import transaction
from store.errors import DatabaseRefused


def _v1(db: sqlite_utils.Database) -> None:
    """Plans, the task tree, milestones, indicators, recorded values, the journal, settings.

    Nodes and milestones share one pre-order ``seq`` per plan; a node's ``last_seq`` is the
    largest seq in its subtree, so "everything under this node" is a range query.
    """
    db["plans"].create({
        "id": str, "region": str, "bureau": str, "title": str, "doc_number": str, "issued": str,
        "start_year": int, "end_year": int, "source_file": str, "note": str,
        "imported_at": str, "archived_at": str,
    }, pk="id", not_null={"title", "start_year", "end_year"})
    db["nodes"].create({
        "id": str, "plan_id": str, "local_id": str, "parent_id": str, "kind": str, "number": str,
        "title": str, "text": str, "units": str, "units_override": str, "line": int,
        "source": str, "repair": str, "note": str, "fields": str, "seq": int, "depth": int,
        "path": str, "last_seq": int, "archived_at": str,
    }, pk="id", not_null={"plan_id", "local_id", "kind", "title"},
        foreign_keys=[("plan_id", "plans", "id")])
    db["milestones"].create({
        "id": str, "plan_id": str, "node_id": str, "local_id": str, "title": str,
        "due": str, "due_phrase": str, "start": str, "line": int, "source": str, "repair": str,
        "note": str, "implicit": int, "origin": str, "seq": int,
        "done_on": str, "done_note": str, "archived_at": str, "archived_why": str,
    }, pk="id", not_null={"plan_id", "node_id", "title", "due"},
        foreign_keys=[("plan_id", "plans", "id"), ("node_id", "nodes", "id")],
        defaults={"implicit": 0, "origin": "plan"})
    db["indicators"].create({
        "id": str, "plan_id": str, "local_id": str, "category": str, "number": str, "name": str,
        "unit": str, "attribute": str, "binding": int, "better": str, "measure": str,
        "baseline_year": int, "baseline_printed": str, "baseline_number": float,
        "baseline_comparator": str, "line": int, "note": str, "conflicts": str, "seq": int,
        "archived_at": str,
    }, pk="id", not_null={"plan_id", "name"}, foreign_keys=[("plan_id", "plans", "id")])
    db["indicator_cells"].create({
        "indicator_id": str, "year": int, "tbl": str, "printed": str, "number": float,
        "comparator": str, "basis": str, "line": int, "effective": int,
    }, pk=("indicator_id", "year", "tbl"), foreign_keys=[("indicator_id", "indicators", "id")])
    db["actuals"].create({
        "indicator_id": str, "year": int, "value": float, "note": str, "recorded_at": str,
    }, pk=("indicator_id", "year"), foreign_keys=[("indicator_id", "indicators", "id")])
    db["journal"].create({
        "seq": int, "at": str, "who": str, "action": str, "entity": str, "entity_id": str,
        "plan_id": str, "before": str, "after": str, "target": int,
    }, pk="seq")
    db["settings"].create({"key": str, "value": str}, pk="key")
    db["nodes"].create_index(["plan_id", "seq"])
    db["nodes"].create_index(["plan_id", "depth", "seq"])
    db["nodes"].create_index(["parent_id"])
    db["milestones"].create_index(["node_id"])
    db["milestones"].create_index(["plan_id", "due"])
    db["milestones"].create_index(["plan_id", "done_on"])
    # covers the roll-up: a node's subtree is the seq range [seq, last_seq]
    db["milestones"].create_index(["plan_id", "seq", "due", "done_on", "archived_at"])
    db["indicators"].create_index(["plan_id", "seq"])
    db["journal"].create_index(["target"])


def _v2(db: sqlite_utils.Database) -> None:
    """The journal stays fast at 100,000 entries: the undo and redo stacks as tables (one index
    look-up per step, see store/journal.py) and indexes for history by plan and by item."""
    db["undo_stack"].create({"seq": int, "plan_id": str}, pk="seq", if_not_exists=True)
    db["redo_stack"].create({"undo_seq": int, "seq": int, "plan_id": str}, pk="undo_seq", if_not_exists=True)
    db["undo_stack"].create_index(["plan_id", "seq"], if_not_exists=True)
    db["redo_stack"].create_index(["plan_id", "undo_seq"], if_not_exists=True)
    db["redo_stack"].create_index(["seq"], unique=True, if_not_exists=True)
    db["journal"].create_index(["plan_id", "seq"], if_not_exists=True)
    db["journal"].create_index(["entity_id", "seq"], if_not_exists=True)
    from store.journal import rebuild_stacks

    rebuild_stacks(db.conn)


def _v3(db: sqlite_utils.Database) -> None:
    """Progress reports (进展情况), supporting units, recurring and linked milestones, reporting settings.

    Only adds: every existing row keeps its values. ``nodes.units`` / ``units_override`` keep their
    meaning and are read as the lead units (牵头单位); ``support`` / ``support_override`` hold the
    supporting units (配合单位) the same way (as printed / as the clerk set them).
    """
    def add(table: str, column: str, kind: type) -> None:  # idempotent: a re-run adds nothing twice
        if column not in db[table].columns_dict:
            db[table].add_column(column, kind)

    add("nodes", "support", str)
    add("nodes", "support_override", str)
    add("milestones", "every", str)  # "year" | "quarter": one occurrence of a recurring item
    add("milestones", "series", str)  # the recurring item's local id its occurrences share
    add("milestones", "same_as", str)  # full id of the milestone this one repeats
    add("milestones", "link", str)  # all milestones printed for one target share this id
    db["milestones"].create_index(["link"], if_not_exists=True)
    add("plans", "report_cycle", str)
    add("plans", "yellow_lag", float)
    add("plans", "red_lag", float)
    # AUTOINCREMENT: a report's number is never reused, so the journal's references stay unique
    db.execute("""CREATE TABLE IF NOT EXISTS progress (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        plan_id TEXT NOT NULL REFERENCES plans(id),
        item_id TEXT NOT NULL,        -- the node or milestone reported on
        item_kind TEXT NOT NULL,      -- 'node' | 'milestone'
        node_id TEXT NOT NULL,        -- the node the item belongs to (itself for a node)
        period TEXT NOT NULL,         -- canonical: 2023-05, 2023Q2, 2023H1, 2023
        period_start TEXT NOT NULL,
        period_end TEXT NOT NULL,
        period_prev TEXT NOT NULL,    -- the period before, of the same length (滞后 two periods running)
        state TEXT NOT NULL,          -- not_started | on_track | behind | done
        percent REAL,
        note TEXT, problem TEXT, next_step TEXT, evidence TEXT,
        unit TEXT,
        reported_on TEXT NOT NULL,    -- the report's date (a 已完成 report ticks with it)
        who TEXT, at TEXT NOT NULL,
        source TEXT)""")
    db.execute("CREATE INDEX IF NOT EXISTS idx_progress_plan_period ON progress (plan_id, period_end, node_id)")
    db.execute("CREATE INDEX IF NOT EXISTS idx_progress_node ON progress (node_id, period_end)")
    db.execute("CREATE INDEX IF NOT EXISTS idx_progress_item ON progress (item_id)")
    # the lights of a whole plan in one pass: a task's milestones side by side, and each item's
    # chapter found by a seek in a partial index that holds only live nodes
    db["milestones"].create_index(["plan_id", "node_id", "archived_at", "seq", "due", "done_on", "start"],
                                  index_name="idx_milestones_lights", if_not_exists=True)
    db.execute("CREATE INDEX IF NOT EXISTS idx_nodes_live_ranges ON nodes (plan_id, depth, seq, last_seq, id) "
               "WHERE archived_at IS NULL")


def _v4(db: sqlite_utils.Database) -> None:
    """The clerk edits the task tree itself (add, edit, move, archive nodes), and re-import keeps it.

    Only adds: ``origin`` ('plan' or 'clerk': a node the clerk added, never archived by re-import),
    ``ord`` (the order among siblings: the file's position 1, 2, 3 …, or between two of them for a
    node the clerk placed; the pre-order ``seq`` is derived from ``parent_id`` + ``ord``),
    ``clerk`` (JSON: the fields the clerk changed on a plan node, kept over the file's values), and
    ``archived_why`` ('import' or 'clerk': a node the clerk archived stays archived on re-import).
    """
    for column, kind in (("origin", str), ("ord", float), ("clerk", str), ("archived_why", str)):
        if column not in db["nodes"].columns_dict:
            db["nodes"].add_column(column, kind)
    db.execute("UPDATE nodes SET origin = 'plan' WHERE origin IS NULL")
    db.execute("UPDATE nodes SET archived_why = 'import' WHERE archived_at IS NOT NULL AND archived_why IS NULL")
    db.execute("UPDATE nodes SET ord = r.pos FROM (SELECT id, ROW_NUMBER() OVER "
               "(PARTITION BY plan_id, parent_id ORDER BY seq) AS pos FROM nodes) AS r "
               "WHERE r.id = nodes.id AND nodes.ord IS NULL")
    db["nodes"].create_index(["plan_id", "parent_id", "ord"], if_not_exists=True)


MIGRATIONS: dict[int, Callable[[sqlite_utils.Database], None]] = {1: _v1, 2: _v2, 3: _v3, 4: _v4}


def backup_before_migration(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """Copy the whole file (a consistent SQLite backup) beside it before changing its schema."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.v{version}-{stamp}.bak")
    with sqlite3.connect(str(target)) as copy:
        conn.backup(copy)
    copy.close()
    return target


def migrate(conn: sqlite3.Connection, path: Path, target_version: int, application_id: int,
            seed: Callable[[sqlite3.Connection], None] | None = None) -> Path | None:
    """Bring the file to ``target_version`` in one transaction; returns the backup's path if one was made.

    ``store.db.open_store`` passes its ``SCHEMA_VERSION``, ``APPLICATION_ID`` and seeding function
    in (this module does not import ``store.db``, which imports it). With ``seed``, a file
    without plans (a new one) gets the seed plans in the SAME transaction, so an interrupted
    first run leaves either nothing or everything.
    """
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > target_version:
        raise DatabaseRefused("err_db_newer_schema", path=path, version=version)
    backup = backup_before_migration(conn, path, version) if 0 < version < target_version else None
    if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        conn.execute("PRAGMA journal_mode = WAL")  # outside any transaction
    db = sqlite_utils.Database(conn)
    with transaction(conn):
        # another process may have migrated (or seeded) while we waited for the lock
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        for step in range(version + 1, target_version + 1):
            MIGRATIONS[step](db)
        conn.execute(f"PRAGMA application_id = {int(application_id)}")
        conn.execute(f"PRAGMA user_version = {target_version}")
        if seed is not None:
            seed(conn)
    return backup
