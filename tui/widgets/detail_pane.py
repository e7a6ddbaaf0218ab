"""The right-hand pane: the selected node or milestone in full, its text folded to the width,
with its light, 序时进度 and progress reports (``progress_text``).

The screen tells it which line is selected; it reads that line's task from the store itself."""
from __future__ import annotations

from datetime import date
from typing import NamedTuple

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static
from textual.worker import get_current_worker

from store import queries as q
from store import tree as tr
from store import view
from store import view_progress as vp
from store.history import Entry
from store.safe_text import visible
from tui import history_text as ht
from tui.dbworker import Database
from tui.i18n import Catalog
from tui.theme import STATE_STYLE
from tui.widgets.progress_text import progress_renderables
from tui.widgets.tree_labels import milestone_mark


class Detail(NamedTuple):
    """Everything the pane shows about one line of the tree (read by a worker)."""

    node: q.Node
    milestones: list[q.Milestone]
    focus: str | None  # id of the selected milestone, if a milestone line is selected
    history: list[Entry]
    source_file: str | None
    progress: vp.ItemProgress | None = None  # the line's light, 序时 and reports


def _fold(text: str, style: str = "") -> Text:
    return Text(visible(text), style=style, overflow="fold")


def _pairs(rows: list[tuple[str, Text | str]]) -> Table:
    """Label / value rows; a long Chinese value folds beside its label, not under it."""
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(ratio=1, overflow="fold")
    for label, value in rows:
        grid.add_row(Text(visible(label)), value if isinstance(value, Text) else Text(visible(value), overflow="fold"))
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
    parts.append(_fold(f"{t('ui_kind')}: {t(f'kind_{node.kind}')} · {node.id}", "dim"))
    if node.text:
        parts.append(Text(""))
        parts.append(_fold(node.text))
    parts.append(Text(""))
    units = node.effective_units
    unit_text = Text(visible("、".join(units)) if units else t("none"), overflow="fold")
    if node.units_override is not None:
        unit_text.append(f"  {t('ui_own_units')} ", style="dim")
        unit_text.append(t("ui_as_printed", units=visible("、".join(node.units)) or t("none")), style="dim")
    source = t("ui_line", file=visible(d.source_file) or "?", line=node.line if node.line is not None else "?")
    unit_rows: list[tuple[str, Text | str]] = [(f"{t('ui_responsible')}:", unit_text)]
    if node.effective_support:
        unit_rows.append((f"{t('pg_col_support')}:", visible("、".join(node.effective_support))))
    parts.append(_pairs([*unit_rows, (f"{t('ui_source')}:", source)]))
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
            title = Text(visible(m.title), style=style + (" reverse" if m.id == d.focus else ""))
            if m.done_note:
                title.append("\n")
                title.append(visible(m.done_note), style="italic")
            grid.add_row(Text(milestone_mark(m.state), style=style), title, when)
        parts.append(grid)
    if d.progress is not None:
        parts.extend(progress_renderables(d.progress, t))
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
    """Loads the selected line's task from the store (in a worker) and shows it; scrolls when long.
    One Static built from Text (never markup)."""

    class Loaded(Message):
        def __init__(self, key: str, detail: Detail | None) -> None:
            self.key, self.detail = key, detail
            super().__init__()

    detail: Detail | None = None
    shown: RenderableType = ""

    def __init__(self, db: Database, t: Catalog, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.db, self.t = db, t
        self.wanted: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="detail-body", markup=False)

    def load(self, item: tr.Item, source_file: str | None, today: date, soon: int) -> None:
        """Show ``item``'s task once it is read (a newer request makes an older one stale)."""
        self.wanted = item.key
        self._load(item, source_file, today, soon)

    @work(thread=True, exclusive=True, group="detail")
    def _load(self, item: tr.Item, source_file: str | None, today: date, soon: int) -> None:
        worker = get_current_worker()
        milestone = item.milestone
        node_id = milestone.node_id if milestone is not None else item.id
        found = self.db.read(view.node_detail, node_id, today, soon)
        detail = None
        if found is not None:
            focus = item.id if milestone is not None else (item.own.id if item.own else None)
            progress = self.db.read(vp.item_progress, found.node.plan_id, item.kind, item.id, today, soon)
            detail = Detail(found.node, found.milestones, focus, found.history, source_file, progress)
        if not worker.is_cancelled:
            self.post_message(self.Loaded(item.key, detail))

    def on_detail_pane_loaded(self, message: Loaded) -> None:
        message.stop()
        if message.key == self.wanted:
            self.show(message.detail)

    def show(self, detail: Detail | None) -> None:
        body = self.query_one("#detail-body", Static)
        self.detail = detail
        t = self.t
        self.shown = Text(t("ui_nothing_selected"), style="dim") if detail is None else detail_renderable(detail, t)
        body.update(self.shown)

    def plain_text(self, width: int = 80) -> str:
        """What the pane shows, as plain text (for tests and screen readers)."""
        from io import StringIO

        from rich.console import Console

        console = Console(width=width, record=True, file=StringIO(), color_system=None)
        console.print(self.shown)
        return console.export_text()
