"""The main screen: header, the task tree on the left, the selected item in full on the right.

Wiring only: what the tree shows comes from ``store.view`` (read in thread workers that post
their result back as messages: workers never touch widgets), the detail pane loads its own
data, and the actions live in ``tui/controllers/`` by concern. Every write goes through
``PlanDeskApp.write`` (one writer, in order, committed before it is shown). Looks: ``app.tcss``.
"""
from __future__ import annotations

import sqlite3
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer
from textual.worker import get_current_worker

from store import queries as q
from store import status as st
from store import tree as tr
from store import view
from store import view_progress as vp
from store.view import REMEMBER, SELECTION_KEY, Filter, ViewData
from tui.actions import APP, EN, MAIN, bindings, localized
from tui.collector import collector_paused
from tui.controllers.editing import Editing
from tui.controllers.filtering import Filtering
from tui.controllers.navigation import Navigation
from tui.controllers.report_files import ReportFiles
from tui.controllers.reporting import Reporting
from tui.controllers.ticking import Ticking
from tui.controllers.tree_editing import TreeEditing
from tui.widgets.detail_pane import DetailPane
from tui.widgets.plan_header import PlanHeader
from tui.widgets.plan_tree import PlanTree

if TYPE_CHECKING:
    from tui.app import PlanDeskApp

REMEMBER_AFTER_S = 0.8  # the selection is saved once the cursor rests
FULL = "full"  # a refresh of every loaded line


class ViewLoaded(Message):
    def __init__(self, data: ViewData) -> None:
        self.data = data
        super().__init__()


class LightsLoaded(Message):
    """The lights of a view's lines, read just after its roll-ups (so the counts need not wait)."""

    def __init__(self, gen: int, lights: vp.LineLights) -> None:
        self.gen, self.lights = gen, lights
        super().__init__()


class ChildrenLoaded(Message):
    def __init__(self, gen: int, parent_id: str, items: list[tr.Item], rollups: dict[str, st.Rollup],
                 lights: vp.LineLights) -> None:
        self.gen, self.parent_id, self.items, self.rollups, self.lights = gen, parent_id, items, rollups, lights
        super().__init__()


