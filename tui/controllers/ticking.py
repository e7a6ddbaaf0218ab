"""Ticking: ``space`` ticks or unticks the line's milestone, ``d`` ticks with a date and a note.

Which milestone a line means is the store's rule (``store.ticking``, through ``Item.tickable``),
the same one ``plandesk tick`` applies to an id."""
from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date
from operator import attrgetter
from typing import NamedTuple

from store import queries as q
from store import status as st
from store import ticking
from store import tree as tr
from tui.controllers.selection import Selection


class Ticked(NamedTuple):
    """A tick saved: the milestone as it now is, and the nodes whose milestones it changed (its
    own and its linked copies'), whose lines and the lines above them the screen re-reads."""

    milestone: q.Milestone
    nodes: frozenset[str]


class Ticking(Selection):
    rollups: dict[str, st.Rollup]

    def show_milestone(self, key: str, fresh: q.Milestone) -> None:
        """Show a saved milestone at once on its lines: the one ticked from, and the milestone's own
        line if it has one (the roll-ups follow from the refresh)."""
        for line_key in dict.fromkeys((key, tr.key(tr.MILESTONE, fresh.id))):
            node = self.tree.by_key.get(line_key)
            item = node.data if node is not None else None
            if item is None:
                continue
            if item.kind == tr.MILESTONE:
                self.tree.update_item(replace(item, milestone=fresh))
            elif item.own is not None and item.own.id == fresh.id:
                self.tree.update_item(replace(item, own=fresh, single=fresh))

    def action_tick(self) -> None:
        from store import actions

        item = self.current()
        if item is None:
            return
        m = item.tickable
        if m is None:
            if item.node is not None and item.has_children:
                n = self.rollups.get(item.id, st.Rollup()).total
                self.notify_plain(self.app.t("ui_nothing_to_tick", title=item.node.label, n=n), "warning")
            return
        t, today, soon, key = self.app.t, self.app.today, self.app.soon_days, item.key
        undo_tick = m.done_on is not None  # ticked, even on a date after the as-of date
        milestone_id = m.id

        def job(conn: sqlite3.Connection) -> Ticked:
            change = actions.untick(conn, milestone_id) if undo_tick else actions.tick(conn, milestone_id, today)
            return Ticked(q.milestone(conn, milestone_id, today, soon), ticking.nodes_changed(conn, change))

        def shown(done: Ticked) -> None:
            fresh = done.milestone
            self.show_milestone(key, fresh)
            if undo_tick:
                self.notify_plain(t("unticked", id=fresh.id, title=fresh.title))
            else:
                self.notify_plain(t("ticked", id=fresh.id, title=fresh.title, on=today.isoformat()))

        self.app.write(job, shown, touched=attrgetter("nodes"))

    def action_tick_dialog(self) -> None:
        from store import actions
        from tui.screens.tick_dialog import TickDialog

        selected = self.milestone_or_warn()
        if selected is None:
            return
        item, m = selected
        t, today, soon, key, milestone_id = self.app.t, self.app.today, self.app.soon_days, item.key, m.id

        def chosen(result: tuple[date, str | None] | None) -> None:
            if result is None:
                return
            on_date, note = result

            def job(conn: sqlite3.Connection) -> Ticked:
                change = actions.tick(conn, milestone_id, on_date, note)
                return Ticked(q.milestone(conn, milestone_id, today, soon), ticking.nodes_changed(conn, change))

            def shown(done: Ticked) -> None:
                self.show_milestone(key, done.milestone)
                self.notify_plain(t("ticked", id=done.milestone.id, title=done.milestone.title,
                                    on=on_date.isoformat()))

            self.app.write(job, shown, touched=attrgetter("nodes"))

        self.app.push_screen(TickDialog(t, m.title, m.done_on or today, m.done_note, as_of=today,
                                        ticked_on=m.done_on), chosen)
