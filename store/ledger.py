"""The units' fill-in ledger (台账): what goes out to each responsible unit, and who answered.

The office sends each unit, per period, a workbook of the items it is named on (as lead, 牵头, or
as supporting unit, 配合; inherited units count, as everywhere: ``store.units``), and reads the
filled workbooks back (``store.ledger_read`` and ``store.ledger_apply``). This module decides the
content: which items a unit gets (those that owe a report for the period, the rule of
``store.progress_views``), their 序时进度 at the end of the period (``store.lights``), last
period's answer for reference, the key each row carries and its checksum, the file name, and
the status of a round (which units answered, derived from the reports themselves, so nothing
extra is stored), and the office's consolidated list (``master_rows``). The workbook format itself
lives in ``store.ledger_format``; ``tui.ledger_books`` writes the workbooks.
"""
from __future__ import annotations

import hashlib
import re
import sqlite3
from datetime import date
from typing import NamedTuple

from store import lights as lt
from store import periods as pr
from store import progress as pg
from store import progress_views as pv
from store import units as un
from store.errors import BadInput

FORMAT = "plandesk-ledger-1"  # the workbook format's name and version, in every key
ROLE_LEAD = "牵头"
ROLE_SUPPORT = "配合"
ROLES = (ROLE_LEAD, ROLE_SUPPORT)
_SEP = "|"
_UNSAFE_FILE_CHARS = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')


class Row(NamedTuple):
    """One item as a unit's workbook shows it."""

    item_id: str  # the tracked node's full id
    number: str | None
    chapter: str  # the chapter it belongs to, as printed (第三章 ...)
    title: str
    role: str  # 牵头 | 配合
    due: str | None  # ISO
    expected: float | None  # 序时进度 at the end of the period, percent
    last_state: str | None  # last period's latest report, for reference
    last_percent: float | None
    last_note: str | None


class UnitLedger(NamedTuple):
    """What one unit is sent for a period."""

    unit: str
    rows: list[Row]

    @property
    def lead_count(self) -> int:
        return sum(r.role == ROLE_LEAD for r in self.rows)


def checksum(*fields: str) -> str:
    """A short digest of what was sent (not a secret: it shows a key was edited, nothing more)."""
    return hashlib.sha256("\x1f".join((FORMAT, *fields)).encode("utf-8")).hexdigest()[:16]


def row_key(plan_id: str, item_id: str, period: str, unit: str, role: str) -> str:
    """The hidden key of a row: plan, item (local id), period, role and their checksum with the unit."""
    local = item_id.split("/", 1)[1] if item_id.startswith(plan_id + "/") else item_id
    return _SEP.join((plan_id, local, period, role, checksum(plan_id, local, period, unit, role)))


class Key(NamedTuple):
    plan_id: str
    local_id: str
    period: str
    role: str
    digest: str

    @property
    def item_id(self) -> str:
        return f"{self.plan_id}/{self.local_id}"

    def intact(self, unit: str) -> bool:
        """True if the key is what plandesk wrote for ``unit`` (no part of it edited)."""
        return self.role in ROLES and self.digest == checksum(self.plan_id, self.local_id, self.period, unit,
                                                              self.role)


def parse_key(text: str) -> Key | None:
    """A row key as read back; None if it does not have the key's shape at all."""
    parts = str(text).strip().split(_SEP)
    if len(parts) != 5 or not all(parts):
        return None
    return Key(*parts)


def book_checksum(plan_id: str, period: str, unit: str) -> str:
    """The checksum of a workbook's own identity (its plan, period and unit)."""
    return checksum("book", plan_id, period, unit)


def file_name(plan_id: str, period: str, unit: str) -> str:
    """``<plan> <period> <unit>.xlsx``, safe on Windows, macOS and Linux and as a mail attachment."""
    stem = _UNSAFE_FILE_CHARS.sub("_", f"{plan_id} {period} {unit}").strip(" .")
    return stem[:120] + ".xlsx"


