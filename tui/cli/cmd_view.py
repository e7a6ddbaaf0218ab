"""Commands that read and print: plans, status, report, overdue, history, export."""
from __future__ import annotations

import argparse
import sys

from store.errors import PlandeskError
from tui.cli.context import Context
from tui.cli.parser import AddParser


def add_parsers(add: AddParser) -> None:
    add("plans", "list the plans in the database")
    p = add("status", "print a plan's status as of a date")
    p.add_argument("--plan", default=argparse.SUPPRESS)
    p.add_argument("--format", choices=("rich", "text", "html", "json"), default="rich",
                   help="rich (the terminal, default), text, html (printable page) or json")
    p.add_argument("--output", "-o", help="file to write (default: standard output)")
    p = add("overdue", "list overdue milestones")
    p.add_argument("--plan", default=argparse.SUPPRESS)
    p = add("history", "show the journal of changes")
    p.add_argument("--plan", default=argparse.SUPPRESS)
    p.add_argument("--limit", type=int, default=30)
    p = add("export", "write a plan with its state")
    p.add_argument("--plan", default=argparse.SUPPRESS)
    p.add_argument("--format", choices=("json",), default="json")
    p.add_argument("--output", "-o", help="file to write (default: standard output)")


def cmd_plans(ctx: Context) -> int:
    from tui.printouts import print_plans

    print_plans(ctx.console(), ctx.conn, ctx.today, ctx.t)
    return 0


def cmd_status(ctx: Context) -> int:
    from store.report import build_status

    reports = [build_status(ctx.conn, plan, ctx.today, ctx.soon_days) for plan in ctx.plans()]
    _emit(ctx, reports, ctx.t)
    return 0


def _emit(ctx: Context, reports: list, t) -> None:  # type: ignore[type-arg, no-untyped-def]
    """Print or write reports in ``--format`` (the same renderers for ``status`` and ``report``)."""
    from tui.reports.output import emit, protected_paths

    emit(ctx.args.format, reports, t, ctx.args.output, protected_paths(ctx), ctx.console)


def cmd_overdue(ctx: Context) -> int:
    from tui.printouts import print_overdue

    print_overdue(ctx.console(), ctx.conn, ctx.plans(), ctx.today, ctx.t, ctx.soon_days)
    return 0


def cmd_history(ctx: Context) -> int:
    from store import queries as q
    from tui.printouts import print_history

    plan_id = q.resolve_plan(ctx.conn, ctx.args.plan).id if ctx.args.plan else None
    print_history(ctx.console(), q.history(ctx.conn, ctx.args.limit, plan_id), ctx.t)
    return 0


def cmd_export(ctx: Context) -> int:
    import json

    from store.export import export_plan

    data = export_plan(ctx.conn, ctx.one_plan(), ctx.today, ctx.soon_days)
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if ctx.args.output:
        try:
            with open(ctx.args.output, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
        except OSError as exc:
            raise PlandeskError(f"{ctx.args.output}: cannot write ({exc.strerror})") from None
    else:
        sys.stdout.write(text + "\n")
    return 0


