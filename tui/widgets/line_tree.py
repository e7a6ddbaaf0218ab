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
from typing import Any, ClassVar, Generic, TypeVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

T = TypeVar("T")
TOGGLE_STYLE = Style.from_meta({"toggle": True})
GUIDES = {"default": ("  ", "│ ", "└─", "├─"), "bold": ("  ", "┃ ", "┗━", "┣━"), "double": ("  ", "║ ", "╚═", "╠═")}


class TreeLine(Generic[T]):
    """One line of the tree (a node): its label, its data, its children, open or not."""

    __slots__ = ("_tree", "parent", "data", "_label", "_width", "_allow_expand", "_expanded", "_children", "depth")

    def __init__(self, tree: LineTree[T], parent: TreeLine[T] | None, label: Text, data: T | None,
                 allow_expand: bool = False, expanded: bool = False) -> None:
        self._tree = tree
        self.parent = parent
        self.data = data
        self._label = label
        self._width = label.cell_len
        self._allow_expand = allow_expand
        self._expanded = expanded
        self._children: list[TreeLine[T]] = []
        self.depth: int = -1 if parent is None else parent.depth + 1

    @property
    def label(self) -> Text:
        return self._label

    def set_label(self, label: Text) -> None:
        self._label = label
        width, self._width = self._width, label.cell_len
        self._tree._line_changed(self, widened=self._width > width)

    @property
    def children(self) -> list[TreeLine[T]]:
        return self._children

    @property
    def is_root(self) -> bool:
        return self.parent is None

    @property
    def is_last(self) -> bool:
        return self.parent is None or self.parent._children[-1] is self

    @property
    def is_expanded(self) -> bool:
        return self._expanded

    @property
    def allow_expand(self) -> bool:
        return self._allow_expand

    @allow_expand.setter
    def allow_expand(self, allow: bool) -> None:
        if allow != self._allow_expand:
            self._allow_expand = allow
            self._tree._line_changed(self, widened=allow)

    @property
    def line(self) -> int:
        """Its line number, -1 when a closed branch hides it."""
        return self._tree.line_of(self)

    def expand(self) -> None:
        self._tree._set_expanded(self, True)

    def collapse(self) -> None:
        self._tree._set_expanded(self, False)

    def collapse_all(self) -> None:
        """Close this branch and every branch below it (they stay closed when it opens again)."""
        stack = list(self._children)
        while stack:
            node = stack.pop()
            node._expanded = False
            stack.extend(node._children)
        self._tree._set_expanded(self, False)

    def add(self, label: Text, data: T | None = None, *, allow_expand: bool = True,
            expand: bool = False) -> TreeLine[T]:
        node = TreeLine(self._tree, self, label, data, allow_expand, expand)
        self._tree._append_lines(self, [node])
        return node

    def add_leaf(self, label: Text, data: T | None = None) -> TreeLine[T]:
        return self.add(label, data, allow_expand=False)

    def remove_children(self) -> None:
        self._tree._remove_children(self)

    def visible(self) -> bool:
        """Whether every branch above it is open (so it is one of the tree's lines)."""
        parent = self.parent
        while parent is not None:
            if not parent._expanded:
                return False
            parent = parent.parent
        return True


