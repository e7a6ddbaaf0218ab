"""The rich renderer: the terminal printout of a status or a report, and its plain-text form.

Plan text always goes in as ``rich.text.Text`` (never markup). ``to_text`` is the same printout
through a colourless console of a fixed width (``--format text`` and files).
"""
from __future__ import annotations

import io

from rich import box
from rich.console import Console, Group, RenderableType
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from store import report as rp
from store import status as st
from tui.i18n import Catalog
from tui.printouts import LIGHT_STYLE, STATE_STYLE, counts_line, plan_header
from tui.reports import common as c

INDICATOR_STYLE = {"baseline": "", "target": "", "actual": "", "gap": ""}


def print_reports(console: Console, reports: list[rp.Report], t: Catalog) -> None:
    for i, report in enumerate(reports):
        if i:
            console.rule()
        for j, part in enumerate(renderables(report, t)):
            if j:
                console.print()
            console.print(part)


def to_text(reports: list[rp.Report], t: Catalog, width: int = 120) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, force_terminal=False, highlight=False,
                      emoji=False, markup=False, legacy_windows=False, soft_wrap=False)
    print_reports(console, reports, t)
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


def renderables(report: rp.Report, t: Catalog) -> list[RenderableType]:
    parts: list[RenderableType] = []
    for part, section in c.layout(report):
        if part == "header":
            parts.append(header(report, t))
        elif part == "chapters":
            parts.append(chapter_tree(report, t) if report.period is None else chapter_table(report, t))
        elif part == "indicators":
            parts.append(indicator_table(report, t))
        else:
            assert section is not None
            parts.append(section_table(section, t))
    if report.progress is not None:  # status: lights, 序时 and lagging tasks, after the chapters
        parts[2:2] = progress_parts(report, t)
    return parts


# --- issue 11: the reporting side of the status (lights, 序时, lagging) -------------------------

LIGHT_DOT = {"red": "bold red", "yellow": "yellow", "green": "green"}


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def progress_parts(report: rp.Report, t: Catalog) -> list[RenderableType]:
    """The lights (counts, by chapter), the 序时 summary and the lagging tasks of a status."""
    p = report.progress
    lines = Text()
    if p.unit:
        lines.append(t("pg_unit_heading", unit=p.unit) + "\n", style="bold")
    lines.append(t("pg_lights") + ": ", style="bold")
    for i, colour in enumerate(("red", "yellow", "green")):
        if i:
            lines.append(" · ")
        n = getattr(p.counts, colour)
        lines.append(f"● {t('pg_' + colour)} {n}", style=LIGHT_DOT[colour] if n else "dim")
    lines.append(f"  ({t('pg_reported_line', period=p.due_period, n=p.reported)})", style="dim")
    lines.append("\n" + t("pg_xushi", elapsed=f"{p.elapsed:g}"))
    if p.with_percent:
        lines.append("; " + t("pg_xushi_reported", n=p.with_percent, pct=_percent(p.mean_percent),
                              expected=_percent(p.mean_expected)))
    lines.append("\n" + t("pg_thresholds", yellow=p.yellow, red=p.red), style="dim")
    parts: list[RenderableType] = [lines, lights_by_chapter(report, t), lagging_table(report, t)]
    return parts


def lights_by_chapter(report: rp.Report, t: Catalog) -> Text:
    """One line per chapter: its light (its reddest task's) and the count of each colour. Plain
    lines, not a table: the status must stay quick to draw."""
    text = Text(t("pg_lights_by_chapter"), style="bold")
    for row in report.chapters:
        counts = report.progress.chapters.get(row.id)
        if row.depth or counts is None or not counts.total:  # chapters only: the tree above has the rest
            continue
        text.append("\n● ", style=LIGHT_DOT[counts.light])
        text.append(row.label)
        for colour, n in zip(("red", "yellow", "green"), counts):
            text.append(f"  {t('pg_' + colour)} {n}", style=LIGHT_DOT[colour] if n else "dim")
    return text


def lagging_table(report: rp.Report, t: Catalog) -> RenderableType:
    p = report.progress
    heading = Text(t("pg_lagging", n=len(p.lagging)), style="bold")
    if not p.lagging:
        return Group(heading, Text("  " + t("pg_lagging_none"), style="dim"))
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column(t("id"), style="dim", no_wrap=True)
    table.add_column(t("pg_col_item"), overflow="fold", ratio=2)
    table.add_column(t("pg_col_lead"), overflow="fold", ratio=1)
    for key in ("pg_col_period", "pg_col_state", "pg_col_percent", "pg_col_expected", "pg_col_lag"):
        table.add_column(t(key), no_wrap=True, justify="right" if key in ("pg_col_percent", "pg_col_expected",
                                                                           "pg_col_lag") else "left")
    table.add_column(t("pg_col_problem"), overflow="fold", ratio=2)
    table.add_column(t("pg_col_next"), overflow="fold", ratio=2)
    for x in p.lagging:
        item = Text("● ", style=LIGHT_DOT[x.light])
        item.append(x.title)
        item.append(f" ({t('pg_reason_' + x.reason)})", style="dim")
        table.add_row(Text(x.id.split("/", 1)[-1]), item, Text("、".join(x.lead)), Text(x.period or ""),
                      Text(t("pg_state_" + x.state) if x.state else ""), Text(_percent(x.percent)),
                      Text(_percent(x.expected)), Text(_percent(x.lag), style=LIGHT_DOT[x.light]),
                      Text(x.problem or ""), Text(x.next_step or ""))
    return Group(heading, table)


