"""A period report's lists read whole in one query: the milestones due in the period, the overdue
and carried ones, the next period's.

The lists overlap (a final report's overdue milestones are also due in its period: 24,652 of the
49,440 rows of a 50,000-node plan's first list come again in the second) and are sorted alike,
so a renderer that writes every row (csv, json) reads them once: one query selects the rows of
any of the lists with a mask of the lists each belongs to (``SharedLists``); the list asked for
first streams as it is read and the rows of the others are kept, already written in the
renderer's format, until their turn (``OnePass``). An item in two lists is read and written once.

Only whole lists share a pass: a printout's first rows read their own list as before.
"""
from __future__ import annotations

import tempfile
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import compress, repeat
from operator import and_
from typing import Any, Generic, NamedTuple, TypeVar

from store.report import item_columns, json_rows, rows
from store.report.item_columns import ItemColumns
from store.report.model import Item

CHUNK = 2000  # rows of the shared query read at a time


@dataclass(frozen=True)
class Member:
    """One list of a shared pass: its key and the filter ``rows.list_sql`` would apply alone."""

    key: str
    where: str
    params: tuple[object, ...]


class SharedLists:
    """The lists of a report that share one ordering (due, seq) and one period start, read by one
    query. Each row comes with a mask: bit ``1 << k`` for the ``k``-th member whose filter it
    passes (as SQLite's WHERE would: NULL is not a match)."""

    def __init__(self, index: rows.PlanIndex, as_of: date, soon_days: int, period_start: date,
                 members: list[Member]) -> None:
        self.index, self.as_of, self.soon_days, self.period_start = index, as_of, soon_days, period_start
        self.members = members
        self.bits = {m.key: 1 << k for k, m in enumerate(members)}
        self._mask = " + ".join(f"CASE WHEN ({m.where}) THEN {1 << k} ELSE 0 END" for k, m in enumerate(members))
        self._mask_args = tuple(p for m in members for p in m.params)
        self._where = " OR ".join(f"({m.where})" for m in members)

    def item_chunks(self) -> Iterator[tuple[ItemColumns, list[int]]]:
        """Every row of any member as columns (``item_columns``), a chunk at a time, with each
        row's mask."""
        return item_columns.column_chunks(self.index, self.as_of, self.soon_days, self._where, self._mask_args,
                                          self.period_start, CHUNK, extra=(self._mask, self._mask_args))

    def json_chunks(self, fallback: Callable[[Item], str]) -> Iterator[tuple[list[str], list[int]]]:
        """Every row of any member as its JSON line (``json_rows.json_chunks``), with its mask."""
        return json_rows.masked_json_chunks(self.index, self.as_of, self.soon_days, self._where, self._mask_args,
                                            self.period_start, fallback, (self._mask, self._mask_args))


C = TypeVar("C")  # a chunk of rows as a renderer writes them (json lines, csv columns, ...)
KEPT_IN_MEMORY = 1 << 20  # bytes of a list's kept rows held in memory; the rest waits in a temporary file


class Packing(NamedTuple, Generic[C]):
    """How a renderer's chunk is kept while it waits: as bytes (``pack``) and back (``unpack``)."""

    pack: Callable[[C], bytes]
    unpack: Callable[[bytes], C]


class _Kept:
    """A list's kept chunks, packed, in a spooled temporary file: a report's memory stays flat
    however many rows wait (24,652 lines of a 50,000-node plan's json: 10 MB)."""

    def __init__(self) -> None:
        self.file = tempfile.SpooledTemporaryFile(max_size=KEPT_IN_MEMORY)  # noqa: SIM115  (closed when read)
        self.sizes: list[int] = []

    def add(self, data: bytes) -> None:
        self.file.write(data)
        self.sizes.append(len(data))

    def chunks(self) -> Iterator[bytes]:
        with self.file:
            self.file.seek(0)
            for size in self.sizes:
                yield self.file.read(size)


class OnePass(Generic[C]):
    """One renderer's reading of ``SharedLists``: chunks of its own rows for each list.

    ``read`` gives the pass's chunks with their masks; ``select`` keeps a chunk's rows whose
    flag is set; ``packing`` keeps a chunk as bytes. The first list asked for streams; the rows
    the pass meets for the lists not yet written are kept for them. A list asked for while
    another is being read, after the pass was left unfinished, or whose rows could not be kept
    (no room for the temporary file), is read on its own (``alone``): never a row lost, never
    one twice."""

    def __init__(self, shared: SharedLists, read: Callable[[], Iterator[tuple[C, list[int]]]],
                 select: Callable[[C, list[Any]], C], packing: Packing[C]) -> None:
        self.shared, self.read, self.select, self.packing = shared, read, select, packing
        self.started = False
        self.kept: dict[str, _Kept] = {}

    def chunks(self, key: str, alone: Callable[[], Iterator[C]]) -> Generator[C, None, None]:
        if key in self.kept:
            yield from map(self.packing.unpack, self.kept.pop(key).chunks())
            return
        if self.started or key not in self.shared.bits:
            yield from alone()
            return
        self.started = True
        bit = self.shared.bits[key]
        others = {k: b for k, b in self.shared.bits.items() if k != key}
        kept = {k: _Kept() for k in others}
        try:
            for chunk, masks in self.read():
                for other, other_bit in others.items():
                    part = self._part(chunk, masks, other_bit)
                    if part is not None and other in kept:
                        self._keep(kept, other, part)
                part = self._part(chunk, masks, bit)
                if part is not None:
                    yield part
            self.kept, kept = kept, {}  # only a pass read to its end hands its rows on
        finally:
            for left in kept.values():
                left.file.close()

    def _keep(self, kept: dict[str, _Kept], key: str, part: C) -> None:
        try:
            kept[key].add(self.packing.pack(part))
        except OSError:  # the temporary file found no room: that list will read its own rows
            kept.pop(key).file.close()

    def _part(self, chunk: C, masks: list[int], bit: int) -> C | None:
        flags = list(map(and_, masks, repeat(bit)))
        if all(flags):
            return chunk
        return self.select(chunk, flags) if any(flags) else None


def select_list(chunk: list[Any], flags: list[Any]) -> list[Any]:
    """``OnePass``'s ``select`` for a chunk that is a list of rows."""
    return list(compress(chunk, flags))


def json_lines_packing() -> Packing[list[str]]:
    """Chunks of JSON lines, kept as UTF-8 text a line each (JSON text holds no raw line break)."""
    return Packing(lambda lines: "\n".join(lines).encode(), lambda data: data.decode().split("\n"))
