"""A long list's items as JSON objects written by SQLite: the json report's lines.

A 50,000-node plan's final report lists 74,000 milestones. Reading each as an ``Item`` and then
formatting it in Python cost more than the rest of the report together; here SQLite writes each
item's JSON text (one ``printf``; its json_quote escapes as Python's encoder does; the task's label
looked up by the node's id; the light from a ``CASE`` made of the rule's own table) and leaves a
mark where the one part only Python knows goes: the chapter and the units painted by seq
(``PlanIndex``), put in a chunk of lines at a time. The object is
``tui.reports.json_data.item_dict``'s, key for key and byte for byte; a test holds the two equal
on plan text with quotes, controls, printf directives and bidi marks.

A row whose stored values SQLite cannot vouch for as Python reads them (a due that is not a real
ISO day, an ``implicit`` that is not 0 or 1, a BLOB: typed in by hand) comes back without its
JSON, and is read as an ``Item`` and written by the renderer's own writer instead: it fails, or
reads, exactly as every other reader does.
"""
from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Callable, Iterator
from datetime import date
from itertools import repeat
from json.encoder import encode_basestring  # the C string escape of json.dumps(ensure_ascii=False)
from operator import itemgetter
from typing import Any

from store import status as st
from store.report import rows
from store.report.model import MILESTONE_LIGHTS, Item
from store.safe_text import json_safe

_JULIAN_DAY_ZERO = 1721424.5  # SQLite's julianday() of a date is its ordinal plus this
_PLACE = "\x01"  # where the chapter and units go: JSON text holds a control character only escaped
_ODD = "!"  # the first character of a row SQLite did not write, before its id (a JSON object starts "{")

_DONE = ", ".join(f"'{s}'" for s in st.MILESTONE_STATES if st.is_done(s))  # states whose tick and note count
# a day Python reads as SQLite does: a real one (date() keeps 2023-02-30; a modifier normalizes it)
# in years 1-9999, written YYYY-MM-DD
_DAY = "({0} >= '0001' AND date({0}, '+0 days') IS {0})"
_SOUND = (f"{_DAY.format('due')} AND typeof(id) = 'text' AND typeof(title) = 'text' "
          "AND typeof(due_phrase) IN ('null', 'text') AND typeof(done_note) IN ('null', 'text') "
          f"AND (start IS NULL OR start = '' OR {_DAY.format('start')}) "
          f"AND (done_on IS NULL OR done_on = '' OR state NOT IN ({_DONE}) OR {_DAY.format('done_on')}) "
          "AND implicit IN (0, 1)")
# the task's label as ``PlanIndex.labels`` makes it (an empty one: null)
_TASK = ("(SELECT CASE WHEN n.number IS NULL OR n.number = '' THEN nullif(n.title, '') "
         "ELSE n.number || ' ' || n.title END FROM nodes n WHERE n.id = node_id)")
_STATUS = ("CASE state " + " ".join(f"WHEN '{state}' THEN '\"status\": \"{state}\", \"light\": \"{light}\"' "
                                    for state, light in MILESTONE_LIGHTS.items()) + "END")
_LINE = ("""printf('{"id": %s, "title": %s, "task": %s, """ + _PLACE + """, "due": "%s", "due_phrase": %s, """
         """"start": %s, "done_on": %s, "note": %s, %s, "days_late": %d, "carried": %s, "implicit": %s}', """
         f"json_quote(id), json_quote(title), json_quote({_TASK}), due, "
         "CASE WHEN due_phrase IS NULL OR due_phrase = '' THEN 'null' ELSE json_quote(due_phrase) END, "
         """CASE WHEN start IS NULL OR start = '' THEN 'null' ELSE '"' || start || '"' END, """
         f"""CASE WHEN state IN ({_DONE}) AND done_on IS NOT NULL AND done_on <> '' THEN '"' || done_on || '"' """
         "ELSE 'null' END, "
         f"CASE WHEN state IN ({_DONE}) AND done_note IS NOT NULL THEN json_quote(done_note) ELSE 'null' END, "
         f"{_STATUS}, CAST(? - julianday(due) AS INTEGER), CASE WHEN due < ? THEN 'true' ELSE 'false' END, "
         "CASE WHEN implicit THEN 'true' ELSE 'false' END)")
