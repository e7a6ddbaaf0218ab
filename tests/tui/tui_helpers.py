"""Helpers for the app's tests: a tmp database, a fixed as-of date, and a way to let workers finish."""
from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any
from unittest.mock import Mock

from textual.notifications import Notification

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
TODAY = date(2023, 6, 30)
WULONG = "wulong-2021-2025"
YANGJIAO = f"{WULONG}/a1.p1.yangjiao"
SIZE = (120, 36)


async def settle(pilot: Any, rounds: int = 4) -> None:
    """Let every worker finish and every message they posted be handled (reads chain reads)."""
    from textual.worker import WorkerCancelled

    app = pilot.app
    for _ in range(rounds + 1):
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:  # a read made stale by a newer one (exclusive workers)
            continue
        await pilot.pause()


def make_app(db: Path, **kwargs: Any):
    from tui.app import PlanDeskApp

    kwargs.setdefault("today", TODAY)
    kwargs.setdefault("lang", "en")
    app = PlanDeskApp(db, **kwargs)
    # Textual keeps the notifications it shows private (App._notifications): the tests read what
    # the clerk was told from calls to the public App.notify instead (see ``notifications``)
    app.notify = Mock(wraps=app.notify)  # type: ignore[method-assign]  # this instance only
    return app


def notifications(app: Any) -> list[Notification]:
    """Every notification the app made (through ``App.notify``) since it started or was last told to forget."""
    return [Notification(call.args[0], call.kwargs.get("title", ""), call.kwargs.get("severity", "information"),
                         markup=call.kwargs.get("markup", True))
            for call in app.notify.call_args_list]


def forget_notifications(app: Any) -> None:
    """Start the record of ``notifications`` afresh (and clear the toasts, as the clerk would see)."""
    app.notify.reset_mock()
    app.clear_notifications()


def _markup_db(tmp_path: Path) -> Path:
    """A database holding only the markup-injection plan."""
    from store.db import open_store
    from store.importer import import_file

    path = tmp_path / "markup.sqlite3"
    conn = open_store(path, seed=False)
    import_file(conn, FIXTURES / "markup_plan.yaml")
    conn.close()
    return path


def row_or_none(db: Path, sql: str, *args: object) -> sqlite3.Row | None:
    """Read the file the way another program would: a fresh connection."""
    conn = sqlite3.connect(str(db))
    conn.row_factory = sqlite3.Row
    try:
        found: sqlite3.Row | None = conn.execute(sql, args).fetchone()
        return found
    finally:
        conn.close()


def row(db: Path, sql: str, *args: object) -> sqlite3.Row:
    """``row_or_none`` for a row that must be there."""
    found = row_or_none(db, sql, *args)
    assert found is not None, f"no row for {sql} {args}"
    return found


def screen_text(app: Any) -> str:
    """What the screen shows, as text: read from Textual's own SVG screenshot, line by line."""
    import html
    import re

    svg = app.export_screenshot()
    rows: dict[float, list[tuple[float, str]]] = {}
    for m in re.finditer(r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', svg):
        rows.setdefault(float(m.group(2)), []).append((float(m.group(1)), html.unescape(m.group(3))))
    return "\n".join("".join(t for _, t in sorted(r)).replace("\xa0", " ").rstrip() for _, r in sorted(rows.items()))
