"""The review list: what the draft was unsure of, as plain data (a catalog key and its values).

The clerk reviews the drafted plan file with this list beside it, so every guess points at the
line of the source document where it was made. The words are the UI's (tui/i18n/).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ReviewItem:
    line: int
    key: str  # a catalog key in tui/i18n/, e.g. "draft_heading_runin"
    params: dict[str, Any] = field(default_factory=dict)


class Review:
    """Collects review items; each (line, key, params) once, in line order when listed."""

    def __init__(self) -> None:
        self._items: list[ReviewItem] = []
        self._seen: set[tuple[int, str, str]] = set()

    def add(self, line: int, key: str, **params: Any) -> None:
        signature = (line, key, repr(sorted(params.items())))
        if signature not in self._seen:
            self._seen.add(signature)
            self._items.append(ReviewItem(line, key, params))

    @property
    def items(self) -> list[ReviewItem]:
        return sorted(self._items, key=lambda item: item.line)

    def keys(self) -> list[str]:
        return [item.key for item in self.items]
