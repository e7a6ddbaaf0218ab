"""The plan as it now is in the database, written back as a plan file (docs/PLAN_FORMAT.md).

After the clerk has fixed a drafted plan in the app (added, edited, moved, archived nodes; own
milestones; unit changes), this is the surest way to keep the bureau's plan file in step: the
written file imports as it is, and re-imported onto the same plan changes nothing the clerk
sees (ids, tree, titles, due dates, source lines, ticks). What the file format cannot say is
listed in ``PlanFile.left_out`` so the command can say so: a milestone the clerk added to an item
that is tracked by its own (implicit) milestone, since a file lists either one or the other. It
stays in the database, and a re-import keeps it (a clerk's milestone is never archived by one).
"""
from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from store.deadlines import DeadlineError, parse_deadline
from store.errors import NotFound

_OCCURRENCE = re.compile(r"（\d{4}年(第[一二三四]季度)?）$")  # the title suffix of a recurring target's occurrence


@dataclass
class PlanFile:
    document: dict[str, Any]
    left_out: list[str] = field(default_factory=list)  # ids of the clerk's milestones the file cannot hold


def _put(out: dict[str, Any], key: str, value: Any) -> None:
    if value is not None and value != "" and value != [] and value != {}:
        out[key] = value


def _units(printed: str | None, override: str | None) -> list[str] | None:
    chosen = override if override is not None else printed
    return json.loads(chosen) if chosen else None


def _due(phrase: str | None, due: str, end_year: int) -> str | date:
    """The phrase as printed when it still means the stored date, else the date itself."""
    stored = date.fromisoformat(due)
    if phrase:
        try:
            if parse_deadline(phrase, end_year).due == stored:
                return phrase
        except DeadlineError:
            pass
    return stored


def _start_given(phrase: Any, start: str | None, end_year: int) -> date | None:
    """A start to write: only where the due phrase alone would not give it."""
    if not start:
        return None
    stored = date.fromisoformat(start)
    try:
        implied = parse_deadline(phrase, end_year).start if not isinstance(phrase, date) else None
    except DeadlineError:
        implied = None
    return None if implied == stored else stored


def _local(plan_id: str, full: str | None) -> str | None:
    return full.split("/", 1)[1] if full and full.startswith(f"{plan_id}/") else full