_OUTER = f"seq, CASE WHEN {_SOUND} THEN {_LINE} ELSE '{_ODD}' || id END"


CHUNK = 1000  # rows read and written at a time


class _Places(dict[tuple[int, int], str]):
    """The chapter-and-units part of a line by (the chapter's position + 1, the units' list, as
    ``bisect_right`` over the chapters' starts and ``LeadBySeq.at`` give them), each made once."""

    def __init__(self, index: rows.PlanIndex) -> None:
        super().__init__()
        self.shorts, self.ids, self.lists = index.chapter_short, index.chapter_ids, index.lead.lists

    def __missing__(self, key: tuple[int, int]) -> str:
        chapter, units = max(key[0] - 1, 0), self.lists[key[1]]
        short, chapter_id = (self.shorts[chapter], self.ids[chapter]) if self.shorts else ("", "")
        text = encode_basestring
        place = self[key] = (f'"chapter": {text(short) if short else "null"}, '
                             f'"chapter_id": {text(chapter_id) if chapter_id else "null"}, '
                             f'"units": {json.dumps(list(units), ensure_ascii=False)}')
        return place


def json_chunks(index: rows.PlanIndex, as_of: date, soon_days: int, where: str, params: tuple[object, ...],
                period_start: date | None, fallback: Callable[[Item], str]) -> Iterator[list[str]]:
    """Every milestone matching ``where`` (as ``rows.items`` reads it, due first) as one line of
    JSON, ``CHUNK`` lines at a time; ``fallback`` writes the rare row SQLite does not write (see
    the module's docstring). A chunk's lines are finished column-wise, in C: no Python step per row."""
    for lines, _ in masked_json_chunks(index, as_of, soon_days, where, params, period_start, fallback, None):
        yield lines


def masked_json_chunks(index: rows.PlanIndex, as_of: date, soon_days: int, where: str, params: tuple[object, ...],
                       period_start: date | None, fallback: Callable[[Item], str],
                       extra: tuple[str, tuple[object, ...]] | None) -> Iterator[tuple[list[str], list[Any]]]:
    """``json_chunks``, each chunk with the value of ``extra`` (an expression over the list's
    columns and its arguments) for each of its lines (``None`` each without ``extra``)."""
    carried_before = period_start.isoformat() if period_start is not None else ""  # '' : nothing is before it
    outer = _OUTER
    outer_args: tuple[object, ...] = (as_of.toordinal() + _JULIAN_DAY_ZERO, carried_before)
    if extra is not None:
        outer, outer_args = f"{outer}, {extra[0]}", (*outer_args, *extra[1])
    sql, args = rows.list_sql(index, as_of, soon_days, where, params, "due, seq", outer=outer, outer_args=outer_args)
    at, starts, places = index.lead.at, index.chapter_starts, _Places(index)
    cursor = index.conn.cursor()
    cursor.row_factory = None  # plain tuples
    cursor.execute(sql, args)
    while chunk := cursor.fetchmany(CHUNK):
        seqs, texts = list(map(itemgetter(0), chunk)), list(map(itemgetter(1), chunk))
        keys = zip(map(bisect_right, repeat(starts), seqs), map(at.__getitem__, seqs), strict=True)
        lines = list(map(str.replace, texts, repeat(_PLACE), map(places.__getitem__, keys)))
        if any(map(str.startswith, texts, repeat(_ODD))):
            lines = [_odd(index, as_of, soon_days, period_start, fallback, text[len(_ODD):])
                     if text.startswith(_ODD) else line for text, line in zip(texts, lines, strict=True)]
        # printable unless plan text in them holds a control, bidi or separator character
        if not all(map(str.isprintable, lines)):
            lines = list(map(json_safe, lines))
        yield lines, (list(map(itemgetter(2), chunk)) if extra is not None else [None] * len(lines))


def _odd(index: rows.PlanIndex, as_of: date, soon_days: int, period_start: date | None,
         fallback: Callable[[Item], str], milestone_id: str) -> str:
    """A row SQLite did not write, read as an ``Item`` and written by ``fallback``."""
    found = rows.items(index, as_of, soon_days, "id = ?", (milestone_id,), period_start=period_start,
                       nodes="labels")
    return fallback(next(found))
