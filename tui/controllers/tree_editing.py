"""Fixing the task tree itself: add (``A``), edit (``E``), move up / down (``ctrl+↑`` / ``ctrl+↓``),
move under another item (``M``) and archive (``X``) chapters, sections and tasks.

What the draft got wrong, and what a mid-term adjustment (中期调整) changes, is fixed here; every
change is one journal entry (``store.node_actions``), undone by ctrl+z, and kept when the plan
file is re-imported. The rules (what may go where) are the store's; this module asks and shows.
"""
from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from store import queries as q
from store import tree as tr
from store.records import numbered
from tui.controllers.selection import Selection

if TYPE_CHECKING:
    from store.changes import Change
    from tui.screens.node_dialog import NodeForm


class TreeEditing(Selection):
    def line_node_or_warn(self) -> q.Node | None:
        """The item (not a milestone) on the cursor line; a warning on a milestone's line."""
        item = self.current()
        if item is None or item.kind != tr.NODE or item.node is None:
            self.notify_plain(self.app.t("tr_not_an_item"), "warning")
            return None
        return item.node

    def _node_focus(self, change: Change) -> str:
        return tr.key(tr.NODE, change.entity_id)

    def action_add_node(self) -> None:
        from store import node_actions as na
        from tui.screens.node_dialog import NodeDialog

        plan = self.app.plan
        if plan is None:
            return
        item = self.current()
        parent = self.node_of(item) if item is not None else None
        t = self.app.t
        kind = "section" if parent is not None and parent.kind in ("part", "chapter") else "task"

        def chosen(form: NodeForm) -> None:
            parent_id = parent.id if parent is not None else None
            self.app.write(lambda conn: na.add_node(conn, plan.id, parent_id, form.title, form.kind,
                                                    text=form.text, number=form.number),
                           lambda change: self.notify_plain(t("tr_added", title=form.title)), focus=self._node_focus)

        context = t("tr_under", parent=parent.label) if parent is not None else t("tr_at_top")
        self.ask(NodeDialog(t, t("k_add_node_help"), context, kind), chosen)

    def action_edit_node(self) -> None:
        from store import node_actions as na
        from tui.screens.node_dialog import NodeDialog

        if (node := self.line_node_or_warn()) is None:
            return
        t = self.app.t

        def chosen(form: NodeForm) -> None:
            if (form.kind, form.number, form.title, form.text) == (node.kind, node.number or "", node.title,
                                                                   node.text or ""):
                return
            self.app.write(lambda conn: na.edit_node(conn, node.id, title=form.title, text=form.text,
                                                     number=form.number, kind=form.kind),
                           lambda change: self.notify_plain(t("tr_edited", title=form.title)), focus=self._node_focus)

        self.ask(NodeDialog(t, t("k_edit_node_help"), node.id, node.kind, node.number or "", node.title,
                            node.text or ""), chosen)

    def _move_by(self, step: int) -> None:
        from store import node_actions as na

        if (node := self.line_node_or_warn()) is None:
            return
        t = self.app.t

        def job(conn: sqlite3.Connection) -> Change | None:
            places = [r["id"] for r in na.siblings(conn, node.plan_id, node.parent_id)]
            if node.id not in places or not 0 <= places.index(node.id) + step < len(places):
                return None  # already first / last: said in the clerk's language, nothing written
            return na.move_by(conn, node.id, step)

        def shown(change: Change | None) -> None:
            if change is None:
                self.notify_plain(t("tr_already_first" if step < 0 else "tr_already_last"), "warning")

        self.app.write(job, shown, focus=lambda change: self._node_focus(change) if change else None)

    def action_move_node_up(self) -> None:
        self._move_by(-1)

    def action_move_node_down(self) -> None:
        self._move_by(1)

    def action_move_node(self) -> None:
        from store import node_actions as na
        from tui.screens.parent_picker import TOP, Candidate, ParentPicker

        if (node := self.line_node_or_warn()) is None:
            return
        t = self.app.t
        rows = self.app.db.read(na.parent_choices, node.id)
        candidates = [Candidate(r["id"], numbered(r["number"], r["title"]), r["depth"])
                      for r in rows]

        def chosen(parent_id: str) -> None:
            target = None if parent_id == TOP else parent_id
            where = next((c.label for c in candidates if c.id == target), t("tr_top_level"))
            self.app.write(lambda conn: na.move_node(conn, node.id, target),
                           lambda change: self.notify_plain(t("tr_moved", title=node.title, parent=where)),
                           focus=self._node_focus)

        self.ask(ParentPicker(t, node.label, candidates, node.parent_id), chosen)

    def action_archive_node(self) -> None:
        from store import node_actions as na
        from tui.screens.confirm_dialog import ConfirmDialog

        if (node := self.line_node_or_warn()) is None:
            return
        t = self.app.t

        def chosen(sure: bool) -> None:
            self.app.write(lambda conn: na.archive_node(conn, node.id),
                           lambda change: self.notify_plain(t("tr_archived", title=node.title)),
                           focus=lambda change: tr.key(tr.NODE, node.parent_id) if node.parent_id else None)

        question = t("tr_archive_question", title=node.label)
        self.ask(ConfirmDialog(t, t("k_archive_node_help"), question, t("tr_archive")), chosen)
