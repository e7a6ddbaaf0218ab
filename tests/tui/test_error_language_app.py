"""The app says a store error in its own language (the command line's twin: tests/cli/test_error_language.py).

A write the store refuses reaches the clerk through the app's one writer (``app._written``)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.tui.tui_helpers import SIZE, WULONG, make_app, notifications, settle
from tui.screens.main_screen import MainScreen

JULY = date(2023, 7, 10)


async def _refused_write(seeded_db: Path, lang: str) -> str:
    """An edit that changes nothing (the clerk saved the dialog as it was): the store refuses it."""
    from store import node_actions as na
    from store import queries as q

    app = make_app(seeded_db, plan="wulong", today=JULY, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen_stack[0], MainScreen)
        chapter = f"{WULONG}/c3"
        title = app.db.read(lambda conn: q.node(conn, chapter).title)
        app.write(lambda conn: na.edit_node(conn, chapter, title=title))
        await settle(pilot)
        return "\n".join(str(n.message) for n in notifications(app))


async def test_a_store_refusal_is_chinese_under_the_chinese_ui(seeded_db: Path) -> None:
    said = await _refused_write(seeded_db, "zh")
    assert said == "未保存:没有需要修改的内容"


async def test_the_same_refusal_is_english_under_the_english_ui(seeded_db: Path) -> None:
    said = await _refused_write(seeded_db, "en")
    assert said == "Not saved: nothing to change"
