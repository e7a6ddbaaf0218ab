"""``w``: a report written from inside the app, in a worker, through the command line's writer."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.widgets import Input, Select, Static

from store.report import FINAL
from tests.tui.tui_helpers import SIZE, TODAY, WULONG, make_app, notifications, settle
from tui.screens.report_dialog import ReportDialog


def _plan_title(db: Path) -> str:
    conn = sqlite3.connect(str(db))
    try:
        return str(conn.execute("SELECT title FROM plans WHERE id = ?", (WULONG,)).fetchone()[0])
    finally:
        conn.close()


def _toasts(app) -> list[str]:
    return [str(n.message) for n in notifications(app)]


async def test_final_report_as_markdown_is_written_where_the_toast_says(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ReportDialog)
        # the annual year defaults to the as-of date's previous year, inside the plan
        assert dialog.query_one("#report-year", Input).value == str(TODAY.year - 1)
        # the save button is on an 80x24 screen
        save = dialog.query_one("#save")
        assert save.region.bottom <= 24 and save.region.right <= 80
        dialog.query_one("#report-kind", Select).value = FINAL
        dialog.query_one("#report-format", Select).value = "md"
        await settle(pilot)
        name = dialog.query_one("#report-path", Input).value
        assert name.endswith(".md") and "2021-2025" in name
        await pilot.click("#save")
        await settle(pilot)
        assert not isinstance(app.screen, ReportDialog)
        written = seeded_db.parent / name
        assert written.is_file()
        assert _plan_title(seeded_db) in written.read_text(encoding="utf-8")
        assert any(str(written) in toast for toast in _toasts(app))


async def test_a_folder_that_does_not_exist_is_one_error_line_and_no_file(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    missing = seeded_db.parent / "no such folder"
    before = sorted(seeded_db.parent.rglob("*"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#report-path", Input).value = str(missing / "report.docx")
        await pilot.click("#save")
        await settle(pilot)
        errors = [n for n in notifications(app) if n.severity == "error"]
        assert len(errors) == 1 and "no such folder" in str(errors[0].message)
        assert "\n" not in str(errors[0].message)
    assert not missing.exists()
    assert sorted(p for p in seeded_db.parent.rglob("*") if "-wal" not in p.name and "-shm" not in p.name) == \
        sorted(p for p in before if "-wal" not in p.name and "-shm" not in p.name)


async def test_a_year_outside_the_plan_keeps_the_dialog_open(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#report-year", Input).value = "1999"
        await pilot.click("#save")
        await settle(pilot)
        assert app.screen is dialog
        assert "2021-2025" in str(dialog.query_one("#dialog-message", Static).render())


async def test_the_palette_offers_the_report(seeded_db: Path) -> None:
    from textual.command import CommandPalette

    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert CommandPalette.is_open(app)
        await pilot.press(*"Report file")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReportDialog)


async def test_the_database_itself_is_refused_and_stays_whole(seeded_db: Path) -> None:
    before = seeded_db.read_bytes()[:100]  # the SQLite header
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        app.screen.query_one("#report-path", Input).value = seeded_db.name
        await pilot.click("#save")
        await settle(pilot)
        assert [n.severity for n in notifications(app) if n.severity == "error"] == ["error"]
    assert seeded_db.read_bytes()[:100] == before
    assert _plan_title(seeded_db)


async def test_writing_over_an_earlier_report_says_so(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for _ in range(2):
            await pilot.press("w")
            await settle(pilot)
            app.screen.query_one("#report-format", Select).value = "json"
            await settle(pilot)
            await pilot.click("#save")
            await settle(pilot)
        toasts = _toasts(app)
        assert sum("replaced" in toast.lower() for toast in toasts) == 1, toasts
