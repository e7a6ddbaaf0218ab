"""How a ``LineTree`` looks: Textual Tree's component classes, colours, guides and icons, drawn
one visible line at a time (``render_line``, Textual's Line API) from the tree's flat list."""
from __future__ import annotations

from typing import ClassVar, Generic, TypeVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.widgets.tree_line import TreeLine

T = TypeVar("T")
TOGGLE_STYLE = Style.from_meta({"toggle": True})
GUIDES = {"default": ("  ", "│ ", "└─", "├─"), "bold": ("  ", "┃ ", "┗━", "┣━"), "double": ("  ", "║ ", "╚═", "╠═")}


class TreeDrawing(ScrollView, Generic[T]):
    """The drawing half of ``LineTree``: it reads the lines, the cursor and the hovered line."""

    ICON_NODE = "▶ "
    ICON_NODE_EXPANDED = "▼ "
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "tree--cursor", "tree--guides", "tree--guides-hover", "tree--guides-selected", "tree--highlight",
        "tree--highlight-line", "tree--label",
    }
    DEFAULT_CSS = """
    TreeDrawing {
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
    TreeDrawing:ansi {
        color: ansi_default;
        & > .tree--guides { color: $ansi-background; }
        &:nocolor > .tree--cursor { text-style: reverse; }
    }
    """

    guide_depth: int
    _lines: list[TreeLine[T]]
    _cursor: TreeLine[T] | None
    _hover: TreeLine[T] | None

    def get_label_width(self, node: TreeLine[T]) -> int:
        """What the line's icon and label take, as Tree measures it."""
        icon = (self.ICON_NODE_EXPANDED if node._expanded else self.ICON_NODE) if node._allow_expand else ""
        return cell_len(icon) + node.label_width

    def render_label(self, node: TreeLine[T], base_style: Style, style: Style) -> Text:
        label = node.label.copy()
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
        if not path:  # a line let go of (``LineTree._let_go``): nothing to draw
            return Strip.blank(self.size.width, self.rich_style)
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
