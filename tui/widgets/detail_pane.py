"""The right-hand pane: the selected node or milestone in full, its text folded to the width."""
from __future__ import annotations

from typing import NamedTuple

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from store import queries as q
from store.history import Entry
from tui import history_text as ht
from tui.i18n import Catalog
from tui.printouts import STATE_STYLE
from tui.widgets.plan_tree import milestone_mark


class Detail(NamedTuple):
    """Everything the pane shows about one line of the tree (read by a worker)."""

    node: q.Node
    milestones: list[q.Milestone]
    focus: str | None  # id of the selected milestone, if a milestone line is selected
    history: list[Entry]
    source_file: str | None


def _fold(text: str, style: str = "") -> Text:
    return Text(text, style=style, overflow="fold")


def _pairs(rows: list[tuple[str, Text | str]]) -> Table:
    """Label / value rows; a long Chinese value folds beside its label, not under it."""
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(ratio=1, overflow="fold")
    for label, value in rows:
        grid.add_row(Text(label), value if isinstance(value, Text) else Text(value, overflow="fold"))
    return grid


def _heading(text: str) -> Text:
    return Text(text, style="bold underline")


def detail_renderable(d: Detail, t: Catalog) -> RenderableType:
    node = d.node
    parts: list[RenderableType] = []
    focus = next((m for m in d.milestones if m.id == d.focus), None)
    if focus is not None and not (focus.implicit and len(d.milestones) == 1):
        parts.append(_fold(focus.title, "bold " + STATE_STYLE.get(focus.state, "")))
        parts.append(_fold(f"{t('milestone')} · {t(focus.state)} · {t('ui_due_on', date=focus.due.isoformat())}",
                           "dim"))
        parts.append(Text(""))
        parts.append(_fold(node.label, "bold"))
    else:
        parts.append(_fold(node.label, "bold"))
    parts.append(_fold(f"{t('ui_kind')}: {node.kind} · {node.id}", "dim"))
    if node.text:
        parts.append(Text(""))
        parts.append(_fold(node.text))
    parts.append(Text(""))
    units = node.effective_units
    unit_text = Text("、".join(units) if units else t("none"), overflow="fold")
    if node.units_override is not None:
        unit_text.append(f"  {t('ui_own_units')} ", style="dim")
        unit_text.append(t("ui_as_printed", units="、".join(node.units) or t("none")), style="dim")
    source = t("ui_line", file=d.source_file or "?", line=node.line if node.line is not None else "?")
    parts.append(_pairs([(f"{t('ui_responsible')}:", unit_text), (f"{t('ui_source')}:", source)]))
    if node.fields:
        parts.append(Text(""))
        parts.append(_heading(t("ui_fields")))
        parts.append(_pairs([(f"{label}:", str(value)) for label, value in node.fields.items()]))
    if d.milestones:
        parts.append(Text(""))
        parts.append(_heading(t("ui_milestones")))
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1, overflow="fold")
        grid.add_column(no_wrap=True)
        for m in d.milestones:
            style = STATE_STYLE.get(m.state, "")
            when = Text(t("ui_due_on", date=m.due.isoformat()), style="dim")
            if m.done_on:
                when.append("\n")
                when.append(t("ui_done_on", date=m.done_on.isoformat()), style="green")
            title = Text(m.title, style=style + (" reverse" if m.id == d.focus else ""))
            if m.done_note:
                title.append("\n")
                title.append(m.done_note, style="italic")
            grid.add_row(Text(milestone_mark(m.state), style=style), title, when)
        parts.append(grid)
    notes = [(t("ui_notes"), node.note), (t("ui_repair"), node.repair), (t("ui_printed"), node.source)]
    if any(v for _, v in notes):
        parts.append(Text(""))
        parts.append(_pairs([(f"{label}:", value) for label, value in notes if value]))
    if d.history:
        parts.append(Text(""))
        parts.append(_heading(t("ui_history")))
        for entry in d.history:
            row = Text(f"{ht.when(entry)}  ", style="dim")
            row.append(ht.action_text(entry, t))
            row.append(f"  {ht.item_text(entry)}")
            details = ht.changes_text(entry, t)
            if details:
                row.append(f"  {details}", style="dim")
            row.overflow = "fold"
            parts.append(row)
    return Group(*parts)


class DetailPane(VerticalScroll):
    """Scrolls when the text is long; shows one Static built from Text (never markup)."""

    detail: Detail | None = None
    shown: RenderableType = ""

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(id="detail-body", markup=False)

    def show(self, detail: Detail | None, t: Catalog) -> None:
        body = self.query_one("#detail-body", Static)
        self.detail = detail
        self.shown = Text(t("ui_nothing_selected"), style="dim") if detail is None else detail_renderable(detail, t)
        body.update(self.shown)

    def plain_text(self, width: int = 80) -> str:
        """What the pane shows, as plain text (for tests and screen readers)."""
        from io import StringIO

        from rich.console import Console

        console = Console(width=width, record=True, file=StringIO(), color_system=None)
        console.print(self.shown)
        return console.export_text()
