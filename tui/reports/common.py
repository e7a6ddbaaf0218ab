"""What every renderer shares: the parts of a report as tables of typed cells, with their headers.

A cell is a Python value: ``int`` and ``float`` stay numbers, ``date`` a date, ``Percent`` a
share, ``str`` plan text as it is. Each renderer turns cells into its own format (``text_of``
for the text formats, real numbers and dates in a workbook, quoted text in CSV). Column lists
and catalog keys live here, never in ``store/``.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from store import pace as pc
from store import report as rp
from store import status as st
from store.values import format_number
from tui import theme
from tui.i18n import Catalog

LIGHT_COLOURS = theme.LIGHT_COLOURS  # fill, text of each light on paper (html and xlsx)
PACE_LIGHTS = {pc.AHEAD_DONE: "green", pc.ACHIEVED: "green", pc.FASTER: "green", pc.ON_PACE: "green",
               pc.BEHIND: "yellow", pc.AT_RISK: "red", pc.MISSED: "red", pc.NO_VALUE: None, pc.UNRATED: None}


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
        return text if text.startswith("-") or value == 0.0 else f"+{text}"
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
    return t("days_late", n=it.days_late) if it.days_late > 0 else t("days_left", n=-it.days_late)


def state_text(it: rp.Item, t: Catalog) -> str:
    return days_text(it, t) if it.state == st.OVERDUE else t(it.state)


def note_text(it: rp.Item, t: Catalog) -> str:
    parts = [it.note] if it.note else []
    if it.carried:
        parts.append(t("rp_carried_from", year=it.due.year))
    return "; ".join(parts)


def _getters(t: Catalog) -> dict[str, Callable[[rp.Item, int], object]]:
    """How each column of a list reads an item (one lookup per column, not per cell)."""
    return {
        "no": lambda it, index: index,
        "id": lambda it, index: it.id,
        "title": lambda it, index: it.title,
        "chapter": lambda it, index: it.chapter,
        "units": lambda it, index: "、".join(it.units),
        "due": lambda it, index: it.due,
        "days": lambda it, index: days_text(it, t),
        "state": lambda it, index: state_text(it, t),
        "done_on": lambda it, index: it.done_on,
        "note": lambda it, index: note_text(it, t),
    }


PRINT_LIMIT = 1000  # rows of a list in the formats people read; csv, json and xlsx carry every one


def list_table(section: rp.Listing, t: Catalog, with_ids: bool = False, limit: int | None = PRINT_LIMIT) -> Table:
    """A list of milestones; ``with_ids`` adds each one's id at the end where the list has none.

    A printout stops after ``limit`` rows and says how many more the data formats hold: a
    50,000-node plan's 60,000 milestones are a workbook, not pages to read."""
    keys = list(LIST_COLUMNS[section.key])
    if with_ids and "id" not in keys:
        keys.append("id")
    columns = [Col(k, t(_COLUMN[k][0]) if _COLUMN[k][0] else "", _COLUMN[k][1]) for k in keys]
    coloured = [i for i, k in enumerate(keys) if k in ("days", "state")]

    cut = limit is not None and section.total is not None and section.total > limit
    getters = [_getters(t)[k] for k in keys]

    def rows() -> Iterator[Row]:
        for index, it in enumerate(section.head(limit) if cut else section, 1):
            yield Row([get(it, index) for get in getters], dict.fromkeys(coloured, it.state),
                      dict.fromkeys(coloured, it.light))

    more = t("rp_more_in_data", n=(section.total or 0) - (limit or 0)) if cut else more_text(section, t)
    return Table(section.key, section_heading(section, t), columns, rows(), section.total,
                 empty_text(section, t), more)


# ---- indicators ----------------------------------------------------------------------------


def indicator_heading(report: rp.Report, t: Catalog) -> str:
    if report.period is None:
        return t("indicators", year=report.indicator_year)
    if evaluation(report):
        return t("rp_pace_heading", period=report.period.label)
    return t("rp_indicators", year=report.indicator_year)


