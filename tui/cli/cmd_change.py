"""Commands that change the database: tick, untick, record, undo, redo."""
from __future__ import annotations


import argparse
from datetime import date

from store.errors import PlandeskError
from tui.cli.context import Context
from tui.cli.parser import AddParser


def add_parsers(add: AddParser) -> None:
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
        p.add_argument("count", nargs="?", type=int, default=1, help="how many changes (1 or more, default 1)")
        p.add_argument("--plan", default=argparse.SUPPRESS, help="only changes of this plan")


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
    print(ctx.t("ticked", id=milestone_id, title=change.label, on=on.isoformat()))
    return 0


def _milestone_ref(ctx: Context, ref: str) -> str:
    """A milestone id; a node id whose node has exactly one milestone means that milestone (the
    app's rule too: ``store.ticking``)."""
    from store.ticking import milestone_to_tick

    return milestone_to_tick(ctx.conn, ref)


def cmd_untick(ctx: Context) -> int:
    from store import actions

    milestone_id = _milestone_ref(ctx, ctx.args.id)
    change = actions.untick(ctx.conn, milestone_id)
    print(ctx.t("unticked", id=milestone_id, title=change.label))
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


def _steps(ctx: Context, which: str) -> int:
    """Undo or redo N changes (of --plan only, if given); one line per change: what, item, plan."""
    from store import actions, history, queries as q
    from store.errors import BadInput
    from tui.history_text import step_line

    count = ctx.args.count
    if count < 1:
        raise PlandeskError(ctx.t("sd_count_min", step=which, n=count))
    plan = q.resolve_plan(ctx.conn, ctx.args.plan) if ctx.args.plan else None
    step = actions.undo if which == "undo" else actions.redo
    try:
        changes = step(ctx.conn, count, plan.id if plan else None)
    except BadInput:
        raise PlandeskError(ctx.t(f"sd_nothing_{which}" + ("_plan" if plan else ""),
                                  plan=plan.id if plan else "")) from None
    for change in changes:
        entry = history.entry(ctx.conn, change.seq)
        if entry is not None:
            print(step_line(entry, ctx.t, archived=change.archived))
    return 0


def cmd_undo(ctx: Context) -> int:
    return _steps(ctx, "undo")


def cmd_redo(ctx: Context) -> int:
    return _steps(ctx, "redo")
