"""The task tree: chapters > sections > tasks > milestones, loaded lazily on expand.

The tree holds no rules and reads nothing: the main screen gives it lines (``store.tree.Item``)
and roll-ups (``store.queries.rollups``); it draws them with their status colours and asks for
a parent's children when a branch is opened for the first time (``NeedChildren``).

Large plans: the tree is a ``LineTree`` (a flat list of its visible lines: opening a branch
splices its lines in, whatever else is open); an unloaded branch opens when its lines arrive; a
refresh relabels only the lines whose item or counts changed; many lines at once (a filter, "open
all") are added in time-boxed chunks and laid out once, so keys still work meanwhile.
"""
from __future__ import annotations

from collections.abc import Callable, Generator
from contextlib import nullcontext
from typing import ClassVar

from rich.text import Text
from textual.binding import BindingType
from textual.message import Message

from store import status as st
from store.tree import NODE, Item, key
from tui.actions import EN, TREE, bindings
from tui.collector import collector_paused, lines_added
from tui.i18n import Catalog
from tui.widgets.chunks import Chunks
from tui.widgets.line_tree import LineTree, TreeLine
from tui.widgets.tree_labels import item_label

CHUNK_SECONDS = 0.03  # "open all" adds lines for this long, then lets the screen refresh
EAGER_LINES = 3000  # a fill of more lines makes their labels when they are first drawn
LABELS_PER_STEP = 100  # labels made between two chances to refresh the screen
LOADING_DELAY = 0.15  # a branch whose lines take longer than this shows "loading" meanwhile


