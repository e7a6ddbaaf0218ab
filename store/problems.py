"""A plan file's problems as plain data, so that the UI can say them in its own language.

The loader finds a problem where it is (file, line, field) and says what is wrong with a
``Say``: a key of ``store.problem_texts`` (or ``store.error_texts``) and its values, which may
themselves be ``Say``s (the item a problem is in, a reason within a reason). ``str()`` of either
is the English, built from the tables on demand: nothing is formatted unless a problem is shown,
so a valid plan's reading never pays for it. ``tui.phrases.problem_line`` says the same problem
in the UI's language.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from store.error_texts import MESSAGES as ERROR_TEXTS
from store.problem_texts import MESSAGES as PROBLEM_TEXTS
from store.safe_text import visible

TEXTS: dict[str, tuple[str, str]] = {**ERROR_TEXTS, **PROBLEM_TEXTS}


class Say(NamedTuple):
    """A message by key with the values it needs; ``str()`` is its English."""

    key: str
    values: dict[str, Any]

    def __str__(self) -> str:
        return TEXTS[self.key][0].format(**self.values)  # a nested Say formats as its own English


def say(key: str, **values: Any) -> Say:
    return Say(key, values)


@dataclass(frozen=True, slots=True)
class PlanProblem:
    """One problem of a plan file: where it is, what is wrong, and in which item (``label``).

    ``field`` is the file's own key (never translated), or a ``Say`` when the problem is the
    file's as a whole (``file``, ``yaml``, ``plan``)."""

    file: str
    line: int
    field: str | Say
    message: Say
    label: Say | None = None

    def __str__(self) -> str:
        """``FILE:LINE: field: message (label)`` in English, one line, never a control character."""
        values = {"file": self.file, "line": self.line, "field": shown_field(self.field), "message": self.message}
        if self.label is None:
            return visible(TEXTS["pr_line"][0].format(**values), one_line=True)
        return visible(TEXTS["pr_line_in"][0].format(**values, label=self.label), one_line=True)


def shown_field(field: str | Say) -> str | Say:
    """A file's key as a problem line shows it: quoted when it is empty or holds a colon, a quote or
    a space (a key ``::`` would make ``fuzz.yaml:1: :: unknown key`` unreadable), else as it is."""
    if isinstance(field, Say) or (field and not any(c in field for c in ':" ') and field.strip() == field):
        return field
    import json

    return json.dumps(field, ensure_ascii=False)


# The item a problem is in, by the name of its table in store.plan_schema.SCHEMA.
WORDS = {"plan": "pr_word_plan", "period": "pr_word_period", "reporting": "pr_word_reporting",
         "node": "pr_word_node", "milestone": "pr_word_milestone", "indicator": "pr_word_indicator",
         "row": "pr_word_row"}
_WORD = {table: Say(key, {}) for table, key in WORDS.items()}


# The item a problem is in, as the reader knows it for every item it reads: its table and its id.
# A plain tuple (as cheap as a name), made a Say by ``item_label`` only when a problem is found.
Item = tuple[str, "str | None"]


def item_label(table: str, item_id: str | None = None) -> Say:
    """``node c1`` (or ``node`` when the item has no id yet) as a Say."""
    word = _WORD[table]
    return Say("pr_in_id", {"what": word, "id": item_id}) if item_id else word
