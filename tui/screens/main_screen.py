"""The main screen: header, the task tree on the left, the selected item in full on the right.

Behaviour only; looks are in ``tui/app.tcss``. Every read runs in a thread worker that posts its
result back as a message (workers never touch widgets); every write goes through
``PlanDeskApp.write`` (one writer, in order, committed before it is shown).
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, Static, Tree
from textual.worker import get_current_worker

from store import queries as q
from store import status as st
from store import tree as tr
from tui.widgets.common import localize_bindings
from store.history import entries as journal_entries
from tui.widgets.detail_pane import Detail, DetailPane
from tui.widgets.plan_header import PlanHeader
from tui.widgets.plan_tree import PlanTree

if TYPE_CHECKING:
    from store import actions
    from tui.app import PlanDeskApp
    from tui.screens.milestone_dialog import MilestoneForm

# dialogs and store.actions are imported when first used: start-up pays only for what it draws
Filter = tuple[str, str]  # ("state", "overdue") | ("unit", name) | ("search", text) | ("all", "")

SELECTION_KEY = "last_selection:{plan}"
REMEMBER = "remembered"  # reveal the selection remembered from the last run
SMALL_PLAN = 5000  # milestones: up to this, the first paint has the roll-ups too (a few ms)


class ViewData(NamedTuple):
    """What one read of the tree brings back (a worker's result, never changed after)."""

    gen: int
    plan_id: str
    rollups: dict[str, st.Rollup]
    children: dict[str | None, list[tr.Item]]
    sparse: tr.Sparse | None
    reveal: tr.Reveal | None


class ViewLoaded(Message):
    def __init__(self, data: ViewData) -> None:
        self.data = data
        super().__init__()


class ChildrenLoaded(Message):
    def __init__(self, gen: int, parent_id: str, items: list[tr.Item], rollups: dict[str, st.Rollup]) -> None:
        self.gen, self.parent_id, self.items, self.rollups = gen, parent_id, items, rollups
        super().__init__()


class DetailLoaded(Message):
    def __init__(self, key: str, detail: Detail | None) -> None:
        self.key, self.detail = key, detail
        super().__init__()


class UnitsLoaded(Message):
    def __init__(self, units: list[tuple[str, int]]) -> None:
        self.units = units
        super().__init__()


class NextOverdue(Message):
    def __init__(self, milestone: q.Milestone | None) -> None:
        self.milestone = milestone
        super().__init__()


PARTIAL_ROLLUPS_UP_TO = 6  # loaded branches; beyond this one pass over the whole plan is quicker


def view_rollups(conn, plan_id: str, today: date, soon: int, parents: set[str | None],  # type: ignore[no-untyped-def]
                 everything: bool) -> dict[str, st.Rollup]:
    """Roll-ups for the lines on screen only (the top level and the open branches), so a
    50,000-node plan costs no more than a small one; a sparse tree takes them all."""
    if everything or len(parents) > PARTIAL_ROLLUPS_UP_TO:
        return q.rollups(conn, plan_id, today, soon)
    result = q.rollups(conn, plan_id, today, soon, top_level=True)
    for parent in parents:
        if parent is not None:
            result.update(q.rollups(conn, plan_id, today, soon, parent_id=parent))
    return result


def filter_label(flt: Filter | None, t) -> str:  # type: ignore[no-untyped-def]
    if flt is None:
        return ""
    kind, arg = flt
    if kind == "search":
        return t("ui_filter_search", text=arg)
    if kind == "unit":
        return t("ui_filter_unit", unit=arg)
    return t(f"ui_filter_{arg}")


def read_view(conn, gen: int, plan_id: str, today: date, soon: int, flt: Filter | None,  # type: ignore[no-untyped-def]
              parents: set[str | None], reveal: str | None, with_rollups: bool = True) -> ViewData:
    """Everything the tree shows: the loaded branches (or a sparse tree), roll-ups, a line to reveal."""
    sparse = None
    if flt is not None:
        kind, arg = flt
        if kind == "search":
            matches = tr.search(conn, plan_id, arg)
        elif kind == "unit":
            matches = tr.by_unit(conn, plan_id, arg)
        else:
            matches = tr.by_state(conn, plan_id, tr.STATE_FILTERS[arg], today, soon)
        sparse = tr.sparse(conn, plan_id, matches, today, soon)
    wanted = [p for p in parents if not (sparse and p in sparse.children)]
    children = tr.children_of_many(conn, plan_id, wanted, today, soon)
    if sparse is not None:
        children.update(sparse.children)
    found = None
    target = reveal
    if target == REMEMBER:
        target = q.get_setting(conn, SELECTION_KEY.format(plan=plan_id))
    if target and flt is None and ":" in target:
        kind, item_id = target.split(":", 1)
        found = tr.reveal(conn, plan_id, kind, item_id, today, soon)
    shown = set(children) | (set(found.children) if found else set())
    rollups = view_rollups(conn, plan_id, today, soon, shown, sparse is not None) if with_rollups else {}
    return ViewData(gen, plan_id, rollups, children, sparse, found)


class MainScreen(Screen[None]):
    AUTO_FOCUS = "#tree"  # not the search box first and then the tree: one restyle less at start-up
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "tick_dialog", "k_tick_dialog", show=False),
        Binding("a", "add_milestone", "k_add", show=False),
        Binding("e", "edit_milestone", "k_edit", show=False),
        Binding("delete,x", "delete_milestone", "k_delete", show=False),
        Binding("u", "set_unit", "k_unit", show=False),
        Binding("slash", "search", "k_search"),
        Binding("f", "filter", "k_filter"),
        Binding("o", "overdue_only", "k_overdue_only", show=False),
        Binding("escape", "clear_filter", "k_clear", show=False),
        Binding("n", "next_overdue", "k_next"),
        Binding("t", "change_date", "k_date"),
        Binding("p", "switch_plan", "k_plan", show=False),
        Binding("i", "indicators", "k_indicators"),
        Binding("asterisk", "open_all", "k_open_all", show=False),
        Binding("minus", "close_all", "k_close_all", show=False),
    ]

    app: "PlanDeskApp"

    def __init__(self) -> None:
        super().__init__()
        self.gen = 0
        self.flt: Filter | None = None
        self.selected_key: str | None = None
        self.pending_select: str | None = None
        self.lazy_in_sparse: set[str] = set()
        self.rollups: dict[str, st.Rollup] = {}
        self._remember_timer: Timer | None = None
        self._remembered: str | None = None

    # layout --------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        t = self.app.t
        yield PlanHeader(id="header")
        with Horizontal(id="body"):
            with Vertical(id="left"):  # the search box and the filter bar join on first use
                yield PlanTree(t, id="tree")
            yield DetailPane(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        localize_bindings(self, self.app.t)
        localize_bindings(self.tree, self.app.t)
        self.show_header()
        if self.app.plan is not None:
            self.load_first_view()

    @property
    def tree(self) -> PlanTree:
        return self.query_one("#tree", PlanTree)

    def show_header(self) -> None:
        plan = self.app.plan
        rollup = self.rollups.get(plan.id) if plan else None
        self.query_one(PlanHeader).show(plan, rollup, self.app.today, self.app.t)

    def show_filter_bar(self, n: int | None) -> None:
        found = self.query("#filter-bar")
        if self.flt is None:
            found.remove_class("visible")
            return
        if found:
            bar = found.first(Static)
        else:
            bar = Static("", id="filter-bar", markup=False)
            self.query_one("#left", Vertical).mount(bar, before=self.tree)
        what = filter_label(self.flt, self.app.t)
        text = self.app.t("ui_matches", what=what, n=n) if n else self.app.t("ui_no_matches", what=what)
        bar.update(Text(text, style="bold" if n else "bold red"))
        bar.add_class("visible")

    # loading -------------------------------------------------------------------------------
    def reload(self, reveal: str | None = None) -> None:
        """Start again from the top level (new plan, new filter)."""
        self.tree.reset_lines()
        self.lazy_in_sparse.clear()
        self.refresh_view(reveal=reveal)

    def refresh_view(self, reveal: str | None = None) -> None:
        """Re-read everything shown (after a change, another window's change, a new date)."""
        plan = self.app.plan
        if plan is None:
            return
        self.gen += 1
        if reveal and reveal != REMEMBER:
            self.pending_select = reveal
        parents: set[str | None] = set(self.lazy_in_sparse) if self.flt else set(self.tree.loaded) | {None}
        self.load_view(self.gen, plan.id, self.app.today, self.app.soon_days, self.flt, parents, reveal)

    @work(thread=True, exclusive=True, group="view")
    def load_view(self, gen: int, plan_id: str, today: date, soon: int, flt: Filter | None,
                  parents: set[str | None], reveal: str | None) -> None:
        worker = get_current_worker()
        data = self.app.db.read(read_view, gen, plan_id, today, soon, flt, parents, reveal)
        if not worker.is_cancelled:
            self.post_message(ViewLoaded(data))

    def load_first_view(self) -> None:
        """The first lines are read before the first paint, on the app's thread (the top level
        and the remembered selection's branch: a few milliseconds even for 50,000 nodes). For a
        large plan the roll-ups, which count every milestone, follow from a worker a moment later."""
        plan = self.app.plan
        if plan is None:
            return
        self.gen += 1
        small = self.app.db.read(lambda conn: conn.execute(
            "SELECT count(*) FROM milestones WHERE plan_id = ?", (plan.id,)).fetchone()[0]) <= SMALL_PLAN
        data = self.app.db.read(read_view, self.gen, plan.id, self.app.today, self.app.soon_days, None, {None},
                                REMEMBER, small)
        self._view_loaded(ViewLoaded(data))
        if not small:
            self.refresh_view()


    @on(ViewLoaded)
    def _view_loaded(self, message: ViewLoaded) -> None:
        data = message.data
        plan = self.app.plan
        if data.gen != self.gen or plan is None or data.plan_id != plan.id:
            return
        tree = self.tree
        self.rollups = data.rollups
        tree.rollups = data.rollups
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
        tree.apply(children, expand)
        self.show_header()
        self.show_filter_bar(len(data.sparse.matched) if data.sparse else None)
        target = self.pending_select or self.selected_key
        if data.sparse is not None and (target is None or target not in tree.by_key):
            target = data.sparse.first
        if target and target in tree.by_key:
            self.pending_select = None
            if tree.cursor_node is not tree.by_key[target]:
                tree.select_key(target)
            else:
                self.load_detail(target)
        elif tree.cursor_line < 0 and tree.root.children:
            tree.cursor_line = 0
        elif self.selected_key:
            self.load_detail(self.selected_key)

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
        def job(conn):  # type: ignore[no-untyped-def]
            return (tr.children(conn, plan_id, parent_id, today, soon),
                    q.rollups(conn, plan_id, today, soon, parent_id=parent_id, with_total=False))

        items, rollups = self.app.db.read(job)
        self.post_message(ChildrenLoaded(gen, parent_id, items, rollups))

    @on(ChildrenLoaded)
    def _children_loaded(self, message: ChildrenLoaded) -> None:
        if message.gen != self.gen:
            self.tree.pending.discard(message.parent_id)
            return
        self.tree.rollups.update(message.rollups)
        self.rollups = self.tree.rollups
        self.tree.set_children(message.parent_id, message.items)
        if self.pending_select and self.pending_select in self.tree.by_key:
            self.tree.select_key(self.pending_select)
            self.pending_select = None

    # selection and detail ------------------------------------------------------------------
    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted) -> None:
        item = event.node.data
        if item is None:
            return
        self.selected_key = item.key
        self.load_detail(item.key)
        if self._remember_timer is not None:
            self._remember_timer.stop()
        self._remember_timer = self.set_timer(0.8, self.remember_selection)

    def remember_selection(self) -> None:
        plan = self.app.plan
        if plan is None or not self.selected_key or self.selected_key == self._remembered:
            return
        self._remembered = self.selected_key
        self.app.remember(SELECTION_KEY.format(plan=plan.id), self.selected_key)

    def load_detail(self, key: str) -> None:
        node = self.tree.by_key.get(key)
        if node is None or node.data is None or self.app.plan is None:
            return
        self._load_detail(node.data, self.app.plan, self.app.today, self.app.soon_days)

    @work(thread=True, exclusive=True, group="detail")
    def _load_detail(self, item: tr.Item, plan: q.Plan, today: date, soon: int) -> None:
        worker = get_current_worker()

        def job(conn) -> Detail | None:  # type: ignore[no-untyped-def]
            node_id = item.id if item.kind == tr.NODE else item.milestone.node_id  # type: ignore[union-attr]
            try:
                node = q.node(conn, node_id)
            except Exception:
                return None
            ms = q.milestones_of_node(conn, node_id, today, soon)
            history = journal_entries(conn, 12, entity_ids=[node_id, *(m.id for m in ms)])
            focus = item.id if item.kind == tr.MILESTONE else (item.own.id if item.own else None)
            return Detail(node, ms, focus, history, plan.source_file)

        detail = self.app.db.read(job)
        if not worker.is_cancelled:
            self.post_message(DetailLoaded(item.key, detail))

    @on(DetailLoaded)
    def _detail_loaded(self, message: DetailLoaded) -> None:
        if message.key == self.selected_key:
            self.query_one(DetailPane).show(message.detail, self.app.t)

    # what the app tells every screen ---------------------------------------------------------
    def data_changed(self, focus: str | None = None) -> None:
        self.refresh_view(reveal=focus)

    def plan_changed(self) -> None:
        self.flt = None
        self.selected_key = None
        self.rollups = {}
        self.show_header()
        self.reload(REMEMBER)

    # helpers for actions -------------------------------------------------------------------
    def current(self) -> tr.Item | None:
        return self.tree.current

    def milestone_or_warn(self) -> tuple[tr.Item, q.Milestone] | None:
        """The cursor line and the milestone it ticks; a warning if it has none."""
        item = self.current()
        m = item.tickable if item else None
        if item is None or m is None:
            self.notify_plain(self.app.t("ui_not_a_milestone"), "warning")
            return None
        return item, m

    def node_or_warn(self) -> q.Node | None:
        """The task (node) on the cursor line or above its milestone; a warning if none."""
        item = self.current()
        node = self.node_of(item) if item else None
        if node is None:
            self.notify_plain(self.app.t("ui_not_a_task"), "warning")
        return node

    def node_of(self, item: tr.Item) -> q.Node | None:
        if item.kind == tr.NODE:
            return item.node
        parent = self.tree.by_key.get(tr.key(tr.NODE, item.milestone.node_id))  # type: ignore[union-attr]
        return parent.data.node if parent is not None and parent.data is not None else None

    def notify_plain(self, message: str, severity: str = "information") -> None:
        self.app.notify(message, markup=False, severity=severity)  # type: ignore[arg-type]

    def _show_milestone(self, key: str, fresh: q.Milestone) -> None:
        """Show a saved milestone at once on its line (the roll-ups follow from the refresh)."""
        node = self.tree.by_key.get(key)
        if node is None or node.data is None:
            return
        item = node.data
        if item.kind == tr.MILESTONE:
            self.tree.update_item(replace(item, milestone=fresh))
        elif item.own is not None:
            self.tree.update_item(replace(item, own=fresh))

    # actions -------------------------------------------------------------------------------
    def action_tick(self) -> None:
        from store import actions
        item = self.current()
        if item is None:
            return
        m = item.tickable
        if m is None:
            if item.kind == tr.NODE and item.has_children:
                n = self.rollups.get(item.id, st.Rollup()).total
                self.notify_plain(self.app.t("ui_nothing_to_tick", title=item.node.label, n=n),  # type: ignore[union-attr]
                                  "warning")
            return
        t, today, soon, key = self.app.t, self.app.today, self.app.soon_days, item.key
        undo_tick = m.done_on is not None  # ticked, even on a date after the as-of date

        def job(conn):  # type: ignore[no-untyped-def]
            if undo_tick:
                actions.untick(conn, m.id)
            else:
                actions.tick(conn, m.id, today)
            return q.milestone(conn, m.id, today, soon)

        def shown(fresh: q.Milestone) -> None:
            self._show_milestone(key, fresh)
            if undo_tick:
                self.notify_plain(t("unticked", id=fresh.id, title=fresh.title))
            else:
                self.notify_plain(t("ticked", id=fresh.id, title=fresh.title, on=today.isoformat()))

        self.app.write(job, shown)

    def action_tick_dialog(self) -> None:
        from store import actions
        from tui.screens.tick_dialog import TickDialog
        selected = self.milestone_or_warn()
        if selected is None:
            return
        item, m = selected
        t, today, soon, key = self.app.t, self.app.today, self.app.soon_days, item.key

        def chosen(result: tuple[date, str | None] | None) -> None:
            if result is None:
                return
            on_date, note = result

            def job(conn):  # type: ignore[no-untyped-def]
                actions.tick(conn, m.id, on_date, note)
                return q.milestone(conn, m.id, today, soon)

            def shown(fresh: q.Milestone) -> None:
                self._show_milestone(key, fresh)
                self.notify_plain(t("ticked", id=fresh.id, title=fresh.title, on=on_date.isoformat()))

            self.app.write(job, shown)

        self.app.push_screen(TickDialog(t, m.title, m.done_on or today, m.done_note), chosen)

    def action_add_milestone(self) -> None:
        from store import actions
        from tui.screens.milestone_dialog import MilestoneDialog
        node = self.node_or_warn()
        if node is None:
            return
        t = self.app.t

        def chosen(form: MilestoneForm | None) -> None:
            if form is None:
                return

            def shown(change: actions.Change) -> None:
                self.pending_select = tr.key(tr.MILESTONE, change.entity_id)
                self.notify_plain(t("ui_added", title=form.title))

            self.app.write(lambda conn: actions.add_milestone(conn, node.id, form.title, form.due, form.phrase),
                           shown, focus=lambda change: tr.key(tr.MILESTONE, change.entity_id))

        self.app.push_screen(MilestoneDialog(t, t("k_add_help"), node.label, "",
                                             f"{self.app.today.year}-12-31", self.app.today.year), chosen)

    def action_edit_milestone(self) -> None:
        from store import actions
        from tui.screens.milestone_dialog import MilestoneDialog
        selected = self.milestone_or_warn()
        if selected is None:
            return
        _, m = selected
        t = self.app.t

        def chosen(form: MilestoneForm | None) -> None:
            if form is None:
                return
            self.app.write(lambda conn: actions.edit_milestone(conn, m.id, title=form.title, due=form.due,
                                                               due_phrase=form.phrase),
                           lambda change: self.notify_plain(t("ui_edited", title=form.title)))

        self.app.push_screen(MilestoneDialog(t, t("k_edit_help"), m.id, m.title, m.due_phrase or m.due.isoformat(),
                                             self.app.today.year), chosen)

    def action_delete_milestone(self) -> None:
        from store import actions
        selected = self.milestone_or_warn()
        if selected is None:
            return
        _, m = selected
        t = self.app.t
        self.app.write(lambda conn: actions.delete_milestone(conn, m.id),
                       lambda change: self.notify_plain(t("ui_deleted", title=m.title)))

    def action_set_unit(self) -> None:
        from store import actions
        from tui.screens.unit_dialog import UnitDialog
        node = self.node_or_warn()
        if node is None:
            return
        t = self.app.t

        def chosen(result: tuple[list[str] | None] | None) -> None:
            if result is None:
                return
            (units,) = result
            shown_units = "、".join(units) if units else t("ui_as_printed", units="、".join(node.units) or t("none"))
            self.app.write(lambda conn: actions.set_units(conn, node.id, units),
                           lambda change: self.notify_plain(t("ui_units_set", title=node.label, units=shown_units)))

        self.app.push_screen(UnitDialog(t, node.label, node.effective_units), chosen)

    def search_box(self) -> Input | None:
        """The search box, once the clerk has searched: it is hidden until "/", so it is built
        on first use rather than at start-up."""
        found = self.query("#search")
        return found.first(Input) if found else None

    async def action_search(self) -> None:
        search = self.search_box()
        if search is None:
            search = Input(placeholder=self.app.t("ui_search_placeholder"), id="search")
            await self.query_one("#left", Vertical).mount(search, before=0)
        search.add_class("visible")
        if self.flt and self.flt[0] == "search":
            search.value = self.flt[1]
        search.focus()

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        self.tree.focus()
        event.input.remove_class("visible")
        self.set_filter(("search", text) if text else None)

    def set_filter(self, flt: Filter | None) -> None:
        if flt is not None and flt[0] == "all":
            flt = None
        self.flt = flt
        keep = self.selected_key
        self.reload(reveal=keep if flt is None else None)

    def action_clear_filter(self) -> None:
        search = self.search_box()
        if search is not None and search.has_focus:
            search.remove_class("visible")
            self.tree.focus()
            return
        if self.flt is not None:
            self.set_filter(None)

    def action_overdue_only(self) -> None:
        self.set_filter(None if self.flt == ("state", tr.OVERDUE_ONLY) else ("state", tr.OVERDUE_ONLY))

    def action_filter(self) -> None:
        if self.app.plan is not None:
            self._load_units(self.app.plan.id)

    @work(thread=True, exclusive=True, group="units")
    def _load_units(self, plan_id: str) -> None:
        self.post_message(UnitsLoaded(self.app.db.read(tr.units, plan_id)))

    @on(UnitsLoaded)
    def _units_loaded(self, message: UnitsLoaded) -> None:
        from tui.screens.filter_dialog import FilterDialog

        def chosen(flt: Filter | None) -> None:
            if flt is not None:
                self.set_filter(flt)

        self.app.push_screen(FilterDialog(self.app.t, message.units), chosen)

    def action_next_overdue(self) -> None:
        plan = self.app.plan
        if plan is None:
            return
        item = self.current()
        self._next_overdue(plan.id, self.app.today, self.app.soon_days, tr.position(item) if item else None)

    @work(thread=True, exclusive=True, group="next")
    def _next_overdue(self, plan_id: str, today: date, soon: int, after: tuple[int, str] | None) -> None:
        self.post_message(NextOverdue(self.app.db.read(tr.next_overdue, plan_id, today, after, soon)))

    @on(NextOverdue)
    def _next_found(self, message: NextOverdue) -> None:
        m = message.milestone
        if m is None:
            self.notify_plain(self.app.t("ui_no_overdue", date=self.app.today.isoformat()))
            return
        for key in (tr.key(tr.MILESTONE, m.id), tr.key(tr.NODE, m.node_id) if m.implicit else ""):
            node = self.tree.by_key.get(key)
            if node is not None and (node.data.kind == tr.MILESTONE or node.data.own is not None):  # type: ignore[union-attr]
                self.tree.select_key(key)
                return
        target = tr.key(tr.MILESTONE, m.id)
        if self.flt is not None:
            self.flt = None
            self.reload(reveal=target)
        else:
            self.refresh_view(reveal=target)

    def action_open_all(self) -> None:
        from tui.screens.open_all import open_all

        open_all(self)

    def action_close_all(self) -> None:
        self.tree.close_all()

    def action_change_date(self) -> None:
        self.app.action_change_date()

    def action_switch_plan(self) -> None:
        self.app.action_switch_plan()

    def action_indicators(self) -> None:
        self.app.action_indicators()
