"""Commands of the reporting cycle: progress (enter, list, correct), missing (催报), units (通报 by
unit, and setting lead / supporting units). Each asks one store function and prints."""
from __future__ import annotations

import argparse
from datetime import date

from store.errors import PlandeskError
from store.safe_text import visible
from tui.cli.context import Context
from tui.cli.parser import AddParser
from tui.cli.plain_argparse import bounded_int

MAX_REPORT = 2**31 - 1  # report numbers count up from 1

_REPORT_FIELDS = ("percent", "note", "problem", "next", "evidence", "unit", "source")


def add_parsers(add: AddParser) -> None:
    p = add("progress", "enter a progress report (进展情况) on a task, or list its reports")
    p.add_argument("id", help="task, entry, project or milestone id, e.g. wulong/c3.s1.t1")
    p.add_argument("--period",
                   help="2023Q2, 2023-05, 2023H1, 2023 or 2023年第二季度 (default: the last period that has ended)")
    p.add_argument("--state", help="未启动/not-started, 推进中/on-track, 滞后/behind, 已完成/done")
    p.add_argument("--percent", type=float, help="share done, 0-100")
    p.add_argument("--note", help="进展情况: what was done")
    p.add_argument("--problem", help="存在问题: problems and their causes")
    p.add_argument("--next", help="下步措施: next steps")
    p.add_argument("--evidence", action="append", metavar="TEXT_OR_PATH",
                   help="佐证材料: a file path or a text (repeat for several; files are referenced, not copied)")
    p.add_argument("--unit", help="the reporting unit")
    p.add_argument("--on", help="the report's date (default: --today); a 已完成 report ticks with it")
    p.add_argument("--source", help="where the report came from, e.g. a ledger workbook's file name")
    which = p.add_mutually_exclusive_group()
    number = bounded_int(1, MAX_REPORT)  # a number past SQLite's integers was an OverflowError traceback
    which.add_argument("--edit", type=number, metavar="N", help="correct report #N with the options given")
    which.add_argument("--delete", type=number, metavar="N", help="delete report #N (undo brings it back)")
    p = add("missing", "list, by unit, the tasks with no progress report for a period (催报)")
    p.add_argument("--plan", default=argparse.SUPPRESS)
    p.add_argument("--period", help="default: the last period that has ended")
    p = add("units", "per unit: tasks led, done, overdue, red, yellow, reported; or set an item's units")
    p.add_argument("action", nargs="?", choices=("set",), help="set: change the units of ID")
    p.add_argument("id", nargs="?", help="with set: the node whose units change")
    p.add_argument("--plan", default=argparse.SUPPRESS)
    p.add_argument("--period", help="the period for the reported column (default: the last period that has ended)")
    p.add_argument("--lead", action="append", metavar="UNIT", help="lead unit(s), 牵头单位 (repeat, or 、 between)")
    p.add_argument("--support", action="append", metavar="UNIT",
                   help="supporting unit(s), 配合单位 (repeat, or 、 between; '' for none)")
    p.add_argument("--as-printed", action="store_true", help="back to the plan's own lead and supporting units")


def _date(ctx: Context, text: str, what: str) -> date:
    """A report's date: the store's one clerk-date reader, phrases in the as-of year (never the clock's)."""
    from store.clerk_dates import ClerkDateError, parse_clerk_date

    try:
        return parse_clerk_date(text, ctx.today)
    except ClerkDateError as exc:
        from tui.phrases import date_problem

        raise PlandeskError(date_problem(ctx.t, exc, what)) from None


def _state_label(ctx: Context, state: str) -> str:
    return ctx.t(f"pg_state_{state}")


