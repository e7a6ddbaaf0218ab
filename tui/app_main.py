"""``plandesk`` with no command: open the app on the database and plan the command line names."""
from __future__ import annotations

import gc
import os
import sqlite3
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.cli import Context


PRECHECK_ROWS = 3_000  # a database this small is checked for hand-typed values before the app opens (<20 ms)


def _refuse_unreadable(conn: sqlite3.Connection, ctx: Context) -> None:
    """A value typed in by hand (store.row_check) would stop the app with a traceback on the first
    screen that reads it: say it in one line first. A larger database (60 ms to check 10,000 nodes,
    0.3 s for 50,000: the first screen must not wait for it) is explained only if the app does stop
    on an error."""
    from store.row_check import UnreadableValue, first_unreadable

    size = conn.execute("SELECT coalesce(max(rowid), 0) FROM nodes").fetchone()[0]
    found = first_unreadable(conn) if size <= PRECHECK_ROWS else None
    if found is not None:
        raise UnreadableValue(ctx.db_path, found)


def run_app(ctx: Context) -> int:
    """Open (and on first use seed) the database, check --plan, then run the app."""
    from store import journal
    from store import queries as q
    from store.clock import TODAY_ENV

    conn = ctx.conn  # creates, seeds or migrates the file; refuses a foreign one with a clear message
    _refuse_unreadable(conn, ctx)
    plan = q.resolve_plan(conn, ctx.args.plan).id if ctx.args.plan else None
    ask_name = (journal.resolve_user(conn, getattr(ctx.args, "user", None)) is None
                and q.get_setting(conn, journal.USER_ASKED_KEY) is None)
    ctx.close()

    from tui.app import PlanDeskApp

    fixed = ctx.args.today is not None or bool(os.environ.get(TODAY_ENV))
    app = PlanDeskApp(ctx.db_path, today=ctx.today, plan=plan, lang=ctx.t.lang, soon_days=ctx.soon_days,
                      today_fixed=fixed, ask_name=ask_name)
    app.run()
    if app.unreadable is not None:  # the app stopped on a value typed in by hand: that one line, no traceback
        from tui.phrases import error_line

        print(f"plandesk: {error_line(ctx.t, app.unreadable)}", file=sys.stderr)
    # Exiting: the interpreter's last garbage collection would walk the app's whole heap (about
    # 0.1-0.3 s, more than Textual's own quit); frozen objects are skipped. Nothing is left to save:
    # the app closed its database when it unmounted.
    gc.freeze()
    return app.return_code or 0
