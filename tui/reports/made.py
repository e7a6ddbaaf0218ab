"""``Made``: values made on first use, looked up in C afterwards (the long lists' repeated cells)."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any


def plain(key: object) -> bool:
    """None, text or a date: keys no value of another type equals (``True == 1``, ``Percent(0.5)
    == 0.5`` would find each other's cells)."""
    return key is None or type(key) is str or type(key) is date


class Made(dict[Any, Any]):
    """Values made on first use: once a key is known, ``made[key]`` is a look-up done in C, so a
    column of a few hundred distinct values over 70,000 rows calls ``make`` a few hundred times.
    With ``kept``, only the keys it accepts are remembered (the others are made each time)."""

    def __init__(self, make: Callable[[Any], Any], kept: Callable[[object], bool] | None = None) -> None:
        super().__init__()
        self._make = make
        self._kept = kept

    def __missing__(self, key: Any) -> Any:
        value = self._make(key)
        if self._kept is None or self._kept(key):
            self[key] = value
        return value
