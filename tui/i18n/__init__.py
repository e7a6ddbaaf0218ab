"""The one message catalog: Chinese under a Chinese locale, English otherwise, ``--lang`` overrides.

The keys live in one module per part of the product (``messages_*.py``), merged here; a key
defined twice would silently hide one text, so the merge refuses it.
"""
from __future__ import annotations

import os

from store import (
    error_texts,  # the store's error texts (err_*): one more part, kept beside the store
    problem_texts,  # a plan file's problems (pr_*), the same way
)
from tui.i18n import (
    messages_core,
    messages_draft,
    messages_house,
    messages_large,
    messages_ledger,
    messages_progress,
    messages_reports,
    messages_safety,
)

LANG_ENV = "PLANDESK_LANG"

_PARTS = (messages_core, messages_safety, messages_house, messages_progress, messages_ledger, messages_reports,
          messages_draft, messages_large, error_texts, problem_texts)


def _merged() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for part in _PARTS:
        twice = merged.keys() & part.MESSAGES.keys()
        if twice:
            raise RuntimeError(f"catalog keys defined twice: {sorted(twice)}")
        merged.update(part.MESSAGES)
    return merged


# key: (English, Chinese)
MESSAGES: dict[str, tuple[str, str]] = _merged()


def detect_lang(explicit: str | None = None) -> str:
    """``zh`` or ``en``: ``--lang``, then PLANDESK_LANG, then the locale variables."""
    if explicit in ("zh", "en"):
        return explicit
    env = os.environ.get(LANG_ENV)
    if env in ("zh", "en"):
        return env
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


class Catalog:
    """Looks up labels in one language; unknown keys show as themselves (never crash)."""

    def __init__(self, lang: str = "en"):
        self.lang = lang
        self._index = 1 if lang == "zh" else 0

    def __call__(self, key: str, **values: object) -> str:
        pair = MESSAGES.get(key)
        text = pair[self._index] if pair else key
        return text.format(**values) if values else text