def _milestone(plan_id: str, end_year: int, m: sqlite3.Row, series: list[sqlite3.Row] | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if series:  # a recurring target: one entry for all its occurrences
        first, last = series[0], series[-1]
        out["id"] = first["series"]
        out["title"] = _OCCURRENCE.sub("", first["title"])
        out["every"] = first["every"]
        out["start"] = date.fromisoformat(first["start"]) if first["start"] else None
        out["due"] = _due(last["due_phrase"], last["due"], end_year)
    else:
        out["id"] = m["local_id"]
        out["title"] = m["title"]
        out["due"] = _due(m["due_phrase"], m["due"], end_year)
        _put(out, "start", _start_given(out["due"], m["start"], end_year))
        _put(out, "same_as", _local(plan_id, m["same_as"]))
    if out.get("start") is None:
        out.pop("start", None)
    for key in ("line", "source", "repair", "note"):
        _put(out, key, m[key])
    return out


def _node(plan_id: str, end_year: int, row: sqlite3.Row, milestones: list[sqlite3.Row],
          left_out: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {"id": row["local_id"], "kind": row["kind"]}
    _put(out, "number", row["number"])
    out["title"] = row["title"]
    for key in ("text",):
        _put(out, key, row[key])
    _put(out, "lead", _units(row["units"], row["units_override"]))
    _put(out, "support", _units(row["support"], row["support_override"]))
    for key in ("line", "source", "repair", "note"):
        _put(out, key, row[key])
    _put(out, "fields", json.loads(row["fields"]) if row["fields"] else None)
    own = [m for m in milestones if m["implicit"]]
    listed = [m for m in milestones if not m["implicit"]]
    if own:  # the file says "tracked by its own milestone" by having none listed
        left_out.extend(m["id"] for m in listed if m["origin"] == "clerk")
        listed = [m for m in listed if m["origin"] != "clerk"]
    if own and not listed:
        due = _due(own[0]["due_phrase"], own[0]["due"], end_year)
        if row["kind"] not in ("task", "entry", "project") or due != date(end_year, 12, 31):
            out["due"] = due
    if listed:
        items: list[dict[str, Any]] = []
        done_series: set[str] = set()
        for m in listed:
            if m["series"]:
                if m["series"] in done_series:
                    continue
                done_series.add(m["series"])
                items.append(_milestone(plan_id, end_year, m, [x for x in listed if x["series"] == m["series"]]))
            else:
                items.append(_milestone(plan_id, end_year, m, None))
        out["milestones"] = items
    return out


def _indicator(conn: sqlite3.Connection, row: sqlite3.Row) -> dict[str, Any]:
    out: dict[str, Any] = {"id": row["local_id"]}
    for key in ("category", "number"):
        _put(out, key, row[key])
    out["name"] = row["name"]
    for key in ("unit", "attribute"):
        _put(out, key, row[key])
    out["better"] = row["better"]
    if row["measure"] and row["measure"] != "total":
        out["measure"] = row["measure"]
    out["baseline_year"] = row["baseline_year"]
    tables: dict[str, dict[str, Any]] = {}
    for cell in conn.execute("SELECT * FROM indicator_cells WHERE indicator_id = ? ORDER BY line, year",
                             (row["id"],)):
        table = tables.setdefault(cell["tbl"], {"table": cell["tbl"], "line": cell["line"], "values": {},
                                                "basis": cell["basis"], "_main": False, "_first": cell["line"]})
        table["values"][cell["year"]] = cell["printed"]
        table["_main"] = table["_main"] or bool(cell["effective"])
        table.setdefault("_effective", set()).update({cell["year"]} if cell["effective"] else set())
    rows = []
    for table in _authority_order(row, list(tables.values())):
        item: dict[str, Any] = {"table": table["table"]}
        _put(item, "line", table["line"])
        if table["basis"] and table["basis"] != "total":
            item["basis"] = table["basis"]
        item["values"] = dict(sorted(table["values"].items()))
        rows.append(item)
    out["rows"] = rows
    _put(out, "line", row["line"])
    _put(out, "note", row["note"])
    return out


def _authority_order(row: sqlite3.Row, tables: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The tables in the order the file had them (the plan's main table first): the loader takes
    a year's target from the first table that prints it, so the order is the one that gives the
    same targets. Tried: the order the conflicts list them in, document order, counting first."""
    from itertools import permutations

    from store.loader import CellData, IndicatorData, derive_targets
    from store.values import parse_printed

    def targets(order: list[dict[str, Any]] | tuple[dict[str, Any], ...]) -> set[tuple[str, int]]:
        ind = IndicatorData(local_id="x", name="x", better="higher", measure=row["measure"] or "total",
                            baseline_year=row["baseline_year"], seq=0)
        ind.cells = [CellData(year=y, table=t["table"], value=parse_printed(v), basis=t["basis"] or "total", line=None)
                     for t in order for y, v in sorted(t["values"].items())]
        derive_targets(ind)
        return {(c.table, c.year) for c in ind.cells if c.effective}

    wanted = {(t["table"], y) for t in tables for y in t.get("_effective", ())}
    conflicts = json.loads(row["conflicts"]) if row["conflicts"] else []
    listed = list(dict.fromkeys(name for c in conflicts for name in c.get("values", {})))
    by_line = sorted(tables, key=lambda t: t["_first"] or 0)
    candidates = [sorted(by_line, key=lambda t: listed.index(t["table"]) if t["table"] in listed else len(listed)),
                  by_line, sorted(by_line, key=lambda t: not t["_main"])]
    if len(tables) <= 4:
        candidates.extend(list(p) for p in permutations(by_line))
    for order in candidates:
        if targets(order) == wanted:
            return list(order)
    return by_line


def plan_file(conn: sqlite3.Connection, plan_id: str) -> PlanFile:
    """The plan document (one YAML document's data) of the plan as it now is: live items only."""
    plan = conn.execute("SELECT * FROM plans WHERE id = ?", (plan_id,)).fetchone()
    if plan is None:
        raise NotFound("err_no_plan", plan=plan_id)
    end_year = plan["end_year"]
    doc: dict[str, Any] = {"id": plan["id"], "region": plan["region"]}
    _put(doc, "bureau", plan["bureau"])
    doc["title"] = plan["title"]
    _put(doc, "doc_number", plan["doc_number"])
    _put(doc, "issued", plan["issued"])
    doc["period"] = {"start": plan["start_year"], "end": end_year}
    doc["source_file"] = plan["source_file"]
    _put(doc, "note", plan["note"])
    reporting = {k: v for k, v in (("cycle", plan["report_cycle"]), ("yellow_lag", plan["yellow_lag"]),
                                   ("red_lag", plan["red_lag"])) if v is not None}
    _put(doc, "reporting", reporting)
    by_node: dict[str, list[sqlite3.Row]] = {}
    for m in conn.execute("SELECT * FROM milestones WHERE plan_id = ? AND archived_at IS NULL ORDER BY seq, id",
                          (plan_id,)):
        by_node.setdefault(m["node_id"], []).append(m)
    left_out: list[str] = []
    written: dict[str, dict[str, Any]] = {}
    top: list[dict[str, Any]] = []
    for row in conn.execute("SELECT * FROM nodes WHERE plan_id = ? AND archived_at IS NULL ORDER BY seq", (plan_id,)):
        item = _node(plan_id, end_year, row, by_node.get(row["id"], []), left_out)
        written[row["id"]] = item
        parent = written.get(row["parent_id"]) if row["parent_id"] else None
        if parent is not None:
            parent.setdefault("children", []).append(item)
        else:
            top.append(item)
    doc["nodes"] = top
    indicators = [_indicator(conn, r) for r in conn.execute(
        "SELECT * FROM indicators WHERE plan_id = ? AND archived_at IS NULL ORDER BY seq", (plan_id,))]
    _put(doc, "indicators", indicators)
    return PlanFile(doc, left_out)


def plan_yaml(document: dict[str, Any], header: str = "") -> str:
    """YAML text of a plan document, keys in the format's order, Chinese as it is."""
    import yaml

    from store.safe_text import json_safe, needs_escape

    class Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]  # PyYAML is untyped
        """Text holding a bidi, C1 or separator character is double-quoted, where ``\\u202e``
        escapes it: YAML counts them printable and would write them raw, to act on a terminal."""

    def text(dumper: Any, data: str) -> Any:
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style='"' if needs_escape(data) else None)

    Dumper.add_representer(str, text)
    body = yaml.dump(document, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=120)
    lines = "".join(f"# {line}\n" for line in header.splitlines() if line.strip())
    return json_safe(lines + body)  # each such character stands in a double-quoted scalar (or a comment)
