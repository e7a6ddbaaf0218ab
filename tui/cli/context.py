"""What every command needs: the options, the language, today, and the database on demand."""
from __future__ import annotations

import argparse
import sqlite3
import sys
from datetime import date
from typing import TYPE_CHECKING

from store.errors import PlandeskError

if TYPE_CHECKING:
    from rich.console import Console

    from store.queries import Plan


WRITING_COMMANDS = frozenset({"tick", "untick", "record", "undo", "redo", "import"})
READING_COMMANDS = frozenset({"plans", "status", "report", "overdue", "history", "export", "backup"})


def _setting(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


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
                raise PlandeskError(self.database_error(exc)) from None
            self._daily_backup(self._conn)
            self._who(self._conn)
        return self._conn

    def close(self) -> None:
        """Close the database (the app opens its own); ``conn`` would open it again."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _who(self, conn: sqlite3.Connection) -> None:
        """Name the journal's author: --user, PLANDESK_USER, the saved name, or (only on a
        terminal, only for a command that writes, only once) ask; never block a script."""
        import sys

        from store import journal

        name = journal.resolve_user(conn, getattr(self.args, "user", None))
        if (name is None and self.args.command in WRITING_COMMANDS and sys.stdin.isatty()
                and not _setting(conn, journal.USER_ASKED_KEY)):
            name = self._ask_name(conn)
        journal.set_user(name)

    def _ask_name(self, conn: sqlite3.Connection) -> str | None:
        from store import actions, journal

        try:
            typed = input(self.t("sd_ask_name")).strip()
        except (EOFError, KeyboardInterrupt):
            print(file=sys.stderr)
            typed = ""
        actions.set_setting(conn, journal.USER_ASKED_KEY, "1")
        if typed:
            actions.set_setting(conn, journal.USER_KEY, typed)
        return typed or None

    def database_error(self, exc: sqlite3.Error) -> str:
        """One line for an SQLite error: damaged (names plandesk restore), disk full, I/O,
        read-only, locked; the raw text only for anything else."""
        from store.db import error_kind
        from store.locations import resolve_db_path
        from tui.phrases import db_detail

        kind = error_kind(exc)
        path = getattr(self, "db_path", None) or resolve_db_path(self.args.db)
        if kind is None:
            return self.t("sd_db_other", path=path, detail=db_detail(self.t, exc))
        return self.t(f"sd_db_{kind}", path=path, detail=db_detail(self.t, exc))

    def _daily_backup(self, conn: sqlite3.Connection) -> None:
        """Once a day, a checked copy in backups/ (store/backup.py); a damaged file stops a
        command that would write, and only warns one that reads."""
        from store.backup import DatabaseDamaged, daily_backup

        try:
            daily_backup(conn, self.db_path)
        except DatabaseDamaged as exc:
            from tui.phrases import db_detail

            message = self.t("sd_damaged", path=exc.path, detail=db_detail(self.t, exc.detail))
            if self.args.command in READING_COMMANDS:
                import sys

                print(f"plandesk: {message}", file=sys.stderr)
                return
            raise PlandeskError(message) from None

    def plans(self) -> list[Plan]:
        from store import queries as q

        if self.args.plan:
            return [q.resolve_plan(self.conn, self.args.plan)]
        return q.list_plans(self.conn)

    def one_plan(self) -> Plan:
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

    def console(self) -> Console:
        from tui.printouts import make_console

        return make_console()
