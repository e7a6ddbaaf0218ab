"""The ``plandesk`` command: with no command it opens the app; otherwise one quick job.

Headless commands import neither Textual nor sqlite-utils (they cost ~185 ms and ~80 ms);
``tick`` does not even import rich. Every error a clerk can cause is one line and exit 1.
"""
from __future__ import annotations

import argparse
import sqlite3
import sys
from datetime import date
from typing import Callable, NoReturn, Sequence

from store import status as st
from store.errors import ImportFailed, PlandeskError

EXIT_ERROR = 1
EXIT_USAGE = 2


def _common(parser: argparse.ArgumentParser, suppress: bool) -> None:
    """Options every command takes, before or after the command name."""
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--db", default=default, help="database file (default: PLANDESK_DB or the user data folder)")
    parser.add_argument("--today", default=default, metavar="YYYY-MM-DD",
                        help="show status as of this date (default: PLANDESK_TODAY or today)")
    parser.add_argument("--lang", choices=("zh", "en"), default=default, help="language of labels")
    parser.add_argument("--soon-days", type=int, default=argparse.SUPPRESS if suppress else st.DEFAULT_SOON_DAYS,
                        metavar="N", help="'due soon' window in days (default 30)")


class _NotJustTheApp(Exception):
    """The short parser met something only the whole parser can explain."""


class _AppOnlyParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _NotJustTheApp(message)


def build_parser(with_commands: bool = True) -> argparse.ArgumentParser:
    """The whole command line; ``with_commands=False``: just the options that open the app."""
    parser_class = argparse.ArgumentParser if with_commands else _AppOnlyParser
    parser = parser_class(prog="plandesk", description="Offline progress tracker for a bureau's plan.")
    _common(parser, suppress=False)
    parser.add_argument("--plan", default=None, help="plan id or unambiguous prefix (e.g. wulong)")
    if not with_commands:
        parser.add_argument("command", nargs="?")
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = argparse.ArgumentParser(add_help=False)
    _common(common, suppress=True)

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help_text, parents=[common], description=help_text)

    add("app", "open the interactive app (the default)").add_argument("--plan", default=argparse.SUPPRESS)
    add("plans", "list the plans in the database")
    p = add("status", "print a plan's status as of a date")
    p.add_argument("--plan", default=argparse.SUPPRESS)
    p.add_argument("--format", choices=("rich", "text", "html", "json"), default="rich",
                   help="rich (the terminal, default), text, html (printable page) or json")
    p.add_argument("--output", "-o", help="file to write (default: standard output)")
    p = add("report", "annual monitoring, mid-term or final evaluation report of a plan")
    p.add_argument("--plan", default=argparse.SUPPRESS)
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--year", type=int, help="annual monitoring report (年度监测) for this year")
    which.add_argument("--midterm", action="store_true", help="mid-term evaluation (中期评估): first to middle year")
    which.add_argument("--final", action="store_true", help="final evaluation (总结评估): the whole period")
    p.add_argument("--format", choices=("rich", "text", "html", "xlsx", "csv", "md", "json"), default="rich",
                   help="rich (the terminal, default), text, html (printable), xlsx (ledger workbook), csv, md, json")
    p.add_argument("--output", "-o", help="file to write (default: standard output; xlsx: report.xlsx)")
    p = add("overdue", "list overdue milestones")
    p.add_argument("--plan", default=argparse.SUPPRESS)
    p = add("tick", "mark a milestone done")
    p.add_argument("id", help="milestone id, e.g. wulong/a1.p1.yangjiao")
    p.add_argument("--on", help="completion date (default: today)")
    p.add_argument("--note", help="a note on the completion")
    p = add("untick", "mark a milestone not done")
    p.add_argument("id")
    p = add("record", "record an indicator's actual value for a year")
    p.add_argument("indicator", help="indicator id, e.g. wulong/i01")
    p.add_argument("year", help="the year, e.g. 2023")
    p.add_argument("value", help="the value, e.g. 3.6")
    p.add_argument("--note")
    for name, text in (("undo", "undo the last change(s)"), ("redo", "redo what was undone")):
        p = add(name, text)
        p.add_argument("count", nargs="?", type=int, default=1)
    p = add("history", "show the journal of changes")
    p.add_argument("--plan", default=argparse.SUPPRESS)
    p.add_argument("--limit", type=int, default=30)
    p = add("export", "write a plan with its state")
    p.add_argument("--plan", default=argparse.SUPPRESS)
    p.add_argument("--format", choices=("json",), default="json")
    p.add_argument("--output", "-o", help="file to write (default: standard output)")
    p = add("import", "import or re-import a plan file (YAML)")
    p.add_argument("file")
    return parser