class LineTree(ScrollView, Generic[T], can_focus=True):
    """The widget: ``root``'s children are the top lines; the cursor is on one line."""

    ICON_NODE = "▶ "
    ICON_NODE_EXPANDED = "▼ "
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("shift+left", "cursor_parent", "Cursor to parent", show=False),
        Binding("shift+up", "cursor_previous_sibling", "Cursor to previous sibling", show=False),
        Binding("shift+down", "cursor_next_sibling", "Cursor to next sibling", show=False),
        Binding("enter", "select_cursor", "Select", show=False),
        Binding("space", "toggle_node", "Toggle", show=False),
        Binding("up", "cursor_up", "Cursor Up", show=False),
        Binding("down", "cursor_down", "Cursor Down", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "tree--cursor", "tree--guides", "tree--guides-hover", "tree--guides-selected", "tree--highlight",
        "tree--highlight-line", "tree--label",
    }
    DEFAULT_CSS = """
    LineTree {
        background: $surface;
        color: $foreground;
        & > .tree--label {}
        & > .tree--guides { color: $surface-lighten-2; }
        & > .tree--guides-hover { color: $surface-lighten-2; }
        & > .tree--guides-selected { color: $block-cursor-blurred-background; }
        & > .tree--cursor {
            text-style: $block-cursor-blurred-text-style;
            background: $block-cursor-blurred-background;
        }
        & > .tree--highlight {}
        & > .tree--highlight-line { background: $block-hover-background; }
        &:focus {
            background-tint: $foreground 5%;
            & > .tree--cursor {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
            & > .tree--guides { color: $surface-lighten-3; }
            & > .tree--guides-hover { color: $surface-lighten-3; }
            & > .tree--guides-selected { color: $block-cursor-background; }
        }
        &:light {
            & > .tree--guides { color: $surface-darken-1; }
            & > .tree--guides-hover { color: $block-cursor-background; }
            & > .tree--guides-selected { color: $block-cursor-background; }
        }
    }
    LineTree:ansi {
        color: ansi_default;
        & > .tree--guides { color: $ansi-background; }
        &:nocolor > .tree--cursor { text-style: reverse; }
    }
    """

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

    # the lines ---------------------------------------------------------------------------
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

    def get_label_width(self, node: TreeLine[T]) -> int:
        """What the line's icon and label take, as Tree measures it."""
        icon = (self.ICON_NODE_EXPANDED if node._expanded else self.ICON_NODE) if node._allow_expand else ""
        return cell_len(icon) + node._width

    def _line_width(self, node: TreeLine[T]) -> int:
        return self.get_label_width(node) + node.depth * self.guide_depth

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
            del self._lines[index + 1:self._end_of(index)]
            self._resized_lines()
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

    def add_children(self, parent: TreeLine[T], children: list[tuple[Text, T, bool, bool]]) -> list[TreeLine[T]]:
        """Add many lines in one splice: (label, data, allow_expand, expand) each."""
        nodes = [TreeLine(self, parent, label, data, allow, expand) for label, data, allow, expand in children]
        self._append_lines(parent, nodes)
        return nodes

    def _remove_children(self, parent: TreeLine[T]) -> None:
        if not parent._children:
            return
        cursor_gone = self._cursor is not None and self._is_below(self._cursor, parent)
        if self._batching:
            parent._children = []
            self._dirty = True
            if cursor_gone:
                self._cursor = parent if parent.parent is not None else None
            return
        index = -2 if parent.parent is None else self.line_of(parent)
        parent._children = []
        if index == -2:
            self._lines = []
        elif index >= 0 and parent._expanded:
            del self._lines[index + 1:self._end_of(index)]
        self._resized_lines()
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

    def clear(self) -> None:
        """Forget every line."""
        self.root._children = []
        self._lines = []
        self._dirty = False
        self._cursor = None
        self._hover = None
        self._width = 0
        self.virtual_size = Size(0, 0)
        self.refresh()

    def rebuild_lines(self) -> None:
        """Lay every line out again from the branches (after changes made without splicing)."""
        self._dirty = False
        self._lines = list(self._shown(self.root._children))
        self._width_stale = True
        self._size_changed()
        self._keep_cursor()

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

    # drawing -----------------------------------------------------------------------------
    def render_label(self, node: TreeLine[T], base_style: Style, style: Style) -> Text:
        label = node._label.copy()
        label.stylize(style)
        if node._allow_expand:
            icon = (self.ICON_NODE_EXPANDED if node._expanded else self.ICON_NODE, base_style + TOGGLE_STYLE)
            return Text.assemble(icon, label)
        return Text.assemble(("", base_style), label)

    def _guides(self, style: Style, hidden: bool) -> tuple[str, str, str, str]:
        chars = GUIDES["bold" if style.bold else "double" if style.underline2 else "default"]
        if hidden:
            chars = ("  ", "  ", "  ", "  ")
        depth = max(0, self.guide_depth - 2)
        return tuple(f"{c[0]}{c[1] * depth} " for c in chars)  # type: ignore[return-value]  # four, as given

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.size.width
        line = y + scroll_y
        if line >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        return self._draw_line(line).crop(scroll_x, scroll_x + width)

    def _draw_line(self, y: int) -> Strip:
        """One line, drawn as Tree draws it: guides, icon, label, the cursor's and hover's styles."""
        node = self._lines[y]
        path: list[TreeLine[T]] = []
        above: TreeLine[T] | None = node
        while above is not None and above.parent is not None:
            path.append(above)
            above = above.parent
        path.reverse()
        focus = self.has_focus
        base_hidden = self.get_component_styles("tree--guides").color.a == 0
        hover_hidden = self.get_component_styles("tree--guides-hover").color.a == 0
        selected_hidden = self.get_component_styles("tree--guides-selected").color.a == 0
        base_guide = self.get_component_rich_style("tree--guides", partial=True)
        hover_guide = base_guide + self.get_component_rich_style("tree--guides-hover", partial=True)
        selected_guide = base_guide + self.get_component_rich_style("tree--guides-selected", partial=True)
        is_hover = self._hover is not None and self._hover in path
        line_style = self.get_component_rich_style("tree--highlight-line") if is_hover else self.rich_style
        line_style += Style(meta={"line": y})
        guides = Text(style=line_style)
        hover = path[0] is self._hover
        selected = path[0] is self._cursor and focus
        guide_style, hidden = base_guide, True
        for step in path[1:]:
            hidden = base_hidden
            if hover:
                guide_style, hidden = hover_guide, hover_hidden
            if selected:
                guide_style, hidden = selected_guide, selected_hidden
            space, vertical, _, _ = self._guides(guide_style, hidden)
            if step is not node:
                guides.append(space if step.is_last else vertical, style=guide_style)
            hover = hover or step is self._hover
            selected = (selected or step is self._cursor) and focus
        if len(path) > 1:
            _, _, terminator, cross = self._guides(guide_style, hidden)
            guides.append(terminator if node.is_last else cross, style=guide_style)
        label_style = self.get_component_rich_style("tree--label", partial=True)
        if node is self._hover:
            label_style += self.get_component_rich_style("tree--highlight", partial=True)
        if node is self._cursor:
            label_style += self.get_component_rich_style("tree--cursor", partial=False)
        label = self.render_label(node, line_style, label_style)
        label.stylize(Style(meta={"node": id(node)}))  # as Tree does: which line a click was on
        guides.append(label)
        segments = list(guides.render(self.app.console))
        pad = max(self.virtual_size.width, self.size.width) - guides.cell_len
        if pad > 0:
            segments.append(Segment(" " * pad, line_style))
        return Strip(segments)
