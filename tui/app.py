"""``PlanDeskApp``: the interactive face of plandesk (``plandesk`` with no command).

The app owns the shared state (database, plan, as-of date, language) and the one write path:
``write(job, shown)`` runs ``job(conn)`` on the one writer thread, in the order the clerk acted, and
only once it is committed calls ``shown(result)`` on the app's thread and tells every screen that
the data changed. A timer polls ``PRAGMA data_version`` so a second window (or ``plandesk tick``)
shows up within two seconds. Rules and SQL live in ``store/``; looks live in ``app.tcss``.
"""
from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from concurrent.futures import Future
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple, cast

from textual import on, work
from textual.app import App
from textual.binding import BindingType
from textual.command import CommandPalette, Provider
from textual.message import Message
from textual.screen import Screen

from store import queries as q
from store.db import open_store
from store.errors import BadInput, PlandeskError
from store.safe_text import visible
from tui.actions import app_bindings, help_sections, localized
from tui.dbworker import Database
from tui.i18n import Catalog
from tui.palette import ActionsProvider

if TYPE_CHECKING:
    from store import actions

LAST_PLAN = "last_plan"
POLL_SECONDS = 1.5


class _Stepped(NamedTuple):
    """An undo or redo as the screen needs it: each step with its journal entry, and the nodes whose
    lines it can change (None: any line)."""

    done: list[tuple[Any, Any]]  # (store.changes.Change, store.history.Entry | None)
    nodes: frozenset[str] | None


class Saved(Message):
    """A write is committed; ``shown`` shows it, ``focus`` names the line to select, ``touched``
    the nodes it changed, when it knows (the screen then re-reads only the lines above them)."""

    def __init__(self, result: Any, shown: Callable[[Any], None] | None,
                 focus: Callable[[Any], str | None] | None, quiet: bool,
                 touched: Callable[[Any], frozenset[str] | None] | None = None) -> None:
        self.result, self.shown, self.focus, self.quiet, self.touched = result, shown, focus, quiet, touched
        super().__init__()


class WriteFailed(Message):
    def __init__(self, text: str) -> None:
        self.text = text
        super().__init__()


class WriteCrashed(Message):
    def __init__(self, error: Exception) -> None:
        self.error = error
        super().__init__()


class Polled(Message):
    def __init__(self, version: int, today: date) -> None:
        self.version, self.today = version, today
        super().__init__()


class PlanDeskApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "plandesk"
    BINDINGS: ClassVar[list[BindingType]] = app_bindings()  # the rest: each screen's, from tui/actions.py
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {ActionsProvider}

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
        self.unreadable: PlandeskError | None = None  # why the app stopped, if a hand-typed value

    def _handle_exception(self, error: Exception) -> None:
        """An error the app did not expect: if the database holds a value typed in by hand
        (store.row_check, checked now, not on every start of a large database), the app stops with
        return code 1 and ``unreadable`` says which value, instead of Textual's traceback; on a sound
        database the traceback stays, it is plandesk's own defect. Textual has no public hook for an
        unhandled error: this overrides the one ``App`` calls."""
        if self.unreadable is None and self.return_code is None:
            from store.row_check import explain_failure

            self.unreadable = explain_failure(self.db_path)
        if self.unreadable is None:
            super()._handle_exception(error)
            return
        self.exit(return_code=1)

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

    def get_default_screen(self) -> Screen[Any]:
        from tui.screens.main_screen import MainScreen

        self._open()
        return localized(MainScreen, self.t)()

    def on_mount(self) -> None:
        self.set_interval(POLL_SECONDS, self.poll)
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
              focus: Callable[[Any], str | None] | None = None, quiet: bool = False,
              touched: Callable[[Any], frozenset[str] | None] | None = None) -> None:
        """Run one write after the ones before it; show it only once it is committed."""
        self.db.submit(job).add_done_callback(partial(self._written, shown, focus, quiet, touched))

    def _written(self, shown: Callable[[Any], None] | None, focus: Callable[[Any], str | None] | None,
                 quiet: bool, touched: Callable[[Any], frozenset[str] | None] | None, future: Future[Any]) -> None:
        """On the writer's thread: hand the outcome to the app's thread as a message."""
        try:
            result = future.result()
        except (PlandeskError, ValueError, sqlite3.Error) as exc:
            from store.db import error_kind
            from tui.phrases import db_detail, error_line

            kind = error_kind(exc)
            if quiet and kind == "read_only":
                return  # a preference (where the cursor rests) on a read-only file: the clerk's own writes say so
            text = (self.t(f"sd_db_{kind}", path=self.db_path, detail=db_detail(self.t, exc)) if kind
                    else error_line(self.t, exc) if isinstance(exc, PlandeskError) else str(exc))
            self.post_message(WriteFailed(text))
            return
        except Exception as exc:  # a bug: raised again on the app's thread, as a worker's would be
            self.post_message(WriteCrashed(exc))
            return
        self.post_message(Saved(result, shown, focus, quiet, touched))

    @on(Saved)
    def _saved(self, message: Saved) -> None:
        if message.shown is not None:
            message.shown(message.result)
        if not message.quiet:
            self.broadcast_changed(message.focus(message.result) if message.focus else None,
                                   message.touched(message.result) if message.touched else None)

    @on(WriteCrashed)
    def _crashed(self, message: WriteCrashed) -> None:
        raise message.error

    @on(WriteFailed)
    def _failed(self, message: WriteFailed) -> None:
        self.notify(visible(self.t("ui_failed", message=message.text)), severity="error", markup=False)

    def remember(self, key: str, value: str | None) -> None:
        """A preference (last plan, selection): saved quietly, nothing to redraw."""
        from store import actions

        self.write(lambda conn: actions.set_setting(conn, key, value), quiet=True)

    def broadcast_changed(self, focus: str | None = None, touched: frozenset[str] | None = None) -> None:
        """Every screen shows the change; the first one selects ``focus`` and may re-read only the
        lines above the ``touched`` nodes."""
        for screen in self.screen_stack:
            changed = getattr(screen, "data_changed", None)
            if changed is not None:
                first = screen is self.screen_stack[0]
                changed(focus if first else None, touched if first else None)

    # another window --------------------------------------------------------------------------
    def poll(self) -> None:
        """Look for another window's changes (the timer's job every ``POLL_SECONDS``; tests call it)."""
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
        from store.ticking import nodes_stepped
        from tui.history_text import step_line

        step = actions.undo if which == "undo" else actions.redo
        plan_id = self.plan.id if self.plan else None

        def job(conn: sqlite3.Connection) -> _Stepped:
            try:
                changes = step(conn, 1, plan_id)
            except BadInput:
                return _Stepped([], frozenset())
            # the undo of a tick re-reads only the lines above its nodes, as the tick did
            return _Stepped([(change, history.entry(conn, change.seq)) for change in changes],
                            nodes_stepped(conn, changes))

        def shown(stepped: _Stepped) -> None:
            if not stepped.done:
                self.notify(self.t(f"ui_nothing_{which}"), markup=False, severity="warning")
            for change, entry in stepped.done:
                if entry is not None:
                    self.notify(step_line(entry, self.t, archived=change.archived), markup=False,
                                severity="warning" if change.skipped else "information")

        self.write(job, shown, lambda stepped: self._undo_focus([c for c, _ in stepped.done]),
                   touched=lambda stepped: stepped.nodes)

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
            self.push_screen(localized(IndicatorsScreen, self.t)())

    def action_help(self) -> None:
        from tui.screens.help_screen import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
            return
        self.push_screen(HelpScreen(self.t, help_sections(self.t)))

    def action_command_palette(self) -> None:
        """Textual's palette with the placeholder in the clerk's language (commands: ``COMMANDS``)."""
        if self.use_command_palette and not CommandPalette.is_open(cast("App[object]", self)):  # any app will do
            self.push_screen(CommandPalette(placeholder=self.t("ui_palette_placeholder"), id="--command-palette"))

    async def action_quit(self) -> None:
        """Wait for writes still queued (each commits in milliseconds), remember the selection, quit."""
        main = self.screen_stack[0] if self.screen_stack else None
        remember = getattr(main, "remember_selection", None)
        if remember is not None:
            remember()
        await asyncio.to_thread(self.db.flush)  # off the event loop: the writes may need a moment
        self.exit(0)

    def on_unmount(self) -> None:
        """Stop the writer thread with the app, so that nothing keeps the process alive."""
        self.db.close()
