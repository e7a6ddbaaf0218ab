"""The whole plan with its state as JSON (``plandesk export --format json``), written as it is read.

The shape is documented in the README; it is what other tools (a spreadsheet, a script)
read, so keys only get added, never renamed. A plan of 50,000 nodes is 100,000 records: they
are never gathered into one document. SQLite writes each node and milestone as one JSON
object (``json_object``, in C) straight from its row, one object per line, and the lines go
out in blocks, as the UTF-8 bytes SQLite made wherever the output is UTF-8 underneath (standard
output, the ``-o`` file), so 50 MB are not decoded and encoded again. A node's roll-ups (its
subtree's milestone states and item lights) come from prefix sums over seq (store.subtrees),
its units from one walk in document order, and are spliced into its object as prefabricated
JSON text (most nodes share a handful). The state rules are the shared ones:
``status.sql_state`` classifies milestones, ``status.Rollup`` decides each node's light and
share done, ``store.lights`` the traffic lights, ``store.units`` who is responsible
(tests/progress/test_progress_export_fast.py holds the export to them node by node,
tests/cli/test_export_golden.py to its bytes).
"""
from __future__ import annotations

import itertools
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any, TextIO

from store import queries as q
from store import status as st

EXPORT_VERSION = 1
BLOCK = 500  # records per write


def _rollup(rollup: st.Rollup) -> dict[str, Any]:
    return {"light": rollup.light, "total": rollup.total, "done": rollup.done,
            "share_done": round(rollup.share_done, 4), "counts": dict(rollup.counts)}


def _indicator(ind: q.Indicator, today: date) -> dict[str, Any]:
    years = ind.target_years
    return {
        "id": ind.id, "category": ind.category, "number": ind.number, "name": ind.name, "unit": ind.unit,
        "attribute": ind.attribute, "binding": ind.binding, "better": ind.better, "measure": ind.measure,
        "baseline": {"year": ind.baseline_year, "value": ind.baseline_printed},
        "targets": {str(y): c.printed for y in years if (c := ind.target(y))},
        "cells": [{"table": c.table, "year": c.year, "printed": c.printed, "number": c.number,
                   "comparator": c.comparator, "basis": c.basis, "effective": c.effective} for c in ind.cells],
        "conflicts": ind.conflicts,
        "actuals": {str(y): v for y, v in sorted(ind.actuals.items())},
        "status": {str(y): ind.status(y, today) for y in years},
        "note": ind.note,
    }


def _node_rows(conn: sqlite3.Connection, plan: q.Plan, tracking: _Tracking) -> Iterator[bytes]:
    """Each live node as one JSON object in UTF-8, in document order: SQLite writes its own fields;
    its units, own light and its subtree's counts are spliced in by ``_Tracking.node_records`` as
    the rows pass."""
    rows = conn.execute(
        "SELECT CAST(json_object('id', n.id, 'parent', n.parent_id, 'kind', n.kind, 'number', n.number, "
        "'title', n.title, 'text', n.text, "
        "'units', json(CASE WHEN n.units_override IS NOT NULL AND n.units_override != 'null' "
        "THEN n.units_override ELSE coalesce(n.units, '[]') END), "
        "'fields', json(CASE WHEN n.fields IS NULL OR n.fields IN ('', '{}') THEN 'null' ELSE n.fields END), "
        "'source', json_object('file', ?, 'line', n.line, 'printed', n.source, 'repair', n.repair)) AS BLOB), "
        "n.seq, n.last_seq, n.depth, n.id, n.parent_id, n.units, n.units_override, n.support, n.support_override "
        "FROM nodes n WHERE n.plan_id = ? AND n.archived_at IS NULL ORDER BY n.seq", (plan.source_file, plan.id))
    return tracking.node_records(_fetched(rows))


def _fetched(cursor: sqlite3.Cursor) -> Iterator[Any]:
    """A cursor's rows, fetched in blocks (a step per row costs more than the row)."""
    while block := cursor.fetchmany(BLOCK):
        yield from block


