"""Write validated plans into the database in one transaction, in batched statements.

Re-importing updates text and structure by stable id and never touches what the clerk
entered (ticks, notes, recorded values, clerk-added milestones and nodes, unit overrides, the
clerk's edits, moves and archives of nodes: see ``store.clerk_tree``). Items gone from the file
are archived and listed, never deleted, so their state comes back with them.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from store import journal
from store.changes import transaction
from store.clerk_tree import keep_clerk_edits
from store.import_changes import Before
from store.loader import PlanData, load_plan_file


@dataclass
class ImportReport:
    """What one plan's import changed, for the clerk's summary and the journal entry."""

    plan_id: str
    title: str
    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    restored: dict[str, int] = field(default_factory=dict)
    archived: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, id, title)
    linked_ticks: list[str] = field(default_factory=list)  # ticked because a milestone linked to them was

    def summary(self) -> dict[str, object]:
        return {"plan": self.plan_id, "added": self.added, "updated": self.updated,
                "restored": self.restored, "archived": [i for _, i, _ in self.archived],
                "linked_ticks": self.linked_ticks}


def full_id(plan_id: str, local_id: str) -> str:
    """A node's id in the database: plan ids keep the local ids of two plans apart."""
    return f"{plan_id}/{local_id}"


def import_file(conn: sqlite3.Connection, path: Path | str, who: str | None = None) -> list[ImportReport]:
    """Validate the whole file, then write every plan in it or nothing at all."""
    plans = load_plan_file(path)
    with transaction(conn):
        reports = [_import_plan(conn, plan) for plan in plans]
        for report in reports:
            journal.write(conn, "import", "plan", report.plan_id, report.plan_id, None,
                          {"file": str(path), **report.summary()}, who=who)
    return reports


_LABEL_COLUMN = {"nodes": "title", "milestones": "title", "indicators": "name"}
PLAN_COLUMNS = ("id", "region", "bureau", "title", "doc_number", "issued", "start_year", "end_year", "source_file",
                "note", "imported_at", "archived_at", "report_cycle", "yellow_lag", "red_lag")
NODE_COLUMNS = ("id", "plan_id", "local_id", "parent_id", "kind", "number", "title", "text", "units", "support",
                "line", "source", "repair", "note", "fields", "seq", "depth", "path", "last_seq", "ord")
MILESTONE_COLUMNS = ("id", "plan_id", "node_id", "local_id", "title", "due", "due_phrase", "start", "line",
                     "source", "repair", "note", "implicit", "origin", "seq", "every", "series", "same_as", "link")
INDICATOR_COLUMNS = ("id", "plan_id", "local_id", "category", "number", "name", "unit", "attribute", "binding",
                     "better", "measure", "baseline_year", "baseline_printed", "baseline_number",
                     "baseline_comparator", "line", "note", "conflicts", "seq")
CELL_COLUMNS = ("indicator_id", "year", "tbl", "printed", "number", "comparator", "basis", "line", "effective")


def _existing(conn: sqlite3.Connection, table: str, plan_id: str, where: str = "") -> dict[str, sqlite3.Row]:
    """The rows a plan already has in ``table``: id, label, when archived and why."""
    why = "archived_why" if table in ("milestones", "nodes") else "NULL"
    origin = "origin" if table in ("milestones", "nodes") else "'plan'"
    rows = conn.execute(f"SELECT id, {_LABEL_COLUMN[table]} AS title, archived_at, {why} AS why, {origin} AS origin "
                        f"FROM {table} WHERE plan_id = ? {where}", (plan_id,))
    return {row["id"]: row for row in rows}


def _upsert(conn: sqlite3.Connection, table: str, columns: tuple[str, ...], rows: Iterable[tuple[object, ...]]) -> None:
    """Insert new ids and update the file's columns of known ones in one batched statement;
    columns the file does not carry (ticks, notes, unit overrides, archived state) stay as they are.
    A known row whose columns already hold the file's values is not written again."""
    # a clerk's origin stays the clerk's
    kept = [c for c in columns if c not in ("id", "origin")]
    updates = ", ".join(f"{c} = excluded.{c}" for c in kept)
    differs = f"({', '.join(kept)}) IS NOT ({', '.join(f'excluded.{c}' for c in kept)})"
    conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)}) "
                     f"ON CONFLICT(id) DO UPDATE SET {updates} WHERE {differs}", rows)


