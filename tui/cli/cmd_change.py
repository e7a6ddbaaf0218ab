"""Commands that change the database: tick, untick, record, undo, redo."""
from __future__ import annotations


import argparse
from datetime import date

from store.errors import PlandeskError
from store.safe_text import visible
from tui.cli.context import Context
from tui.cli.parser import AddParser


def add_parsers(add: AddParser) -> None:
    p = add("tick", "mark a milestone done")
    p.add_argument("id", help="milestone id, e.g. wulong/a1.p1.yangjiao")
    p.add_argument("--on", help="completion date (default: today)")
    p.add_argument("--note", help="a note on the completion")
    p = add("untick", "mark a milestone not done")
    p.add_argument("id", help="milestone id, e.g. wulong/a1.p1.yangjiao")
    p = add("record", "record an indicator's actual value for a year")
    p.add_argument("indicator", help="indicator id, e.g. wulong/i01")
    p.add_argument("year", help="the year, e.g. 2023")
    p.add_argument("value", help="the value, e.g. 3.6")
    p.add_argument("--note", help="a note on the value")
    for name, text in (("undo", "undo the last change(s)"), ("redo", "redo what was undone")):
        p = add(name, text)
        p.add_argument("count", nargs="?", type=int, default=1, help="how many changes (1 or more, default 1)")
        p.add_argument("--plan", default=argparse.SUPPRESS, help="only changes of this plan")


def _completion_date(ctx: Context, text: str) -> date:
    """``--on``: any date a clerk writes, phrases read in the as-of year, not after the as-of date."""
    from store.clerk_dates import ClerkDateError, parse_completion_date

    try:
        return parse_completion_date(text, ctx.today)
    except ClerkDateError as exc:
        from tui.phrases import date_problem  # only on a mistake: tick stays fast

        raise PlandeskError(date_problem(ctx.t, exc, "--on")) from None


def cmd_tick(ctx: Context) -> int:
    from store import actions

    on = _completion_date(ctx, ctx.args.on) if ctx.args.on else ctx.today
    milestone_id = _milestone_ref(ctx, ctx.args.id)
    change = actions.tick(ctx.conn, milestone_id, on, ctx.args.note)
    print(visible(ctx.t("ticked", id=milestone_id, title=change.label, on=on.isoformat())))
    before = (change.before or {}).get("done_on")
    if before and before != on.isoformat():  # ticking again replaces a date: say which
        print(ctx.t("in_retick", before=before))
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
    print(visible(ctx.t("unticked", id=milestone_id, title=change.label)))
    return 0


def cmd_record(ctx: Context) -> int:
    import sys

    from store import actions, queries as q
    from store.values import ValueError_, YearOutsidePeriod, format_number, parse_actual
    from tui.phrases import value_warning

    indicator_id = q.resolve_item(ctx.conn, "indicators", ctx.args.indicator)
    shown = visible(ctx.args.year, one_line=True)
    try:
        year = int(ctx.args.year.strip().removesuffix("年"))  # int() reads full-width digits too
    except ValueError:
        raise PlandeskError(ctx.t("in_not_a_year", text=shown)) from None
    try:
        value = parse_actual(ctx.args.value)
    except ValueError_:
        raise PlandeskError(ctx.t("in_not_a_number", text=visible(ctx.args.value, one_line=True))) from None
    try:
        actions.record(ctx.conn, indicator_id, year, value, ctx.args.note)
    except YearOutsidePeriod as exc:
        raise PlandeskError(ctx.t("in_year_outside", year=exc.year, start=exc.start, end=exc.end)) from None
    print(ctx.t("recorded", id=indicator_id, year=year, value=format_number(value)))
    unit = ctx.conn.execute("SELECT unit FROM indicators WHERE id = ?", (indicator_id,)).fetchone()[0]
    for warning in value_warning(ctx.t, value, unit):
        print(warning, file=sys.stderr)
    return 0


def _steps(ctx: Context, which: str) -> int:
    """Undo or redo N changes (of --plan only, if given); one line per change: what, item, plan."""
    from store import actions, history, queries as q
    from store.errors import BadInput
    from tui.history_text import step_line

    count = ctx.args.count
    if count < 1:
        raise BadInput("err_undo_count" if which == "undo" else "err_redo_count", count=count)
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
