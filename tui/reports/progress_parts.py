"""The reporting side of the status printout (issue 11): lights, 序时 and the lagging tasks, drawn
as rich renderables; ``terminal`` prints them after the chapter tree, coloured or as plain text."""
from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from store import report as rp
from store.safe_text import visible
from tui.i18n import Catalog

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
        text.append(visible(row.label, one_line=True))
        for colour, n in zip(("red", "yellow", "green"), counts, strict=True):
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