def _json(value: object) -> str | None:
    return json.dumps(value, ensure_ascii=False) if value else None


def _import_plan(conn: sqlite3.Connection, plan: PlanData) -> ImportReport:
    now = journal.now_iso()
    report = ImportReport(plan.id, plan.title)
    before = Before(conn, plan.id, {"node": ("nodes", NODE_COLUMNS), "milestone": ("milestones", MILESTONE_COLUMNS),
                                    "indicator": ("indicators", INDICATOR_COLUMNS)})
    _upsert(conn, "plans", PLAN_COLUMNS, [(
        plan.id, plan.region, plan.bureau, plan.title, plan.doc_number, plan.issued, plan.start_year,
        plan.end_year, plan.source_file, plan.note, now, None, plan.report_cycle, plan.yellow_lag, plan.red_lag)])

    paths: dict[str, str] = {}
    for n in plan.nodes:  # parents come before their children
        paths[n.local_id] = f"{paths[n.parent]}/{n.local_id}" if n.parent else n.local_id
    last_seq = subtree_ends(plan)
    order = sibling_positions(plan)
    pid = plan.id
    node_rows = ((
        f"{pid}/{n.local_id}", pid, n.local_id, f"{pid}/{n.parent}" if n.parent else None, n.kind, n.number,
        n.title, n.text, _json(n.units), _json(n.support), n.line, n.source, n.repair, n.note, _json(n.fields), n.seq,
        n.depth, paths[n.local_id], last_seq[n.local_id], order[n.local_id]) for n in plan.nodes)
    _sync(conn, "nodes", plan.id, [f"{pid}/{n.local_id}" for n in plan.nodes], NODE_COLUMNS, node_rows, report,
          "node", where="")
    del paths, last_seq

    links = link_groups(plan)
    milestone_rows = ((
        f"{pid}/{m.local_id}", pid, f"{pid}/{m.node_id}", m.local_id, m.title, m.due.isoformat(), m.due_phrase,
        m.start.isoformat() if m.start else None, m.line, m.source, m.repair, m.note, int(m.implicit), "plan",
        m.seq, m.every, m.series, f"{pid}/{m.same_as}" if m.same_as else None,
        f"{pid}/{links[m.local_id]}" if m.local_id in links else None) for m in plan.milestones)
    _sync(conn, "milestones", plan.id, [f"{pid}/{m.local_id}" for m in plan.milestones], MILESTONE_COLUMNS,
          milestone_rows, report, "milestone", where="")
    report.linked_ticks = share_linked_ticks(conn, plan.id)
    keep_clerk_edits(conn, plan.id)

    indicator_rows = []
    cell_rows: list[tuple[object, ...]] = []
    for ind in plan.indicators:
        ind_id = full_id(plan.id, ind.local_id)
        base = ind.baseline
        indicator_rows.append((
            ind_id, plan.id, ind.local_id, ind.category, ind.number, ind.name, ind.unit, ind.attribute,
            int(ind.binding), ind.better, ind.measure, ind.baseline_year, base.printed if base else None,
            base.number if base else None, base.comparator if base else None, ind.line, ind.note,
            _json(ind.conflicts), ind.seq))
        cell_rows.extend((ind_id, c.year, c.table, c.value.printed, c.value.number, c.value.comparator, c.basis,
                          c.line, int(c.effective)) for c in ind.cells)
    _sync(conn, "indicators", plan.id, [row[0] for row in indicator_rows], INDICATOR_COLUMNS, indicator_rows,
          report, "indicator", where="")
    conn.execute("DELETE FROM indicator_cells WHERE indicator_id IN (SELECT id FROM indicators WHERE plan_id = ?)",
                 (plan.id,))
    conn.executemany(f"INSERT INTO indicator_cells ({', '.join(CELL_COLUMNS)}) "
                     f"VALUES ({', '.join('?' for _ in CELL_COLUMNS)})", cell_rows)
    report.updated = before.changed()  # what ends up different, the clerk's edits put back: not what matched
    return report


def sibling_positions(plan: PlanData) -> dict[str, float]:
    """Each node's place among its siblings in the file (1, 2, 3 …): the ``ord`` the tree sorts by."""
    count: dict[str | None, int] = {}
    order: dict[str, float] = {}
    for n in plan.nodes:
        count[n.parent] = count.get(n.parent, 0) + 1
        order[n.local_id] = float(count[n.parent])
    return order


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


