"""What an evaluation report narrates beyond the counts: per chapter its lagging tasks, the major
projects and the annexes' key tasks (Wulong 附件1 重大项目, 附件4 年度重点任务), each with its milestones.

The progress-report fields of each task (latest state, 进展情况, 存在问题, 下步措施) are left
``None`` here; the progress reports fill them when they exist.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from itertools import groupby

from store import status as st
from store.report import rows
from store.report.model import Item, Report, TaskGroup, TaskProgress

GROUP_LIMIT = 30  # lagging tasks named per chapter; the rest are counted
ANNEX_LIMIT = 200  # tasks listed per annex or among the projects


def _tasks(conn: sqlite3.Connection, found: Iterable[Item], limit: int,
           count: bool = True) -> tuple[list[TaskProgress], int]:
    """Items in document order grouped into tasks: the first ``limit`` tasks, and how many there are
    (unless ``count`` is False: then reading stops after the first ``limit``, and so does the count)."""
    tasks: list[TaskProgress] = []
    total = 0
    for node_id, group in groupby(found, key=lambda it: it.node_id):
        if len(tasks) >= limit and not count:
            break
        total += 1
        if len(tasks) >= limit:
            continue
        milestones = list(group)
        counts = st.Rollup()
        for it in milestones:
            counts.add(it.state)
        tasks.append(TaskProgress(node_id, None, milestones[0].task, "", milestones[0].units, milestones, counts))
    if tasks:
        marks = ",".join("?" for _ in tasks)
        known = {r[0]: r[1:] for r in conn.execute(f"SELECT id, kind, number, title FROM nodes WHERE id IN ({marks})",
                                                   [t.id for t in tasks])}
        for task in tasks:
            if task.id in known:
                task.kind, task.number, task.title = known[task.id]
    return tasks, total


def task_groups(conn: sqlite3.Connection, index: rows.PlanIndex, report: Report) -> list[TaskGroup]:
    """Chapters with their lagging tasks, then each annex and the projects outside annexes."""
    assert report.period is not None
    as_of, soon = report.as_of, report.soon_days
    end = report.period.end.isoformat()
    groups: list[TaskGroup] = []
    spans = {r[0]: (r[1], r[2]) for r in conn.execute(
        "SELECT id, seq, last_seq FROM nodes WHERE plan_id = ? AND depth = 0 AND archived_at IS NULL",
        (report.plan.id,))}
    state_sql, state_args = st.sql_state(as_of, soon)

    def lagging(chapter_id: str) -> tuple[list[TaskProgress], int]:
        """A chapter's first tasks with an overdue milestone, and how many such tasks it has."""
        first, last = spans[chapter_id]
        where = "seq BETWEEN ? AND ? AND state = ? AND due <= ?"
        params = (first, last, st.OVERDUE, end)
        found = rows.items(index, as_of, soon, where, params, order="seq, id", limit=GROUP_LIMIT * 20)
        tasks, _ = _tasks(conn, found, GROUP_LIMIT, count=False)  # counted below, by SQLite
        total = conn.execute("SELECT count(DISTINCT node_id) FROM milestones WHERE plan_id = ? "
                             f"AND archived_at IS NULL AND seq BETWEEN ? AND ? AND due <= ? AND ({state_sql}) = ?",
                             (report.plan.id, first, last, end, *state_args, st.OVERDUE)).fetchone()[0]
        return tasks, int(total)

    for chapter in report.chapters:
        if chapter.kind == "annex":
            first, last = spans[chapter.id]
            found = rows.items(index, as_of, soon, "seq BETWEEN ? AND ?", (first, last), order="seq, id")
            tasks, total = _tasks(conn, found, ANNEX_LIMIT)
            late = [t for t in tasks if t.counts.counts[st.OVERDUE]]
            groups.append(TaskGroup(chapter.id, chapter.number, chapter.title, chapter.kind, chapter.counts, late,
                                    len(late), tasks))
            continue
        tasks, total = lagging(chapter.id) if chapter.counts.counts[st.OVERDUE] or chapter.plan.counts[st.OVERDUE] \
            else ([], 0)
        groups.append(TaskGroup(chapter.id, chapter.number, chapter.title, chapter.kind, chapter.counts, tasks,
                                total))
    annexes = [spans[c.id] for c in report.chapters if c.kind == "annex"]
    outside = [node_id for node_id, seq in conn.execute(
        "SELECT id, seq FROM nodes WHERE plan_id = ? AND kind = 'project' AND archived_at IS NULL ORDER BY seq",
        (report.plan.id,)) if not any(a <= seq <= b for a, b in annexes)]
    if outside:
        marks = ",".join("?" for _ in outside[:ANNEX_LIMIT])
        found = rows.items(index, as_of, soon, f"node_id IN ({marks})", tuple(outside[:ANNEX_LIMIT]),
                           order="seq, id")
        tasks, _ = _tasks(conn, found, ANNEX_LIMIT)
        counts = st.Rollup()
        for task in tasks:
            counts.merge(task.counts)
        late = [t for t in tasks if t.counts.counts[st.OVERDUE]]
        groups.append(TaskGroup("", None, "", "projects", counts, late, len(late), tasks))
    return groups
