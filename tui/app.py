"""``PlanDeskApp``: the interactive face of plandesk (``plandesk`` with no command).

The app owns the shared state (database, plan, as-of date, language) and the one write path:
``write(job, shown)`` runs ``job(conn)`` in a thread worker, in the order the clerk acted, and
only once it is committed calls ``shown(result)`` on the app's thread and tells every screen that
the data changed. A timer polls ``PRAGMA data_version`` so a second window (or ``plandesk tick``)
shows up within two seconds. Rules and SQL live in ``store/``; looks live in ``app.tcss``.
"""
from __future__ import annotations

import asyncio
import sqlite3
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Iterable

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen

from store import queries as q
from store.db import open_store
from store.errors import BadInput, PlandeskError
from tui.dbworker import Database
from tui.i18n import Catalog
from tui.widgets.common import localize_bindings

if TYPE_CHECKING:
    from store import actions

LAST_PLAN = "last_plan"
POLL_SECONDS = 1.5


def help_key(key: str) -> str:
    """A key as the help screen spells it: ``ctrl+z``, ``/``, ``?``, ``space``."""
    from textual.keys import format_key

    key = key.strip()
    if "+" in key:
        modifiers, name = key.rsplit("+", 1)
        return f"{modifiers}+{format_key(name)}"
    return format_key(key)


class Saved(Message):
    """A write is committed; ``shown`` shows it, ``focus`` names the line to select."""

    def __init__(self, result: Any, shown: Callable[[Any], None] | None,
                 focus: Callable[[Any], str | None] | None, quiet: bool) -> None:
        self.result, self.shown, self.focus, self.quiet = result, shown, focus, quiet
        super().__init__()


class WriteFailed(Message):
    def __init__(self, text: str) -> None:
        self.text = text
        super().__init__()


class Polled(Message):
    def __init__(self, version: int, today: date) -> None:
        self.version, self.today = version, today
        super().__init__()


class PlanDeskApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "plandesk"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+z", "undo", "k_undo", show=False),
        Binding("ctrl+y", "redo", "k_redo", show=False),
        Binding("question_mark", "help", "k_help"),
        Binding("q", "quit", "k_quit"),
        Binding("ctrl+q", "quit", "k_quit", show=False, priority=True),
        Binding("ctrl+c", "quit", "k_quit", show=False, priority=True),
    ]

    def __init__(self, db: Path | str, today: date | None = None, plan: str | None = None, lang: str = "en",
                 soon_days: int = 30, today_fixed: bool | None = None, ask_name: bool = False) -> None:
        super().__init__()
        self.ask_name = ask_name  # no name known for the journal and never asked: ask on the first run
        self.db_path = Path(db)
        self.t = Catalog(lang)
        self.today: date = today or date.today()
        self.today_fixed = today is not None if today_fixed is None else today_fixed
        self.plan_ref = plan
        self.soon_days = soon_days
        self.plan: q.Plan | None = None
        self.db = Database(self.db_path)
        self._version = 0
        self._opened = False
        localize_bindings(self, self.t)

    def get_driver_class(self):  # type: ignore[no-untyped-def]
        """On Linux, the stock driver without its 0.1-0.2 s wait on quit (tui/quick_exit_driver.py)."""
        driver = super().get_driver_class()
        from textual.drivers.linux_driver import LinuxDriver

        if driver is LinuxDriver:
            from tui.quick_exit_driver import QuickExitDriver

            return QuickExitDriver
        return driver

    # start-up ------------------------------------------------------------------------------
    def _open(self) -> None:
        """Open (create, seed, migrate) the file and pick the plan: --plan, else the remembered one."""
        if self._opened:
            return
        self._opened = True
        conn = open_store(self.db_path, check_same_thread=False)
        conn.close()
        db = self.db
        if self.plan_ref:
            self.plan = db.read(q.resolve_plan, self.plan_ref)
        else:
            remembered = db.read(q.get_setting, LAST_PLAN)
            self.plan = next((p for p in db.read(q.list_plans) if p.id == remembered), None)
        self._version = db.data_version()

    def get_default_screen(self) -> Screen:
        from tui.screens.main_screen import MainScreen

        self._open()
        return MainScreen()

    def on_mount(self) -> None:
        self.set_interval(POLL_SECONDS, self._poll)
        if self.plan is None:
            self.call_after_refresh(self._first_run)
        elif self.plan_ref:
            # after the first paint: saving a preference (and importing store.actions) can wait
            self.call_after_refresh(self.remember, LAST_PLAN, self.plan.id)

    def _first_run(self) -> None:
        from tui.screens.plan_chooser import PlanChooser

        def chosen(plan_id: str | None) -> None:
            self.set_plan(plan_id)
            if self.ask_name:
                self._ask_name()

        self.push_screen(PlanChooser(self.t, self.db.read(q.list_plans), None, first_run=True), chosen)

    def _ask_name(self) -> None:
        """Who is working, asked once; kept in the settings (``plandesk config user`` changes it)."""
        from store import actions, journal
        from tui.screens.name_dialog import NameDialog

        self.ask_name = False

        def named(name: str | None) -> None:
            journal.set_user(name or None)
            self.write(lambda conn: actions.set_setting(conn, journal.USER_ASKED_KEY, "1"), quiet=True)
            if name:
                self.write(lambda conn: actions.set_setting(conn, journal.USER_KEY, name), quiet=True)

        self.push_screen(NameDialog(self.t), named)

    # the write path --------------------------------------------------------------------------
    def write(self, job: Callable[[sqlite3.Connection], Any], shown: Callable[[Any], None] | None = None,
              focus: Callable[[Any], str | None] | None = None, quiet: bool = False) -> None:
        """Run one write after the ones before it; show it only once it is committed."""
        self._write(self.db.ticket(), job, shown, focus, quiet)

    @work(thread=True, group="write")
    def _write(self, ticket: int, job: Callable[[sqlite3.Connection], Any], shown: Callable[[Any], None] | None,
               focus: Callable[[Any], str | None] | None, quiet: bool) -> None:
        try:
            result = self.db.write(ticket, job)
        except (PlandeskError, ValueError, sqlite3.Error) as exc:
            from store.db import error_kind

            kind = error_kind(exc)
            text = self.t(f"sd_db_{kind}", path=self.db_path, detail=exc) if kind else str(exc)
            self.post_message(WriteFailed(text))
            return
        self.post_message(Saved(result, shown, focus, quiet))

    @on(Saved)
    def _saved(self, message: Saved) -> None:
        if message.shown is not None:
            message.shown(message.result)
        if not message.quiet:
            self.broadcast_changed(message.focus(message.result) if message.focus else None)

    @on(WriteFailed)
    def _failed(self, message: WriteFailed) -> None:
        self.notify(self.t("ui_failed", message=message.text), severity="error", markup=False)

    def remember(self, key: str, value: str | None) -> None:
        """A preference (last plan, selection): saved quietly, nothing to redraw."""
        from store import actions

        self.write(lambda conn: actions.set_setting(conn, key, value), quiet=True)

    def broadcast_changed(self, focus: str | None = None) -> None:
        for screen in self.screen_stack:
            changed = getattr(screen, "data_changed", None)
            if changed is not None:
                changed(focus if screen is self.screen_stack[0] else None)

    # another window --------------------------------------------------------------------------
    def _poll(self) -> None:
        self._poll_version()

    @work(thread=True, exclusive=True, group="poll")
    def _poll_version(self) -> None:
        self.post_message(Polled(self.db.data_version(), date.today()))

    @on(Polled)
    def _polled(self, message: Polled) -> None:
        if not self.today_fixed and message.today != self.today:
            self.set_today(message.today)
        if message.version != self._version:
            self._version = message.version
            self.notify(self.t("ui_changed_elsewhere"), markup=False, timeout=2)
            self.broadcast_changed()

    # app-wide actions ------------------------------------------------------------------------
    def _undo_focus(self, changes: list[actions.Change]) -> str | None:
        from store import tree as tr

        if changes and changes[-1].entity == "milestone":
            return tr.key(tr.MILESTONE, changes[-1].entity_id)
        if changes and changes[-1].entity == "node":
            return tr.key(tr.NODE, changes[-1].entity_id)
        return None

    def _step(self, which: str) -> None:
        """ctrl+z / ctrl+y: undo or redo the last change of the plan on screen only (changes made
        in another window or by the command line are undone there, or by ``plandesk undo --plan``)."""
        from store import actions, history
        from tui.history_text import step_line

        step = actions.undo if which == "undo" else actions.redo
        plan_id = self.plan.id if self.plan else None

        def job(conn: sqlite3.Connection) -> list[tuple[actions.Change, history.Entry | None]]:
            try:
                return [(change, history.entry(conn, change.seq)) for change in step(conn, 1, plan_id)]
            except BadInput:
                return []

        def shown(done: list[tuple[actions.Change, history.Entry | None]]) -> None:
            if not done:
                self.notify(self.t(f"ui_nothing_{which}"), markup=False, severity="warning")
            for change, entry in done:
                if entry is not None:
                    self.notify(step_line(entry, self.t, archived=change.archived), markup=False,
                                severity="warning" if change.skipped else "information")

        self.write(job, shown, lambda done: self._undo_focus([c for c, _ in done]))

    def action_undo(self) -> None:
        self._step("undo")

    def action_redo(self) -> None:
        self._step("redo")

    def set_today(self, today: date) -> None:
        self.today = today
        self.notify(self.t("ui_date_set", date=today.isoformat()), markup=False, timeout=2)
        self.broadcast_changed()

    def action_change_date(self) -> None:
        from tui.screens.date_dialog import DateDialog

        def chosen(new: date | None) -> None:
            if new is not None:
                self.today_fixed = True
                self.set_today(new)

        self.push_screen(DateDialog(self.t, self.today), chosen)

    def action_switch_plan(self) -> None:
        from tui.screens.plan_chooser import PlanChooser

        current = self.plan.id if self.plan else None
        self.push_screen(PlanChooser(self.t, self.db.read(q.list_plans), current, first_run=False), self.set_plan)

    def set_plan(self, plan_id: str | None) -> None:
        if plan_id is None:
            return
        self.plan = self.db.read(q.resolve_plan, plan_id)
        self.remember(LAST_PLAN, plan_id)
        while len(self.screen_stack) > 1:
            self.pop_screen()
        main = self.screen_stack[0]
        changed = getattr(main, "plan_changed", None)
        if changed is not None:
            changed()

    def action_indicators(self) -> None:
        from tui.screens.indicators_screen import IndicatorsScreen

        if isinstance(self.screen, IndicatorsScreen):
            self.pop_screen()
        elif self.plan is not None:
            self.push_screen(IndicatorsScreen())

    def action_help(self) -> None:
        from tui.screens.help_screen import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
            return
        self.push_screen(HelpScreen(self.t, self.help_sections()))

    async def action_quit(self) -> None:
        """Wait for writes still queued (each commits in milliseconds), remember the selection, quit."""
        main = self.screen_stack[0] if self.screen_stack else None
        remember = getattr(main, "remember_selection", None)
        if remember is not None:
            remember()
        # every earlier write is committed once this no-op gets its turn (off the event loop,
        # so the queued writers' threads can start)
        await asyncio.to_thread(self.db.write, self.db.ticket(), lambda conn: None)
        self.exit(0)

    # help and the command palette ------------------------------------------------------------
    def help_sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        from tui.screens.indicators_screen import IndicatorsScreen
        from tui.screens.main_screen import MainScreen
        from tui.widgets.plan_tree import PlanTree

        t = self.t

        def rows(bindings: Iterable[BindingType]) -> list[tuple[str, str]]:
            out: list[tuple[str, str]] = []
            seen: set[str] = set()
            for b in bindings:
                assert isinstance(b, Binding)
                if b.description in seen and b.description != "k_expand":
                    continue
                seen.add(b.description)
                keys = ", ".join(help_key(k) for k in b.key.split(","))
                out.append((keys, t(f"{b.description}_help")))
            return out

        tree_rows = [("↑ ↓ ← →", t("k_move_help"))] + rows(PlanTree.BINDINGS[:2]) + rows(MainScreen.BINDINGS)
        return [
            (t("ui_where_tree"), tree_rows),
            (t("ui_where_indicators"), rows(IndicatorsScreen.BINDINGS)),
            (t("ui_where_everywhere"), rows(self.BINDINGS[:-2]) + [("ctrl+p", t("k_palette_help"))]
             + [("ctrl+c, ctrl+q", t("k_quit_help"))]),
            (t("ui_where_dialogs"), [("enter, esc", t("ui_dialog_keys"))]),
        ]

    PALETTE: ClassVar[list[tuple[str, str, str]]] = [
        # (catalog key, where, action)
        ("k_tick", "main", "tick"), ("k_tick_dialog", "main", "tick_dialog"), ("k_add", "main", "add_milestone"),
        ("k_edit", "main", "edit_milestone"), ("k_delete", "main", "delete_milestone"),
        ("k_unit", "main", "set_unit"), ("k_search", "main", "search"), ("k_filter", "main", "filter"),
        ("k_overdue_only", "main", "overdue_only"), ("k_clear", "main", "clear_filter"),
        ("k_next", "main", "next_overdue"), ("k_indicators", "app", "indicators"),
        ("k_record", "indicators", "record"), ("k_undo", "app", "undo"), ("k_redo", "app", "redo"),
        ("k_date", "app", "change_date"), ("k_plan", "app", "switch_plan"), ("k_help", "app", "help"),
    ]

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        t = self.t
        for key, where, action in self.PALETTE:
            yield SystemCommand(t(key), t(f"{key}_help"), partial(self._palette_action, where, action))
        yield from super().get_system_commands(screen)

    async def _palette_action(self, where: str, action: str) -> None:
        from tui.screens.indicators_screen import IndicatorsScreen

        if where == "app":
            await self.run_action(action)
        elif where == "indicators":
            if isinstance(self.screen, IndicatorsScreen):
                await self.screen.run_action(action)
            elif self.plan is not None:
                self.push_screen(IndicatorsScreen(then=action))
        else:
            while len(self.screen_stack) > 1:
                self.pop_screen()
            await self.screen_stack[0].run_action(action)
