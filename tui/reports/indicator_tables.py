"""The report's indicator tables: this year's targets and values, or (in an evaluation) the pace.

Cells stay typed (numbers, ``Percent``, ``Signed``); the renderers format them. A printed
target that is no plain number keeps its printed text.
"""
from __future__ import annotations

from store import pace as pc
from store import report as rp
from store import status as st
from store.values import format_number
from tui.i18n import Catalog
from tui.reports.common import Col, Percent, Row, Signed, Table, evaluation

PACE_LIGHTS = {pc.AHEAD_DONE: "green", pc.ACHIEVED: "green", pc.FASTER: "green", pc.ON_PACE: "green",
               pc.BEHIND: "yellow", pc.AT_RISK: "red", pc.MISSED: "red", pc.NO_VALUE: None, pc.UNRATED: None}


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