NONE_PRINTED = ("-", "－", "--", "—")


def target_cell(value: rp.Value | None) -> object:
    """A target as a number where it is a plain number (or derived), else its printed text (``≤0.1``);
    the plans' ``-`` (none) as a dash that no spreadsheet takes for a minus sign."""
    if value is None:
        return None
    if value.number is not None and value.comparator is None:
        return value.number
    return "—" if value.printed.strip() in NONE_PRINTED else value.printed


def annual_indicator_table(report: rp.Report, t: Catalog) -> Table:
    columns = [Col("number", "#", "text"), Col("name", t("indicator"), "long"), Col("unit", t("unit")),
               Col("attribute", t("attribute")), Col("baseline", t("baseline"), "num"),
               Col("target", t("target"), "num"), Col("actual", t("actual"), "num"), Col("gap", t("rp_gap"), "num"),
               Col("status", t("status"), "state"), Col("notes", t("rp_note"), "long")]
    rows = []
    for row in report.indicators:
        target = target_cell(row.target) if row.target is not None else "—"
        notes = [conflict_text(row.conflict, t)] if row.conflict else []
        if row.target is not None and row.target.derived:
            notes.append(t("rp_derived_note"))
        rows.append(Row([row.number or "", row.name, row.unit or "", row.attribute or "", target_cell(row.baseline),
                         target, row.actual if row.actual is not None else "—",
                         Signed(row.gap) if row.gap is not None else None, t(row.status),
                         "; ".join(notes)], {8: row.status}, {8: row.light},
                        bold=row.binding, id=row.id))
    return Table("indicators", indicator_heading(report, t), columns, rows, len(rows))


def pace_text(pace: rp.Pace | None, t: Catalog) -> str:
    if pace is None:
        return ""
    return t(f"pace_{pace.rating}")


def pace_notes(row: rp.IndicatorRow, t: Catalog) -> str:
    """What a reader needs to read the pace: cumulative figures, years counted as 0, table conflicts."""
    pace = row.pace
    notes = []
    if pace is not None and pace.cumulative and pace.latest_year is not None:
        notes.append(t("rp_cumulative", start=row.baseline_year + 1, end=pace.latest_year))
    if pace is not None and pace.gaps:
        notes.append(t("rp_gaps", years="、".join(str(y) for y in pace.gaps)))
    if pace is not None and pace.rating == pc.AT_RISK and pace.projected is not None:
        notes.append(t("rp_projected", year=pace.end_year, value=format_number(round(pace.projected, 4))))
    conflicts = [f"{y.year}: {conflict_text(y.conflict, t)}" for y in row.years if y.conflict]
    return "; ".join(notes + conflicts)


def pace_table(report: rp.Report, t: Catalog) -> Table:
    """The evaluation's indicator table: end target, latest value, share of the way and of the time,
    the rating and the early warning. Not the annual table: no single-year target in it."""
    end = max((r.pace.end_year for r in report.indicators if r.pace), default=report.plan.end_year)
    columns = [Col("number", "#", "text"), Col("name", t("indicator"), "long"), Col("unit", t("unit")),
               Col("attribute", t("attribute")), Col("baseline", t("rp_baseline_of"), "num"),
               Col("end_target", t("rp_end_target", year=end), "num"), Col("latest", t("rp_latest"), "num"),
               Col("latest_year", t("rp_latest_year"), "int"), Col("progress", t("rp_progress"), "pct"),
               Col("elapsed", t("rp_elapsed"), "pct"), Col("rating", t("rp_rating"), "state"),
               Col("warning", t("rp_warning"), "state"), Col("notes", t("rp_note"), "long")]
    rows = []
    for row in report.indicators:
        pace = row.pace
        assert pace is not None
        baseline = target_cell(row.baseline)
        if pace.cumulative:
            baseline = 0
        rows.append(Row([row.number or "", row.name, row.unit or "", row.attribute or "", baseline,
                         target_cell(pace.end_target), pace.latest, pace.latest_year,
                         Percent(pace.progress) if pace.progress is not None else None,
                         Percent(pace.elapsed) if pace.elapsed is not None else None, pace_text(pace, t),
                         t("rp_warn") if pace.warning else "", pace_notes(row, t)],
                        {10: _pace_state(pace.rating), 11: st.NOT_MET if pace.warning else ""},
                        {10: PACE_LIGHTS[pace.rating], 11: "red" if pace.warning else None}, bold=row.binding,
                        id=row.id))
    return Table("indicators", indicator_heading(report, t), columns, rows, len(rows))


