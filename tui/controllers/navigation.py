"""Moving about the tree: ``n`` jumps to the next overdue milestone after the cursor (in document
order, wrapping round); ``*`` opens the whole plan, ``-`` closes every branch."""
from __future__ import annotations

from datetime import date

from textual import work
from textual.message import Message

from store import queries as q
from store import tree as tr
from tui.controllers.selection import Selection


class NextOverdue(Message):
    def __init__(self, milestone: q.Milestone | None) -> None:
        self.milestone = milestone
        super().__init__()


class Navigation(Selection):
    def action_next_overdue(self) -> None:
        plan = self.app.plan
        if plan is None:
            return
        item = self.current()
        self._next_overdue(plan.id, self.app.today, self.app.soon_days, tr.position(item) if item else None)

    @work(thread=True, exclusive=True, group="next")
    def _next_overdue(self, plan_id: str, today: date, soon: int, after: tuple[int, str] | None) -> None:
        self.post_message(NextOverdue(self.app.db.read(tr.next_overdue, plan_id, today, after, soon)))

    def action_open_all(self) -> None:
        from tui.screens.open_all import open_all

        open_all(self)  # type: ignore[arg-type]  # the mixin is only ever part of the main screen

    def action_close_all(self) -> None:
        self.tree.close_all()

    def action_ledger_status(self) -> None:
        """Which units answered the ledger for the period whose reports are due."""
        from tui.screens.ledger_status import LedgerStatusScreen

        if self.app.plan is not None:
            self.app.push_screen(LedgerStatusScreen(self.app.t))

    def on_next_overdue(self, message: NextOverdue) -> None:
        m = message.milestone
        if m is None:
            self.notify_plain(self.app.t("ui_no_overdue", date=self.app.today.isoformat()))
            return
        for key in (tr.key(tr.MILESTONE, m.id), tr.key(tr.NODE, m.node_id) if m.implicit else ""):
            node = self.tree.by_key.get(key)
            if node is not None and node.data is not None and (node.data.kind == tr.MILESTONE or
                                                               node.data.own is not None):
                self.tree.select_key(key)
                return
        target = tr.key(tr.MILESTONE, m.id)
        if self.flt is not None:
            self.flt = None
            self.reload(reveal=target)
        else:
            self.refresh_view(reveal=target)