def expected_at_end(conn: sqlite3.Connection, plan_id: str, period: pr.Period) -> dict[str, lt.Light]:
    """Each tracked item's light as of the period's last day: its ``expected`` is the 序时进度
    the period's answer is held to."""
    return lt.item_lights(conn, lt.settings(conn, plan_id, period.end, 0))


def owing(conn: sqlite3.Connection, plan_id: str, period: pr.Period) -> list[str]:
    """The items that owe a report for ``period``, whether or not one came in: the rule of
    ``progress_views.unreported`` with no report counted (none is dated before ``date.min``)."""
    return pv.unreported(conn, plan_id, period, date.min)


def chapters(conn: sqlite3.Connection, plan_id: str) -> dict[str, str]:
    """Each live node's chapter (its depth-0 ancestor) as printed: ``第三章 营造公平竞争的市场环境``."""
    heads = {r[0]: " ".join(p for p in (r[1], r[2]) if p) for r in conn.execute(
        "SELECT id, number, title FROM nodes WHERE plan_id = ? AND depth = 0 AND archived_at IS NULL", (plan_id,))}
    result: dict[str, str] = {}
    for node_id, path in conn.execute("SELECT id, path FROM nodes WHERE plan_id = ? AND archived_at IS NULL",
                                      (plan_id,)):
        top = f"{plan_id}/{(path or '').split('/', 1)[0]}"
        result[node_id] = heads.get(top, "")
    return result


def check_period(conn: sqlite3.Connection, plan_id: str, period: pr.Period) -> None:
    row = conn.execute("SELECT start_year, end_year FROM plans WHERE id = ?", (plan_id,)).fetchone()
    if row is None:
        raise BadInput("err_no_plan", plan=plan_id)
    pr.check_in_plan(period, row[0], row[1])


def ledgers(conn: sqlite3.Connection, plan_id: str, period: pr.Period,
            only_units: list[str] | None = None) -> list[UnitLedger]:
    """Per unit, the rows of its workbook for ``period``: every item it is named on (lead or
    supporting, own or inherited) that owes a report for the period, in document order. Units
    with most items first; ``only_units`` keeps those (refusing a name the plan does not use)."""
    check_period(conn, plan_id, period)
    applying = un.of_plan(conn, plan_id)
    if only_units:
        known = {u for units in applying.values() for u in units.lead + units.support}
        unknown = [u for u in only_units if u not in known]
        if unknown:
            raise BadInput("err_unit_not_named", plan=plan_id, unit=unknown[0])
    item_ids = owing(conn, plan_id, period)
    if not item_ids:
        return []
    lights = expected_at_end(conn, plan_id, period)
    heads = chapters(conn, plan_id)
    info = {r[0]: r for r in conn.execute(
        "SELECT n.id, n.number, n.title, (SELECT MAX(due) FROM milestones m WHERE m.node_id = n.id AND "
        "m.archived_at IS NULL) FROM nodes n WHERE n.plan_id = ? AND n.archived_at IS NULL", (plan_id,))}
    previous = pr.previous(period)
    by_unit: dict[str, list[Row]] = {}
    for item_id in item_ids:
        units = applying.get(item_id, un.NONE)
        if not units.named:
            continue
        last = pg.latest(conn, item_id, previous)
        light = lights.get(item_id)
        _, number, title, due = info[item_id]
        for unit, role in [(u, ROLE_LEAD) for u in units.lead] + [(u, ROLE_SUPPORT) for u in units.support
                                                                   if u not in units.lead]:
            if only_units and unit not in only_units:
                continue
            by_unit.setdefault(unit, []).append(Row(
                item_id, number, heads.get(item_id, ""), title, role, due,
                None if light is None else light.expected, last.state if last else None,
                last.percent if last else None, last.note if last else None))
    order = sorted(by_unit, key=lambda u: (-len(by_unit[u]), u))
    return [UnitLedger(u, by_unit[u]) for u in order]


def unnamed_count(conn: sqlite3.Connection, plan_id: str, period: pr.Period) -> int:
    """Items that owe a report but name no unit (no workbook carries them: assign units first)."""
    applying = un.of_plan(conn, plan_id)
    return sum(not applying.get(i, un.NONE).named for i in owing(conn, plan_id, period))