class PlanTree(LineTree[Item]):
    """The plan's tree of nodes and milestones; its lines are keyed ``n:<id>`` / ``m:<id>``."""

    ACTIONS_WHERE = (TREE,)
    BINDINGS: ClassVar[list[BindingType]] = bindings(ACTIONS_WHERE, EN)  # per language: actions.localized

    class NeedChildren(Message):
        """A branch was opened whose lines are not loaded yet."""

        def __init__(self, parent_id: str) -> None:
            self.parent_id = parent_id
            super().__init__()

    def __init__(self, t: Catalog, *, id: str | None = None) -> None:
        super().__init__(id=id, guide_depth=2)
        self.t = t
        self.rollups: dict[str, st.Rollup] = {}
        self.lights: dict[str, str | None] = {}  # line key -> its reporting light, for the lines read so far
        self.matched: set[str] = set()
        self.by_key: dict[str, TreeLine[Item]] = {}
        self.loaded: set[str | None] = set()
        self.pending: set[str] = set()
        self.open_on_arrival: set[str] = set()  # branches to open as soon as their lines are in
        self.opening_all = False
        self._drawn: dict[str, tuple[object, ...]] = {}  # line key -> what its label was drawn from
        self._queue: list[tuple[str | None, list[Item]]] = []  # "open all": lines still to add
        self._lazy = False  # adding many lines: labels made when first drawn (``_add_all``)
        self._open_lazy = False
        self.chunks = Chunks(self, CHUNK_SECONDS)  # filling many lines, a slice per screen refresh

    # drawing -------------------------------------------------------------------------------
    def label_for(self, item: Item) -> Text:
        rollup = self.rollups.get(item.id) if item.kind == NODE else None
        return item_label(item, rollup, item.key in self.matched, self.t, self.lights.get(item.key))

    def _drawn_from(self, item: Item) -> tuple[object, ...]:
        """Everything a line's label depends on: relabel only when this changes."""
        rollup = self.rollups.get(item.id) if item.kind == NODE else None
        return (item, tuple(rollup.counts.values()) if rollup else None, item.key in self.matched,
                self.lights.get(item.key))

    def make_label(self, node: TreeLine[Item]) -> Text:
        """A line's label, made when it is first drawn, from what is known then."""
        item = node.data
        if item is None:
            return Text("")
        self._drawn[item.key] = self._drawn_from(item)
        return self.label_for(item)

    def _relabel(self, tree_node: TreeLine[Item], item: Item) -> None:
        """Redraw one line if what it shows changed (one not drawn yet is drawn when it is)."""
        tree_node.data = item
        if not tree_node.has_label:
            tree_node.allow_expand = item.has_children
            return
        drawn = self._drawn_from(item)
        if self._drawn.get(item.key) == drawn:
            return
        tree_node.allow_expand = item.has_children
        tree_node.set_label(self.label_for(item))
        self._drawn[item.key] = drawn

    def relabel_all(self) -> None:
        """Redraw every drawn line whose lights or roll-ups changed, a slice at a time."""
        self.chunks.cancel("relabel")
        self.chunks.add(self._relabelling(), "relabel")

    def _relabelling(self) -> Generator[None, None, None]:
        for n, tree_node in enumerate(list(self.by_key.values())):
            if tree_node.data is not None:
                self._relabel(tree_node, tree_node.data)
            if n % 100 == 0:
                yield

    # loading -------------------------------------------------------------------------------
    def reset_lines(self) -> None:
        """Forget every line (a new plan, a new filter)."""
        self.clear()
        self.by_key.clear()
        self.loaded.clear()
        self.pending.clear()
        self.open_on_arrival.clear()
        self._drawn.clear()
        self.chunks.cancel()
        self.opening_all = False
        self._queue.clear()
        self.matched = set()
        self.lights = {}

    def _labels(self, items: list[Item], made: list[Text]) -> Generator[None, None, None]:
        """Make the labels of ``items`` into ``made``, yielding every ``LABELS_PER_STEP``: a parent
        with a thousand children would otherwise hold the screen for a tenth of a second."""
        for n, item in enumerate(items, 1):
            made.append(self.label_for(item))
            if n % LABELS_PER_STEP == 0:
                yield

    def _add_all(self, parent: TreeLine[Item], items: list[Item], expand: bool = False,
                 labels: list[Text] | None = None) -> list[TreeLine[Item]]:
        """Add the lines of ``items`` under ``parent`` in one go (one splice). In a large fill
        (``_lazy``) their labels are made when they are first drawn, so the scrollable width
        counts the lines drawn so far; otherwise at once (or given, made by ``_labels``)."""
        if labels is None:
            labels = [] if self._lazy else [self.label_for(i) for i in items]
        nodes = self.add_children(parent, [(labels[n] if labels else None, i, i.has_children,
                                            expand and i.has_children) for n, i in enumerate(items)])
        self.by_key.update(zip([i.key for i in items], nodes, strict=True))
        lines_added(len(nodes))  # the lines made, not those handed in: a refresh that relabels makes none
        if not self._lazy:  # a lazy fill runs with the collector paused (``collector_paused``)
            for item in items:
                self._drawn[item.key] = self._drawn_from(item)
        return nodes

    def _forget(self, tree_node: TreeLine[Item]) -> None:
        stack = list(tree_node.children)
        while stack:
            child = stack.pop()
            stack.extend(child.children)
            if child.data is not None:
                self.by_key.pop(child.data.key, None)
                self._drawn.pop(child.data.key, None)
                if child.data.kind == NODE:
                    self.loaded.discard(child.data.id)

    def set_children(self, parent_id: str | None, items: list[Item]) -> None:
        """Show the lines under one parent (replacing a placeholder or older lines)."""
        with self.changing():
            for _ in self._apply({parent_id: items}, set()):
                pass

    def apply(self, children: dict[str | None, list[Item]], expand: set[str],
              then: Callable[[], None] | None = None) -> None:
        """Bring the loaded part of the tree up to date with ``children`` (parent id -> lines),
        then call ``then``. A few lines are done at once; many (a filter on a large plan, every
        line after a change with all open) a slice per screen refresh, the screen live meanwhile.

        Lines whose keys did not change keep their place, expansion and cursor; a parent whose
        lines changed is rebuilt, re-opening what was open. ``expand``: keys to open as well.
        A newer ``apply`` replaces one still under way.
        """
        self.chunks.cancel("apply")

        lazy = sum(map(len, children.values())) > EAGER_LINES

        def job() -> Generator[None, None, None]:
            with collector_paused() if lazy else nullcontext(), self.changing():
                self._lazy = lazy
                try:
                    yield from self._apply(children, expand)
                finally:
                    self._lazy = False
                if self.lines_changed:
                    yield from self.rebuilding()

        self.chunks.run_now(job(), "apply", then)

    def _apply(self, children: dict[str | None, list[Item]], expand: set[str]) -> Generator[None, None, None]:
        visited: set[str | None] = set()

        def populate(tree_node: TreeLine[Item], parent_id: str | None) -> Generator[None, None, None]:
            items = children.get(parent_id)
            if items is None:
                return
            yield
            visited.add(parent_id)
            self.loaded.add(parent_id)
            if parent_id is not None:
                self.pending.discard(parent_id)
            existing = [c.data.key if c.data else "" for c in tree_node.children]
            if existing == [i.key for i in items]:
                for child, item in zip(tree_node.children, items, strict=True):
                    self._relabel(child, item)
            else:
                labels: list[Text] = []
                if not self._lazy:
                    yield from self._labels(items, labels)
                was_open = {c.data.key for c in tree_node.children if c.data and c.is_expanded}
                self._forget(tree_node)
                tree_node.remove_children()
                self._add_all(tree_node, items, labels=labels)
                for child in tree_node.children:
                    if child.data and (child.data.key in was_open or child.data.key in expand) and \
                            child.data.has_children:
                        self._open(child, child.data.id in children or child.data.kind != NODE)
            for child in tree_node.children:
                line = child.data
                if line is None or line.kind != NODE:
                    continue
                if line.key in expand and line.has_children and not child.is_expanded:
                    self._open(child, line.id in children)
                yield from populate(child, line.id)

        yield from populate(self.root, None)
        for parent_id in children:  # parents below a level that was not given (lazy loading)
            if parent_id not in visited and parent_id is not None:
                tree_node = self.by_key.get(key(NODE, parent_id))
                if tree_node is not None:
                    yield from populate(tree_node, parent_id)
        for parent_id in self.open_on_arrival & visited:
            self.open_on_arrival.discard(parent_id)
            tree_node = self.by_key.get(key(NODE, parent_id))
            if tree_node is not None and not tree_node.is_expanded:
                tree_node.expand()

    def _open(self, tree_node: TreeLine[Item], lines_given: bool) -> None:
        """Open a branch; one whose lines are given here needs no ``NeedChildren`` round trip."""
        if lines_given and tree_node.data is not None:
            self.loaded.add(tree_node.data.id)
        tree_node.expand()

    def open_line(self, tree_node: TreeLine[Item]) -> None:
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

    def _still_loading(self, tree_node: TreeLine[Item]) -> None:
        item = tree_node.data
        if item is not None and item.id in self.pending and not tree_node.is_expanded:
            tree_node.expand()  # shows the "loading" line (on_expanded)

    def on_expanded(self, node: TreeLine[Item]) -> None:
        """A branch whose lines are not loaded shows "loading" and asks for them."""
        item = node.data
        if item is None or item.kind != NODE or item.id in self.loaded or self.opening_all:
            return
        if not node.children:
            node.add_leaf(Text(self.t("ui_loading"), style="dim italic"))
        if item.id not in self.pending:
            self.pending.add(item.id)
            self.post_message(self.NeedChildren(item.id))

    # open all / close all ----------------------------------------------------------------
    def open_all(self, children: dict[str | None, list[Item]]) -> None:
        """Open every line, given the lines under every parent (parents in document order).

        The branches are filled a slice at a time (``Chunks``), the screen refreshed between
        slices so keys are handled while the rest comes in; the lines are laid out once, at the
        end (``LineTree.changing``)."""
        self.opening_all = True
        self._open_lazy = sum(map(len, children.values())) > EAGER_LINES
        self._queue = list(reversed(children.items()))
        self.chunks.add(self._opening_all(), "open all")

    def _opening_all(self) -> Generator[None, None, None]:
        try:
            with collector_paused() if self._open_lazy else nullcontext(), self.changing():
                while self._queue and self.opening_all:
                    parent_id, items = self._queue.pop()
                    tree_node = self.root if parent_id is None else self.by_key.get(key(NODE, parent_id))
                    if tree_node is None:  # its own line went away meanwhile (a refresh): skip it
                        continue
                    if [c.data.key if c.data else "" for c in tree_node.children] == [i.key for i in items]:
                        for child, item in zip(tree_node.children, items, strict=True):
                            self._relabel(child, item)
                            if item.has_children and not child.is_expanded:
                                child.expand()
                    else:
                        self._forget(tree_node)
                        tree_node.remove_children()
                        self._lazy = self._open_lazy
                        self._add_all(tree_node, items, expand=True)
                        self._lazy = False
                    if parent_id is not None:
                        self.loaded.add(parent_id)
                        self.pending.discard(parent_id)
                        self.open_on_arrival.discard(parent_id)
                    yield
                if self.opening_all and self.lines_changed:
                    yield from self.rebuilding()
        finally:
            self.opening_all = False
            self._queue.clear()

    def close_all(self) -> None:
        """Close every line down to the top level (an interrupted "open all" stops)."""
        self.chunks.cancel("open all")
        top = self.cursor_node
        while top is not None and top.parent is not None and not top.parent.is_root:
            top = top.parent
        with self.changing():
            for tree_node in self.root.children:
                tree_node.collapse_all()
        if top is not None:
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
        with self.changing():
            parent = node.parent
            while parent is not None and not parent.is_root:
                if not parent.is_expanded:
                    self._open(parent, True)
                parent = parent.parent
        self.move_cursor(node)
        return True

    def update_item(self, item: Item) -> None:
        node = self.by_key.get(item.key)
        if node is not None:
            self._relabel(node, item)

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
