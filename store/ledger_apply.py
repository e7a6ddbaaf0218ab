"""Taking a unit's answers in: checked against the database, shown as a difference, applied as ONE step.

``check`` turns a read workbook (``store.ledger_read.Book``) into what would change: per
answered item, the fields whose value differs from the report that counts now (before -> after),
or "unchanged" when the unit's own latest report for the item and period already says the same
(so importing a file twice, or a renamed copy of it, changes nothing). Any problem in the file
refuses the whole file. ``apply`` writes the new reports, attributed to the unit, with the file
name as their source and the clerk as ``who``, through ``progress_actions.report_many``: one
transaction and one journal entry per file, so one undo takes the whole file back. A later
answer for the same item and period is a new report; the older one stays in the history.
"""
from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any, NamedTuple

from store import journal
from store import periods as pr
from store import progress as pg
from store import units as un
from store.actions import Change
from store.errors import PlandeskError
from store.ledger_read import Answer, Book, Problem

IMPORT_ACTION = "ledger_import"
journal.register_undoable(IMPORT_ACTION)  # one imported workbook = one undo
FIELDS = ("state", "percent", "note", "problem", "next_step", "evidence")


class FieldChange(NamedTuple):
    field: str  # one of FIELDS
    before: Any
    after: Any


class ItemChange(NamedTuple):
    """One answered item: its new report's fields that differ from what counts now."""

    item_id: str
    title: str
    row: int
    answer: Answer
    fields: list[FieldChange]  # empty: the unit confirms what is already recorded


class Checked(NamedTuple):
    """A workbook checked against the database: what it would change, or why it is refused."""

    book: Book
    plan_id: str | None
    period: pr.Period | None
    unit: str | None
    on: date  # the reports' date: the unit's 填报日期, else the import date
    changes: list[ItemChange]
    unchanged: int  # answered items whose answer is already recorded
    problems: list[Problem]

    @property
    def refused(self) -> bool:
        return bool(self.problems)


def _values(report: pg.Report | Answer | None) -> dict[str, Any]:
    if report is None:
        return {f: None for f in FIELDS}
    values = {f: getattr(report, f) for f in FIELDS}
    values["evidence"] = tuple(values["evidence"] or ()) or None
    return values


def _book_problem(book: Book, code: str, **values: Any) -> Problem:
    return Problem(book.name, None, None, code, values)


def check(conn: sqlite3.Connection, book: Book, today: date, *, force: bool = False,
          expect_plan: str | None = None, expect_period: str | None = None) -> Checked:
    """What importing ``book`` would do, or every reason it cannot be imported (its own problems,
    a plan or period other than expected, an item gone, a unit not named on an item unless
    ``force``, a 填报日期 after ``today``)."""
    problems = list(book.problems)
    on = book.filled_on or today

    def refused() -> Checked:
        return Checked(book, book.plan_id, None, book.unit, on, [], 0, problems)

    if book.plan_id is None or book.period is None or book.unit is None:
        return refused()
    plan = conn.execute("SELECT start_year, end_year FROM plans WHERE id = ?", (book.plan_id,)).fetchone()
    if plan is None:
        problems.append(_book_problem(book, "unknown_plan", plan=book.plan_id))
        return refused()
    if expect_plan is not None and book.plan_id != expect_plan:
        problems.append(_book_problem(book, "other_plan", plan=book.plan_id, expected=expect_plan))
    try:
        period = pr.parse(book.period)
        pr.check_in_plan(period, plan[0], plan[1])
    except PlandeskError:
        problems.append(_book_problem(book, "other_period", period=book.period, expected=expect_period or "—"))
        return refused()
    if expect_period is not None and period.key != pr.parse(expect_period).key:
        problems.append(_book_problem(book, "other_period", period=period.key, expected=expect_period))
    if book.filled_on is not None and book.filled_on > today:
        problems.append(_book_problem(book, "date_after_today", date=book.filled_on.isoformat(),
                                      today=today.isoformat()))
    applying = un.of_plan(conn, book.plan_id)
    changes: list[ItemChange] = []
    unchanged = 0
    for answer in book.answers:
        where = Problem(book.name, book.sheet, answer.row, "", {})
        try:
            item = pg.resolve_item(conn, answer.key.item_id)
        except PlandeskError:
            problems.append(where._replace(code="unknown_item", values={"item": answer.key.local_id}))
            continue
        if item.id != answer.key.item_id or item.kind != pg.NODE_ITEM:
            problems.append(where._replace(code="unknown_item", values={"item": answer.key.local_id}))
            continue
        if not force and not applying.get(item.id, un.NONE).has(book.unit):
            problems.append(where._replace(code="not_named", values={"item": answer.key.local_id,
                                                                     "unit": book.unit}))
            continue
        history = [r for r in pg.reports_of(conn, item.id) if r.period == period.key]
        own = next((r for r in history if r.unit == book.unit), None)
        after = _values(answer)
        if own is not None and _values(own) == after:
            unchanged += 1
            continue
        before = _values(history[0] if history else None)
        fields = [FieldChange(f, before[f], after[f]) for f in FIELDS if before[f] != after[f]]
        changes.append(ItemChange(item.id, item.title, answer.row, answer, fields))
    return Checked(book, book.plan_id, period, book.unit, on, changes, unchanged, problems)


def apply(conn: sqlite3.Connection, checked: Checked, who: str | None = None) -> Change | None:
    """Enter the new reports of a checked workbook as ONE journaled, undoable step (None if
    nothing changes). Refuses a workbook with problems: nothing of it is applied."""
    if checked.refused:
        raise PlandeskError("err_book_refused", file=checked.book.name, count=len(checked.problems))
    if not checked.changes:
        return None
    from store import progress_actions as pa

    reports = [{
        "ref": c.item_id, "period": checked.period, "state": c.answer.state, "on": checked.on,
        "percent": c.answer.percent, "note": c.answer.note, "problem": c.answer.problem,
        "next_step": c.answer.next_step, "evidence": list(c.answer.evidence), "unit": checked.unit,
        "source": checked.book.name, "who": who,
    } for c in checked.changes]
    return pa.report_many(conn, IMPORT_ACTION, reports)
