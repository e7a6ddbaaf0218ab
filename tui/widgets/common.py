"""Small helpers every screen uses: localised key bindings and plan text made safe for display."""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from rich.text import Text

from store.safe_text import visible

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from tui.i18n import Catalog


def localize_bindings(node: "DOMNode", t: "Catalog") -> None:
    """Bindings are declared with catalog keys as descriptions (``k_tick``); show them in the
    clerk's language, with the longer ``k_tick_help`` as the tooltip and help-screen text."""
    bindings_map = node._bindings
    for key, bindings in list(bindings_map.key_to_bindings.items()):
        bindings_map.key_to_bindings[key] = [
            replace(b, description=t(b.description), tooltip=t(f"{b.description}_help"))
            if b.description.startswith("k_") else b
            for b in bindings
        ]


def one_line(text: str | None) -> str:
    """Plan text for a one-line label (tree lines, table cells): newlines become spaces, and
    control or bidi characters visible ``\\uXXXX`` markers (they never act on the terminal)."""
    return " ".join(visible(text).split())


def plain(text: str | None, style: str = "") -> Text:
    """Plan text as a Text object: never parsed as markup (``完成[/]`` stays as it is), never a
    terminal control sequence (store.safe_text.visible)."""
    return Text(visible(text), style=style)