def _milestone_rows(conn: sqlite3.Connection, plan: q.Plan, today: date, soon_days: int,
                    tracking: _Tracking) -> Iterator[bytes]:
    """Each live milestone as one JSON object in UTF-8, in document order, with its state as of
    ``today`` and its own light: written whole by SQLite."""
    from store import lights as lt

    state_sql, state_args = st.sql_state(today, soon_days)
    for i in range(len(state_args)):  # named, beside the lights' named parameters
        state_sql = state_sql.replace("?", f":state{i}", 1)
    if tracking.has_reports:
        light_sql = f"(SELECT {lt.LIGHT_SQL} FROM ml WHERE ml.item = m.id)"
        with_lights = f"WITH ml AS ({lt.facts_sql(True, '', False)}) "
    else:  # no report counts yet: a milestone's light follows from its code alone
        light_sql = f"CASE {lt.code_sql()} {tracking.milestone_light_by_code} END"
        with_lights = ""
    cursor = conn.execute(
        f"{with_lights}SELECT CAST(json_object('id', id, 'node', node_id, 'title', title, 'due', due, "
        "'due_phrase', nullif(due_phrase, ''), 'start', start, 'done_on', done_on, 'note', done_note, "
        f"'status', {state_sql}, 'origin', origin, "
        "'implicit', json(CASE WHEN implicit THEN 'true' ELSE 'false' END), "
        "'source', json_object('file', :file, 'line', line), "
        f"'every', every, 'series', series, 'same_as', same_as, 'link', link, 'light', {light_sql}) AS BLOB) "
        "FROM milestones m WHERE plan_id = :plan AND archived_at IS NULL ORDER BY seq, id",
        {**tracking.params, "file": plan.source_file, **{f"state{i}": v for i, v in enumerate(state_args)}})
    while block := cursor.fetchmany(BLOCK):
        yield from [row[0] for row in block]


def _pretty(value: Any, indent: int) -> str:
    """``value`` as indented JSON, nested ``indent`` spaces deep (no raw bidi or C1 character)."""
    from store.safe_text import json_safe

    return json_safe(json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + " " * indent))


def _write_list(write: Callable[[bytes], Any], records: Iterable[bytes]) -> None:
    """``[`` one object per line ``]``, written in blocks as the records come."""
    block: list[bytes] = []
    first = True
    for record in records:
        block.append(record)
        if len(block) == BLOCK:
            write((b"[\n    " if first else b",\n    ") + b",\n    ".join(block))
            first = False
            block.clear()
    if block:
        write((b"[\n    " if first else b",\n    ") + b",\n    ".join(block))
        first = False
    write(b"[]" if first else b"\n  ]")


def _bytes_writer(out: TextIO) -> Callable[[bytes], Any]:
    """How the records reach ``out``: straight to the bytes under it when that writes what the text
    would (UTF-8, no newline translation), so 50 MB are neither decoded from SQLite nor encoded
    again; else decoded, block by block."""
    import codecs
    import os

    from store.safe_text import json_safe_utf8

    buffer = getattr(out, "buffer", None)
    encoding = getattr(out, "encoding", None)
    if buffer is not None and encoding and codecs.lookup(encoding).name == "utf-8" and os.linesep == "\n":
        def write(data: bytes) -> Any:
            out.flush()  # what was written as text goes first
            return buffer.write(json_safe_utf8(data))
        return write
    return lambda data: out.write(json_safe_utf8(data).decode("utf-8"))


def export_plan(conn: sqlite3.Connection, plan: q.Plan, today: date,
                soon_days: int = st.DEFAULT_SOON_DAYS) -> dict[str, Any]:
    """The export document as data (for tests and small plans; the command streams it)."""
    import io

    out = io.StringIO()
    write_export(conn, plan, today, out, soon_days)
    document: dict[str, Any] = json.loads(out.getvalue())
    return document


