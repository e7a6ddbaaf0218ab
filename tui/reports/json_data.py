"""The JSON renderer: the report as data (a list when there are several plans), written as it is read.

The small parts are indented; each milestone of a list is one compact line, so a 50,000-node plan
streams through the C encoder instead of being built as one document. Keys only get added,
never renamed (``plandesk_report`` is the format's version).
"""
from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from itertools import islice
from json.encoder import encode_basestring  # the C string escape json.dumps(ensure_ascii=False) uses
from typing import Any, TextIO

from store import report as rp
from store import status as st
from store.report.one_pass import OnePass, json_lines_packing, select_list
from store.safe_text import json_safe

REPORT_VERSION = 1
_MARK = "@@plandesk-items-{}@@"
_encode = json.JSONEncoder(ensure_ascii=False).encode  # one encoder for every item: the C fast path


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def rollup_dict(rollup: st.Rollup) -> dict[str, Any]:
    return {"light": rollup.light, "total": rollup.total, "done": rollup.done,
            "share_done": round(rollup.share_done, 4), "counts": dict(rollup.counts)}


def _period_dict(period: rp.Period | None) -> dict[str, Any] | None:
    if period is None:
        return None
    return {"kind": period.kind, "start": period.start.isoformat(), "end": period.end.isoformat(),
            "label": period.label}


def item_dict(it: rp.Item) -> dict[str, Any]:
    return {"id": it.id, "title": it.title, "task": it.task or None, "chapter": it.chapter or None,
            "chapter_id": it.chapter_id or None, "units": list(it.units), "due": it.due.isoformat(),
            "due_phrase": it.due_phrase, "start": _iso(it.start), "done_on": _iso(it.done_on), "note": it.note,
            "status": it.state, "light": it.light, "days_late": it.days_late, "carried": it.carried,
            "implicit": it.implicit}


_ITEM = ('{"id": %s, "title": %s, "task": %s, %s, "due": "%s", "due_phrase": %s, "start": %s, "done_on": %s, '
         '"note": %s, %s, "days_late": %d, "carried": %s, "implicit": %s}')
_BOOL = {True: "true", False: "false"}
_CHUNK = 1000  # items joined into one write


def item_writer() -> Callable[[rp.Item], str]:
    """``item_dict`` as the encoder writes it, without the dict: each text goes through the C
    string escape into a fixed template (2.5 times faster on a 50,000-node plan's lists); the
    few chapter-and-units and status-and-light members are encoded once each. A test holds it
    to ``item_dict``."""
    text = encode_basestring  # the encoder's own string escape (ensure_ascii=False)
    placed: dict[tuple[str, str, tuple[str, ...]], str] = {}
    states: dict[str, str] = {}

    def write(it: rp.Item) -> str:
        where = placed.get((it.chapter, it.chapter_id, it.units))
        if where is None:
            where = placed[it.chapter, it.chapter_id, it.units] = (
                f'"chapter": {text(it.chapter) if it.chapter else "null"}, '
                f'"chapter_id": {text(it.chapter_id) if it.chapter_id else "null"}, "units": {_encode(list(it.units))}')
        state = states.get(it.state)
        if state is None:  # the light follows from the state alone (Item.light)
            state = states[it.state] = f'"status": {text(it.state)}, "light": {text(it.light)}'
        line = _ITEM % (
            text(it.id), text(it.title), text(it.task) if it.task else "null", where, it.due.isoformat(),
            "null" if it.due_phrase is None else text(it.due_phrase),
            f'"{it.start.isoformat()}"' if it.start else "null",
            f'"{it.done_on.isoformat()}"' if it.done_on else "null", "null" if it.note is None else text(it.note),
            state, it.days_late, _BOOL[it.carried], _BOOL[it.implicit])
        # the line is printable unless plan text in it holds a control, bidi or separator character
        # (or an ideographic space): those lines only go through the escape, not all 74,000
        return line if line.isprintable() else json_safe(line)

    return write