class Context:
    """What every command needs: the options, the language, today, and the database on demand."""

    def __init__(self, args: argparse.Namespace):
        from store.clock import resolve_today
        from tui.i18n import Catalog, detect_lang

        self.args = args
        self.t = Catalog(detect_lang(args.lang))
        try:
            self.today: date = resolve_today(args.today)
        except ValueError:
            raise PlandeskError(f"--today: not a date (YYYY-MM-DD): {args.today!r}") from None
        if args.soon_days is not None and args.soon_days < 0:
            raise PlandeskError("--soon-days: must be 0 or more")
        self.soon_days: int = args.soon_days
        self._conn: sqlite3.Connection | None = None
        self.seed_new_database = True

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            from store.db import open_store
            from store.locations import resolve_db_path

            self.db_path = resolve_db_path(self.args.db)
            try:
                self._conn = open_store(self.db_path, seed=self.seed_new_database)
            except sqlite3.DatabaseError as exc:
                raise PlandeskError(f"{self.db_path}: cannot open the database ({exc})") from None
        return self._conn

    def plans(self):  # type: ignore[no-untyped-def]
        from store import queries as q

        if self.args.plan:
            return [q.resolve_plan(self.conn, self.args.plan)]
        return q.list_plans(self.conn)

    def one_plan(self):  # type: ignore[no-untyped-def]
        """The plan named by --plan, else the only or remembered one, else the first."""
        from store import queries as q

        if self.args.plan:
            return q.resolve_plan(self.conn, self.args.plan)
        remembered = q.get_setting(self.conn, "last_plan")
        plans = q.list_plans(self.conn)
        if not plans:
            raise PlandeskError(self.t("no_plans", db=self.db_path))
        for plan in plans:
            if plan.id == remembered:
                return plan
        return plans[0]

    def console(self):  # type: ignore[no-untyped-def]
        from tui.printouts import make_console

        return make_console()


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
    """Print or write reports in ``--format``: the same renderers for ``status`` and ``report``."""
    fmt, output = ctx.args.format, ctx.args.output
    if fmt == "rich" and not output:
        from tui.reports.terminal import print_reports

        print_reports(ctx.console(), reports, t)
        return
    from tui.reports import render_text, text_width

    text = render_text(fmt, reports, t, text_width())
    if not output:
        sys.stdout.write(text)
        return
    try:  # a spreadsheet opens a CSV as UTF-8 only with the byte-order mark
        with open(output, "w", encoding="utf-8-sig" if fmt == "csv" else "utf-8", newline="") as handle:
            handle.write(text)
    except OSError as exc:
        raise PlandeskError(f"{output}: cannot write ({exc.strerror})") from None


def cmd_report(ctx: Context) -> int:
    import os

    from store import report as rp
    from tui.i18n import LANG_ENV, Catalog

    # the documents are Chinese: Chinese labels unless --lang (or PLANDESK_LANG) says otherwise
    env = os.environ.get(LANG_ENV)
    t = Catalog(ctx.args.lang or (env if env in ("zh", "en") else "zh"))
    plan = ctx.one_plan()
    kind = rp.MIDTERM if ctx.args.midterm else rp.FINAL if ctx.args.final else rp.ANNUAL
    period = rp.period_for(plan, kind, ctx.args.year)
    report = rp.build_report(ctx.conn, plan, period, ctx.today, ctx.soon_days, ledger=ctx.args.format == "xlsx")
    if ctx.args.format != "xlsx":
        _emit(ctx, [report], t)
        return 0
    from tui.reports.workbook import write_workbook

    output = ctx.args.output
    if not output:
        output = "report.xlsx"
        print(t("rp_xlsx_default", path=os.path.abspath(output)), file=sys.stderr)
    try:
        write_workbook(report, t, output)
    except OSError as exc:
        raise PlandeskError(f"{output}: cannot write ({exc.strerror})") from None
    print(t("rp_wrote", path=output))
    return 0


def cmd_overdue(ctx: Context) -> int:
    from tui.printouts import print_overdue

    print_overdue(ctx.console(), ctx.conn, ctx.plans(), ctx.today, ctx.t, ctx.soon_days)
    return 0


def _date_arg(text: str, what: str) -> date:
    from store.deadlines import DeadlineError, parse_iso_date

    try:
        return parse_iso_date(text)
    except (DeadlineError, ValueError):
        raise PlandeskError(f"{what}: not a date: {text!r}") from None


