"""What the cursor is on, as the actions need it: a line, its milestone, its task."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from store import queries as q
from store import tree as tr
from store.safe_text import visible

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel
    from textual.screen import Screen

    from store.view import Filter
    from tui.app import PlanDeskApp
    from tui.widgets.plan_tree import PlanTree

    _ScreenForTypes = Screen[None]  # the mixins are only ever mixed into the main screen
else:
    _ScreenForTypes = object

Answer = TypeVar("Answer")


class Selection(_ScreenForTypes):
    """Shared by every action mixin of the main screen."""

    if TYPE_CHECKING:
        app: PlanDeskApp
        flt: Filter | None
        selected_key: str | None
        pending_select: str | None

        @property
        def tree(self) -> PlanTree: ...  # type: ignore[override]  # shadows DOMNode.tree, a debugging view

        def reload(self, reveal: str | None = None) -> None: ...

        def refresh_view(self, reveal: str | None = None) -> None: ...

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
        if item.milestone is None:
            return item.node
        parent = self.tree.by_key.get(tr.key(tr.NODE, item.milestone.node_id))
        return parent.data.node if parent is not None and parent.data is not None else None

    def notify_plain(self, message: str, severity: SeverityLevel = "information") -> None:
        self.app.notify(visible(message), markup=False, severity=severity)

    def ask(self, dialog: Screen[Any], then: Callable[[Answer], None]) -> None:
        """Open ``dialog``; ``then`` gets the clerk's answer, never a cancel (None) or a "no" (False).

        (The dialog's answer type is ``Answer | None`` or bool; Screen's result type is invariant,
        so it is spelt ``Any`` here.)
        """

        def answered(answer: Answer | None) -> None:
            if answer is not None and answer is not False:
                then(answer)

        self.app.push_screen(dialog, answered)
