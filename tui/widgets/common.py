"""Small helpers every screen uses: plan text made safe for display."""
from __future__ import annotations

from rich.text import Text

from store.safe_text import visible


def one_line(text: str | None) -> str:
    """Plan text for a one-line label (tree lines, table cells): newlines become spaces, and
    control or bidi characters visible ``\\uXXXX`` markers (they never act on the terminal)."""
    return " ".join(visible(text).split())


def plain(text: str | None, style: str = "") -> Text:
    """Plan text as a Text object: never parsed as markup (``完成[/]`` stays as it is), never a
    terminal control sequence (store.safe_text.visible)."""
    return Text(visible(text), style=style)