def _pace_state(rating: str) -> str:
    """The state whose colour a rating borrows in the terminal."""
    return {pc.AT_RISK: st.NOT_MET, pc.MISSED: st.NOT_MET, pc.BEHIND: st.DUE_SOON, pc.NO_VALUE: st.NO_VALUE,
            pc.UNRATED: st.NO_TARGET}.get(rating, st.MET)


def indicator_table(report: rp.Report, t: Catalog) -> Table:
    return pace_table(report, t) if evaluation(report) else annual_indicator_table(report, t)


def conflict_text(conflict: dict[str, str] | None, t: Catalog) -> str:
    if not conflict:
        return ""
    return t("rp_conflict_detail", detail=", ".join(f"{table} {value}" for table, value in conflict.items()))


def ledger_state(row: rp.LedgerRow, t: Catalog) -> str:
    """A milestone's state, or for a task with several milestones its light and done/total."""
    if row.progress is not None:
        return f"{t('light_' + (row.light or 'green'))} {row.progress[0]}/{row.progress[1]}"
    return t(row.state) if row.state else ""


def ledger_number(row: rp.LedgerRow) -> str:
    if row.task_no is None:
        return ""
    return f"{row.task_no}.{row.milestone_no}" if row.milestone_no else str(row.task_no)


# ---- the progress reports' part (issue 13) --------------------------------------------------

def progress_state(state: str | None, t: Catalog) -> str:
    return t("pg_state_" + state) if state else ""


def progress_tables(report: rp.Report, t: Catalog) -> list[Table]:
    """Each reported task's latest state and 进展情况 chapter by chapter, the tasks reported 滞后
    with 存在问题 and 下步措施, and the units that did not report for the last finished period."""
    if report.task_reports is None:
        return []
    columns = [Col("chapter", t("rp_chapter"), "text"), Col("task", t("rp_pg_task"), "long"),
               Col("units", t("rp_units"), "long"), Col("period", t("pg_col_period"), "text"),
               Col("state", t("pg_col_state"), "text"), Col("percent", t("pg_col_percent"), "num"),
               Col("note", t("rp_pg_progress"), "long")]
    rows = [Row([r.chapter, r.task, "、".join(r.units), r.period, progress_state(r.state, t), r.percent, r.note or ""],
                id=r.node_id) for r in report.task_reports]
    reported = Table("progress", t("rp_pg_heading"), columns, rows, len(rows), t("rp_pg_none"))
    lag_columns = [Col("chapter", t("rp_chapter"), "text"), Col("task", t("rp_pg_task"), "long"),
                   Col("units", t("rp_units"), "long"), Col("percent", t("pg_col_percent"), "num"),
                   Col("problem", t("rp_pg_problem"), "long"), Col("next", t("rp_pg_next"), "long")]
    lagging = report.lagging_reports
    lag_rows = [Row([r.chapter, r.task, "、".join(r.units), r.percent, r.problem or "", r.next_step or ""],
                    id=r.node_id) for r in lagging]
    behind = Table("lagging", t("rp_pg_lagging"), lag_columns, lag_rows, len(lag_rows), t("rp_pg_lagging_none"))
    units = report.units_not_reported or []
    owing = Table("not_reported", t("rp_pg_not_reported", period=report.reporting_period or ""),
                  [Col("unit", t("rp_units"), "long")], [Row([u]) for u in units], len(units),
                  t("rp_pg_all_reported"))
    return [reported, behind, owing]
