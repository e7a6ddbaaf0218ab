"""Progress reports: ``r`` writes a report (进展情况) on the selected task or milestone.

Which item a line means, the form's presets (the item's lead unit, the period whose reports are due)
and what a report does (a 已完成 report ticks the item) are the store's (``store.view_progress``,
``store.progress_actions``); the write goes through the one ordered writer, journaled, so ctrl+z
takes it back.
"""
from __future__ import annotations

import sqlite3
from operator import attrgetter
from typing import TYPE_CHECKING, NamedTuple

from textual import work
from textual.message import Message

from store import ticking
from store import view_progress as vp
from store.errors import BadInput, NotFound
from tui.controllers.selection import Selection

if TYPE_CHECKING:
    from datetime import date

    from store.actions import Change
    from tui.screens.progress_dialog import ProgressEntry


class Reported(NamedTuple):
    """A progress report saved, and the nodes whose lines (and the lines above them) it changes."""

    change: Change
    nodes: frozenset[str]


class ReportFormLoaded(Message):
    """The form's presets for the line ``key``; ``form`` None: the line has no target of its own."""

    def __init__(self, key: str, title: str, form: vp.ReportForm | None) -> None:
        self.key, self.title, self.form = key, title, form
        super().__init__()


class Reporting(Selection):
    def action_report_progress(self) -> None:
        item = self.current()
        if item is None or self.app.plan is None:
            return
        title = item.node.label if item.node is not None else item.milestone.title if item.milestone else item.id
        self._load_report_form(item.key, item.id, title, self.app.today)

    @work(thread=True, exclusive=True, group="report-form")
    def _load_report_form(self, key: str, item_id: str, title: str, today: date) -> None:
        try:
            form = self.app.db.read(vp.report_form, item_id, today)
        except (BadInput, NotFound):
            form = None
        self.post_message(ReportFormLoaded(key, title, form))

    def on_report_form_loaded(self, message: ReportFormLoaded) -> None:
        from tui.screens.progress_dialog import ProgressDialog

        form = message.form
        if form is None:
            self.notify_plain(self.app.t("ui_pg_not_trackable", title=message.title), "warning")
            return
        key = message.key

        def chosen(entry: ProgressEntry | None) -> None:
            if entry is not None:
                self._save_report(key, form, entry)

        self.app.push_screen(ProgressDialog(self.app.t, form), chosen)

    def _save_report(self, key: str, form: vp.ReportForm, entry: ProgressEntry) -> None:
        from store import progress_actions as pa

        t, on, item = self.app.t, self.app.today, form.item

        def job(conn: sqlite3.Connection) -> Reported:
            change = pa.report(conn, item.id, entry.period, entry.state, on=on, percent=entry.percent,
                               note=entry.note, problem=entry.problem, next_step=entry.next_step,
                               evidence=entry.evidence, unit=entry.unit)
            # its light is the item's node's; a 已完成 report ticks milestones (and their linked copies)
            return Reported(change, ticking.nodes_changed(conn, change) | {item.node_id})

        def shown(done: Reported) -> None:
            change = done.change
            self.notify_plain(t("pg_saved", id=change.entity_id, item=item.title, period=entry.period.key,
                                state=t(f"pg_state_{entry.state}")))
            ticked = sorted(change.also("milestone"))
            if ticked:
                self.notify_plain(t("pg_ticked", on=on.isoformat(), ids=", ".join(ticked)))

        self.app.write(job, shown, focus=lambda done: key, touched=attrgetter("nodes"))
