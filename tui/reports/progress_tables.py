"""The units' side of a report: the ledger's state cells and the progress reports' tables.

The progress tables list each reported task's latest state and 进展情况, the tasks reported
滞后 with 存在问题 and 下步措施, and the units that did not report for the last finished period.
"""
from __future__ import annotations

from store import report as rp
from tui.i18n import Catalog
from tui.reports.common import Col, Row, Table


def ledger_state(row: rp.LedgerRow, t: Catalog) -> str:
    """A milestone's state, or for a task with several milestones its light and done/total."""
    if row.progress is not None:
        return f"{t('light_' + (row.light or 'green'))} {row.progress[0]}/{row.progress[1]}"
    return t(row.state) if row.state else ""


def ledger_number(row: rp.LedgerRow) -> str:
    if row.task_no is None:
        return ""
    return f"{row.task_no}.{row.milestone_no}" if row.milestone_no else str(row.task_no)


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