def _sync(conn: sqlite3.Connection, table: str, plan_id: str, ids: list[str], columns: tuple[str, ...],
          rows: Iterable[tuple[object, ...]], report: ImportReport, kind: str, where: str) -> None:
    """Upsert the file's rows by id, restore archived ones that came back, archive the rest."""
    existing = _existing(conn, table, plan_id, where)
    incoming = set(ids)
    report.added[kind] = sum(1 for i in incoming if i not in existing)
    _upsert(conn, table, columns, rows)
    # kept archived: a milestone the clerk deleted, a node the clerk archived and what went with it
    restore = [i for i, row in existing.items()
               if i in incoming and row["archived_at"] and row["why"] not in ("deleted", "clerk", "archived")]
    report.restored[kind] = report.restored.get(kind, 0) + len(restore)
    why_col = ", archived_why = NULL" if table in ("milestones", "nodes") else ""
    conn.executemany(f"UPDATE {table} SET archived_at = NULL{why_col} WHERE id = ?", [(i,) for i in restore])
    if table == "nodes" and restore:
        # the clerk's own milestones come back with their node, ticks and notes intact (the
        # plan's own come back through the file); one the clerk deleted stays deleted
        cur = conn.executemany("UPDATE milestones SET archived_at = NULL, archived_why = NULL "
                               "WHERE node_id = ? AND origin = 'clerk' AND archived_why = 'import'",
                               [(i,) for i in restore])
        report.restored["milestone"] = max(cur.rowcount, 0)
    gone = [(i, row["title"]) for i, row in existing.items()
            if i not in incoming and not row["archived_at"] and row["origin"] != "clerk"]
    why_set = ", archived_why = 'import'" if table in ("milestones", "nodes") else ""
    now = journal.now_iso()
    conn.executemany(f"UPDATE {table} SET archived_at = ?{why_set} WHERE id = ?", [(now, i) for i, _ in gone])
    if table == "nodes" and gone:
        # the milestones of an archived node go with it (the clerk's own included), state intact
        conn.executemany("UPDATE milestones SET archived_at = ?, archived_why = 'import' "
                         "WHERE node_id = ? AND archived_at IS NULL", [(now, i) for i, _ in gone])
    report.archived.extend((kind, i, title) for i, title in gone)


def link_groups(plan: PlanData) -> dict[str, str]:
    """Milestones joined by ``same_as`` (directly or in a chain) as groups: local id -> the group's
    first member in document order, the id every member stores in ``link``."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for m in plan.milestones:
        if m.same_as:
            a, b = root(m.local_id), root(m.same_as)
            if a != b:
                parent[a] = b
    members = {m.local_id for m in plan.milestones if m.same_as} | {m.same_as for m in plan.milestones if m.same_as}
    first: dict[str, str] = {}
    for m in plan.milestones:  # document order
        if m.local_id in members:
            first.setdefault(root(m.local_id), m.local_id)
    return {local: first[root(local)] for local in members if root(local) in first}


def share_linked_ticks(conn: sqlite3.Connection, plan_id: str) -> list[str]:
    """One target printed in two places has one state: a member of a link group that is not ticked
    takes the earliest tick of the group (a new link between an already ticked milestone and its
    copy). Ticks with different dates are both kept; nothing a clerk entered is overwritten."""
    rows = conn.execute(
        "SELECT m.id, g.done_on, g.done_note FROM milestones m JOIN (SELECT link, done_on, done_note, "
        "ROW_NUMBER() OVER (PARTITION BY link ORDER BY done_on, seq) AS rn FROM milestones "
        "WHERE plan_id = ? AND link IS NOT NULL AND archived_at IS NULL AND done_on IS NOT NULL) g "
        "ON g.link = m.link AND g.rn = 1 WHERE m.plan_id = ? AND m.archived_at IS NULL AND m.done_on IS NULL",
        (plan_id, plan_id)).fetchall()
    conn.executemany("UPDATE milestones SET done_on = ?, done_note = COALESCE(done_note, ?) WHERE id = ?",
                     [(r[1], r[2], r[0]) for r in rows])
    return sorted(r[0] for r in rows)
