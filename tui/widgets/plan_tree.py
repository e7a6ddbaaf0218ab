"""The task tree: chapters > sections > tasks > milestones, loaded lazily on expand.

The tree holds no rules and reads nothing: the main screen gives it lines (``store.tree.Item``)
and roll-ups (``store.queries.rollups``); it draws them with their status colours and asks for
a parent's children when a branch is opened for the first time (``NeedChildren``).

Large plans: Textual's Tree lays out every visible line again whenever lines are added, opened
or closed, measuring each label. So each label's width is measured once, when it is set
(``get_label_width``); an unloaded branch opens when its lines arrive, in one layout instead of
two; a refresh relabels only the lines whose item or counts changed; and "open all" adds the
whole plan in time-boxed chunks, one screen refresh between chunks, so keys still work meanwhile.
"""
from __future__ import annotations

from time import perf_counter
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import BindingType
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import NodeID, TreeNode

from store import status as st
from store.tree import MILESTONE, NODE, Item, key
from tui.actions import EN, TREE, bindings
from tui.i18n import Catalog
from tui.theme import LIGHT_TITLE, STATE_STYLE, light_mark
from tui.widgets.common import one_line

DONE_MARK = "[x] "
OPEN_MARK = "[ ] "
CHUNK_SECONDS = 0.03  # "open all" adds lines for this long, then lets the screen refresh
LOADING_DELAY = 0.15  # a branch whose lines take longer than this shows "loading" meanwhile


def milestone_mark(state: str) -> str:
    return DONE_MARK if st.is_done(state) else OPEN_MARK


def _gap(label: Text, light: str | None) -> None:
    """The space between a line's title and its figures, with the line's light if it has one."""
    label.append("  ")
    if light is not None:
        label.append_text(light_mark(light))
        label.append(" ")


def item_label(item: Item, rollup: st.Rollup | None, matched: bool, t: Catalog, light: str | None = None) -> Text:
    """One tree line: checkbox for what can be ticked, title in its status colour, the reporting
    light's mark (``store.lights``), then the due date or done/total with !overdue ~due soon."""
    label = Text(no_wrap=True, overflow="ellipsis")
    emphasis = " underline" if matched else ""
    if item.kind == MILESTONE:
        m = item.milestone
        assert m is not None
        style = STATE_STYLE.get(m.state, "")
        label.append(milestone_mark(m.state), style=style)
        label.append(one_line(m.title), style=(style + emphasis).strip())
        when = t("ui_done_on", date=m.done_on.isoformat()) if st.is_done(m.state) and m.done_on else \
            t("ui_due_on", date=m.due.isoformat())
        _gap(label, light)
        label.append(when, style="dim")
        return label
    node = item.node
    assert node is not None
    if item.own is not None:
        state = item.own.state
        style = STATE_STYLE.get(state, "")
        label.append(milestone_mark(state), style=style)
        label.append(one_line(node.label), style=(style + emphasis).strip())
        when = t("ui_done_on", date=item.own.done_on.isoformat()) if st.is_done(state) and item.own.done_on \
            else t("ui_due_on", date=item.own.due.isoformat())
        _gap(label, light)
        label.append(when, style="dim")
        return label
    if rollup is None or not rollup.total:
        label.append(one_line(node.label), style=("dim" + emphasis) if node.kind == "text" else emphasis.strip())
        return label
    light_of_states = rollup.light
    label.append(one_line(node.label), style=(LIGHT_TITLE[light_of_states] + emphasis).strip())
    _gap(label, light)
    label.append(f"{rollup.done}/{rollup.total}",
                 style=STATE_STYLE[st.DONE] if light_of_states == "done" else "dim")
    overdue = rollup.counts[st.OVERDUE]
    soon = rollup.counts[st.DUE_SOON]
    if overdue:
        label.append(f" !{overdue}", style=STATE_STYLE[st.OVERDUE])
    if soon:
        label.append(f" ~{soon}", style=STATE_STYLE[st.DUE_SOON])
    return label


