"""``Made``: values made on first use, looked up in C afterwards (the long lists' repeated cells)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Made(dict[Any, Any]):
    """Values made on first use: once a key is known, ``made[key]`` is a look-up done in C, so a
    column of a few hundred distinct values over 70,000 rows calls ``make`` a few hundred times."""

    def __init__(self, make: Callable[[Any], Any]) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, key: Any) -> Any:
        value = self[key] = self._make(key)
        return value
