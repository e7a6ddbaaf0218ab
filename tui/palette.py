"""The command palette's commands: the palette actions of ``tui/actions.py``, in the clerk's language.

It replaces Textual's system commands (whose names are English); each command runs where its
action is bound: an action of the main screen or the tree returns to the main screen first, an
action of the indicators screen opens that screen first.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.actions import ACTIONS, APP, INDICATORS, MAIN, Action, localized

if TYPE_CHECKING:
    from tui.app import PlanDeskApp


async def run_from_palette(app: PlanDeskApp, action: Action) -> None:
    """Run ``action`` as its key would, on the screen where it is bound."""
    from tui.screens.indicators_screen import IndicatorsScreen

    if action.where == APP:
        await app.run_action(action.action)
    elif action.where == INDICATORS:
        if isinstance(app.screen, IndicatorsScreen):
            await app.screen.run_action(action.action)
        elif app.plan is not None:
            app.push_screen(localized(IndicatorsScreen, app.t)(then=action.action))
    else:
        while len(app.screen_stack) > 1:
            app.pop_screen()
        main = app.screen_stack[0]
        target = main if action.where == MAIN else main.query_one("#tree")
        await target.run_action(action.action)


class ActionsProvider(Provider):
    """Every action the table offers to the palette, labelled and explained through the catalog."""

    def _commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        app = cast("PlanDeskApp", self.app)
        t = app.t
        return [(t(a.id), t(f"{a.id}_help"), partial(run_from_palette, app, a)) for a in ACTIONS if a.palette]

    async def discover(self) -> Hits:
        for label, help_text, run in self._commands():
            yield DiscoveryHit(label, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        found = False
        for label, help_text, run in self._commands():
            score = matcher.match(label)
            if score > 0:
                found = True
                yield Hit(score, matcher.highlight(label), run, text=label, help=help_text)
        if not found:  # instead of Textual's English "No matches found": the way to every key
            app = cast("PlanDeskApp", self.app)
            text = app.t("ui_palette_no_match", query=query)
            yield Hit(1e-6, Text(text), app.action_help, text=text)