def write_export(conn: sqlite3.Connection, plan: q.Plan, today: date, out: TextIO,
                 soon_days: int = st.DEFAULT_SOON_DAYS) -> None:
    """Write the export document of ``plan`` to ``out``, node by node, milestone by milestone."""
    tracking = _Tracking(conn, plan, today, soon_days)
    head = {
        "plandesk_export": EXPORT_VERSION,
        "as_of": today.isoformat(),
        "due_soon_days": soon_days,
        "plan": {"id": plan.id, "region": plan.region, "bureau": plan.bureau, "title": plan.title,
                 "doc_number": plan.doc_number, "period": {"start": plan.start_year, "end": plan.end_year},
                 "source_file": plan.source_file},
        "summary": _rollup(tracking.total),
    }
    write = _bytes_writer(out)
    out.write(_pretty(head, 0)[:-2] + ",\n  \"nodes\": ")
    _write_list(write, _node_rows(conn, plan, tracking))
    out.write(",\n  \"milestones\": ")
    _write_list(write, _milestone_rows(conn, plan, today, soon_days, tracking))
    indicators = [_indicator(ind, today) for ind in q.indicators(conn, plan.id)]
    out.write(",\n  \"indicators\": " + _pretty(indicators, 2))
    for key, value in (("reporting", tracking.reporting), ("links", tracking.links),
                       ("progress", tracking.progress)):
        out.write(f",\n  \"{key}\": " + _pretty(value, 2))
    out.write("\n}\n")