def cmd_progress(ctx: Context) -> int:
    args = ctx.args
    if args.delete is not None:
        from store import progress_actions as pa

        pa.delete(ctx.conn, args.delete)
        print(ctx.t("pg_deleted", id=args.delete))
        return 0
    if args.edit is not None:
        return _edit(ctx)
    given = [f for f in _REPORT_FIELDS if getattr(args, f) is not None] + (["period"] if args.period else [])
    if args.state is None:
        if given:
            raise PlandeskError(ctx.t("in_pg_state_needed"))
        return _list(ctx)
    return _enter(ctx)


def _enter(ctx: Context) -> int:
    from store import periods as pr
    from store import progress as pg
    from store import progress_actions as pa
    from store import progress_views as pv

    args = ctx.args
    item = pg.resolve_item(ctx.conn, args.id)
    period = pr.parse(args.period) if args.period else pv.entry_period(ctx.conn, item.plan_id, ctx.today)
    on = _date(ctx, args.on, "--on") if args.on else ctx.today
    change = pa.report(ctx.conn, item.id, period, args.state, on=on, percent=args.percent, note=args.note,
                       problem=args.problem, next_step=args.next, evidence=args.evidence, unit=args.unit,
                       source=args.source)
    after = change.after or {}
    print(ctx.t("pg_saved", id=change.entity_id, item=f"{item.id} {item.title}", period=period.key,
                state=_state_label(ctx, after["state"])))
    ticked = sorted(change.also("milestone"))
    if ticked:
        print(ctx.t("pg_ticked", on=on.isoformat(), ids=", ".join(ticked)))
    _print_light(ctx, item.plan_id, item.id)
    return 0


def _edit(ctx: Context) -> int:
    from store import progress_actions as pa

    args = ctx.args
    fields = {"state": args.state}
    for name, key in (("percent", "percent"), ("note", "note"), ("problem", "problem"), ("next", "next_step"),
                      ("evidence", "evidence"), ("unit", "unit"), ("source", "source")):
        value = getattr(args, name)
        if value is not None:
            fields[key] = value
    if args.on:
        fields["on"] = _date(ctx, args.on, "--on")
    pa.edit(ctx.conn, args.edit, **fields)
    print(ctx.t("pg_edited", id=args.edit))
    return 0


def _print_light(ctx: Context, plan_id: str, item_id: str) -> None:
    from store import lights as lt

    light = lt.item_light(ctx.conn, lt.settings(ctx.conn, plan_id, ctx.today, ctx.soon_days), item_id)
    if light is not None:
        expected = "—" if light.expected is None else f"{light.expected:g}"
        print(ctx.t("pg_item_light", light=ctx.t(f"pg_{light.light}"), why=ctx.t(f"pg_reason_{light.reason}"),
                    expected=expected))


def _list(ctx: Context) -> int:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from store import progress as pg

    item = pg.resolve_item(ctx.conn, ctx.args.id)
    console = ctx.console()
    t = ctx.t
    console.print(Text(t("pg_reports_of", title=visible(f"{item.id} {item.title}", one_line=True)), style="bold"))
    _print_light(ctx, item.plan_id, item.id)
    reports = pg.reports_of(ctx.conn, item.id)
    if not reports:
        console.print(Text("  " + t("pg_no_reports"), style="dim"))
        return 0
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    for key in ("pg_col_period", "pg_col_state", "pg_col_percent"):
        table.add_column(t(key), no_wrap=True)
    for key in ("pg_col_note", "pg_col_problem", "pg_col_next", "pg_col_evidence", "pg_col_unit"):
        table.add_column(t(key), overflow="fold")
    table.add_column(t("pg_col_on"), no_wrap=True)
    table.add_column(t("pg_col_by"), no_wrap=True)
    table.add_column(t("lg_col_source"), overflow="fold")  # e.g. the ledger workbook it was read from
    for r in reports:  # latest first
        period = r.period if r.item_id == item.id else f"{r.period} ({r.item_id.split('/', 1)[-1]})"
        written = (r.note, r.problem, r.next_step, "\n".join(r.evidence), r.unit)  # the units' own words
        table.add_row(Text(str(r.id)), Text(period), Text(_state_label(ctx, r.state)),
                      Text("" if r.percent is None else f"{r.percent:g}"), *(Text(visible(w or "")) for w in written),
                      Text(r.reported_on), Text(visible(r.who or "", one_line=True)),
                      Text(visible(r.source or "", one_line=True)))
    console.print(table)
    return 0


