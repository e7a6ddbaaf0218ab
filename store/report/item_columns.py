"""A chunk of a list's items as columns: what ``Item`` holds, field by field, without an object per row.

A renderer that writes every row of a long list a column at a time (the csv, the workbook) reads
a field of two thousand items at once. Made from the list query's rows, each column is made on
first use, in C where it can be: fields picked from the rows, dates and day counts looked up by
their text (a plan has a few thousand distinct due dates for 50,000 milestones), chapters by
``bisect`` over the chapters' starts, units by seq (``PlanIndex.lead``). The values are
``rows._item_maker``'s, field for field; a test holds the two equal.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator
from datetime import date
from functools import cached_property
from itertools import repeat
from operator import itemgetter
from typing import Any

from store.report import rows
from store.report.model import Item

# the list query's row (``rows._COLUMNS`` and its state), by name
_ID, _TITLE, _DUE, _PHRASE, _START, _DONE_ON, _NOTE, _IMPLICIT, _NODE, _SEQ, _STATE = map(itemgetter, range(11))
_EXTRA = itemgetter(11)  # what a reader selected after them


class _Memo(dict[Any, Any]):
    """Values made once per distinct key; later look-ups are done in C."""

    def __init__(self, make: Callable[[Any], Any]) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, key: Any) -> Any:
        value = self[key] = self._make(key)
        return value


def _date_or_none(text: Any) -> date | None:
    return date.fromisoformat(text) if text else None


class ColumnReading:
    """What every chunk of one report's lists is read with: the per-report look-ups, made once
    (``of``: a report's, from its ``PlanIndex``)."""

    def __init__(self, as_of: date, period_start: date | None, done_states: frozenset[str],
                 chapter_starts: list[int], chapter_short: list[str], chapter_ids: list[str],
                 lead_at: Any, lead_lists: list[tuple[str, ...]]) -> None:
        self.dates = _Memo(date.fromisoformat)
        self.optional_dates = _Memo(_date_or_none)
        self.days = _Memo(lambda due: (as_of - due).days)
        self.carried = _Memo(lambda due: period_start is not None and due < period_start)
        self.counted = _Memo(done_states.__contains__)
        self.starts = chapter_starts
        # bisect_right over the starts gives the chapter's position + 1 (0 before the first: the first)
        self.short_at = [chapter_short[0], *chapter_short] if chapter_short else []
        self.id_at = [chapter_ids[0], *chapter_ids] if chapter_ids else []
        self.lead_at, self.lead_lists = lead_at, lead_lists

    @classmethod
    def of(cls, index: rows.PlanIndex, as_of: date, period_start: date | None) -> ColumnReading:
        at, lists = index.lead
        return cls(as_of, period_start, rows.DONE_STATES, index.chapter_starts, index.chapter_short,
                   index.chapter_ids, at, lists)


class ItemColumns:
    """A chunk of items as columns named as ``Item``'s fields (``task`` left empty)."""

    def __init__(self, rows: list[tuple[Any, ...]], reading: ColumnReading) -> None:
        self._rows, self._reading = rows, reading

    @classmethod
    def of_items(cls, items: list[Item]) -> ItemColumns:
        """The columns of items already read (a list read on its own)."""
        columns = cls([], None)  # type: ignore[arg-type]  # every column is set here
        columns.__dict__.update(zip(Item._fields, map(list, zip(*items, strict=True)) if items else repeat([]),
                                    strict=False))
        columns.__dict__["size"] = len(items)
        return columns

    @cached_property
    def size(self) -> int:
        return len(self._rows)

    def _picked(self, get: Callable[[tuple[Any, ...]], Any]) -> list[Any]:
        return list(map(get, self._rows))

    @cached_property
    def id(self) -> list[str]:
        return self._picked(_ID)

    @cached_property
    def title(self) -> list[str]:
        return self._picked(_TITLE)

    @cached_property
    def due(self) -> list[date]:
        return list(map(self._reading.dates.__getitem__, map(_DUE, self._rows)))

    @cached_property
    def due_phrase(self) -> list[str | None]:
        return [phrase or None for phrase in map(_PHRASE, self._rows)]

    @cached_property
    def start(self) -> list[date | None]:
        return list(map(self._reading.optional_dates.__getitem__, map(_START, self._rows)))

    @cached_property
    def _counted(self) -> list[bool]:
        return list(map(self._reading.counted.__getitem__, self.state))

    @cached_property
    def done_on(self) -> list[date | None]:
        on = self._reading.optional_dates.__getitem__
        return [on(text) if counted else None for counted, text in zip(self._counted, map(_DONE_ON, self._rows),
                                                                         strict=True)]

    @cached_property
    def note(self) -> list[str | None]:
        return [note if counted else None for counted, note in zip(self._counted, map(_NOTE, self._rows),
                                                                     strict=True)]

    @cached_property
    def state(self) -> list[str]:
        return self._picked(_STATE)

    @cached_property
    def days_late(self) -> list[int]:
        return list(map(self._reading.days.__getitem__, self.due))

    @cached_property
    def implicit(self) -> list[bool]:
        return list(map(bool, map(_IMPLICIT, self._rows)))

    @cached_property
    def node_id(self) -> list[str]:
        return self._picked(_NODE)

    @cached_property
    def task(self) -> list[str]:
        return [""] * self.size

    @cached_property
    def _seq(self) -> list[int]:
        return self._picked(_SEQ)

    @cached_property
    def _chapter_at(self) -> list[int]:
        return list(map(bisect_right, repeat(self._reading.starts), self._seq))

    @cached_property
    def chapter(self) -> list[str]:
        short_at = self._reading.short_at
        return list(map(short_at.__getitem__, self._chapter_at)) if short_at else [""] * self.size

    @cached_property
    def chapter_id(self) -> list[str]:
        id_at = self._reading.id_at
        return list(map(id_at.__getitem__, self._chapter_at)) if id_at else [""] * self.size

    @cached_property
    def units(self) -> list[tuple[str, ...]]:
        return list(map(self._reading.lead_lists.__getitem__, map(self._reading.lead_at.__getitem__, self._seq)))

    @cached_property
    def carried(self) -> list[bool]:
        return list(map(self._reading.carried.__getitem__, self.due))


def column_chunks(index: rows.PlanIndex, as_of: date, soon_days: int, where: str, params: tuple[object, ...],
                  period_start: date | None, size: int, reading: ColumnReading | None = None,
                  extra: tuple[str, tuple[object, ...]] | None = None) -> Iterator[tuple[ItemColumns, list[Any]]]:
    """The milestones ``rows.items`` reads (due first, without their task), ``size`` at a time as
    columns, each chunk with the value of ``extra`` (an expression over the list's columns, and
    its arguments) for each row (``None`` each without ``extra``)."""
    outer = ("*", ()) if extra is None else (f"*, {extra[0]}", extra[1])
    sql, args = rows.list_sql(index, as_of, soon_days, where, params, "due, seq", outer=outer[0], outer_args=outer[1])
    reading = reading or ColumnReading.of(index, as_of, period_start)
    cursor = index.conn.cursor()
    cursor.row_factory = None  # plain tuples
    cursor.execute(sql, args)
    while chunk := cursor.fetchmany(size):
        if extra is None:
            yield ItemColumns(chunk, reading), [None] * len(chunk)
        else:
            yield ItemColumns(chunk, reading), list(map(_EXTRA, chunk))
