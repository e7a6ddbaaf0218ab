"""The terminal renderer: the printout of a status or a report, coloured on a terminal, plain in a file.

Lines are built as styled segments by ``textgrid`` (plan text is never markup: it is only ever
the text of a segment). On a terminal each line goes through rich for its colours; in a pipe or
a file (``--format text``, ``-o``) the text is written straight out, so a list of 50,000
milestones streams instead of waiting for a rich table to measure every row.
"""
from __future__ import annotations

import io
from collections.abc import Iterable
from typing import TextIO

from rich.console import Console
from rich.text import Text

from store import report as rp
from store import status as st
from store.safe_text import visible
from tui.i18n import Catalog
from tui.reports import common as c
from tui.reports import indicator_tables, progress_tables
from tui.reports.linebreak import width, wrap
from tui.reports.textgrid import Line, table_lines
from tui.theme import DONE_BAR, LIGHT_STYLE, STATE_STYLE

BAR_WIDTH = 30


class Out:
    """Where lines go: a rich console (colours) or a plain text stream."""

    def __init__(self, width: int, console: Console | None = None, stream: TextIO | None = None):
        self.width = width
        self.console = console
        self.stream = stream

    def line(self, segments: Line) -> None:
        """One line; plan text in it shows its controls as ``\\uXXXX`` (never acts on the terminal)."""
        segments = [(text if text.isprintable() else visible(text, one_line=True), style) for text, style in segments]
        if self.console is not None:
            self.console.print(Text.assemble(*((text, style or "") for text, style in segments)),
                               no_wrap=True, overflow="ignore", crop=False, soft_wrap=True)
        else:
            assert self.stream is not None
            self.stream.write("".join(text for text, _ in segments).rstrip() + "\n")

    def text(self, text: str, style: str = "", indent: int = 0) -> None:
        for part in wrap(visible(text, one_line=True), self.width - indent):
            self.line([(" " * indent, ""), (part, style)])

    def blank(self) -> None:
        self.line([])

    def renderable(self, renderable: object) -> None:
        """A rich renderable (the status's progress part): printed, or drawn as plain text."""
        if self.console is not None:
            self.console.print(renderable)
            return
        assert self.stream is not None
        buffer = io.StringIO()
        Console(file=buffer, width=self.width, color_system=None, force_terminal=False, highlight=False,
                emoji=False, markup=False, legacy_windows=False).print(renderable)
        self.stream.write("".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines()))


def print_reports(console: Console, reports: list[rp.Report], t: Catalog) -> None:
    """The printout on a console: coloured when it is a terminal."""
    _write(Out(console.width, console=console), reports, t)


def write_text(reports: list[rp.Report], t: Catalog, width: int, stream: TextIO) -> None:
    """The printout as plain text of ``width`` columns, written as it is made."""
    _write(Out(width, stream=stream), reports, t)


def to_text(reports: list[rp.Report], t: Catalog, width: int = 120) -> str:
    buffer = io.StringIO()
    write_text(reports, t, width, buffer)
    return buffer.getvalue()


def _write(out: Out, reports: list[rp.Report], t: Catalog) -> None:
    for i, report in enumerate(reports):
        if i:
            out.line([("─" * out.width, "dim")])
        for j, (part, section) in enumerate(c.layout(report)):
            if j:
                out.blank()
            if part == "header":
                _header(out, report, t)
            elif part == "chapters":
                if report.period is None:
                    _tree(out, report, t)
                else:
                    _table(out, _with_lights(c.chapter_table(report, t)))
                if report.progress is not None:  # status: lights, 序时 and lagging tasks, after the chapters
                    from tui.reports.progress_parts import progress_parts

                    for renderable in progress_parts(report, t):
                        out.blank()
                        out.renderable(renderable)
            elif part == "indicators":
                _table(out, indicator_tables.indicator_table(report, t))
            elif part == "progress":
                for k, table in enumerate(progress_tables.progress_tables(report, t)):
                    if k:
                        out.blank()
                    _table(out, table)
            else:
                assert section is not None
                _table(out, c.list_table(section, t))


def _style(row: c.Row, i: int, columns: list[c.Col]) -> str:
    state = row.state.get(i)
    if state:
        return STATE_STYLE.get(state, "")
    light = row.light.get(i)
    if light:
        return LIGHT_STYLE.get(light, "")
    key = columns[i].key
    if key == "attribute" and row.bold:
        return "bold"
    if key == "id":
        return "dim"
    return ""


def _table(out: Out, table: c.Table) -> None:
    out.text(table.title, "bold")
    if table.total == 0:
        out.text(table.empty, "dim", indent=2)
        return
    for line in table_lines(table, out.width, lambda row, i: _style(row, i, table.columns)):
        out.line(line)
    if table.more:
        out.text(table.more, "dim")


