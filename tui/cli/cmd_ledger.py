"""``plandesk ledger``: the units' fill-in ledger (台账) round, from the command line.

- ``export``: one workbook per unit for a period, and a summary of what was written;
- ``import FILE...``: each filled workbook checked, its differences shown, applied as one step
  per file (``--dry-run`` shows only); a file with any problem is refused whole, one line each;
- ``status``: which units answered and which did not (whom to chase);
- ``master``: the office's consolidated workbook for the period.

Each asks ``store.ledger*`` and prints; the rules live there.
"""
from __future__ import annotations

import argparse
import sys
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from store.errors import PlandeskError
from tui.cli.context import Context
from tui.cli.parser import AddParser

if TYPE_CHECKING:
    from store.periods import Period

ACTIONS = ("export", "import", "status", "master")
_FIELD_LABELS = {"state": "pg_col_state", "percent": "pg_col_percent", "note": "pg_col_note",
                 "problem": "pg_col_problem", "next_step": "pg_col_next", "evidence": "pg_col_evidence"}
_SHOWN_WIDTH = 60  # a long text is shown cut to about this many columns in the difference


def add_parsers(add: AddParser) -> None:
    p = add("ledger", "the units' fill-in ledger (台账): export workbooks, import the answers, status, master")
    p.add_argument("action", choices=ACTIONS,
                   help="export: a workbook per unit; import FILE...: read filled workbooks back; "
                        "status: who answered; master: the office's consolidated workbook")
    p.add_argument("files", nargs="*", metavar="FILE", help="with import: the filled workbooks (.xlsx)")
    p.add_argument("--plan", default=argparse.SUPPRESS)
    p.add_argument("--period", help="2023Q2, 2023-05, 2023H1, 2023 or 2023年第二季度 "
                                    "(default: the last period that has ended)")
    p.add_argument("--unit", action="append", metavar="UNIT", help="with export: only this unit (repeat)")
    p.add_argument("-o", "--output", metavar="PATH",
                   help="export: the folder for the workbooks (default: the current folder); master: the file")
    p.add_argument("--deadline", metavar="YYYY-MM-DD", help="with export: the date answers are due (on the cover)")
    p.add_argument("--dry-run", action="store_true", help="with import: show what would change, change nothing")
    p.add_argument("--force", action="store_true",
                   help="with import: take answers on items the unit is not named on")


def cmd_ledger(ctx: Context) -> int:
    args = ctx.args
    if args.files and args.action != "import":
        raise PlandeskError(ctx.t("lg_files_only_import"))
    return {"export": _export, "import": _import, "status": _status, "master": _master}[args.action](ctx)


def _period(ctx: Context, plan_id: str) -> Period:
    from store import ledger as lg
    from store import periods as pr
    from store import progress_views as pv

    period = pr.parse(ctx.args.period) if ctx.args.period else pv.due_period(ctx.conn, plan_id, ctx.today)
    lg.check_period(ctx.conn, plan_id, period)
    return period


def _date(ctx: Context, text: str, what: str) -> date:
    from store.clerk_dates import FIRST_YEAR, LAST_YEAR

    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise PlandeskError(ctx.t("in_not_iso_date", what=what, text=text)) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:  # a deadline of 1800 printed on every unit's cover
        raise PlandeskError(ctx.t("in_out_of_range", what=what, text=text, first=FIRST_YEAR, last=LAST_YEAR))
    return day


