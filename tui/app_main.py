"""``plandesk`` with no command: open the app on the database and plan the command line names."""
from __future__ import annotations

import gc
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.cli import Context


def run_app(ctx: Context) -> int:
    """Open (and on first use seed) the database, check --plan, then run the app."""
    from store import journal
    from store import queries as q
    from store.clock import TODAY_ENV

    conn = ctx.conn  # creates, seeds or migrates the file; refuses a foreign one with a clear message
    plan = q.resolve_plan(conn, ctx.args.plan).id if ctx.args.plan else None
    ask_name = (journal.resolve_user(conn, getattr(ctx.args, "user", None)) is None
                and q.get_setting(conn, journal.USER_ASKED_KEY) is None)
    ctx.close()

    from tui.app import PlanDeskApp

    fixed = ctx.args.today is not None or bool(os.environ.get(TODAY_ENV))
    app = PlanDeskApp(ctx.db_path, today=ctx.today, plan=plan, lang=ctx.t.lang, soon_days=ctx.soon_days,
                      today_fixed=fixed, ask_name=ask_name)
    app.run()
    # Exiting: the interpreter's last garbage collection would walk the app's whole heap (about
    # 0.1-0.3 s, more than Textual's own quit); frozen objects are skipped. Nothing is left to save:
    # the app closed its database when it unmounted.
    gc.freeze()
    return app.return_code or 0
