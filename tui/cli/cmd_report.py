"""``plandesk report``: annual monitoring, mid-term and final evaluation, in every format."""
from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from typing import TYPE_CHECKING

from store.errors import PlandeskError
from store.safe_text import visible
from tui.cli.context import Context
from tui.cli.parser import PLAN_HELP, AddParser

if TYPE_CHECKING:
    from store.report import Report
    from tui.i18n import Catalog
from tui.cli.plain_argparse import bounded_int


def add_parsers(add: AddParser) -> None:
    from store.clerk_dates import FIRST_YEAR, LAST_YEAR  # here: status prints through this module's emit

    p = add("report", "annual monitoring, mid-term or final evaluation report of a plan")
    p.add_argument("--plan", default=argparse.SUPPRESS, help=PLAN_HELP)
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--year", type=bounded_int(FIRST_YEAR, LAST_YEAR),
                       help="annual monitoring report (年度监测) for this year")
    which.add_argument("--midterm", action="store_true", help="mid-term evaluation (中期评估): first to middle year")
    which.add_argument("--final", action="store_true", help="final evaluation (总结评估): the whole period")
    p.add_argument("--format", choices=("rich", "text", "html", "xlsx", "docx", "csv", "md", "json"), default="rich",
                   help="rich (the terminal, default), text, html (printable), xlsx (ledger workbook), "
                        "docx (Word draft in official style), csv, md, json")
    p.add_argument("--output", "-o", help="file to write (default: standard output; xlsx/docx: report.xlsx/.docx)")
    p.add_argument("--issuer", help="docx: the issuing unit signed at the end (default: the plan's bureau)")
    p.add_argument("--date", help="docx: the date signed at the end, YYYY-MM-DD (default: the as-of date)")
    p.add_argument("--ids", action="store_true", help="docx: show the items' ids (default: none)")


def cmd_report(ctx: Context) -> int:
    from store import report as rp
    from tui.cli.output import write_file
    from tui.i18n import LANG_ENV, Catalog
    from tui.reports import BINARY_FORMATS

    # the documents are Chinese: Chinese labels unless --lang (or PLANDESK_LANG) says otherwise
    env = os.environ.get(LANG_ENV)
    t = Catalog(ctx.args.lang or (env if env in ("zh", "en") else "zh"))
    fmt = ctx.args.format
    if fmt == "docx" and t.lang != "zh":
        raise PlandeskError(t("rp_docx_chinese"))
    signed = None
    if ctx.args.date:
        try:
            signed = date.fromisoformat(ctx.args.date)
        except ValueError:
            raise PlandeskError(ctx.t("in_not_iso_date", what="--date", text=ctx.args.date)) from None
    plan = ctx.one_plan()
    kind = rp.MIDTERM if ctx.args.midterm else rp.FINAL if ctx.args.final else rp.ANNUAL
    if kind == rp.ANNUAL and not plan.start_year <= ctx.args.year <= plan.end_year:  # said in the report's language
        raise PlandeskError(t("rp_year_outside", year=ctx.args.year, period=plan.period))
    period = rp.period_for(plan, kind, ctx.args.year)
    report = rp.build_report(ctx.conn, plan, period, ctx.today, ctx.soon_days, narrative=fmt == "docx")
    if fmt not in BINARY_FORMATS:
        emit(ctx, fmt, [report], t)
        return 0
    output = ctx.args.output
    if not output:
        output = f"report.{fmt}"
        print(t("rp_binary_default", path=os.path.abspath(output)), file=sys.stderr)
    from tui.reports.to_file import report_writer

    write_file(ctx, output, report_writer(report, fmt, t, issuer=ctx.args.issuer, signed=signed,
                                          with_ids=ctx.args.ids))
    print(visible(t("rp_wrote", path=output), one_line=True))
    return 0


def emit(ctx: Context, fmt: str, reports: list[Report], t: Catalog) -> None:
    """Print or write reports in a text format, as they are read: the terminal, standard output,
    or ``-o FILE`` through ``tui.cli.output.write_file`` (atomic, never over the database)."""
    from tui.reports import text_width, write_report

    output = ctx.args.output
    if fmt == "rich" and not output:
        from tui.reports.terminal import print_reports

        print_reports(ctx.console(), reports, t)
        return
    width = text_width()
    if not output:
        try:
            write_report(fmt, reports, t, sys.stdout, width)
            sys.stdout.flush()
        except BrokenPipeError:  # `| head`: the reader has what it wanted
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return
    from tui.cli.output import write_file
    from tui.reports.to_file import text_writer

    write_file(ctx, output, text_writer(fmt, reports, t, width))