def _value(value: rp.Value | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {"printed": value.printed, "number": value.number, "comparator": value.comparator,
            "derived": value.derived}


def _pace(pace: rp.Pace | None) -> dict[str, Any] | None:
    if pace is None:
        return None
    return {"rating": pace.rating, "end_year": pace.end_year, "end_target": _value(pace.end_target),
            "latest_year": pace.latest_year, "latest": pace.latest, "start_year": pace.start_year,
            "start": pace.start, "expected": pace.expected, "progress": pace.progress, "elapsed": pace.elapsed,
            "projected": pace.projected, "cumulative": pace.cumulative, "gaps": list(pace.gaps),
            "warning": pace.warning}


def _section_params(section: rp.Listing) -> dict[str, Any]:
    params: dict[str, Any] = {}
    if section.key in (rp.DUE_IN_PERIOD, rp.CARRIED, rp.NEXT_PERIOD):
        params["period"] = section.period.label if section.period else None
    if section.days is not None:
        params["days"] = section.days
    if section.year is not None:
        params["year"] = section.year
    return params


def report_dict(report: rp.Report) -> dict[str, Any]:
    """The report as JSON-ready data, with each list's items left as a marker ``write_json`` fills."""
    data = _report_dict(report)
    if report.progress is not None:  # status: lights, 序时 and lagging tasks (issue 11)
        from store.report_progress import progress_dict

        data["progress"] = progress_dict(report.progress)
    if report.task_reports is not None:  # a period report: the progress reports that count in it (issue 13)
        data["progress_reports"] = {
            "tasks": [{"id": r.node_id, "chapter_id": r.chapter_id, "chapter": r.chapter, "task": r.task,
                       "units": list(r.units), "period": r.period, "reported_on": r.reported_on.isoformat(),
                       "state": r.state, "percent": r.percent, "progress": r.note, "problem": r.problem,
                       "next_step": r.next_step} for r in report.task_reports],
            "lagging": [r.node_id for r in report.lagging_reports],
            "reporting_period": report.reporting_period,
            "units_not_reported": report.units_not_reported}
    return data


def _report_dict(report: rp.Report) -> dict[str, Any]:
    plan = report.plan
    return {
        "plandesk_report": REPORT_VERSION,
        "kind": report.kind,
        "as_of": report.as_of.isoformat(),
        "due_soon_days": report.soon_days,
        "plan": {"id": plan.id, "region": plan.region, "bureau": plan.bureau, "title": plan.title,
                 "doc_number": plan.doc_number, "period": {"start": plan.start_year, "end": plan.end_year}},
        "period": _period_dict(report.period),
        "next_period": _period_dict(report.next),
        "indicator_year": report.indicator_year,
        "headline": rollup_dict(report.headline),
        "plan_total": rollup_dict(report.plan_total),
        "chapters": [{"id": c.id, "depth": c.depth, "kind": c.kind, "number": c.number, "title": c.title,
                      "label": c.label, "status": rollup_dict(c.counts), "plan_status": rollup_dict(c.plan)}
                     for c in report.chapters],
        "indicators": [{
            "id": r.id, "number": r.number, "category": r.category, "name": r.name, "unit": r.unit,
            "attribute": r.attribute, "binding": r.binding, "better": r.better, "measure": r.measure,
            "baseline": {"year": r.baseline_year, "value": r.baseline.printed if r.baseline else None,
                         "number": r.baseline.number if r.baseline else None},
            "year": r.year, "target": r.target.printed if r.target else None, "target_value": _value(r.target),
            "actual": r.actual, "status": r.status, "light": r.light, "gap": r.gap, "conflict": r.conflict,
            "actual_note": r.actual_note,
            "years": [{"year": y.year, "target": y.target.printed if y.target else None,
                       "target_value": _value(y.target), "actual": y.actual, "status": y.status,
                       "light": y.light, "conflict": y.conflict} for y in r.years],
            "pace": _pace(r.pace),
        } for r in report.indicators],
        "sections": [{"key": s.key, "params": _section_params(s), "total": s.total,
                      "items": _MARK.format(n)} for n, s in enumerate(report.sections)],
    }


class _JsonSafe:
    """A stream that writes JSON with its C1, bidi and separator characters escaped (``\\u202e``):
    the same strings to any reader, nothing a terminal acts on when the JSON is printed."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(text if text.isascii() else json_safe(text))


def write_json(reports: list[rp.Report], target: TextIO) -> None:
    stream = _JsonSafe(target)
    several = len(reports) != 1
    if several:
        stream.write("[\n")
    for i, report in enumerate(reports):
        if i:
            stream.write(",\n")
        text = json.dumps(report_dict(report), ensure_ascii=False, indent=2)
        if several:
            text = "\n".join("  " + line for line in text.split("\n"))
        one = _one_pass(report)
        for n, section in enumerate(report.sections):
            head, _, text = text.partition(json.dumps(_MARK.format(n)))
            stream.write(head)
            key_line = head.rsplit("\n", 1)[-1]  # '      "items": '
            indent = " " * (len(key_line) - len(key_line.lstrip()) + 2)
            _items(section, indent, target, one)
        stream.write(text)
    stream.write("\n]\n" if several else "\n")


def _one_pass(report: rp.Report) -> OnePass[list[str]] | None:
    """The report's whole lists read by one query (``store.report.one_pass``), when it has them."""
    shared = next((s.shared for s in report.sections if s.shared is not None), None)
    if shared is None:
        return None
    write = item_writer()
    return OnePass(shared, lambda: shared.json_chunks(write), select_list, json_lines_packing())


def _items(section: rp.Listing, indent: str, stream: TextIO, one: OnePass[list[str]] | None = None) -> None:
    """A list's items, one compact line each, written a thousand lines at a time (each line already
    escaped by ``item_writer`` or ``store.report.json_rows``: straight to the file). A whole list's
    lines are written by SQLite (with ``one``, the report's lists by one query); a status's few by
    ``item_writer``."""
    write = item_writer()
    whole = section.json_chunks
    if whole is not None:
        chunks = whole(write) if one is None else one.chunks(section.key, lambda: whole(write))
    else:
        lines = map(write, iter(section))
        chunks = iter(lambda: list(islice(lines, _CHUNK)), [])
    separator = ",\n" + indent
    first = True
    for chunk in chunks:
        if chunk:
            stream.write(("[\n" + indent if first else separator) + separator.join(chunk))
            first = False
    stream.write("[]" if first else "\n" + indent[:-2] + "]")


def to_json(reports: list[rp.Report]) -> str:
    import io

    buffer = io.StringIO()
    write_json(reports, buffer)
    return buffer.getvalue()