class PlanTree(Tree[Item]):
    """The plan's tree of nodes and milestones; its lines are keyed ``n:<id>`` / ``m:<id>``."""

    ACTIONS_WHERE = (TREE,)
    BINDINGS: ClassVar[list[BindingType]] = bindings(ACTIONS_WHERE, EN)  # per language: actions.localized

    class NeedChildren(Message):
        """A branch was opened whose lines are not loaded yet."""

        def __init__(self, parent_id: str) -> None:
            self.parent_id = parent_id
            super().__init__()

    def __init__(self, t: Catalog, *, id: str | None = None) -> None:
        self._widths: dict[NodeID, tuple[str | Text, int]] = {}  # label drawn -> its width in cells
        super().__init__(Text("plan"), id=id)
        self.t = t
        self.show_root = False
        self.guide_depth = 2
        self.auto_expand = False
        self.rollups: dict[str, st.Rollup] = {}
        self.lights: dict[str, str | None] = {}  # line key -> its reporting light, for the lines read so far
        self.matched: set[str] = set()
        self.by_key: dict[str, TreeNode[Item]] = {}
        self.loaded: set[str | None] = set()
        self.pending: set[str] = set()
        self.open_on_arrival: set[str] = set()  # branches to open as soon as their lines are in
        self.opening_all = False
        self._drawn: dict[str, tuple[object, ...]] = {}  # line key -> what its label was drawn from
        self._queue: list[tuple[str | None, list[Item]]] = []  # "open all": lines still to add
        self._chunk_done = 0.0  # when "open all" last added lines

    # drawing -------------------------------------------------------------------------------
    def process_label(self, label: str | Text) -> Text:
        """Our labels are one line already (``one_line``): keep them as they are instead of
        splitting each into lines and copying the first (Tree's docs invite this override)."""
        if isinstance(label, Text) and "\n" not in label.plain:
            return label
        return super().process_label(label)

    def get_label_width(self, node: TreeNode[Item]) -> int:
        """A line's width, measured once per label (Tree's docs invite this override): the tree
        asks for every visible line's width whenever lines are added, opened or closed, so
        measuring Chinese text each time made opening a branch slower the more was open."""
        label = node.label
        known = self._widths.get(node.id)
        if known is None or known[0] is not label:
            width = label.cell_len if isinstance(label, Text) else cell_len(label)
            known = self._widths[node.id] = (label, width)
        if node.allow_expand:
            return cell_len(self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE) + known[1]
        return known[1]

    def label_for(self, item: Item) -> Text:
        rollup = self.rollups.get(item.id) if item.kind == NODE else None
        return item_label(item, rollup, item.key in self.matched, self.t, self.lights.get(item.key))

    def _drawn_from(self, item: Item) -> tuple[object, ...]:
        """Everything a line's label depends on: relabel only when this changes."""
        rollup = self.rollups.get(item.id) if item.kind == NODE else None
        return (item, tuple(rollup.counts.values()) if rollup else None, item.key in self.matched,
                self.lights.get(item.key))

    def _relabel(self, tree_node: TreeNode[Item], item: Item) -> bool:
        """Redraw one line if what it shows changed; True when its width changed, since Tree
        measures its scrollable width only when lines are laid out, not when a label is set."""
        drawn = self._drawn_from(item)
        tree_node.data = item
        if self._drawn.get(item.key) == drawn:
            return False
        before = self.get_label_width(tree_node)
        tree_node.allow_expand = item.has_children
        tree_node.set_label(self.label_for(item))
        self._drawn[item.key] = drawn
        return self.get_label_width(tree_node) != before

    def relabel_all(self) -> None:
        """Redraw every loaded line (new lights, new roll-ups); lay the tree out again only when
        a line's width changed, so its horizontal scroll reaches the end of the widest line."""
        widened = False
        for tree_node in self.by_key.values():
            if tree_node.data is not None:
                widened = self._relabel(tree_node, tree_node.data) or widened
        if widened:
            self._invalidate()

    # loading -------------------------------------------------------------------------------
    def reset_lines(self) -> None:
        """Forget every line (a new plan, a new filter)."""
        self.clear()
        self.by_key.clear()
        self.loaded.clear()
        self.pending.clear()
        self.open_on_arrival.clear()
        self._widths.clear()
        self._drawn.clear()
        self._queue.clear()
        self.opening_all = False
        self.matched = set()
        self.lights = {}

    def _add(self, parent: TreeNode[Item], item: Item, expand: bool = False) -> TreeNode[Item]:
        node = parent.add(self.label_for(item), item, allow_expand=item.has_children,
                          expand=expand and item.has_children)
        self.by_key[item.key] = node
        self._drawn[item.key] = self._drawn_from(item)
        return node

    def _forget(self, tree_node: TreeNode[Item]) -> None:
        for child in tree_node.children:
            self._forget(child)
            self._widths.pop(child.id, None)
            if child.data is not None:
                self.by_key.pop(child.data.key, None)
                self._drawn.pop(child.data.key, None)
                if child.data.kind == NODE:
                    self.loaded.discard(child.data.id)

    def set_children(self, parent_id: str | None, items: list[Item]) -> None:
        """Show the lines under one parent (replacing a placeholder or older lines)."""
        self.apply({parent_id: items}, set())

    def apply(self, children: dict[str | None, list[Item]], expand: set[str]) -> None:
        """Bring the loaded part of the tree up to date with ``children`` (parent id -> lines).

        Lines whose keys did not change keep their place, expansion and cursor; a parent whose
        lines changed is rebuilt, re-opening what was open. ``expand``: keys to open as well.
        """

        visited: set[str | None] = set()

        def populate(tree_node: TreeNode[Item], parent_id: str | None) -> None:
            items = children.get(parent_id)
            if items is None:
                return
            item: Item | None  # the loops below share the name
            visited.add(parent_id)
            self.loaded.add(parent_id)
            if parent_id is not None:
                self.pending.discard(parent_id)
            existing = [c.data.key if c.data else "" for c in tree_node.children]
            if existing == [i.key for i in items]:
                for child, item in zip(tree_node.children, items, strict=True):
                    self._relabel(child, item)
            else:
                was_open = {c.data.key for c in tree_node.children if c.data and c.is_expanded}
                self._forget(tree_node)
                tree_node.remove_children()
                for item in items:
                    self._add(tree_node, item)
                for child in tree_node.children:
                    if child.data and (child.data.key in was_open or child.data.key in expand) and \
                            child.data.has_children:
                        if child.data.id in children or child.data.kind != NODE:
                            child._expanded = True  # loaded below: no NeedChildren round trip
                        else:
                            child.expand()
            for child in tree_node.children:
                item = child.data
                if item is None or item.kind != NODE:
                    continue
                if item.key in expand and item.has_children and not child.is_expanded:
                    if item.id in children:
                        child._expanded = True
                    else:
                        child.expand()
                populate(child, item.id)

        populate(self.root, None)
        for parent_id in children:  # parents below a level that was not given (lazy loading)
            if parent_id not in visited and parent_id is not None:
                tree_node = self.by_key.get(key(NODE, parent_id))
                if tree_node is not None:
                    populate(tree_node, parent_id)
        for parent_id in self.open_on_arrival & visited:
            self.open_on_arrival.discard(parent_id)
            tree_node = self.by_key.get(key(NODE, parent_id))
            if tree_node is not None and not tree_node.is_expanded:
                tree_node.expand()
        self._invalidate()

    def open_line(self, tree_node: TreeNode[Item]) -> None:
        """Open a branch. One whose lines are not loaded yet opens when they arrive: the tree is
        laid out once, not once for a "loading" line and again for the real ones."""
        item = tree_node.data
        if item is None or item.kind != NODE or item.id in self.loaded:
            tree_node.expand()
            return
        self.open_on_arrival.add(item.id)
        if item.id not in self.pending:
            self.pending.add(item.id)
            self.post_message(self.NeedChildren(item.id))
        self.set_timer(LOADING_DELAY, lambda: self._still_loading(tree_node))

    def _still_loading(self, tree_node: TreeNode[Item]) -> None:
        item = tree_node.data
        if item is not None and item.id in self.pending and not tree_node.is_expanded:
            tree_node.expand()  # shows the "loading" line (on_tree_node_expanded)

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[Item]) -> None:
        item = event.node.data
        if item is None or item.kind != NODE or item.id in self.loaded or self.opening_all:
            return
        if not event.node.children:
            event.node.add_leaf(Text(self.t("ui_loading"), style="dim italic"))
        if item.id not in self.pending:
            self.pending.add(item.id)
            self.post_message(self.NeedChildren(item.id))

    # open all / close all ----------------------------------------------------------------
    def open_all(self, children: dict[str | None, list[Item]]) -> None:
        """Open every line, given the lines under every parent (parents in document order).

        Added in chunks of ``CHUNK_SECONDS``, each followed by a screen refresh, so the tree
        draws what is there and keys are handled while the rest comes in."""
        self.opening_all = True
        self._chunk_done = 0.0
        self._queue = list(reversed(children.items()))
        self._open_next_chunk()

    def _open_next_chunk(self) -> None:
        """Add lines for as long as the screen took to refresh since the last chunk (at least
        ``CHUNK_SECONDS``): each refresh lays out every visible line, so chunks grow with the
        tree and the refreshes stay at most half of the time, however large the plan."""
        if not self.opening_all:
            return
        start = perf_counter()
        deadline = start + max(CHUNK_SECONDS, start - self._chunk_done if self._chunk_done else 0.0)
        while self._queue and perf_counter() < deadline:
            parent_id, items = self._queue.pop()
            tree_node = self.root if parent_id is None else self.by_key.get(key(NODE, parent_id))
            if tree_node is None:  # its own line went away meanwhile (a refresh): skip it
                continue
            if [c.data.key if c.data else "" for c in tree_node.children] == [i.key for i in items]:
                for child, item in zip(tree_node.children, items, strict=True):
                    if self._relabel(child, item):
                        self._invalidate()
                    if item.has_children and not child.is_expanded:
                        child.expand()
            else:
                self._forget(tree_node)
                tree_node.remove_children()
                for item in items:
                    self._add(tree_node, item, expand=True)
            if parent_id is not None:
                self.loaded.add(parent_id)
                self.pending.discard(parent_id)
                self.open_on_arrival.discard(parent_id)
        self._chunk_done = perf_counter()
        if self._queue:
            self.call_after_refresh(self._open_next_chunk)
        else:
            self.opening_all = False

    def close_all(self) -> None:
        """Close every line down to the top level (an interrupted "open all" stops)."""
        self.opening_all = False
        self._queue.clear()
        for tree_node in self.root.children:
            tree_node.collapse_all()
        if self.cursor_node is not None:
            top = self.cursor_node
            while top.parent is not None and not top.parent.is_root:
                top = top.parent
            self.move_cursor(top)

    # cursor --------------------------------------------------------------------------------
    @property
    def current(self) -> Item | None:
        node = self.cursor_node
        return node.data if node is not None else None

    def select_key(self, key: str) -> bool:
        """Put the cursor on a line (opening its ancestors); False if it is not loaded."""
        node = self.by_key.get(key)
        if node is None:
            return False
        parent = node.parent
        while parent is not None and not parent.is_root:
            parent._expanded = True
            parent = parent.parent
        self._invalidate()
        _ = self._tree_lines  # build now so the line numbers are known
        self.move_cursor(node)
        self.scroll_to_node(node, animate=False)
        return True

    def update_item(self, item: Item) -> None:
        node = self.by_key.get(item.key)
        if node is not None and self._relabel(node, item):
            self._invalidate()

    def action_open_branch(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and not node.is_expanded:
            self.open_line(node)
        elif node.children:
            self.action_cursor_down()

    def action_toggle_node(self) -> None:
        """enter: open (as ``open_line``) or close the cursor's branch."""
        node = self.cursor_node
        if node is None or not node.allow_expand:
            return
        if node.is_expanded:
            node.collapse()
        else:
            self.open_line(node)

    def action_close_branch(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and node.is_expanded:
            node.collapse()
        else:
            self.action_cursor_parent()
