"""The progress reports' part of an annual / mid-term / final report (issues 11 and 13).

For each task: the report that counts in the report's period (the newest whose reporting period
ends within it and which is dated by the as-of date), its state, percent, 进展情况, 存在问题 and
下步措施; the tasks reported 滞后; and the units that did not report for the last reporting period
finished by the end of the report's period. One query for the reports, one for the units: a
report never asks per task.
"""
from __future__ import annotations

import sqlite3
from datetime import date, timedelta

from store import periods as pr
from store import progress as pg
from store import progress_views as pv
from store import units as un
from store.report.model import Report, TaskReport

_LATEST = (
    "SELECT p.node_id, p.state, p.percent, p.note, p.problem, p.next_step, p.period, p.reported_on, n.number, "
    "n.title, c.id, c.number, c.title FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY node_id ORDER BY "
    f"{pg.LATEST_FIRST}) AS rn FROM progress WHERE plan_id = ? AND period_end BETWEEN ? AND ? AND reported_on <= ?) p "
    "JOIN nodes n ON n.id = p.node_id AND n.archived_at IS NULL "
    "LEFT JOIN nodes c ON c.plan_id = n.plan_id AND c.depth = 0 AND c.archived_at IS NULL "
    "AND n.seq BETWEEN c.seq AND c.last_seq WHERE p.rn = 1 ORDER BY n.seq")


def task_reports(conn: sqlite3.Connection, plan_id: str, start: date, end: date, as_of: date) -> list[TaskReport]:
    """Each reported task's latest report in ``start``..``end`` (dated by ``as_of``), in plan order."""
    found = conn.execute(_LATEST, (plan_id, start.isoformat(), end.isoformat(), as_of.isoformat())).fetchall()
    if not found:  # no units to look up (a plan nobody reports on yet: most large plans)
        return []
    applying = un.of_plan(conn, plan_id)
    result = []
    for (node_id, state, percent, note, problem, next_step, period, reported_on, number, title, chapter_id,
         chapter_number, chapter_title) in found:
        chapter = (f"{chapter_number} {chapter_title}" if chapter_number else chapter_title) or ""
        task = f"{number} {title}" if number else title
        result.append(TaskReport(node_id, chapter_id or "", chapter, task, title, applying.get(node_id, un.NONE).lead,
                                 state, percent, note, problem, next_step, period, date.fromisoformat(reported_on)))
    return result


def reporting_period(conn: sqlite3.Connection, plan_id: str, end: date, as_of: date) -> pr.Period:
    """The last reporting period finished by the report's end (or by the as-of date, if earlier)."""
    cycle, _, _ = pg.reporting_settings(conn, plan_id)
    return pr.last_finished(min(as_of, end + timedelta(days=1)), cycle)


def fill_progress(conn: sqlite3.Connection, report: Report, lead: un.LeadBySeq | None = None) -> Report:
    """Put the progress reports into ``report`` (and into its narrative's tasks, when it has them);
    ``lead``: the plan's lead units by seq, when the caller has them anyway."""
    assert report.period is not None
    plan_id = report.plan.id
    report.task_reports = task_reports(conn, plan_id, report.period.start, report.period.end, report.as_of)
    period = reporting_period(conn, plan_id, report.period.end, report.as_of)
    report.reporting_period = period.key
    missing = pv.missing_units(conn, plan_id, period, report.as_of, lead)
    report.units_not_reported = [u for u in missing if u != pv.NO_UNIT]
    by_id = {r.node_id: r for r in report.task_reports}
    for group in report.groups:
        for task in {id(t): t for t in [*group.lagging, *group.tasks]}.values():
            found = by_id.get(task.id)
            if found is not None:
                task.latest_state, task.progress = found.state, found.note
                task.problems, task.next_steps = found.problem, found.next_step
    return report
