"""Write validated plans into the database through sqlite-utils, in one transaction.

Re-importing updates text and structure by stable id and never touches what the clerk
entered (ticks, notes, recorded values, clerk-added milestones, unit overrides). Items gone
from the file are archived and listed, never deleted, so their state comes back with them.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from store import journal
from store.changes import transaction
from store.loader import PlanData, load_plan_file


def full_id(plan_id: str, local_id: str) -> str:
    return f"{plan_id}/{local_id}"


@dataclass
class ImportReport:
    plan_id: str
    title: str
    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    restored: dict[str, int] = field(default_factory=dict)
    archived: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, id, title)

    def summary(self) -> dict[str, object]:
        return {"plan": self.plan_id, "added": self.added, "updated": self.updated,
                "restored": self.restored, "archived": [i for _, i, _ in self.archived]}


def import_file(conn: sqlite3.Connection, path: Path | str, who: str | None = None) -> list[ImportReport]:
    """Validate the whole file, then write every plan in it or nothing at all."""
    plans = load_plan_file(path)
    db = sqlite_utils.Database(conn)
    with transaction(conn):
        reports = [_import_plan(db, plan) for plan in plans]
        for report in reports:
            journal.write(conn, "import", "plan", report.plan_id, report.plan_id, None,
                          {"file": str(path), **report.summary()}, who=who)
    return reports


_LABEL_COLUMN = {"nodes": "title", "milestones": "title", "indicators": "name"}


def _existing(conn: sqlite3.Connection, table: str, plan_id: str, where: str = "") -> dict[str, sqlite3.Row]:
    """The rows a plan already has in ``table``: id, label, when archived and why."""
    why = "archived_why" if table == "milestones" else "NULL"
    rows = conn.execute(f"SELECT id, {_LABEL_COLUMN[table]} AS title, archived_at, {why} AS why "
                        f"FROM {table} WHERE plan_id = ? {where}", (plan_id,))
    return {row["id"]: row for row in rows}


def _import_plan(db: sqlite_utils.Database, plan: PlanData) -> ImportReport:
    conn = db.conn
    now = journal.now_iso()
    report = ImportReport(plan.id, plan.title)
    db["plans"].upsert({
        "id": plan.id, "region": plan.region, "bureau": plan.bureau, "title": plan.title,
        "doc_number": plan.doc_number, "issued": plan.issued, "start_year": plan.start_year,
        "end_year": plan.end_year, "source_file": plan.source_file, "note": plan.note,
        "imported_at": now, "archived_at": None,
    }, pk="id")

    paths: dict[str, str] = {}
    for n in plan.nodes:  # parents come before their children
        paths[n.local_id] = f"{paths[n.parent]}/{n.local_id}" if n.parent else n.local_id
    last_seq = subtree_ends(plan)
    node_rows = [{
        "id": full_id(plan.id, n.local_id), "plan_id": plan.id, "local_id": n.local_id,
        "parent_id": full_id(plan.id, n.parent) if n.parent else None, "kind": n.kind,
        "number": n.number, "title": n.title, "text": n.text,
        "units": json.dumps(n.units, ensure_ascii=False) if n.units else None,
        "line": n.line, "source": n.source, "repair": n.repair, "note": n.note,
        "fields": json.dumps(n.fields, ensure_ascii=False) if n.fields else None,
        "seq": n.seq, "depth": n.depth, "path": paths[n.local_id], "last_seq": last_seq[n.local_id],
    } for n in plan.nodes]
    _sync(db, "nodes", plan.id, node_rows, report, "node", where="")

    milestone_rows = [{
        "id": full_id(plan.id, m.local_id), "plan_id": plan.id, "node_id": full_id(plan.id, m.node_id),
        "local_id": m.local_id, "title": m.title, "due": m.due.isoformat(), "due_phrase": m.due_phrase,
        "start": m.start.isoformat() if m.start else None, "line": m.line, "source": m.source,
        "repair": m.repair, "note": m.note, "implicit": int(m.implicit), "origin": "plan", "seq": m.seq,
    } for m in plan.milestones]
    _sync(db, "milestones", plan.id, milestone_rows, report, "milestone", where="AND origin = 'plan'")

    indicator_rows = []
    cell_rows = []
    for ind in plan.indicators:
        ind_id = full_id(plan.id, ind.local_id)
        base = ind.baseline
        indicator_rows.append({
            "id": ind_id, "plan_id": plan.id, "local_id": ind.local_id, "category": ind.category,
            "number": ind.number, "name": ind.name, "unit": ind.unit, "attribute": ind.attribute,
            "binding": int(ind.binding), "better": ind.better, "measure": ind.measure,
            "baseline_year": ind.baseline_year, "baseline_printed": base.printed if base else None,
            "baseline_number": base.number if base else None, "baseline_comparator": base.comparator if base else None,
            "line": ind.line, "note": ind.note,
            "conflicts": json.dumps(ind.conflicts, ensure_ascii=False) if ind.conflicts else None, "seq": ind.seq,
        })
        cell_rows.extend({
            "indicator_id": ind_id, "year": c.year, "tbl": c.table, "printed": c.value.printed,
            "number": c.value.number, "comparator": c.value.comparator, "basis": c.basis, "line": c.line,
            "effective": int(c.effective),
        } for c in ind.cells)
    _sync(db, "indicators", plan.id, indicator_rows, report, "indicator", where="")
    conn.execute("DELETE FROM indicator_cells WHERE indicator_id IN (SELECT id FROM indicators WHERE plan_id = ?)",
                 (plan.id,))
    if cell_rows:
        db["indicator_cells"].insert_all(cell_rows, pk=("indicator_id", "year", "tbl"))
    return report


def subtree_ends(plan: PlanData) -> dict[str, int]:
    """For each node the largest seq of any node or milestone in its subtree."""
    last = {n.local_id: n.seq for n in plan.nodes}
    for m in plan.milestones:
        last[m.node_id] = max(last[m.node_id], m.seq)
    parent = {n.local_id: n.parent for n in plan.nodes}
    for n in reversed(plan.nodes):  # children before parents
        up = parent[n.local_id]
        if up is not None:
            last[up] = max(last[up], last[n.local_id])
    return last


def _sync(db: sqlite_utils.Database, table: str, plan_id: str, rows: list[dict[str, object]],
          report: ImportReport, kind: str, where: str) -> None:
    """Upsert the file's rows by id, restore archived ones that came back, archive the rest."""
    conn = db.conn
    existing = _existing(conn, table, plan_id, where)
    incoming = {row["id"] for row in rows}
    report.added[kind] = sum(1 for i in incoming if i not in existing)
    report.updated[kind] = sum(1 for i in incoming if i in existing)
    if rows:
        db[table].upsert_all(rows, pk="id", batch_size=500)
    restore = [i for i, row in existing.items()
               if i in incoming and row["archived_at"] and row["why"] != "deleted"]
    report.restored[kind] = report.restored.get(kind, 0) + len(restore)
    why_col = ", archived_why = NULL" if table == "milestones" else ""
    conn.executemany(f"UPDATE {table} SET archived_at = NULL{why_col} WHERE id = ?", [(i,) for i in restore])
    if table == "nodes" and restore:
        # the clerk's own milestones come back with their node, ticks and notes intact (the
        # plan's own come back through the file); one the clerk deleted stays deleted
        cur = conn.executemany("UPDATE milestones SET archived_at = NULL, archived_why = NULL "
                               "WHERE node_id = ? AND origin = 'clerk' AND archived_why = 'import'",
                               [(i,) for i in restore])
        report.restored["milestone"] = max(cur.rowcount, 0)
    gone = [(i, row["title"]) for i, row in existing.items() if i not in incoming and not row["archived_at"]]
    why_set = ", archived_why = 'import'" if table == "milestones" else ""
    now = journal.now_iso()
    conn.executemany(f"UPDATE {table} SET archived_at = ?{why_set} WHERE id = ?", [(now, i) for i, _ in gone])
    if table == "nodes" and gone:
        # the milestones of an archived node go with it (the clerk's own included), state intact
        conn.executemany("UPDATE milestones SET archived_at = ?, archived_why = 'import' "
                         "WHERE node_id = ? AND archived_at IS NULL", [(now, i) for i, _ in gone])
    report.archived.extend((kind, i, title) for i, title in gone)
