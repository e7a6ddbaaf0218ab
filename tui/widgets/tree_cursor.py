"""The cursor half of ``LineTree``: where the cursor is, the keys and the mouse that move it, and
the messages it posts. It reads the tree's flat list of visible lines; ``LineTree`` changes it."""
from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region
from textual.message import Message

from tui.widgets.tree_draw import TreeDrawing
from tui.widgets.tree_line import TreeLine

T = TypeVar("T")


class TreeCursor(TreeDrawing[T]):
    """Cursor, keys and mouse over the lines ``LineTree`` keeps in ``_lines``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("shift+left", "cursor_parent", "Cursor to parent", show=False),
        Binding("shift+up", "cursor_previous_sibling", "Cursor to previous sibling", show=False),
        Binding("shift+down", "cursor_next_sibling", "Cursor to next sibling", show=False),
        Binding("enter", "select_cursor", "Select", show=False),
        Binding("space", "toggle_node", "Toggle", show=False),
        Binding("up", "cursor_up", "Cursor Up", show=False),
        Binding("down", "cursor_down", "Cursor Down", show=False),
    ]

    class NodeHighlighted(Message):
        """The cursor moved to another line."""

        def __init__(self, node: TreeLine[Any]) -> None:
            self.node = node
            super().__init__()

    class NodeSelected(Message):
        """enter on a line (Tree's ``select_cursor``)."""

        def __init__(self, node: TreeLine[Any]) -> None:
            self.node = node
            super().__init__()

    _cursor_hint: int  # where the cursor's line was last found

    @property
    def last_line(self) -> int:
        return len(self._lines) - 1

    def line_of(self, node: TreeLine[T]) -> int:
        """A line's number (-1 if hidden): found where it was last, else searched for (in C)."""
        lines = self._lines
        if node is self._cursor and 0 <= self._cursor_hint < len(lines) and lines[self._cursor_hint] is node:
            return self._cursor_hint
        if not node.visible():
            return -1
        try:
            return lines.index(node)
        except ValueError:
            return -1

    def get_node_at_line(self, line: int) -> TreeLine[T] | None:
        return self._lines[line] if 0 <= line < len(self._lines) else None

    # the cursor --------------------------------------------------------------------------
    @property
    def cursor_node(self) -> TreeLine[T] | None:
        return self._cursor

    @property
    def cursor_line(self) -> int:
        return -1 if self._cursor is None else self.line_of(self._cursor)

    @cursor_line.setter
    def cursor_line(self, line: int) -> None:
        if not self._lines:
            return
        line = max(0, min(line, len(self._lines) - 1))
        self._move_to(self._lines[line], line)

    def _move_to(self, node: TreeLine[T] | None, line: int) -> None:
        previous = self._cursor
        self._cursor, self._cursor_hint = node, line
        self.refresh()
        if node is not None and node is not previous:
            self.post_message(self.NodeHighlighted(node))

    def _keep_cursor(self) -> None:
        """After lines came or went: the cursor stays on its line, or on the nearest one above."""
        node = self._cursor
        if node is None:
            return
        while node is not None and node.parent is not None and not node.visible():
            node = node.parent
        if node is None or node.parent is None:
            node = self._lines[0] if self._lines else None
        if node is not self._cursor:
            self._move_to(node, self.line_of(node) if node else -1)
        elif node is not None:
            self._cursor_hint = self.line_of(node)

    def move_cursor(self, node: TreeLine[T] | None, animate: bool = False) -> None:
        if node is None:
            self._move_to(None, -1)
            return
        line = self.line_of(node)
        if line < 0:
            return
        self._move_to(node, line)
        self.scroll_to_line(line, animate=animate)

    def scroll_to_line(self, line: int, animate: bool = False) -> None:
        if 0 <= line < len(self._lines):
            node = self._lines[line]
            x = node.depth * self.guide_depth
            region = Region(x, line, max(1, self.get_label_width(node)), 1)
            self.scroll_to_region(region, animate=animate, force=True, origin_visible=False, x_axis=False)

    def scroll_to_node(self, node: TreeLine[T], animate: bool = False) -> None:
        self.scroll_to_line(self.line_of(node), animate=animate)

    def _step(self, lines: int) -> None:
        if not self._lines:
            return
        line = self.cursor_line
        line = 0 if line < 0 else max(0, min(line + lines, len(self._lines) - 1))
        self._move_to(self._lines[line], line)
        self.scroll_to_line(line)

    def action_cursor_up(self) -> None:
        self._step(-1) if self.cursor_line >= 0 else self._step(len(self._lines))

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_page_down(self) -> None:
        self._step(self.scrollable_content_region.height - 1)

    def action_page_up(self) -> None:
        self._step(-(self.scrollable_content_region.height - 1))

    def action_scroll_home(self) -> None:
        self._step(-len(self._lines))

    def action_scroll_end(self) -> None:
        self._step(len(self._lines))

    def action_cursor_parent(self) -> None:
        node = self._cursor
        if node is not None and node.parent is not None and node.parent.parent is not None:
            self.move_cursor(node.parent)

    def _sibling(self, step: int) -> TreeLine[T] | None:
        node = self._cursor
        if node is None or node.parent is None:
            return None
        siblings = node.parent._children
        at = siblings.index(node) + step
        return siblings[at] if 0 <= at < len(siblings) else None

    def action_cursor_previous_sibling(self) -> None:
        node = self._sibling(-1)
        if node is not None:
            self.move_cursor(node)
        else:
            self.action_cursor_parent()

    def action_cursor_next_sibling(self) -> None:
        node = self._sibling(1)
        if node is not None:
            self.move_cursor(node)

    def action_toggle_node(self) -> None:
        node = self._cursor
        if node is not None and node._allow_expand:
            node.collapse() if node._expanded else node.expand()

    def action_select_cursor(self) -> None:
        if self._cursor is not None:
            self.post_message(self.NodeSelected(self._cursor))

    # the mouse ---------------------------------------------------------------------------
    def _on_mouse_move(self, event: events.MouseMove) -> None:
        line = event.style.meta.get("line", -1)
        hover = self.get_node_at_line(line) if isinstance(line, int) else None
        if hover is not self._hover:
            self._hover = hover
            self.refresh()

    def _on_leave(self, _: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

    async def _on_click(self, event: events.Click) -> None:
        meta = event.style.meta
        line = meta.get("line")
        node = self.get_node_at_line(line) if isinstance(line, int) else None
        if node is None:
            return
        if meta.get("toggle", False):
            node.collapse() if node._expanded else node.expand()
        else:
            self._move_to(node, line)  # type: ignore[arg-type]  # an int, checked above
            self.action_select_cursor()
