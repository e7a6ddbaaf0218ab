"""Commands that read and print: plans, status, overdue, history, export (``report``: cmd_report)."""
from __future__ import annotations

import argparse
import sys

from tui.cli.context import Context
from tui.cli.parser import PLAN_HELP, AddParser
from tui.cli.plain_argparse import bounded_int


def add_parsers(add: AddParser) -> None:
    add("plans", "list the plans in the database")
    p = add("status", "print a plan's status as of a date")
    p.add_argument("--plan", default=argparse.SUPPRESS, help=PLAN_HELP)
    p.add_argument("--format", choices=("rich", "text", "html", "json"), default="rich",
                   help="rich (the terminal, default), text, html (printable page) or json")
    p.add_argument("--output", "-o", help="file to write (default: standard output)")
    p.add_argument("--unit", help="only the items this unit leads (牵头), its own or inherited")
    p = add("overdue", "list overdue milestones")
    p.add_argument("--plan", default=argparse.SUPPRESS, help=PLAN_HELP)
    p = add("history", "show the journal of changes")
    p.add_argument("--plan", default=argparse.SUPPRESS, help=PLAN_HELP)
    p.add_argument("--limit", type=bounded_int(1, 10000), default=30,
                   help="how many changes to show (1..10000, default 30)")
    p = add("export", "write a plan with its state")
    p.add_argument("--plan", default=argparse.SUPPRESS, help=PLAN_HELP)
    p.add_argument("--format", choices=("json",), default="json", help="json (the only format)")
    p.add_argument("--output", "-o", help="file to write (default: standard output)")


def cmd_plans(ctx: Context) -> int:
    from tui.printouts import print_plans

    print_plans(ctx.console(), ctx.conn, ctx.today, ctx.t)
    return 0


def cmd_status(ctx: Context) -> int:
    from store.report import build_status

    reports = [build_status(ctx.conn, plan, ctx.today, ctx.soon_days, unit=ctx.args.unit) for plan in ctx.plans()]
    _emit(ctx, reports, ctx.t)
    return 0


def _emit(ctx: Context, reports: list, t) -> None:  # type: ignore[type-arg, no-untyped-def]
    """Print or write reports in ``--format``: the same renderers for ``status`` and ``report``."""
    from tui.cli.cmd_report import emit

    emit(ctx, ctx.args.format, reports, t)


def cmd_overdue(ctx: Context) -> int:
    """Streamed plain rows, not a rich table: 5,000 overdue milestones print in a blink."""
    from store.queries import overdue_rows
    from tui.listing import write_overdue

    for i, plan in enumerate(ctx.plans()):
        rows = overdue_rows(ctx.conn, plan.id, ctx.today)
        if i:
            sys.stdout.write("\n")
        write_overdue(sys.stdout, f"{plan.title} · {ctx.t('overdue_list')} ({len(rows)})", rows, ctx.today, ctx.t)
    return 0


def cmd_history(ctx: Context) -> int:
    from store import history
    from store import queries as q
    from tui.printouts import print_history

    plan_id = q.resolve_plan(ctx.conn, ctx.args.plan).id if ctx.args.plan else None
    print_history(ctx.console(), history.entries(ctx.conn, ctx.args.limit, plan_id), ctx.t)
    return 0


def cmd_export(ctx: Context) -> int:
    """Streamed: the document is written as SQLite reads it; ``-o`` replaces the file atomically."""
    import io

    from store.export import write_export

    plan = ctx.one_plan()
    if not ctx.args.output:
        write_export(ctx.conn, plan, ctx.today, sys.stdout, ctx.soon_days)
        return 0
    from tui.cli.output import write_file

    def write(handle) -> None:  # type: ignore[no-untyped-def]
        text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
        write_export(ctx.conn, plan, ctx.today, text, ctx.soon_days)
        text.flush()
        text.detach()  # the handle is write_file's to close

    write_file(ctx, ctx.args.output, write)
    return 0
