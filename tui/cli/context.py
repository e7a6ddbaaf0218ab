"""What every command needs: the options, the language, today, and the database on demand."""
from __future__ import annotations

import argparse
import sqlite3
from datetime import date

from store.errors import PlandeskError


class Context:
    """The parsed options, the catalog, the as-of date and a lazily opened database."""

    def __init__(self, args: argparse.Namespace):
        from store.clock import resolve_today
        from tui.i18n import Catalog, detect_lang

        self.args = args
        self.t = Catalog(detect_lang(args.lang))
        try:
            self.today: date = resolve_today(args.today)
        except ValueError as exc:
            from store.clerk_dates import ClerkDateError
            from tui.phrases import date_problem

            what = "--today" if args.today else "PLANDESK_TODAY"
            if isinstance(exc, ClerkDateError):
                raise PlandeskError(date_problem(self.t, exc, what)) from None
            raise PlandeskError(self.t("in_not_a_date", what=what, text=args.today)) from None
        self.soon_days: int = args.soon_days
        self._conn: sqlite3.Connection | None = None
        self.seed_new_database = True

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            from store.db import open_store
            from store.locations import DbLocationRefused, check_db_location

            try:
                self.db_path = check_db_location(self.args.db, create=getattr(self.args, "create", False))
            except DbLocationRefused as exc:
                raise PlandeskError(self.t(f"in_db_{exc.reason}", folder=exc.path.parent if exc.path else "")) from None
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