class MainScreen(Ticking, Editing, TreeEditing, Reporting, Filtering, Navigation, ReportFiles, Screen[None]):
    AUTO_FOCUS = "#tree"  # not the search box first and then the tree: one restyle less at start-up
    ACTIONS_WHERE = (MAIN, APP)
    BINDINGS: ClassVar[list[BindingType]] = bindings(ACTIONS_WHERE, EN)  # per language: actions.localized

    app: PlanDeskApp

    def __init__(self) -> None:
        super().__init__()
        self.gen = 0
        self.flt: Filter | None = None
        self.selected_key: str | None = None
        self.pending_select: str | None = None
        self.lazy_in_sparse: set[str] = set()
        self.rollups: dict[str, st.Rollup] = {}
        self.light_counts: tuple[int, int, int] | None = None  # the plan's, once read (the header)
        # a refresh not yet on screen: FULL, or the nodes a partial one re-reads the lines above
        self._unapplied: str | frozenset[str] | None = None
        self._remember_timer: Timer | None = None
        self._remembered: str | None = None

    # layout --------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        t = self.app.t
        yield PlanHeader(id="header")
        with Horizontal(id="body"):
            with Vertical(id="left"):  # the search box and the filter bar join on first use
                yield localized(PlanTree, t)(t, id="tree")
            yield DetailPane(self.app.db, t, id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.show_header()
        if self.app.plan is not None:
            self.load_first_view()

    @property
    def tree(self) -> PlanTree:  # type: ignore[override]  # shadows DOMNode.tree, a debugging view
        return self.query_one("#tree", PlanTree)

    def show_header(self) -> None:
        plan = self.app.plan
        rollup = self.rollups.get(plan.id) if plan else None
        self.query_one(PlanHeader).show(plan, rollup, self.app.today, self.app.t, lights=self.light_counts)

    # loading -------------------------------------------------------------------------------
    def reload(self, reveal: str | None = None) -> None:
        """Start again from the top level (new plan, new filter)."""
        self.tree.reset_lines()
        self.lazy_in_sparse.clear()
        self.refresh_view(reveal=reveal)

    def refresh_view(self, reveal: str | None = None, touched: frozenset[str] | None = None) -> None:
        """Re-read everything shown (after a change, another window's change, a new date); after
        a change to a few nodes (``touched``: a tick), only the lines whose figures it can change:
        the branches from the top down to each of them. With a whole 50,000-node plan open, a tick
        then re-reads a few dozen lines instead of every line (seconds of work in the background).
        A refresh not yet on screen is never narrowed: what it was to show is read again."""
        plan = self.app.plan
        if plan is None:
            return
        self.gen += 1
        if reveal and reveal != REMEMBER:
            self.pending_select = reveal
        unapplied = self._unapplied
        partial = None
        if touched is not None and self.flt is None and unapplied != FULL:
            partial = touched | (unapplied if isinstance(unapplied, frozenset) else frozenset())
        above = self._branches_above(partial) if partial is not None else None
        if above is not None:
            parents = above
            self._unapplied = partial
        else:
            parents = set(self.lazy_in_sparse) if self.flt else set(self.tree.loaded) | {None}
            self._unapplied = FULL
        self.load_view(self.gen, plan.id, self.app.today, self.app.soon_days, self.flt, parents, reveal)

    def _branches_above(self, nodes: frozenset[str]) -> set[str | None] | None:
        """The loaded parents whose lines show ``nodes`` or anything above them (their figures are
        the roll-ups of those nodes); None if a node is not on the tree (then everything is read)."""
        tree = self.tree
        parents: set[str | None] = {None}
        for node_id in nodes:
            line = tree.by_key.get(tr.key(tr.NODE, node_id))
            if line is None:
                return None
            while line is not None and line.data is not None:
                if line.data.id in tree.loaded:
                    parents.add(line.data.id)
                line = line.parent
        return parents

    @work(thread=True, exclusive=True, group="view")
    def load_view(self, gen: int, plan_id: str, today: date, soon: int, flt: Filter | None,
                  parents: set[str | None], reveal: str | None) -> None:
        worker = get_current_worker()
        with collector_paused():  # a filter's or a refresh's lines on a large plan: no full collection meanwhile
            data = self.app.db.read_snapshot(view.read_view, gen, plan_id, today, soon, flt, parents, reveal,
                                             with_lights=False)
        if worker.is_cancelled:
            return
        self.post_message(ViewLoaded(data))
        with collector_paused():
            lights = self.app.db.read_snapshot(view.view_lights, data, today, soon)
        if not worker.is_cancelled:
            self.post_message(LightsLoaded(gen, lights))

    def load_first_view(self) -> None:
        """The first lines are read before the first paint, on the app's thread (a few
        milliseconds even for 50,000 nodes); a large plan's roll-ups follow from a worker."""
        plan = self.app.plan
        if plan is None:
            return
        self.gen += 1
        self._unapplied = FULL
        data = self.app.db.read(view.first_view, self.gen, plan.id, self.app.today, self.app.soon_days)
        self._view_loaded(ViewLoaded(data))
        if not data.rollups:
            self.refresh_view()

    @on(ViewLoaded)
    def _view_loaded(self, message: ViewLoaded) -> None:
        data = message.data
        plan = self.app.plan
        if data.gen != self.gen or plan is None or data.plan_id != plan.id:
            return
        tree = self.tree
        # a partial refresh brings the figures of the lines it read; the others' stand
        partial = isinstance(self._unapplied, frozenset)
        self.rollups = {**self.rollups, **data.rollups} if partial else data.rollups
        tree.rollups = self.rollups
        if data.lights is not None:
            self._apply_lights(data.lights)
        expand: set[str] = set()
        children = dict(data.children)
        if data.sparse is not None:
            tree.matched = data.sparse.matched
            expand |= {tr.key(tr.NODE, p) for p in data.sparse.children if p is not None}
        if data.reveal is not None:
            for parent, items in data.reveal.children.items():
                children.setdefault(parent, items)
            expand |= {tr.key(tr.NODE, p) for p in data.reveal.path}
            self.pending_select = data.reveal.target
        tree.apply(children, expand, then=lambda: self._view_applied(data))
        self.show_header()
        self.show_filter_bar(len(data.sparse.matched) if data.sparse else None)

    def _view_applied(self, data: ViewData) -> None:
        """The view's lines are all on the tree (an apply replaced by a newer one never gets here,
        so the refresh after it reads everything again)."""
        if data.gen == self.gen:
            self._unapplied = None
        self._select_after_view(data)

    def _select_after_view(self, data: ViewData) -> None:
        """Once the view's lines are in the tree: the cursor on the line to show."""
        tree = self.tree
        target = self.pending_select or self.selected_key
        if data.sparse is not None and (target is None or target not in tree.by_key):
            target = data.sparse.first
        if target and target in tree.by_key:
            self.pending_select = None
            if tree.cursor_node is not tree.by_key[target]:
                tree.select_key(target)
            # moving the cursor sends no highlight when its line number stays the same (after a
            # delete), so the detail pane follows the target here in every case
            self.selected_key = target
            self.load_detail(target)
        elif tree.cursor_line < 0 and tree.root.children:
            tree.cursor_line = 0
        elif self.selected_key:
            self.load_detail(self.selected_key)
        elif tree.cursor_node is not None and tree.cursor_node.data is not None:  # after a delete
            self.selected_key = tree.cursor_node.data.key
            self.load_detail(self.selected_key)

    def _apply_lights(self, lights: vp.LineLights) -> None:
        self.tree.lights.update(lights.lines)
        if lights.total is not None:
            self.light_counts = (lights.total.red, lights.total.yellow, lights.total.green)

    @on(LightsLoaded)
    def _lights_loaded(self, message: LightsLoaded) -> None:
        plan = self.app.plan
        if message.gen != self.gen or plan is None:
            return
        self._apply_lights(message.lights)
        self.tree.relabel_all()
        self.show_header()

    @on(PlanTree.NeedChildren)
    def _need_children(self, message: PlanTree.NeedChildren) -> None:
        plan = self.app.plan
        if plan is None:
            return
        if self.flt is not None:
            self.lazy_in_sparse.add(message.parent_id)
        self.load_children(self.gen, plan.id, message.parent_id, self.app.today, self.app.soon_days)

    @work(thread=True, group="children")
    def load_children(self, gen: int, plan_id: str, parent_id: str, today: date, soon: int) -> None:
        def job(conn: sqlite3.Connection) -> tuple[list[tr.Item], dict[str, st.Rollup], vp.LineLights]:
            items = tr.children(conn, plan_id, parent_id, today, soon)
            return (items, q.rollups(conn, plan_id, today, soon, parent_id=parent_id, with_total=False),
                    vp.line_lights(conn, plan_id, today, soon, {parent_id: items}))

        items, rollups, lights = self.app.db.read(job)
        self.post_message(ChildrenLoaded(gen, parent_id, items, rollups, lights))

    @on(ChildrenLoaded)
    def _children_loaded(self, message: ChildrenLoaded) -> None:
        if message.gen != self.gen:
            self.tree.pending.discard(message.parent_id)
            return
        self.tree.rollups.update(message.rollups)
        self.tree.lights.update(message.lights.lines)
        self.rollups = self.tree.rollups
        self.tree.set_children(message.parent_id, message.items)
        if self.pending_select and self.pending_select in self.tree.by_key:
            self.tree.select_key(self.pending_select)
            self.pending_select = None

    # selection and detail ------------------------------------------------------------------
    @on(PlanTree.NodeHighlighted)
    def _highlighted(self, event: PlanTree.NodeHighlighted) -> None:
        item: tr.Item | None = event.node.data
        if item is None:
            return
        self.selected_key = item.key
        self.load_detail(item.key)
        if self._remember_timer is not None:
            self._remember_timer.stop()
        self._remember_timer = self.set_timer(REMEMBER_AFTER_S, self.remember_selection)

    def remember_selection(self) -> None:
        plan = self.app.plan
        if plan is None or not self.selected_key or self.selected_key == self._remembered:
            return
        self._remembered = self.selected_key
        self.app.remember(SELECTION_KEY.format(plan=plan.id), self.selected_key)

    def load_detail(self, key: str) -> None:
        node = self.tree.by_key.get(key)
        plan = self.app.plan
        if node is None or node.data is None or plan is None:
            return
        self.query_one(DetailPane).load(node.data, plan.source_file, self.app.today, self.app.soon_days)

    # what the app tells every screen ---------------------------------------------------------
    def data_changed(self, focus: str | None = None, touched: frozenset[str] | None = None) -> None:
        self.refresh_view(reveal=focus, touched=touched)

    def plan_changed(self) -> None:
        self.flt = None
        self.selected_key = None
        self.rollups = {}
        self.light_counts = None
        self.show_header()
        self.reload(REMEMBER)
