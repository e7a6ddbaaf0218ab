"""The reporting side of the status printout (issue 11): lights, 序时 and the lagging tasks, and
``status --unit``: the status narrowed to the items one unit leads.

Kept apart from ``store.report`` (whose ``build_status`` calls ``with_progress`` once; the JSON
renderer calls ``progress_dict``) so that the report's own restructuring and this stay out of
each other's way.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from functools import partial
from typing import Any

from store import queries as q
from store import status as st
from store.report.model import ChapterRow, Item, Report
from store.report.rows import LIST_LIMIT, RECENT_DAYS, status_item


def _rollup(states: list[str]) -> st.Rollup:
    rollup = st.Rollup()
    for state in states:
        rollup.add(state)
    return rollup


def with_progress(conn: sqlite3.Connection, report: Report, depths: tuple[int, ...], unit: str | None) -> Report:
    """Status, issue 11: the lights, 序时 and lagging tasks; with ``unit``, only what that unit leads."""
    from store.progress_views import status_progress

    if unit is not None:
        narrow_to_unit(conn, report, unit)
    report.progress = status_progress(conn, report.plan.id, report.as_of, report.soon_days, depths, unit)
    return report


def narrow_to_unit(conn: sqlite3.Connection, report: Report, unit: str) -> None:
    """Keep only the milestones of the items ``unit`` leads (its own or inherited, store.units):
    headline, chapters and lists are counted again from them."""
    from store import units as un

    plan, today, soon = report.plan, report.as_of, report.soon_days
    led = un.nodes_of(conn, plan.id, unit, un.LEAD)
    nodes = q.nodes(conn, plan.id)
    top: dict[str, str] = {}
    for n in nodes:
        top[n.id] = top.get(n.parent_id, n.id) if n.parent_id else n.id
    mine = [m for m in q.milestones(conn, plan.id, today, soon) if m.node_id in led]
    report.headline = report.plan_total = _rollup([m.state for m in mine])
    by_chapter: dict[str, list[str]] = {}
    for m in mine:
        by_chapter.setdefault(top.get(m.node_id, m.node_id), []).append(m.state)
    report.chapters = [ChapterRow(n.id, 0, n.kind, n.number, n.title, _rollup(by_chapter[n.id]),
                                  _rollup(by_chapter[n.id])) for n in nodes if n.depth == 0 and n.id in by_chapter]
    year_end = date(today.year, 12, 31)
    recent = today - timedelta(days=RECENT_DAYS)
    chosen = {
        "overdue": [m for m in mine if m.state == st.OVERDUE],
        "due_soon": [m for m in mine if m.state == st.DUE_SOON],
        "due_later": [m for m in mine if m.state == st.OPEN and m.due <= year_end],
        "recently_done": sorted((m for m in mine if st.is_done(m.state) and m.done_on and m.done_on >= recent),
                                key=lambda m: (m.done_on, -m.seq), reverse=True),
    }
    for section in report.sections:
        found = chosen.get(section.key, [])
        if section.key != "recently_done":
            found = sorted(found, key=lambda m: (m.due, m.seq))
        shown = [status_item(m, today) for m in found[:LIST_LIMIT]]
        section.rows = partial(_first, shown)
        section.total, section.shown = len(found), len(shown)


def progress_dict(p: Any) -> dict[str, Any]:
    """A status's lights, 序时 and lagging tasks (store.progress_views.ProgressStatus) as data."""
    def counts(c: Any) -> dict[str, Any]:
        return {"light": c.light, "red": c.red, "yellow": c.yellow, "green": c.green}
    return {"unit": p.unit, "cycle": p.cycle, "yellow_lag": p.yellow, "red_lag": p.red, "due_period": p.due_period,
            "elapsed": p.elapsed, "lights": counts(p.counts), "reported": p.reported,
            "with_percent": p.with_percent, "mean_percent": p.mean_percent, "mean_expected": p.mean_expected,
            "chapters": {node_id: counts(c) for node_id, c in p.chapters.items()},
            "lagging": [{"id": x.id, "title": x.title, "lead": list(x.lead), "light": x.light, "reason": x.reason,
                         "period": x.period, "state": x.state, "percent": x.percent, "expected": x.expected,
                         "lag": x.lag, "problem": x.problem, "next": x.next_step} for x in p.lagging]}


def _first(items: list[Item], limit: int | None) -> Iterator[Item]:
    """A section's rows: the first ``limit`` of ``items`` (None: all)."""
    return iter(items[:limit])
