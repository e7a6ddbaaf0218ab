"""Under the Chinese UI the app shows no English word: the main screen, the detail pane, the
indicators, the help and the command palette (ids, key names, numbers and dates aside)."""
from __future__ import annotations

import re
from pathlib import Path

from tests.tui.tui_helpers import SIZE, WULONG, YANGJIAO, make_app, screen_text, settle
from tui.screens.main_screen import MainScreen

# keys are named as their key caps name them; the space bar has none, so it is 空格, not "space"
KEY_NAMES = {"esc", "enter", "ctrl", "del", "tab"}
PRODUCT = {"plandesk"}
ID_LIKE = re.compile(r"[\w./:@+-]*[\d/][\w./:@+-]*")  # plan and item ids, file names, dates, numbers


def english_words(text: str) -> list[str]:
    words = re.findall(r"[A-Za-z]{2,}", ID_LIKE.sub(" ", text))
    return [w for w in words if w.lower() not in KEY_NAMES | PRODUCT]


def test_the_check_itself_finds_english_and_passes_ids() -> None:
    assert english_words("类型: text · wulong-2021-2025/c4.s2.t1") == ["text"]
    assert english_words("^p palette") == ["palette"]
    assert english_words("003_a3c6fb84209f3d63.txt 第 12 行 · 2023-06-30 · esc 清除") == []
    assert english_words("space 勾选") == ["space"]


async def _look(pilot, seen: dict[str, str], name: str) -> None:
    await settle(pilot)
    seen[name] = screen_text(pilot.app)


async def test_no_english_word_under_the_chinese_ui(seeded_db: Path) -> None:
    app = make_app(seeded_db, plan="wulong", lang="zh")
    seen: dict[str, str] = {}
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = app.screen_stack[0]
        assert isinstance(main, MainScreen)
        for key in (f"n:{WULONG}/c4.s2.t1", f"m:{YANGJIAO}", f"n:{WULONG}/c4"):
            main.refresh_view(reveal=key)
            await _look(pilot, seen, key)
        await pilot.press("question_mark")
        await _look(pilot, seen, "help")
        await pilot.press("escape")
        await pilot.press("i")
        await _look(pilot, seen, "indicators")
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await _look(pilot, seen, "palette")
        await pilot.press(*"9999")  # matches no command
        await _look(pilot, seen, "palette, no match")
    assert "勾选" in seen[f"n:{WULONG}/c4.s2.t1"] and "命令" in seen["palette"]
    found = {name: english_words(text) for name, text in seen.items()}
    assert found == {name: [] for name in seen}


def test_no_english_word_in_the_chinese_printouts(cli) -> None:
    shown = ""
    for args in (["status", "--plan", "wulong"], ["overdue", "--plan", "wulong"], ["plans"]):
        code, out, err = cli("--lang", "zh", "--today", "2023-06-30", *args)
        assert code == 0, err
        shown += out
    assert "截至 2023-06-30" in shown and "逾期" in shown
    assert english_words(shown) == []
