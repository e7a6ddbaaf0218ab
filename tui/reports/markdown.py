"""The Markdown renderer: headings and pipe tables.

Plan text is escaped so that it shows as written: Markdown's punctuation (``* _ [ ] < > | ` ~``)
gets a backslash, so ``<script>`` or ``[red]x`` is never markup or a link.
"""
from __future__ import annotations

import re

from store import report as rp
from tui.i18n import Catalog
from tui.reports import common as c

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#!])")


def md(text: object) -> str:
    value = "" if text is None else str(text)
    return _SPECIAL.sub(r"\\\1", value).replace("\r", " ").replace("\n", " ")


def _table(headers: list[str], rows: list[list[str]], right: set[int] | None = None) -> list[str]:
    right = right or set()
    lines = ["| " + " | ".join(md(h) or " " for h in headers) + " |",
             "|" + "|".join("---:" if i in right else "---" for i in range(len(headers))) + "|"]
    lines += ["| " + " | ".join(md(v) for v in row) + " |" for row in rows]
    return lines


def to_markdown(reports: list[rp.Report], t: Catalog) -> str:
    out: list[str] = []
    for i, report in enumerate(reports):
        if i:
            out += ["", "---", ""]
        out += _report(report, t)
    return "\n".join(out).rstrip("\n") + "\n"


def _report(report: rp.Report, t: Catalog) -> list[str]:
    out: list[str] = []
    for part, section in c.layout(report):
        if part == "header":
            out += [f"# {md(c.title(report, t))}", "", f"**{md(report.plan.title)}**", ""]
            out += [f"- {md(k)}: {md(v)}" for k, v in c.meta(report, t)]
            out += ["", f"## {md(t('rp_headline'))}", ""]
            out += _table([t("rp_field"), t("rp_value")], [list(r) for r in c.headline_rows(report, t)], {1})
        elif part == "chapters":
            heading = t("rp_by_chapter") if report.period is not None else t("chapters")
            headers = c.chapter_headers(report, t)
            rows = []
            for row in report.chapters:
                cells = c.chapter_cells(report, row)
                cells[0] = "　" * row.depth + cells[0]  # ideographic space: indentation survives Markdown
                rows.append(cells)
            out += [f"## {md(heading)}", ""] + _table(headers, rows, set(range(1, len(headers))))
        elif part == "indicators":
            rows = []
            for row in report.indicators:
                cells = c.indicator_cells(row, t)
                if row.conflict:
                    cells[1] += f" ({c.conflict_text(row.conflict, t)})"
                rows.append(cells)
            out += [f"## {md(c.indicator_heading(report, t))}", ""]
            out += _table(c.indicator_headers(t), rows, {4, 5, 6, 7})
        else:
            assert section is not None
            out += [f"## {md(c.section_heading(section, t))}", ""]
            if section.items:
                out += _table([c.column_header(k, t) for k in section.columns],
                              [[c.cell(it, k, i, t) for k in section.columns]
                               for i, it in enumerate(section.items, 1)])
                more = c.more_text(section, t)
                if more:
                    out += ["", f"*{md(more)}*"]
            else:
                out.append(f"*{md(c.empty_text(section, t))}*")
        out.append("")
    out.append(f"*{md(t('rp_generated', date=report.as_of.isoformat()))}*")
    return out