class UnitStatus(NamedTuple):
    """One unit's line of a round: what it owes, what it answered, the workbooks it came in."""

    unit: str
    sent: int  # items it is named on that owe a report for the period (or that it answered)
    answered: int  # of those, items with a report from the unit for the period
    files: tuple[str, ...]  # the workbooks its answers came in (``source`` of its reports)
    last_at: str | None  # when its latest answer was entered

    @property
    def missing(self) -> int:
        return self.sent - self.answered


def status(conn: sqlite3.Connection, plan_id: str, period: pr.Period) -> list[UnitStatus]:
    """Which units answered for ``period`` and which did not, units owing the most first.

    Derived from the data: a unit is sent what ``ledgers`` would write today, and it answered an
    item when a report for the period names it as the reporting unit (from its workbook or typed
    by the clerk from a phone call alike). An answered item stays counted even if it no longer
    owes a report (a 已完成 answer dated inside the period ticks it off)."""
    sent = {lg.unit: {r.item_id for r in lg.rows} for lg in ledgers(conn, plan_id, period)}
    answered: dict[str, set[str]] = {}
    files: dict[str, dict[str, None]] = {}
    last_at: dict[str, str] = {}
    for unit, node_id, source, at in conn.execute(
            "SELECT unit, node_id, source, at FROM progress WHERE plan_id = ? AND period = ? AND unit IS NOT NULL "
            "ORDER BY id", (plan_id, period.key)):
        answered.setdefault(unit, set()).add(node_id)
        if source:
            files.setdefault(unit, {})[source] = None
        last_at[unit] = max(at, last_at.get(unit, at))
    rows = []
    for unit in set(sent) | set(answered):
        items = sent.get(unit, set()) | answered.get(unit, set())
        rows.append(UnitStatus(unit, len(items), len(answered.get(unit, set())), tuple(files.get(unit, {})),
                               last_at.get(unit)))
    return sorted(rows, key=lambda s: (s.answered > 0, -s.missing, s.unit))


class MasterRow(NamedTuple):
    """One tracked item of the office's consolidated ledger (汇总台账): what it is, who is named on
    it, its 序时进度 at the period's end, its light as of the as-of date, and the report that
    counts for the period (None when nobody reported)."""

    chapter: str
    number: str | None
    title: str
    lead: tuple[str, ...]
    support: tuple[str, ...]
    due: date | None  # its latest milestone's
    expected: float | None
    light: str
    report: pg.Report | None


def master_rows(conn: sqlite3.Connection, plan_id: str, period: pr.Period, today: date,
                soon_days: int) -> list[MasterRow]:
    """Every tracked item of the plan in document order (all units), for the consolidated ledger.
    Nothing is decided here: units, lights, 序时 and "the latest report counts" come from their
    own modules."""
    check_period(conn, plan_id, period)
    lights = lt.item_lights(conn, lt.settings(conn, plan_id, today, soon_days))
    expected = expected_at_end(conn, plan_id, period)
    applying = un.of_plan(conn, plan_id)
    heads = chapters(conn, plan_id)
    result: list[MasterRow] = []
    for node_id, number, title, due in conn.execute(
            "SELECT n.id, n.number, n.title, (SELECT MAX(due) FROM milestones m WHERE m.node_id = n.id AND "
            "m.archived_at IS NULL) FROM nodes n WHERE n.plan_id = ? AND n.archived_at IS NULL ORDER BY n.seq",
            (plan_id,)).fetchall():
        light = lights.get(node_id)
        if light is None:
            continue
        units = applying.get(node_id, un.NONE)
        share = expected.get(node_id)
        result.append(MasterRow(heads.get(node_id, ""), number, title, units.lead, units.support,
                                date.fromisoformat(due) if due else None,
                                None if share is None or share.expected is None else round(share.expected, 1),
                                light.light, pg.latest(conn, node_id, period)))
    return result
