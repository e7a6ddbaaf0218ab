"""In the app: ``l`` shows, for the period whose reports are due, which units answered the ledger."""
from __future__ import annotations

from pathlib import Path

from tests.ledger.conftest import FOOD, IMPORT_DAY, QUALITY, REGISTRY, fill
from tests.tui.tui_helpers import SIZE, make_app, settle


async def _shown(db: Path, lang: str = "en") -> str:
    from datetime import date

    from tui.screens.ledger_status import LedgerStatusScreen
    from tui.screens.main_screen import MainScreen

    app = make_app(db, plan="wulong", today=date(2023, 7, 10), lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LedgerStatusScreen)
        text = app.screen.plain_text(width=200)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        return text


def test_the_app_shows_who_answered(cli, exported, seeded_db: Path) -> None:
    import asyncio

    path = fill(exported[QUALITY], {"c4.s1.t1": {"state": "推进中", "percent": 60}})
    assert cli("ledger", "import", str(path), *IMPORT_DAY)[0] == 0
    text = asyncio.run(_shown(seeded_db))
    assert "Ledger 2023Q2: answers by unit" in text
    assert QUALITY in text and path.name.split()[0] in text
    assert f"no answer yet from: {REGISTRY}" in text and FOOD in text.split("no answer yet from:")[1]