def cmd_tick(ctx: Context) -> int:
    from store import actions

    milestone_id = _milestone_ref(ctx, ctx.args.id)
    on = _date_arg(ctx.args.on, "--on") if ctx.args.on else ctx.today
    change = actions.tick(ctx.conn, milestone_id, on, ctx.args.note)
    print(ctx.t("ticked", id=milestone_id, title=change.after["title"], on=on.isoformat()))  # type: ignore[index]
    return 0


def _milestone_ref(ctx: Context, ref: str) -> str:
    """A milestone id; a node id whose node has exactly one milestone means that milestone."""
    from store import queries as q
    from store.errors import NotFound

    try:
        return q.resolve_item(ctx.conn, "milestones", ref)
    except NotFound as not_a_milestone:
        try:
            node_id = q.resolve_item(ctx.conn, "nodes", ref)
        except NotFound:
            raise not_a_milestone from None
        ids = [m.id for m in q.milestones_of_node(ctx.conn, node_id, ctx.today)]
        if len(ids) == 1:
            return ids[0]
        raise NotFound(f"{ref!r} is a node with {len(ids)} milestones: {', '.join(ids) or 'none'}") from None


def cmd_untick(ctx: Context) -> int:
    from store import actions

    milestone_id = _milestone_ref(ctx, ctx.args.id)
    change = actions.untick(ctx.conn, milestone_id)
    print(ctx.t("unticked", id=milestone_id, title=change.after["title"]))  # type: ignore[index]
    return 0


def cmd_record(ctx: Context) -> int:
    from store import actions, queries as q
    from store.values import ValueError_, format_number, parse_actual

    indicator_id = q.resolve_item(ctx.conn, "indicators", ctx.args.indicator)
    try:
        year = int(ctx.args.year)
    except ValueError:
        raise PlandeskError(f"year: not a year: {ctx.args.year!r}") from None
    try:
        value = parse_actual(ctx.args.value)
    except ValueError_ as exc:
        raise PlandeskError(f"value: {exc}") from None
    actions.record(ctx.conn, indicator_id, year, value, ctx.args.note)
    print(ctx.t("recorded", id=indicator_id, year=year, value=format_number(value)))
    return 0


def _describe(ctx: Context, change) -> str:  # type: ignore[no-untyped-def]
    state = change.after or change.before or {}
    label = state.get("title") or (f"{state.get('value')}" if "value" in state else "")
    return f"{change.entity_id} {label}".strip()


def cmd_undo(ctx: Context) -> int:
    from store import actions

    for change in actions.undo(ctx.conn, ctx.args.count):
        print(ctx.t("undone", what=_describe(ctx, change)))
    return 0


def cmd_redo(ctx: Context) -> int:
    from store import actions

    for change in actions.redo(ctx.conn, ctx.args.count):
        print(ctx.t("redone", what=_describe(ctx, change)))
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


def cmd_import(ctx: Context) -> int:
    from store.importer import import_file

    ctx.seed_new_database = False  # a new file gets just the plans imported into it
    for report in import_file(ctx.conn, ctx.args.file):
        print(ctx.t("imported", plan=report.plan_id, added=sum(report.added.values()),
                    updated=sum(report.updated.values()), restored=sum(report.restored.values()),
                    archived=len(report.archived)))
        for kind, item_id, title in report.archived:
            print(ctx.t("archived_item", kind=kind, id=item_id, title=title))
    return 0


def cmd_app(ctx: Context) -> int:
    from tui.app_main import run_app

    return run_app(ctx)


COMMANDS: dict[str, Callable[[Context], int]] = {
    "app": cmd_app, "plans": cmd_plans, "status": cmd_status, "report": cmd_report, "overdue": cmd_overdue, "tick": cmd_tick,
    "untick": cmd_untick, "record": cmd_record, "undo": cmd_undo, "redo": cmd_redo, "history": cmd_history,
    "export": cmd_export, "import": cmd_import,
}


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse the command line. Opening the app (no command named) skips building the thirteen
    sub-command parsers, about 2 ms of the app's start-up; anything else, a mistyped command or
    ``--help`` and every error included, gets the whole parser and its messages."""
    tokens = list(sys.argv[1:] if argv is None else argv)
    if not any(token in COMMANDS or token.startswith("-h") or token == "--help" for token in tokens):
        try:
            args = build_parser(with_commands=False).parse_args(tokens)
        except _NotJustTheApp:
            pass
        else:
            if args.command is None:
                return args
    return build_parser().parse_args(tokens)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    command = args.command or "app"
    try:
        ctx = Context(args)
        return COMMANDS[command](ctx)
    except ImportFailed as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_ERROR
    except PlandeskError as exc:
        print(f"plandesk: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except sqlite3.DatabaseError as exc:
        print(f"plandesk: database error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:
        print(f"plandesk: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