def _with_lights(table: c.Table) -> c.Table:
    """The chapter table with a traffic-light dot before each chapter."""
    columns = [c.Col("light", "", "state"), *table.columns]

    def rows() -> Iterable[c.Row]:
        for row in table.rows:
            yield c.Row(["●" if row.light.get(0) else "", *row.cells], {i + 1: s for i, s in row.state.items()},
                        {0: row.light.get(0)}, row.bold, row.depth)

    return c.Table(table.key, table.title, columns, rows(), table.total, table.empty, table.more)


def _bar(done: int, total: int) -> Line:
    filled = round(BAR_WIDTH * done / total) if total else 0
    return [("━" * filled, DONE_BAR), ("─" * (BAR_WIDTH - filled), "bright_black")]


def _counts(rollup: st.Rollup, t: Catalog, keys: Iterable[tuple[str, str]]) -> Line:
    line: Line = []
    for i, (key, state) in enumerate(keys):
        if i:
            line.append((" · ", ""))
        n = rollup.counts[state] if state != "done" or key != "done" else rollup.done
        line.append((f"{t(key)} {n}", STATE_STYLE.get(state, "") if n else ""))
    return line


def _header(out: Out, report: rp.Report, t: Catalog) -> None:
    plan = report.plan
    sub = f"{plan.region} · {plan.period} · {t('as_of', date=report.as_of.isoformat())} · {plan.id}"
    whole_keys = [("done", "done"), ("overdue", st.OVERDUE), ("due_soon", st.DUE_SOON), ("open", st.OPEN)]
    if report.period is None:
        p = report.plan_total
        out.text(plan.title, "bold")
        out.text(sub, "dim")
        share = t("share_done", done=p.done, total=p.total, pct=c.text_of(c.pct(p)) or "0%")
        out.line(_bar(p.done, p.total) + [(" ", ""), (share, "")])
        out.line(_counts(p, t, whole_keys))
        return
    h = report.headline
    out.text(c.title(report, t), "bold")
    out.text(plan.title, "bold")
    out.text(sub, "dim")
    share = t("share_done", done=h.done, total=h.total, pct=c.text_of(c.pct(h)) or "—")
    label = f"{t('rp_in_period', period=report.period.label)}: {share}"
    if width(label) + BAR_WIDTH + 1 <= out.width:
        out.line(_bar(h.done, h.total) + [(" ", ""), (label, "")])
    else:
        out.line(_bar(h.done, h.total))
        out.text(label)
    out.line(_counts(h, t, zip(c.COUNT_KEYS, c.COUNT_STATES, strict=True)))
    whole: Line = [(f"{t('rp_whole_plan')}: ", "bold")]
    out.line(whole + _counts(report.plan_total, t, whole_keys))


def _tree(out: Out, report: rp.Report, t: Catalog) -> None:
    """Chapters (and sections with milestones) with done/total and a traffic light, as a tree."""
    out.text(t("chapters"), "bold")
    rows = report.chapters
    tops = [i for i, row in enumerate(rows) if row.depth == 0]
    for n, i in enumerate(tops):
        last_top = n == len(tops) - 1
        children = rows[i + 1: tops[n + 1] if n + 1 < len(tops) else len(rows)]
        _tree_line(out, rows[i], t, "└── " if last_top else "├── ", "    " if last_top else "│   ")
        for k, child in enumerate(children):
            last = k == len(children) - 1
            lead = "    " if last_top else "│   "
            _tree_line(out, child, t, lead + ("└── " if last else "├── "), lead + ("    " if last else "│   "))


def _tree_line(out: Out, row: rp.ChapterRow, t: Catalog, first: str, rest: str) -> None:
    rollup = row.counts
    tail: Line = []
    if rollup.total:
        tail.append((f"  {rollup.done}/{rollup.total}", "dim"))
        if rollup.counts[st.OVERDUE]:
            tail.append((f"  {t('overdue')} {rollup.counts[st.OVERDUE]}", STATE_STYLE[st.OVERDUE]))
        if rollup.counts[st.DUE_SOON]:
            tail.append((f"  {t('due_soon')} {rollup.counts[st.DUE_SOON]}", STATE_STYLE[st.DUE_SOON]))
    dot = ("● ", LIGHT_STYLE[rollup.light]) if rollup.total else ("  ", "")
    style = ("bold" if row.depth == 0 else "") if rollup.total else "dim"
    room = out.width - width(first) - 2
    tail_width = sum(width(text) for text, _ in tail)
    parts = wrap(row.label, room) if width(row.label) + tail_width > room else [row.label]
    if len(parts) > 1 or width(parts[0]) + tail_width > room:
        parts = wrap(row.label, room)
        lines: list[Line] = [[(part, style)] for part in parts]
        if width(parts[-1]) + tail_width <= room:
            lines[-1] += tail
        else:
            lines.append(tail)
    else:
        lines = [[(parts[0], style)] + tail]
    for k, segments in enumerate(lines):
        out.line([(first if k == 0 else rest, "dim"), dot if k == 0 else ("  ", "")] + segments)
