"""The CSV renderer: the report's parts one after another, each a titled table, a blank row between.

Opens in Excel/WPS as one sheet (``-o`` writes it with a UTF-8 byte-order mark for them). Cells
are the plan text as it is; the csv module quotes what needs quoting.
"""
from __future__ import annotations

import csv
import io

from store import report as rp
from tui.i18n import Catalog
from tui.reports import common as c


def to_csv(reports: list[rp.Report], t: Catalog) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for i, report in enumerate(reports):
        if i:
            writer.writerow([])
        _report(writer, report, t)
    return buffer.getvalue()


def _report(writer: "csv._writer", report: rp.Report, t: Catalog) -> None:
    for n, (part, section) in enumerate(c.layout(report)):
        if n:
            writer.writerow([])
        if part == "header":
            writer.writerow([c.title(report, t)])
            writer.writerow([t("rp_field"), t("rp_value")])
            writer.writerows(c.meta(report, t))
            writer.writerow([])
            writer.writerow([t("rp_headline")])
            writer.writerow([t("rp_field"), t("rp_value")])
            writer.writerows(c.headline_rows(report, t))
        elif part == "chapters":
            writer.writerow([t("rp_by_chapter") if report.period is not None else t("chapters")])
            writer.writerow(["ID", *c.chapter_headers(report, t)])
            writer.writerows([row.id, *c.chapter_cells(report, row)] for row in report.chapters)
        elif part == "indicators":
            writer.writerow([c.indicator_heading(report, t)])
            writer.writerow(["ID", *c.indicator_headers(t), t("conflict")])
            writer.writerows([row.id, *c.indicator_cells(row, t), c.conflict_text(row.conflict, t)]
                             for row in report.indicators)
        else:
            assert section is not None
            writer.writerow([c.section_heading(section, t)])
            columns = section.columns if "id" in section.columns else (*section.columns, "id")
            writer.writerow([c.column_header(k, t) or t("status") for k in columns])
            writer.writerows([c.cell(it, k, i, t) for k in columns] for i, it in enumerate(section.items, 1))
            more = c.more_text(section, t)
            if more:
                writer.writerow([more])
