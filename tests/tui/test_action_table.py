"""The one table of actions (tui/actions.py): complete in both languages, and the only source of
the bindings, the footer, the help screen and the command palette."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.tui_helpers import SIZE, make_app, settle
from tui.actions import ACTIONS, APP, EN, INDICATORS, KEY_HINTS, MAIN, TREE, help_sections
from tui.cli.parser import COMMAND_MODULES
from tui.i18n import MESSAGES, Catalog
from tui.screens.indicators_screen import IndicatorsScreen
from tui.screens.main_screen import MainScreen
from tui.widgets.plan_tree import PlanTree

TARGET = {TREE: PlanTree, MAIN: MainScreen, INDICATORS: IndicatorsScreen}


def test_every_action_has_both_languages_and_a_help_line() -> None:
    assert len({a.id for a in ACTIONS}) == len(ACTIONS)
    for action in ACTIONS:
        for key in (action.id, f"{action.id}_help"):
            english, chinese = MESSAGES[key]
            assert english.strip() and chinese.strip(), key


def test_every_action_is_offered_by_the_palette_but_the_palette_key() -> None:
    assert [a.id for a in ACTIONS if not a.palette] == ["k_palette"]


def test_every_action_names_a_method_that_exists() -> None:
    from tui.app import PlanDeskApp

    for action in ACTIONS:
        owner: type[object]
        name = action.action
        if name.startswith("app."):
            owner, name = PlanDeskApp, name[4:]
        elif name.startswith("screen."):
            owner, name = MainScreen, name[7:]
        else:
            owner = PlanDeskApp if action.where == APP else TARGET[action.where]
        assert callable(getattr(owner, f"action_{name}", None)), action


def test_command_line_verbs_exist() -> None:
    verbs = {a.cli for a in ACTIONS if a.cli}
    assert verbs <= set(COMMAND_MODULES), verbs - set(COMMAND_MODULES)
    assert {"tick", "record", "undo", "redo"} <= verbs


def test_no_key_is_bound_twice_where_it_works() -> None:
    for scope in ((TREE,), (MAIN, APP), (INDICATORS, APP)):
        keys = [k for a in ACTIONS if a.where in scope for k in a.keys.split(",")]
        assert len(keys) == len(set(keys)), scope


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_help_shows_exactly_the_table(lang: str) -> None:
    t = Catalog(lang)
    listed = [what for _, rows in help_sections(t) for _, what in rows]
    expected = [t(f"{a.id}_help") for a in ACTIONS] + [t(key) for hints in KEY_HINTS.values() for _, key in hints]
    assert sorted(listed) == sorted(expected)


def _footer(app) -> list[str]:
    return [key.description for key in app.screen.query("FooterKey")]


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_footer_shows_exactly_the_table(seeded_db: Path, lang: str) -> None:
    t = Catalog(lang)
    app = make_app(seeded_db, plan="wulong", lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        footer_of_main = [t(a.id) for a in ACTIONS if a.footer and a.where in (TREE, MAIN, APP)]
        assert _footer(app) == footer_of_main + [t("k_palette")]
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, IndicatorsScreen)
        footer_of_indicators = [t(a.id) for a in ACTIONS if a.footer and a.where in (INDICATORS, APP)]
        assert _footer(app) == footer_of_indicators + [t("k_palette")]


def test_english_classes_carry_english_labels() -> None:
    """The classes as written are the English ones; ``localized`` makes the others."""
    from tui.actions import localized

    assert localized(MainScreen, EN) is MainScreen
    chinese = localized(MainScreen, Catalog("zh"))
    assert issubclass(chinese, MainScreen) and chinese.__name__ == "MainScreen"
    assert localized(MainScreen, Catalog("zh")) is chinese
    labels = {b.description for b in chinese.BINDINGS}
    assert "搜索" in labels and "Search" not in labels
