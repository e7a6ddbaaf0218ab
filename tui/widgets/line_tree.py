"""A tree drawn line by line from a flat list of its visible lines, for plans of 100,000 lines.

Textual's Tree lays out every visible line again (an object and a measured label per line)
whenever any line is added, opened or closed, so with a whole large plan open a keypress or an
opened branch cost seconds. Here the visible lines are one flat list: opening a branch splices
its lines in and closing it cuts them out (cost: the lines that change), each label is measured
once when it is set, and only the lines on screen are drawn, through Textual's Line API
(``ScrollView.render_line``, as Textual advises for large data). Tree's looks are kept: the same
component classes (``tree--cursor``, ``tree--guides`` ...), guides, icons and colours.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypeVar

from rich.cells import cell_len
from rich.text import Text
from textual.geometry import Size

from tui.widgets.tree_cursor import TreeCursor
from tui.widgets.tree_line import TreeLine

__all__ = ["LineTree", "TreeLine"]

T = TypeVar("T")


class LineTree(TreeCursor[T], can_focus=True):
    """The widget: ``root``'s children are the top lines; the cursor is on one line."""

    def __init__(self, *, id: str | None = None, guide_depth: int = 4) -> None:
        super().__init__(id=id)
        self.guide_depth = guide_depth
        self.root: TreeLine[T] = TreeLine(self, None, Text(""), None, True, True)
        self._lines: list[TreeLine[T]] = []
        self._cursor: TreeLine[T] | None = None
        self._cursor_hint = 0  # where the cursor's line was last found
        self._hover: TreeLine[T] | None = None
        self._width = 0  # the widest line, in cells
        self._width_stale = False
        self._batching = 0  # inside ``changing()``: change the branches now, lay the lines out after
        self._dirty = False
        self._gone: list[TreeLine[T]] = []  # lines removed inside ``changing()``, let go once laid out

    # the lines ---------------------------------------------------------------------------
    def _line_width(self, node: TreeLine[T]) -> int:
        """A line's width as far as known: a label not made yet counts when it is made."""
        icon = (self.ICON_NODE_EXPANDED if node._expanded else self.ICON_NODE) if node._allow_expand else ""
        return cell_len(icon) + max(node._width, 0) + node.depth * self.guide_depth

    def make_label(self, node: TreeLine[T]) -> Text:
        """The label of a line added without one, made when it is first drawn or asked for."""
        return Text("")

    def _label_made(self, node: TreeLine[T]) -> None:
        width = self._line_width(node)
        if width > self._width and node.visible():
            self._width = width
            self.virtual_size = Size(self._width, len(self._lines))

    def _shown(self, nodes: list[TreeLine[T]]) -> Iterator[TreeLine[T]]:
        """``nodes`` and every line below them that their open branches show, in order."""
        stack = list(reversed(nodes))
        while stack:
            node = stack.pop()
            yield node
            if node._expanded and node._children:
                stack.extend(reversed(node._children))

    def _end_of(self, index: int) -> int:
        """The line after the last line below the line at ``index``."""
        lines, depth, end = self._lines, self._lines[index].depth, index + 1
        while end < len(lines) and lines[end].depth > depth:
            end += 1
        return end

    def _resized_lines(self, added: list[TreeLine[T]] | None = None) -> None:
        """The number of lines or a width changed: new scrollable size, redraw."""
        if added is not None and not self._width_stale:
            self._width = max([self._width, *map(self._line_width, added)])
        elif added is None:
            self._width_stale = True
        self._size_changed()

    def _cut(self, start: int, end: int) -> None:
        """Remove lines ``start:end``; all lines are measured again only if the widest went."""
        if max(map(self._line_width, self._lines[start:end]), default=0) >= self._width:
            self._width_stale = True
        del self._lines[start:end]
        self._size_changed()

    def _size_changed(self) -> None:
        if self._width_stale:
            self._width = max(map(self._line_width, self._lines), default=0)
            self._width_stale = False
        self.virtual_size = Size(self._width, len(self._lines))
        self.refresh()

    def _line_changed(self, node: TreeLine[T], widened: bool) -> None:
        if widened and node.visible():
            self._width = max(self._width, self._line_width(node))
            self.virtual_size = Size(self._width, len(self._lines))
        self.refresh()

    @contextmanager
    def changing(self) -> Iterator[None]:
        """Many changes at once (a new filter's lines, a whole plan opened): the branches change
        at once, the lines are laid out once at the end instead of spliced change by change."""
        self._batching += 1
        try:
            yield
        finally:
            self._batching -= 1
            if not self._batching and self._dirty:
                self.rebuild_lines()

    def _set_expanded(self, node: TreeLine[T], expanded: bool) -> None:
        if node._expanded == expanded:
            return
        if self._batching:
            node._expanded, self._dirty = expanded, True
            if expanded:
                self.on_expanded(node)
            return
        index = -2 if node.parent is None else self.line_of(node)
        node._expanded = expanded
        if index == -1:  # hidden below a closed branch: nothing on screen changes
            return
        if node.parent is None:
            self._lines = list(self._shown(node._children)) if expanded else []
            self._resized_lines()
        elif expanded:
            added = list(self._shown(node._children))
            self._lines[index + 1:index + 1] = added
            self._resized_lines(added + [node])
        else:
            self._cut(index + 1, self._end_of(index))
        self._keep_cursor()
        if expanded:
            self.on_expanded(node)

    def on_expanded(self, node: TreeLine[T]) -> None:
        """A branch was opened (a hook for subclasses: Tree's ``NodeExpanded``, without a message)."""

    def _append_lines(self, parent: TreeLine[T], nodes: list[TreeLine[T]]) -> None:
        """Append lines under ``parent``; shown at once if ``parent`` is open and on screen."""
        if self._batching:
            parent._children.extend(nodes)
            self._dirty = True
            return
        index = -2 if parent.parent is None else self.line_of(parent)
        insert_at = len(self._lines) if index == -2 else (-1 if index == -1 or not parent._expanded
                                                          else self._end_of(index))
        parent._children.extend(nodes)
        if insert_at >= 0 and (parent.parent is None or parent._expanded):
            added = list(self._shown(nodes))
            self._lines[insert_at:insert_at] = added
            self._resized_lines(added)
            self._keep_cursor()
        else:
            self.refresh()  # its icon (no children yet) may change

    def add_children(self, parent: TreeLine[T],
                     children: list[tuple[Text | None, T, bool, bool]]) -> list[TreeLine[T]]:
        """Add many lines in one splice: (label, data, allow_expand, expand) each; a label of None
        is made when the line is first drawn (``make_label``)."""
        nodes = [TreeLine(self, parent, label, data, allow, expand) for label, data, allow, expand in children]
        self._append_lines(parent, nodes)
        return nodes

    def _remove_children(self, parent: TreeLine[T]) -> None:
        if not parent._children:
            return
        cursor_gone = self._cursor is not None and self._is_below(self._cursor, parent)
        gone = parent._children
        if self._batching:
            parent._children = []
            self._gone.extend(gone)  # still among the lines drawn until they are laid out again
            self._dirty = True
            if cursor_gone:
                self._cursor = parent if parent.parent is not None else None
            return
        index = -2 if parent.parent is None else self.line_of(parent)
        parent._children = []
        if index == -2:
            self._lines = []
            self._resized_lines()
        elif index >= 0 and parent._expanded:
            self._cut(index + 1, self._end_of(index))
        else:
            self.refresh()
        self._let_go(gone)
        if cursor_gone:
            self._cursor = None if index < 0 else parent
        self._keep_cursor()

    @staticmethod
    def _is_below(node: TreeLine[T], parent: TreeLine[T]) -> bool:
        above = node.parent
        while above is not None:
            if above is parent:
                return True
            above = above.parent
        return False

    @staticmethod
    def _let_go(nodes: list[TreeLine[T]]) -> None:
        """Unlink removed lines from their parents, so that they are freed as soon as they are
        dropped (no parent/child cycle left for the cyclic collector, which may be ``gc.freeze``d
        out of looking at them: ``tui.collector``)."""
        stack = list(nodes)
        while stack:
            node = stack.pop()
            node.parent = None
            stack.extend(node._children)

    def clear(self) -> None:
        """Forget every line."""
        self._lines = []
        self._let_go(self.root._children + self._gone)
        self._gone = []
        self.root._children = []
        self._dirty = False
        self._cursor = None
        self._hover = None
        self._width = 0
        self.virtual_size = Size(0, 0)
        self.refresh()

    @property
    def lines_changed(self) -> bool:
        """Inside ``changing()``: whether the lines are to be laid out again when it ends."""
        return self._dirty

    def rebuild_lines(self) -> None:
        """Lay every line out again from the branches (after changes made without splicing)."""
        for _ in self.rebuilding(step=0):
            pass

    def rebuilding(self, step: int = 5000) -> Iterator[None]:
        """``rebuild_lines`` as a job that yields every ``step`` lines (none if 0), for a job of
        many lines inside ``changing()``: the screen shows the old lines until the new are done."""
        self._dirty = False
        lines: list[TreeLine[T]] = []
        width = 0
        line_width = self._line_width
        for n, node in enumerate(self._shown(self.root._children), 1):
            lines.append(node)
            width = max(width, line_width(node))
            if step and n % step == 0:
                yield
        self._lines, self._width, self._width_stale = lines, width, False
        self._let_go(self._gone)
        self._gone = []
        self._size_changed()
        self._keep_cursor()
