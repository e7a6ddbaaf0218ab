"""One line of a ``LineTree`` (a node of the tree): its label, data, children, open or not.

Its changes go through its tree, which splices the visible lines (``LineTree``)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Generic, TypeVar

from rich.text import Text

if TYPE_CHECKING:
    from tui.widgets.line_tree import LineTree

T = TypeVar("T")


class TreeLine(Generic[T]):
    """One line of the tree (a node): its label, its data, its children, open or not."""

    __slots__ = ("_tree", "parent", "data", "_label", "_width", "_allow_expand", "_expanded", "_children", "depth")

    def __init__(self, tree: LineTree[T], parent: TreeLine[T] | None, label: Text | None, data: T | None,
                 allow_expand: bool = False, expanded: bool = False) -> None:
        self._tree = tree
        self.parent = parent
        self.data = data
        self._label = label  # None: made from ``data`` when first drawn or asked for (``LineTree.make_label``)
        self._width = -1 if label is None else label.cell_len
        self._allow_expand = allow_expand
        self._expanded = expanded
        self._children: list[TreeLine[T]] = []
        self.depth: int = -1 if parent is None else parent.depth + 1

    @property
    def label(self) -> Text:
        if self._label is None:
            self._label = self._tree.make_label(self)
            self._width = self._label.cell_len
            self._tree._label_made(self)
        return self._label

    @property
    def label_width(self) -> int:
        """Its label's width in cells (making the label if it was not made yet)."""
        return self.label.cell_len if self._label is None else self._width

    @property
    def has_label(self) -> bool:
        """Whether its label was made yet (a line nobody has seen has none: 100,000 labels of
        a whole plan opened would take seconds to make and tens of MiB to keep)."""
        return self._label is not None

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