def header(report: rp.Report, t: Catalog) -> RenderableType:
    if report.period is None:
        return plan_header(report.plan, report.plan_total, report.as_of, t)
    plan = report.plan
    h = report.headline
    bar = Table.grid(padding=(0, 1))
    bar.add_row(ProgressBar(total=max(h.total, 1), completed=h.done, width=30, complete_style="green",
                            finished_style="green"),
                Text(f"{t('rp_in_period', period=report.period.label)}: "
                     f"{t('share_done', done=h.done, total=h.total, pct=c.pct(h))}"))
    counts = Text()
    for i, (key, state) in enumerate(zip(c.COUNT_KEYS, c.COUNT_STATES)):
        if i:
            counts.append(" · ")
        n = h.counts[state]
        counts.append(f"{t(key)} {n}", style=STATE_STYLE[state] if n else "")
    whole = Text(f"{t('rp_whole_plan')}: ", style="bold")
    whole.append_text(counts_line(report.plan_total, t))
    return Group(Text(c.title(report, t), style="bold"), Text(plan.title, style="bold"),
                 Text(f"{plan.region} · {plan.period} · {t('as_of', date=report.as_of.isoformat())} · {plan.id}",
                      style="dim"),
                 bar, counts, whole)


def _node_label(row: rp.ChapterRow, t: Catalog) -> Text:
    label = Text()
    rollup = row.counts
    if rollup.total:
        label.append("● ", style=LIGHT_STYLE[rollup.light])
        label.append(row.label, style="bold" if row.depth == 0 else "")
        label.append(f"  {rollup.done}/{rollup.total}", style="dim")
        if rollup.counts[st.OVERDUE]:
            label.append(f"  {t('overdue')} {rollup.counts[st.OVERDUE]}", style="bold red")
        if rollup.counts[st.DUE_SOON]:
            label.append(f"  {t('due_soon')} {rollup.counts[st.DUE_SOON]}", style="yellow")
    else:
        label.append("  ")
        label.append(row.label, style="dim")
    return label


def chapter_tree(report: rp.Report, t: Catalog) -> Tree:
    """Chapters (and sections with milestones) with done/total and a traffic light."""
    tree = Tree(Text(t("chapters"), style="bold"), guide_style="dim")
    branches: dict[str, Tree] = {}
    last_top = tree
    for row in report.chapters:
        parent = tree if row.depth == 0 else last_top
        branch = branches[row.id] = parent.add(_node_label(row, t))
        if row.depth == 0:
            last_top = branch
    return tree


def chapter_table(report: rp.Report, t: Catalog) -> Table:
    table = Table(title=Text(t("rp_by_chapter"), style="bold"), title_justify="left", box=box.SIMPLE_HEAD,
                  show_edge=False, pad_edge=False)
    for i, heading in enumerate(c.chapter_headers(report, t)):
        if i == 0:
            table.add_column(heading, overflow="fold", ratio=1)
        else:
            table.add_column(heading, justify="right", no_wrap=True)
    for row in report.chapters:
        cells = c.chapter_cells(report, row)
        first = Text("● ", style=LIGHT_STYLE[row.counts.light] if row.counts.total else "dim")
        first.append(cells[0])
        styled = [Text(value, style=STATE_STYLE[state] if value != "0" else "dim")
                  for value, state in zip(cells[2:7], c.COUNT_STATES)]
        table.add_row(first, Text(cells[1]), *styled, *(Text(v) for v in cells[7:]))
    return table


def section_table(section: rp.Section, t: Catalog) -> Group:
    parts: list[RenderableType] = [Text(c.section_heading(section, t), style="bold")]
    if not section.items:
        parts.append(Text("  " + c.empty_text(section, t), style="dim"))
        return Group(*parts)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    for key in section.columns:
        if key in ("title", "note", "chapter", "units"):
            table.add_column(c.column_header(key, t), overflow="fold")
        else:
            table.add_column(c.column_header(key, t), no_wrap=True, style="dim" if key == "id" else "")
    for index, it in enumerate(section.items, 1):
        table.add_row(*(Text(c.cell(it, key, index, t), style=STATE_STYLE[it.state] if key in c.STATE_COLUMNS
                             else "") for key in section.columns))
    parts.append(table)
    more = c.more_text(section, t)
    if more:
        parts.append(Text(more, style="dim"))
    return Group(*parts)


def indicator_table(report: rp.Report, t: Catalog) -> Table:
    table = Table(title=Text(c.indicator_heading(report, t), style="bold"), title_justify="left",
                  box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    headers = c.indicator_headers(t)
    for key, heading in zip(c.INDICATOR_KEYS, headers):
        if key == "name":
            table.add_column(heading, overflow="fold")
        else:
            table.add_column(heading, no_wrap=True, justify="right" if key in INDICATOR_STYLE else "left",
                             style="dim" if key == "number" else "")
    for row in report.indicators:
        cells = c.indicator_cells(row, t)
        name = Text(row.name)
        if row.conflict:
            name.append(f" ({t('conflict')})", style="yellow")
        table.add_row(Text(cells[0]), name, Text(cells[2]), Text(cells[3], style="bold" if row.binding else ""),
                      *(Text(v) for v in cells[4:8]), Text(cells[8], style=STATE_STYLE[row.status]))
    return table
