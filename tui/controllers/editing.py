"""Editing milestones and units: ``a`` add, ``e`` edit, ``x`` delete, ``u`` responsible unit."""
from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from store import tree as tr
from tui.controllers.selection import Selection

if TYPE_CHECKING:
    from store.actions import Change
    from tui.screens.milestone_dialog import MilestoneForm


class _Written(NamedTuple):
    """A milestone's change and the nodes whose lines it can change (its own node, and its linked
    copies' when the note went to them too): the screen re-reads only the branches above them."""

    change: Change
    nodes: frozenset[str]


def _narrowed(write: Callable[[sqlite3.Connection], Change]) -> Callable[[sqlite3.Connection], _Written]:
    from store.ticking import nodes_changed

    def job(conn: sqlite3.Connection) -> _Written:
        change = write(conn)
        return _Written(change, nodes_changed(conn, change))
    return job


def _nodes(written: _Written) -> frozenset[str]:
    return written.nodes


class Editing(Selection):
    def action_add_milestone(self) -> None:
        from store import actions
        from tui.screens.milestone_dialog import MilestoneDialog

        if (node := self.node_or_warn()) is None:
            return
        t = self.app.t

        def chosen(form: MilestoneForm) -> None:

            def shown(written: _Written) -> None:
                self.pending_select = tr.key(tr.MILESTONE, written.change.entity_id)
                self.notify_plain(t("ui_added", title=form.title))

            self.app.write(_narrowed(lambda conn: actions.add_milestone(conn, node.id, form.title, form.due,
                                                                        form.phrase)),
                           shown, focus=lambda written: tr.key(tr.MILESTONE, written.change.entity_id),
                           touched=_nodes)

        self.ask(MilestoneDialog(t, t("k_add_help"), node.label, "",
                                 f"{self.app.today.year}-12-31", self.app.today), chosen)

    def action_edit_milestone(self) -> None:
        from store import actions
        from tui.screens.milestone_dialog import MilestoneDialog

        if (selected := self.milestone_or_warn()) is None:
            return
        _, m = selected
        t = self.app.t

        def chosen(form: MilestoneForm) -> None:
            self.app.write(_narrowed(lambda conn: actions.edit_milestone(conn, m.id, title=form.title, due=form.due,
                                                                         due_phrase=form.phrase)),
                           lambda written: self.notify_plain(t("ui_edited", title=form.title)), touched=_nodes)

        self.ask(MilestoneDialog(t, t("k_edit_help"), m.id, m.title, m.due_phrase or m.due.isoformat(),
                                 self.app.today), chosen)

    def action_delete_milestone(self) -> None:
        from store import actions

        if (selected := self.milestone_or_warn()) is None:
            return
        _, m = selected
        t = self.app.t

        def delete(confirmed: bool | None = True) -> None:
            if not confirmed:
                return

            def deleted(written: _Written) -> None:
                # the line goes away: the detail pane must not keep showing it; the refresh that
                # follows selects its task (or, in a filtered tree, whatever the cursor is on)
                from tui.widgets.detail_pane import DetailPane

                self.selected_key = None
                self.query_one(DetailPane).show(None)
                self.notify_plain(t("ui_deleted", title=m.title))

            self.app.write(_narrowed(lambda conn: actions.delete_milestone(conn, m.id)), deleted,
                           focus=lambda written: tr.key(tr.NODE, m.node_id), touched=_nodes)

        if m.origin == "plan":  # printed in the plan: ask before it goes (the clerk's own: undo is enough)
            from tui.screens.confirm_dialog import ConfirmDialog

            self.app.push_screen(ConfirmDialog(t, t("k_delete_help"), t("in_confirm_delete", title=m.title),
                                               t("k_delete")), delete)
            return
        delete()

    def action_set_unit(self) -> None:
        from store import actions
        from tui.screens.unit_dialog import UnitDialog

        if (node := self.node_or_warn()) is None:
            return
        t = self.app.t

        def chosen(result: tuple[list[str] | None]) -> None:
            (units,) = result
            shown_units = "、".join(units) if units else t("ui_as_printed", units="、".join(node.units) or t("none"))
            # no tree line shows units (only a filter by unit picks by them, and a filtered view is
            # always read whole): the branches above the node are read again, not every open one
            self.app.write(lambda conn: actions.set_units(conn, node.id, units),
                           lambda change: self.notify_plain(t("ui_units_set", title=node.label, units=shown_units)),
                           touched=lambda change: frozenset({node.id}))

        self.ask(UnitDialog(t, node.label, node.effective_units), chosen)
