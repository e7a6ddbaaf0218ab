"""What every renderer shares: the parts of a report as tables of typed cells, with their headers.

A cell is a Python value: ``int`` and ``float`` stay numbers, ``date`` a date, ``Percent`` a
share, ``str`` plan text as it is. Each renderer turns cells into its own format (``text_of``
for the text formats, real numbers and dates in a workbook, quoted text in CSV). Column lists
and catalog keys live here, never in ``store/``.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import chain, compress, islice
from operator import attrgetter
from typing import NamedTuple

from store import report as rp
from store import status as st
from store.report.item_columns import ItemColumns
from store.report.one_pass import OnePass, Packing
from store.values import format_number
from tui import theme
from tui.i18n import Catalog
from tui.reports.made import Made

LIGHT_COLOURS = theme.LIGHT_COLOURS  # fill, text of each light on paper (html and xlsx)


class Percent(float):
    """A share (0.33) that shows as ``33%``."""


class Signed(float):
    """A difference that shows its sign (``+0.1``, ``-0.05``)."""


class Col(NamedTuple):
    key: str
    header: str
    kind: str = "text"  # text | long (wraps) | int | num | date | pct | id | state


class Row(NamedTuple):
    cells: list[object]
    state: dict[int, str] = {}  # column -> a state (milestone or indicator) that colours it
    light: dict[int, str | None] = {}  # column -> a traffic light for fills (html, xlsx)
    bold: bool = False
    depth: int = 0
    id: str = ""  # the item's id, for the formats that show one beside the row (csv)


@dataclass
class Table:
    """A titled table; ``rows`` may be a stream (a period's milestones) read once."""

    key: str
    title: str
    columns: list[Col]
    rows: Iterable[Row]
    total: int | None = None  # rows in all, when known
    empty: str = ""  # what to say when there are none
    more: str | None = None  # "… and N more" under a list cut short


def text_of(value: object, t: Catalog | None = None) -> str:
    """A cell as text for the text formats."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, Percent):
        return f"{value:.0%}"
    if isinstance(value, Signed):
        text = format_number(value)
        return text if text.startswith("-") or float(value) == 0 else f"+{text}"
    if isinstance(value, float):
        return format_number(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def number_kind(kind: str) -> bool:
    return kind in ("int", "num", "pct")


# ---- the parts of a report, in print order -------------------------------------------------


def layout(report: rp.Report) -> list[tuple[str, rp.Listing | None]]:
    """The parts in print order: a report puts the indicators before the lists, the status after."""
    parts: list[tuple[str, rp.Listing | None]] = [("header", None), ("chapters", None)]
    lists: list[tuple[str, rp.Listing | None]] = [("section", s) for s in report.sections]
    indicators: list[tuple[str, rp.Listing | None]] = [("indicators", None)] if report.indicators else []
    progress: list[tuple[str, rp.Listing | None]] = [("progress", None)] if report.task_reports is not None else []
    return parts + (lists + indicators if report.period is None else indicators + progress + lists)


def evaluation(report: rp.Report) -> bool:
    """Mid-term and final reports judge indicators by pace; the annual and status by the year."""
    return report.kind in (rp.MIDTERM, rp.FINAL)


def title(report: rp.Report, t: Catalog) -> str:
    if report.period is None:
        return t("rp_title_status", date=report.as_of.isoformat())
    return t(f"rp_title_{report.kind}", period=report.period.label)


def meta(report: rp.Report, t: Catalog) -> list[tuple[str, str]]:
    """The facts under the title: which plan, which period, as of when."""
    plan = report.plan
    rows = [(t("plan"), plan.title), (t("region"), plan.region)]
    if plan.bureau:
        rows.append((t("rp_bureau"), plan.bureau))
    if plan.doc_number:
        rows.append((t("rp_doc_number"), plan.doc_number))
    rows.append((t("rp_plan_period"), plan.period))
    if report.period is not None:
        rows.append((t("rp_report_period"), report.period.label))
    rows.append((t("rp_as_of"), report.as_of.isoformat()))
    rows.append((t("id"), plan.id))
    return rows


def pct(rollup: st.Rollup) -> Percent | None:
    return Percent(rollup.share_done) if rollup.total else None


COUNT_KEYS = ("rp_on_time", st.DONE_LATE, st.OVERDUE, st.DUE_SOON, st.OPEN)
COUNT_STATES = (st.DONE, st.DONE_LATE, st.OVERDUE, st.DUE_SOON, st.OPEN)


def headline_rows(report: rp.Report, t: Catalog) -> list[tuple[str, object]]:
    """Label/value pairs of the headline: the period's milestones by state, then the whole plan.
    Every value is one number (a count or a share), never "1/3"."""
    rows: list[tuple[str, object]] = []
    if report.period is not None:
        h = report.headline
        rows.append((t("rp_in_period", period=report.period.label), h.total))
        rows += [(t(key), h.counts[state]) for key, state in zip(COUNT_KEYS, COUNT_STATES, strict=True)]
        rows.append((t("rp_share"), pct(h)))
    p = report.plan_total
    whole = t("rp_whole_plan")
    rows.append((f"{whole} · {t('rp_total_all')}", p.total))
    rows.append((f"{whole} · {t('done')}", p.done))
    if report.period is None:
        rows += [(f"{whole} · {t(key)}", p.counts[state]) for key, state in zip(COUNT_KEYS, COUNT_STATES, strict=True)]
    else:
        rows.append((f"{whole} · {t('overdue')}", p.counts[st.OVERDUE]))
    rows.append((f"{whole} · {t('rp_share')}", pct(p)))
    return rows


def chapter_table(report: rp.Report, t: Catalog) -> Table:
    columns = [Col("chapter", t("rp_chapter"), "long"),
               Col("total", t("rp_total") if report.period else t("rp_total_all"), "int")]
    columns += [Col(state, t(key), "int") for key, state in zip(COUNT_KEYS, COUNT_STATES, strict=True)]
    columns.append(Col("share", t("rp_share"), "pct"))
    if report.period is not None:
        columns += [Col("plan_done", t("rp_plan_done"), "int"), Col("plan_total", t("rp_plan_total"), "int")]
    rows = []
    for row in report.chapters:
        c = row.counts
        cells: list[object] = [row.label, c.total, *(c.counts[s] for s in COUNT_STATES), pct(c)]
        if report.period is not None:
            cells += [row.plan.done, row.plan.total]
        rows.append(Row(cells, {i + 2: s for i, s in enumerate(COUNT_STATES) if c.counts[s]},
                        {0: c.light if c.total else None}, depth=row.depth, id=row.id))
    heading = t("rp_by_chapter") if report.period is not None else t("chapters")
    return Table("chapters", heading, columns, rows, len(rows))


# ---- milestone lists -----------------------------------------------------------------------

LIST_COLUMNS = {  # the columns of each list
    rp.OVERDUE: ("id", "title", "due", "days"),
    rp.DUE_SOON: ("id", "title", "due", "days"),
    rp.DUE_LATER: ("id", "title", "due", "days"),
    rp.RECENTLY_DONE: ("id", "title", "due", "done_on", "state"),
    rp.DUE_IN_PERIOD: ("no", "title", "chapter", "units", "due", "state", "done_on", "note"),
    rp.CARRIED: ("no", "title", "chapter", "units", "due", "state", "done_on", "note"),
    rp.NEXT_PERIOD: ("no", "title", "chapter", "units", "due", "state", "done_on", "note"),
}
_COLUMN = {"no": ("rp_no", "int"), "id": ("id", "id"), "title": ("milestone", "long"),
           "chapter": ("rp_chapter", "text"),
           "units": ("rp_units", "long"), "due": ("due", "date"), "days": ("", "state"), "state": ("status", "state"),
           "done_on": ("done_on", "date"), "note": ("rp_note", "long")}


def section_heading(section: rp.Listing, t: Catalog) -> str:
    if section.key == rp.NEXT_PERIOD and section.period is None:
        return t("rp_next_none")
    key = {rp.OVERDUE: "overdue_list", rp.DUE_SOON: "due_soon_list", rp.DUE_LATER: "due_this_year",
           rp.RECENTLY_DONE: "recently_done", rp.DUE_IN_PERIOD: "rp_due_in_period", rp.CARRIED: "rp_carried",
           rp.NEXT_PERIOD: "rp_next_period"}[section.key]
    return t(key, period=section.period.label if section.period else "", days=section.days, year=section.year)


def empty_text(section: rp.Listing, t: Catalog) -> str:
    if section.key == rp.NEXT_PERIOD and section.period is None:
        return t("rp_no_next")
    return t("none")


def more_text(section: rp.Listing, t: Catalog) -> str | None:
    """'… and N more' under a list that was cut short, else None."""
    hidden = section.hidden
    if hidden is None:
        return t("more_done_plain")
    return t("more", n=hidden) if hidden > 0 else None


def days_text(it: rp.Item, t: Catalog) -> str:
    return _days_words(it.days_late, t)


def _days_words(days_late: int, t: Catalog) -> str:
    return t("days_late", n=days_late) if days_late > 0 else t("days_left", n=-days_late)


def state_text(it: rp.Item, t: Catalog) -> str:
    return _state_words(it.state, it.days_late, t)


def _state_words(state: str, days_late: int, t: Catalog) -> str:
    return _days_words(days_late, t) if state == st.OVERDUE else t(state)


def note_text(it: rp.Item, t: Catalog) -> str:
    return _note_words(it.note, it.carried, it.due.year, t)


def _note_words(note: str | None, carried: bool, year: int, t: Catalog) -> str:
    parts = [note] if note else []
    if carried:
        parts.append(t("rp_carried_from", year=year))
    return "; ".join(parts)


def _getters(t: Catalog) -> dict[str, Callable[[rp.Item, int], object]]:
    """How each column of a list reads an item (one lookup per column, not per cell).

    The texts of a state and of "N days late" are the catalog's, formatted once per state and
    per number of days: a 50,000-node plan's lists repeat a few hundred of them."""
    days_seen: dict[int, str] = {}
    states_seen: dict[str, str] = {}

    def days(it: rp.Item, index: int) -> str:
        text = days_seen.get(it.days_late)
        if text is None:
            text = days_seen[it.days_late] = days_text(it, t)
        return text

    def state(it: rp.Item, index: int) -> str:
        if it.state == st.OVERDUE:
            return days(it, index)
        text = states_seen.get(it.state)
        if text is None:
            text = states_seen[it.state] = state_text(it, t)
        return text

    return {
        "no": lambda it, index: index,
        "id": lambda it, index: it.id,
        "title": lambda it, index: it.title,
        "chapter": lambda it, index: it.chapter,
        "units": lambda it, index: "、".join(it.units),
        "due": lambda it, index: it.due,
        "days": days,
        "state": state,
        "done_on": lambda it, index: it.done_on,
        "note": lambda it, index: note_text(it, t) if it.note or it.carried else "",
    }


PRINT_LIMIT = 1000  # rows of a list in the formats people read; csv, json and xlsx carry every one


def _list_columns(section: rp.Listing, t: Catalog, with_ids: bool) -> tuple[list[str], list[Col]]:
    keys = list(LIST_COLUMNS[section.key])
    if with_ids and "id" not in keys:
        keys.append("id")
    return keys, [Col(k, t(_COLUMN[k][0]) if _COLUMN[k][0] else "", _COLUMN[k][1]) for k in keys]


def list_table(section: rp.Listing, t: Catalog, with_ids: bool = False, limit: int | None = PRINT_LIMIT) -> Table:
    """A list of milestones; ``with_ids`` adds each one's id at the end where the list has none.

    A printout stops after ``limit`` rows and says how many more the data formats hold: a
    50,000-node plan's 60,000 milestones are a workbook, not pages to read."""
    keys, columns = _list_columns(section, t, with_ids)
    coloured = [i for i, k in enumerate(keys) if k in ("days", "state")]

    cut = limit is not None and section.total is not None and section.total > limit
    getters = [_getters(t)[k] for k in keys]

    def rows() -> Iterator[Row]:
        for index, it in enumerate(section.without_task(limit if cut else None), 1):
            yield Row([get(it, index) for get in getters], dict.fromkeys(coloured, it.state),
                      dict.fromkeys(coloured, it.light))

    more = t("rp_more_in_data", n=(section.total or 0) - (limit or 0)) if cut else more_text(section, t)
    return Table(section.key, section_heading(section, t), columns, rows(), section.total,
                 empty_text(section, t), more)


ColumnReader = Callable[[ItemColumns, int], Iterable[object]]  # (items, number of the first) -> cells


def _column_readers(t: Catalog) -> dict[str, ColumnReader]:
    """What ``_getters`` reads, a column of a chunk of items at a time (``ItemColumns``): fields as
    they are and texts from ``Made`` tables, so a long list's cells are read in C. The texts are
    the same functions' as the getters' (``_days_words``, ``_state_words``, ``_note_words``)."""
    units = Made("、".join)
    states = Made(lambda key: _state_words(key[0], key[1], t))
    days = Made(lambda n: _days_words(n, t))
    notes = Made(lambda key: _note_words(key[0], key[1], key[2], t) if key[0] or key[1] else "")
    years = attrgetter("year")

    def picked(name: str) -> ColumnReader:
        get = attrgetter(name)
        return lambda items, first: get(items)

    def numbers(items: ItemColumns, first: int) -> Iterable[object]:
        return range(first, first + items.size)

    def unit_texts(items: ItemColumns, first: int) -> Iterable[object]:
        return map(units.__getitem__, items.units)

    def day_texts(items: ItemColumns, first: int) -> Iterable[object]:
        return map(days.__getitem__, items.days_late)

    def state_texts(items: ItemColumns, first: int) -> Iterable[object]:
        return map(states.__getitem__, zip(items.state, items.days_late, strict=True))

    def note_texts(items: ItemColumns, first: int) -> Iterable[object]:
        return map(notes.__getitem__, zip(items.note, items.carried, map(years, items.due), strict=True))

    return {"no": numbers, "id": picked("id"), "title": picked("title"), "chapter": picked("chapter"),
            "units": unit_texts, "due": picked("due"), "days": day_texts, "state": state_texts,
            "done_on": picked("done_on"), "note": note_texts}


def column_chunks(section: rp.Listing, size: int) -> Iterator[ItemColumns]:
    """A whole list, ``size`` items at a time as columns: read so when the list can be, else its
    items read and turned into columns."""
    if section.columns is not None:
        return section.columns(size)
    items = section.without_task()
    return map(ItemColumns.of_items, iter(lambda: list(islice(items, size)), []))


@dataclass
class Cells:
    """A list's rows as their cells alone, read once (see ``list_cells``): a chunk of rows at a
    time as its columns (``chunks``), or row by row (``rows``)."""

    title: str
    columns: list[Col]
    chunks: Iterator[list[list[object]]]
    more: str | None

    @property
    def rows(self) -> Iterator[tuple[object, ...]]:
        # chained, not yielded: no Python step per row between the reader and the writer
        return chain.from_iterable(map(_rows_of, self.chunks))


def _rows_of(columns: list[list[object]]) -> Iterator[tuple[object, ...]]:
    return zip(*columns, strict=True)


ColumnWriter = Callable[[Iterable[object]], Iterable[object]]
CHUNK = 2000  # items read, then written column by column
Columns = list[list[object]]  # a chunk of a list's rows as its columns of written cells, without the number


class _ListWriting(NamedTuple):
    keys: list[str]
    columns: list[Col]
    chunk_columns: Callable[[ItemColumns], Columns]
    numbers: ColumnWriter | None  # how the row numbers are written, for a list that has them


def _list_writing(section: rp.Listing, t: Catalog, writer: Callable[[Col], ColumnWriter],
                  with_ids: bool) -> _ListWriting:
    """A list's columns, and how a chunk of its items becomes its columns of cells (all but the
    row number, which depends on where the chunk lands in the list)."""
    keys, columns = _list_columns(section, t, with_ids)
    readers = _column_readers(t)
    pairs = [(readers[k], writer(col)) for k, col in zip(keys, columns, strict=True) if k != "no"]

    def chunk_columns(chunk: ItemColumns) -> Columns:
        return [list(write(read(chunk, 0))) for read, write in pairs]
    numbers = [writer(col) for k, col in zip(keys, columns, strict=True) if k == "no"]
    return _ListWriting(keys, columns, chunk_columns, numbers[0] if numbers else None)


def cells_pass(report: rp.Report, t: Catalog, writer: Callable[[Col], ColumnWriter],
               with_ids: bool = False) -> OnePass[Columns] | None:
    """The report's whole lists read by one query (``store.report.one_pass``), each chunk written
    once as ``list_cells`` writes it: for a renderer that writes every row of each list. None
    when the report has no such lists, or they do not share their columns."""
    members = [s for s in report.sections if s.shared is not None]
    if not members:
        return None
    shared = members[0].shared
    assert shared is not None
    writings = [_list_writing(s, t, writer, with_ids) for s in members]
    if any(w.keys != writings[0].keys for w in writings):
        return None
    chunk_columns = writings[0].chunk_columns
    return OnePass(shared, lambda: ((chunk_columns(items), masks) for items, masks in shared.item_chunks()),
                   lambda columns, flags: [list(compress(column, flags)) for column in columns], _COLUMNS_PACKING)


# a chunk's columns of cells kept as JSON (the C encoder both ways: cells may hold any text)
_COLUMNS_PACKING: Packing[Columns] = Packing(lambda columns: json.dumps(columns, ensure_ascii=False).encode(),
                                              json.loads)


def list_cells(section: rp.Listing, t: Catalog, writer: Callable[[Col], ColumnWriter],
               with_ids: bool = False, one: OnePass[Columns] | None = None) -> Cells:
    """Every row of a list as its cells, each column through ``writer(column)`` (the format's own
    way of writing that column, a column at a time): the same cells as ``list_table``, for a data
    format that neither colours nor indents (csv). Items are read a chunk at a time and their
    cells made column by column, so a 70,000-row list calls no Python function per cell where a
    column's values repeat or are taken as they are. ``one`` (``cells_pass``): the list's chunks
    from the report's one pass over its lists."""
    keys, columns, chunk_columns, numbers = _list_writing(section, t, writer, with_ids)

    def alone() -> Iterator[Columns]:
        return map(chunk_columns, column_chunks(section, CHUNK))

    chunks = alone() if one is None else one.chunks(section.key, alone)
    at = keys.index("no") if numbers is not None else None

    def numbered() -> Iterator[Columns]:
        first = 1
        for chunk in chunks:
            size = len(chunk[0])
            if at is not None and numbers is not None:
                chunk = [*chunk[:at], list(numbers(range(first, first + size))), *chunk[at:]]
            first += size
            yield chunk

    return Cells(section_heading(section, t), columns, numbered(), more_text(section, t))


@dataclass
class LitColumns:
    """A whole list a chunk of items at a time, as its columns of cells and each row's light (which
    colours the ``coloured`` columns): the workbook's reading of a list (see ``list_lit_columns``)."""

    title: str
    columns: list[Col]
    coloured: list[int]
    chunks: Iterator[tuple[list[list[object]], list[str]]]


def list_lit_columns(section: rp.Listing, t: Catalog, chunk_size: int = CHUNK) -> LitColumns:
    """Every row of a list (the cells of ``list_table`` without a limit), read as ``list_cells`` reads
    them, a column of a chunk of items at a time, with each item's light (``Item.light``)."""
    keys, columns = _list_columns(section, t, False)
    readers = [_column_readers(t)[k] for k in keys]
    lights = Made(st.milestone_light)  # Item.light, by the state

    def chunks() -> Iterator[tuple[list[list[object]], list[str]]]:
        first = 1
        for chunk in column_chunks(section, chunk_size):
            yield [list(read(chunk, first)) for read in readers], list(map(lights.__getitem__, chunk.state))
            first += chunk.size
    return LitColumns(section_heading(section, t), columns, [i for i, k in enumerate(keys) if k in ("days", "state")],
                      chunks())