class _Tracking:
    """The state and reporting-cycle part of the export (issue 11): roll-ups, units that apply,
    lights, linked milestones, progress reports. Keys only get added to the documented shape.

    Every node's counts come from prefix sums over seq (store.subtrees): one pass over the
    milestones (their states) and one over the tracked items (their own lights, which also give
    each tracked node its light, reason and 序时), both packed into one integer per seq, then one
    subtraction per node, instead of a join of every node with its subtree. What a node's counts
    write is prepared once per distinct count. Units are resolved as the nodes pass, in document
    order."""

    def __init__(self, conn: sqlite3.Connection, plan: q.Plan, today: date, soon_days: int) -> None:
        from store import lights as lt
        from store import progress as pg
        from store import subtrees

        s = lt.settings(conn, plan.id, today, soon_days)
        self.params = s.params()
        self.has_reports = lt.has_reports(conn, s)
        self.reporting = {"cycle": s.cycle, "yellow_lag": s.yellow, "red_lag": s.red,
                          "due_period": s.due_period.key}
        self.milestone_light_by_code = " ".join(f"WHEN {code} THEN '{lt.COLOURS[colour]}'" for code, colour
                                                in lt.colour_by_code(conn, s, per_milestone=True).items())
        first, last = conn.execute(
            "SELECT min(coalesce((SELECT MIN(seq) FROM nodes WHERE plan_id = :plan), 0), "
            "coalesce((SELECT MIN(seq) FROM milestones WHERE plan_id = :plan), 0)), "
            "max(coalesce((SELECT MAX(last_seq) FROM nodes WHERE plan_id = :plan), 0), "
            "coalesce((SELECT MAX(seq) FROM nodes WHERE plan_id = :plan), 0), "
            "coalesce((SELECT MAX(seq) FROM milestones WHERE plan_id = :plan), 0))", self.params).fetchone()
        state_sql, state_args = st.sql_state(today, soon_days)
        index = " ".join(f"WHEN '{state}' THEN {i}" for i, state in enumerate(st.MILESTONE_STATES))
        state_unit = [subtrees.unit(i) for i in range(len(st.MILESTONE_STATES))]  # beyond SQLite's 64 bits
        states = ((seq, state_unit[i]) for seq, i in _fetched(conn.execute(
            f"SELECT seq, CASE {state_sql} {index} END FROM milestones WHERE plan_id = ? AND archived_at IS NULL",
            (*state_args, plan.id))))
        self.own: dict[str, bytes] = {}  # a tracked node's light, reason and 序时, as JSON members
        first_colour = len(st.MILESTONE_STATES)  # kinds: the states, then the colours

        def placed() -> Iterator[tuple[int, int]]:  # each tracked node's seq and colour, noting its own light
            colour_unit = {light: subtrees.unit(first_colour + i) for i, light in enumerate(lt.COLOURS)}
            own = self.own
            members: dict[tuple[str, float | None], tuple[bytes, int]] = {}  # most items share a few
            for item, seq, reason, expected in _fetched(conn.execute(
                    f"SELECT item, seq, reason, expected FROM ({lt.facts_sql(False, '', True, self.has_reports)})",
                    self.params)):
                found = members.get((reason, expected))
                if found is None:
                    light = lt.REASONS[reason]
                    found = members[reason, expected] = (
                        f'"light":"{light}","light_reason":"{reason}","expected":'
                        f"{'null' if expected is None else repr(round(expected, 1))}".encode(),  # JSON's float
                        colour_unit[light])
                own[item] = found[0]
                yield seq, found[1]
        self.counts = subtrees.SubtreeCounts(itertools.chain(states, placed()), last, first)
        top = conn.execute("SELECT seq, last_seq FROM nodes WHERE plan_id = ? AND depth = 0 AND archived_at IS NULL",
                           (plan.id,)).fetchall()
        whole = sum(self.counts.packed(seq, last_seq) for seq, last_seq in top)
        self.total = st.Rollup(dict(zip(st.MILESTONE_STATES, subtrees.unpack(whole, first_colour), strict=True)))
        self._kinds = first_colour + len(lt.COLOURS)
        rows = conn.execute("SELECT id, same_as, link FROM milestones WHERE plan_id = ? AND archived_at IS NULL "
                            "AND same_as IS NOT NULL ORDER BY seq, id", (plan.id,)).fetchall()
        self.links = [{"milestone": r[0], "same_as": r[1], "link": r[2]} for r in rows]
        self.progress = [{
            "id": r.id, "item": r.item_id, "item_kind": r.item_kind, "period": r.period, "state": r.state,
            "percent": r.percent, "note": r.note, "problem": r.problem, "next": r.next_step,
            "evidence": list(r.evidence), "unit": r.unit, "by": r.who, "at": r.at, "on": r.reported_on,
            "source": r.source} for r in pg.reports_of_plan(conn, plan.id)]

    def _written(self, packed: int) -> tuple[bytes, bytes, bytes]:
        """What a node with these subtree counts writes: (its status and the key after it, its light
        by its subtree when it has none of its own, its lights and the end of its object)."""
        from store import lights as lt
        from store import subtrees

        counts = subtrees.unpack(packed, self._kinds)
        states, colours = counts[:len(st.MILESTONE_STATES)], counts[len(st.MILESTONE_STATES):]
        status = json.dumps(_rollup(st.Rollup(dict(zip(st.MILESTONE_STATES, states, strict=True)))),
                            separators=(",", ":"))
        lights = lt.Counts(*colours)
        if not lights.total:
            counted, counts_json = "null", "null"
        else:
            counted, counts_json = json.dumps(lights.light), json.dumps(dict(lights._asdict()), separators=(",", ":"))
        return (f',"status":{status},"lead":'.encode(),
                f'"light":{counted},"light_reason":null,"expected":null'.encode(),
                f',"lights":{counts_json}}}'.encode())

    def node_records(self, rows: Iterable[tuple[Any, ...]]) -> Iterator[bytes]:
        """Each node's object: SQLite's fields, then its status, units, light and lights in the
        documented order; ``rows``: (head in UTF-8, seq, last_seq, depth, id, parent_id, the four
        unit columns)."""
        from store.units import BranchWalk

        step = BranchWalk().step
        below = self.counts.below
        own_of = self.own.get
        written: dict[int, tuple[bytes, bytes, bytes]] = {}
        encoded: dict[str | None, bytes] = {None: b"[]", "": b"[]"}  # unit lists and ids: a few texts recur

        def utf8(text: str | None) -> bytes:
            found = encoded.get(text)
            if found is None:
                found = encoded[text] = (text or "[]").encode()
            return found
        for head, seq, last_seq, depth, node_id, parent_id, units, units_override, supp, supp_override in rows:
            lead, support, from_id = step(depth, node_id, parent_id, units, units_override, supp, supp_override)
            packed = below[last_seq + 1] - below[seq]
            status, counted, end = written.get(packed) or written.setdefault(packed, self._written(packed))
            inherited = utf8(f'"{from_id}"') if from_id and from_id != node_id else b"null"  # ids need no escaping
            yield b"".join((head[:-1], status, utf8(lead), b',"support":', utf8(support), b',"units_inherited_from":',
                            inherited, b",", own_of(node_id) or counted, end))
