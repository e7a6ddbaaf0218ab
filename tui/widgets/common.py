"""Small helpers every screen uses: plan text made safe for display."""
from __future__ import annotations

from rich.text import Text


def one_line(text: str | None) -> str:
    """Plan text for a one-line label (tree lines, table cells): newlines become spaces."""
    return " ".join((text or "").split())


def plain(text: str | None, style: str = "") -> Text:
    """Plan text as a Text object: never parsed as markup (``完成[/]`` stays as it is)."""
    return Text(text or "", style=style)