def cmd_missing(ctx: Context) -> int:
    """Streamed plain rows like ``overdue``: 49,000 unreported items print in a blink, not in seconds."""
    import sys

    from store import periods as pr
    from store import progress_views as pv
    from tui.listing import write_missing

    t = ctx.t
    for plan in ctx.plans():
        period = pr.parse(ctx.args.period) if ctx.args.period else pv.due_period(ctx.conn, plan.id, ctx.today)
        pr.check_in_plan(period, plan.start_year, plan.end_year)
        groups = pv.missing(ctx.conn, plan.id, period, ctx.today)
        total = len({item.id for g in groups for item in g.items})
        heading = t("pg_missing_heading", period=period.key, n=total) if groups else None
        rows = [(g.unit or t("pg_no_unit"), [(item.id.split("/", 1)[-1], item.number, item.title, item.due)
                                             for item in g.items]) for g in groups]
        write_missing(sys.stdout, plan.title, heading, t("pg_missing_none", period=period.key), rows,
                      t("pg_col_due"))
    return 0


def cmd_units(ctx: Context) -> int:
    if ctx.args.action == "set":
        return _set_units(ctx)
    if ctx.args.id:
        raise PlandeskError(ctx.t("in_units_id_with_set"))
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from store import periods as pr
    from store import progress_views as pv

    t = ctx.t
    console = ctx.console()
    for plan in ctx.plans():
        period = pr.parse(ctx.args.period) if ctx.args.period else None
        period, rows = pv.unit_rows(ctx.conn, plan.id, ctx.today, ctx.soon_days, period)
        console.print(Text(visible(plan.title, one_line=True), style="bold"))
        table = Table(title=Text(t("pg_units_heading", period=period.key), style="bold"), title_justify="left",
                      box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        table.add_column(t("pg_col_lead"), overflow="fold")
        styles = ("", "green", "bold red", "bold red", "yellow", "green", "", "yellow")
        for key in ("pg_col_led", "pg_col_done", "pg_col_overdue", "pg_red", "pg_yellow", "pg_green",
                    "pg_col_reported", "pg_col_owing"):
            table.add_column(t(key), justify="right", no_wrap=True)
        for row in rows:
            numbers = row[1:]
            cells = (Text(str(n), style=style if n else "dim") for n, style in zip(numbers, styles, strict=True))
            table.add_row(Text(visible(row.unit, one_line=True) if row.unit else t("pg_no_unit")), *cells)
        console.print(table)
    return 0


def _set_units(ctx: Context) -> int:
    from store import actions
    from store import queries as q
    from store.units import split_units

    def names(given: list[str]) -> list[str]:  # each --lead / --support may hold several, 、 between
        return [u for text in given for u in split_units(text)]

    args = ctx.args
    if not args.id:
        raise PlandeskError(ctx.t("in_units_which"))
    node_id = q.resolve_item(ctx.conn, "nodes", args.id)
    if args.as_printed:
        if args.lead or args.support:
            raise PlandeskError(ctx.t("in_units_as_printed_alone"))
        actions.set_units(ctx.conn, node_id, None, support=None)
    else:
        if args.lead is None and args.support is None:
            raise PlandeskError(ctx.t("in_units_give"))
        actions.set_units(ctx.conn, node_id, actions.KEEP if args.lead is None else names(args.lead),
                          support=actions.KEEP if args.support is None else names(args.support))
    node = q.node(ctx.conn, node_id)
    none = ctx.t("none")
    print(ctx.t("pg_units_set", id=node_id, lead="、".join(node.effective_units) or none,
                support="、".join(node.effective_support) or none))
    return 0
