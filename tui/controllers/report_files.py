"""``w``: write an annual, mid-term or final report to a file, as ``plandesk report -o`` does.

The report is built and written in a thread worker (a large plan's Word draft takes a moment and
the screen must not freeze), through the same ``report_writer`` and ``write_guarded`` as the
command line: checked, atomic, never over the database. A toast says where the file went, or
the one-line reason it did not.
"""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual import work

from tui.controllers.selection import Selection

if TYPE_CHECKING:
    from store import queries as q
    from tui.screens.report_dialog import ReportChoice


class ReportFiles(Selection):
    def action_write_report(self) -> None:
        from tui.screens.report_dialog import ReportDialog

        plan = self.app.plan
        t = self.app.t
        if plan is None:
            self.notify_plain(t("ui_report_no_plan"), "warning")
            return

        def chosen(choice: ReportChoice | None) -> None:
            if choice is not None:
                self.notify_plain(t("ui_report_writing", path=choice.path))
                self.write_report(plan, choice, self.app.today, self.app.soon_days)

        self.app.push_screen(ReportDialog(t, plan, self.app.today, self.app.db_path.resolve().parent), chosen)

    @work(thread=True, group="report")
    def write_report(self, plan: q.Plan, choice: ReportChoice, today: date, soon: int) -> None:
        import sqlite3

        from store import report as rp
        from tui.guarded_write import write_guarded
        from tui.reports.to_file import report_writer

        t = self.app.t

        def job(conn: sqlite3.Connection) -> bool:
            period = rp.period_for(plan, choice.kind, choice.year)
            report = rp.build_report(conn, plan, period, today, soon, narrative=choice.fmt == "docx")
            return write_guarded(t, choice.path, report_writer(report, choice.fmt, t), protected=[self.app.db_path])

        try:
            replaced = self.app.db.read(job)
        except Exception as exc:  # noqa: BLE001 - any failure is one line for the clerk, never a crash
            from store.errors import PlandeskError
            from store.safe_text import visible
            from tui.phrases import error_line

            said = error_line(t, exc) if isinstance(exc, PlandeskError) else str(exc)
            message = visible(said.strip() or type(exc).__name__, one_line=True)
            self.app.call_from_thread(self.notify_plain, message, "error")
            return
        said = t("ui_report_wrote", path=choice.path)
        if replaced:  # the clerk chose an existing file's name: say the old one is gone
            said += "\n" + t("sd_replaced", path=choice.path)
        self.app.call_from_thread(self.notify_plain, said)
