"""How a line of the task tree is drawn: checkbox, title in its status colour, the light's mark,
then its date or its roll-up. The detail pane draws milestones with the same marks."""
from __future__ import annotations

from rich.text import Text

from store import status as st
from store.tree import MILESTONE, Item
from tui.i18n import Catalog
from tui.theme import LIGHT_TITLE, STATE_STYLE, light_mark
from tui.widgets.common import one_line

DONE_MARK = "[x] "
OPEN_MARK = "[ ] "


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