def _folder(ctx: Context) -> Path:
    """The export folder: made if missing; a file there is refused untouched (the database said
    as such, as every ``-o`` does); each workbook written in it is checked by ``write_file``."""
    from store import files

    folder = Path(ctx.args.output or ".")
    if folder.exists() and not folder.is_dir():
        try:
            files.check_output_path(folder, protected=[ctx.db_path])
        except files.OutputRefused as exc:
            raise PlandeskError(ctx.t(f"sd_out_{exc.reason}", path=exc.path, guarded=exc.guarded)) from None
        raise PlandeskError(ctx.t("lg_not_a_folder", path=folder))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _export(ctx: Context) -> int:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from store import ledger as lg
    from tui.cli.output import write_file

    args = ctx.args
    plan = ctx.one_plan()
    period = _period(ctx, plan.id)
    deadline = _date(ctx, args.deadline, "--deadline") if args.deadline else None
    books = lg.ledgers(ctx.conn, plan.id, period, args.unit)
    console = ctx.console()
    t = ctx.t
    if not books:
        console.print(Text(t("lg_nothing_owed", plan=plan.id, period=period.key)))
    else:
        folder = _folder(ctx)
        from tui.ledger_books import unit_book as lb

        table = Table(title=Text(t("lg_exported", period=period.key, folder=_shown(folder)), style="bold"),
                      title_justify="left", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        for key in ("lg_col_unit", "lg_col_items", "lg_col_as_lead", "lg_col_as_support"):
            table.add_column(t(key), justify="left" if key == "lg_col_unit" else "right", overflow="fold")
        table.add_column(t("lg_col_file"), overflow="fold")
        for book in books:
            path = folder / lg.file_name(plan.id, period.key, book.unit)
            write_file(ctx, path, partial(lb.write_unit_book,  # says on stderr if it replaced one
                                          plan_title=plan.title, plan_id=plan.id, period=period, ledger=book,
                                          deadline=deadline, exported=ctx.today))
            table.add_row(Text(_shown(book.unit)), Text(str(len(book.rows))), Text(str(book.lead_count)),
                          Text(str(len(book.rows) - book.lead_count)), Text(_shown(path.name)))
        console.print(table)
    unnamed = lg.unnamed_count(ctx.conn, plan.id, period)
    if unnamed and not args.unit:
        console.print(Text(t("lg_unnamed", n=unnamed, period=period.key), style="yellow"))
    return 0


def _short(value: Any, ctx: Context) -> str:
    from rich.cells import cell_len

    from store.safe_text import visible

    if value is None or value == ():
        return "—"
    if isinstance(value, tuple):
        value = "；".join(value)
    if isinstance(value, float):
        return f"{value:g}"
    text = visible(str(value), one_line=True)
    if cell_len(text) <= _SHOWN_WIDTH:
        return text
    while cell_len(text) > _SHOWN_WIDTH - 1:
        text = text[:-1]
    return text + "…"


MAX_PROBLEM_LINES = 50  # per refused file; the first ones say what the unit has to mend


def _problem_line(ctx: Context, problem: Any) -> str:
    from store.safe_text import visible

    where = visible(problem.file, one_line=True)  # a file and sheet name a unit chose: data too
    if problem.sheet:
        where += ctx.t("lg_at_sheet", sheet=visible(problem.sheet, one_line=True))
    if problem.row:
        where += ctx.t("lg_at_row", row=problem.row)
    values = {k: visible(str(v), one_line=True) for k, v in problem.values.items()}
    return f"{where}: {ctx.t('lg_p_' + problem.code, **values)}"


def _import(ctx: Context) -> int:
    from rich.text import Text

    from store import ledger_apply as la
    from store import ledger_read as lr
    from store import periods as pr
    from store import queries as q

    args = ctx.args
    if not args.files:
        raise PlandeskError(ctx.t("lg_no_files"))
    expect_plan = q.resolve_plan(ctx.conn, args.plan).id if getattr(args, "plan", None) else None
    expect_period = pr.parse(args.period).key if args.period else None
    console = ctx.console()
    t = ctx.t
    refused = 0
    for name in args.files:
        path = Path(name)
        if not path.is_file():
            print(f"{_shown(name)}: {t('lg_p_no_file')}", file=sys.stderr)
            refused += 1
            continue
        checked = la.check(ctx.conn, lr.read_book(path), ctx.today, force=args.force, expect_plan=expect_plan,
                           expect_period=expect_period)
        if checked.refused:
            refused += 1
            print(t("lg_refused", file=_shown(path.name), n=len(checked.problems)), file=sys.stderr)
            for problem in checked.problems[:MAX_PROBLEM_LINES]:
                print("  " + _problem_line(ctx, problem), file=sys.stderr)
            if len(checked.problems) > MAX_PROBLEM_LINES:  # a sheet of pasted rows: not 100,000 lines
                print("  " + t("lg_more_problems", n=len(checked.problems) - MAX_PROBLEM_LINES), file=sys.stderr)
            continue
        _show(ctx, console, checked)
        if args.dry_run:
            console.print(Text("  " + t("lg_dry_run"), style="dim"))
            continue
        change = la.apply(ctx.conn, checked)
        if change is not None:
            console.print(Text("  " + t("lg_applied", n=len(checked.changes), seq=change.seq), style="green"))
    return 1 if refused else 0


def _show(ctx: Context, console: Any, checked: Any) -> None:
    from rich.text import Text

    t = ctx.t
    book = checked.book
    console.print(Text(t("lg_file_heading", file=_shown(book.name), unit=_shown(book.unit), plan=_shown(book.plan_id),
                         period=checked.period.key, on=checked.on.isoformat()), style="bold"))
    for change in checked.changes:
        line = Text(f"  {change.item_id.split('/', 1)[-1]} ", style="dim")
        line.append(_shown(change.title))
        line.append(t("lg_at_row", row=change.row), style="dim")
        console.print(line, overflow="fold")
        if not change.fields:
            console.print(Text("    " + t("lg_confirmed"), style="dim"))
        for field in change.fields:
            before, after = field.before, field.after
            if field.field == "state":
                before = t(f"pg_state_{before}") if before else None
                after = t(f"pg_state_{after}")
            console.print(Text(f"    {t(_FIELD_LABELS[field.field])}: {_short(before, ctx)} -> {_short(after, ctx)}"),
                          overflow="fold")
    console.print(Text("  " + t("lg_file_summary", new=len(checked.changes), same=checked.unchanged,
                                blank=book.blank)))


def _status(ctx: Context) -> int:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from store import ledger as lg

    t = ctx.t
    plan = ctx.one_plan()
    period = _period(ctx, plan.id)
    rows = lg.status(ctx.conn, plan.id, period)
    console = ctx.console()
    console.print(Text(_shown(plan.title), style="bold"))
    if not rows:
        console.print(Text(t("lg_nothing_owed", plan=plan.id, period=period.key)))
        return 0
    table = Table(title=Text(t("lg_status_heading", period=period.key), style="bold"), title_justify="left",
                  box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column(t("lg_col_unit"), overflow="fold")
    for key in ("lg_col_sent", "lg_col_answered", "lg_col_missing"):
        table.add_column(t(key), justify="right", no_wrap=True)
    table.add_column(t("lg_col_files"), overflow="fold")
    for row in rows:
        table.add_row(Text(_shown(row.unit)), Text(str(row.sent)), Text(str(row.answered), style="green" if row.answered
                                                                 else "dim"),
                      Text(str(row.missing), style="bold yellow" if row.missing else "dim"),
                      Text("\n".join(map(_shown, row.files)) if row.files else "—"))
    console.print(table)
    chase = [r.unit for r in rows if r.answered == 0]
    console.print(Text(t("lg_status_chase", units="、".join(map(_shown, chase))) if chase else t("lg_status_all"),
                       style="yellow" if chase else "green"))
    unnamed = lg.unnamed_count(ctx.conn, plan.id, period)
    if unnamed:
        console.print(Text(t("lg_unnamed", n=unnamed, period=period.key), style="dim"))
    return 0


def _master(ctx: Context) -> int:
    from tui.cli.output import write_file
    from tui.ledger_books import master_book as lm

    plan = ctx.one_plan()
    period = _period(ctx, plan.id)
    if not ctx.args.output:
        raise PlandeskError(ctx.t("lg_master_needs_o"))
    path = ctx.args.output
    count: list[int] = []
    write_file(ctx, path, lambda handle: count.append(lm.write_master(  # checked, atomic, says if it replaced
        handle, ctx.conn, plan.id, plan.title, period, ctx.today, ctx.soon_days)))
    print(_shown(ctx.t("lg_master_written", file=str(path), n=count[0], period=period.key)))
    return 0


def _shown(text: object) -> str:
    """A name from a workbook or a plan, as one line with its control and bidi characters shown
    as markers: the terminal must not act on them."""
    from store.safe_text import visible

    return visible(str(text), one_line=True)
