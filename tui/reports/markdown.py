"""The Markdown renderer: headings and pipe tables.

Plan text is escaped so that it shows as written: Markdown's punctuation (``* _ [ ] < > | ` ~``)
gets a backslash, so ``<script>`` or ``[red]x`` is never markup or a link; control characters
are shown as ``\\uXXXX`` (``safe_text.visible``).
"""
from __future__ import annotations

import re
from typing import TextIO

from store import report as rp
from store.safe_text import visible
from tui.i18n import Catalog
from tui.reports import common as c
from tui.reports import indicator_tables, progress_tables

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#!])")


def md(text: object) -> str:
    value = visible(c.text_of(text), one_line=True)
    return _SPECIAL.sub(r"\\\1", value)


def _table(out: TextIO, table: c.Table) -> None:
    out.write(f"## {md(table.title)}\n\n")
    if table.total == 0:
        out.write(f"*{md(table.empty)}*\n")
        return
    columns = table.columns
    out.write("| " + " | ".join(md(col.header) or " " for col in columns) + " |\n")
    out.write("|" + "|".join("---:" if c.number_kind(col.kind) else "---" for col in columns) + "|\n")
    for row in table.rows:
        cells = list(row.cells)
        if row.depth:
            cells[0] = "　" * row.depth + c.text_of(cells[0])  # ideographic space: indentation survives Markdown
        out.write("| " + " | ".join(md(v) for v in cells) + " |\n")
    if table.more:
        out.write(f"\n*{md(table.more)}*\n")


def write_markdown(reports: list[rp.Report], t: Catalog, out: TextIO) -> None:
    for i, report in enumerate(reports):
        if i:
            out.write("\n---\n\n")
        _report(report, t, out)


def _report(report: rp.Report, t: Catalog, out: TextIO) -> None:
    for part, section in c.layout(report):
        if part == "header":
            out.write(f"# {md(c.title(report, t))}\n\n**{md(report.plan.title)}**\n\n")
            out.write("".join(f"- {md(k)}: {md(v)}\n" for k, v in c.meta(report, t)))
            out.write(f"\n## {md(t('rp_headline'))}\n\n| {md(t('rp_field'))} | {md(t('rp_value'))} |\n|---|---:|\n")
            out.write("".join(f"| {md(k)} | {md(v)} |\n" for k, v in c.headline_rows(report, t)))
        elif part == "chapters":
            _table(out, c.chapter_table(report, t))
        elif part == "indicators":
            _table(out, indicator_tables.indicator_table(report, t))
        elif part == "progress":
            for k, table in enumerate(progress_tables.progress_tables(report, t)):
                out.write("\n" if k else "")
                _table(out, table)
        else:
            assert section is not None
            _table(out, c.list_table(section, t))
        out.write("\n")
    out.write(f"*{md(t('rp_generated', date=report.as_of.isoformat()))}*\n")
