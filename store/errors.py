"""Errors a clerk can cause; the command line prints them as one line, never a traceback.

The store raises them with plain data: a key of ``store.error_texts`` and its values
(``NotFound("err_no_node", ref=node_id)``). ``str(exc)`` is the English sentence (logs, tests,
the store's own consumers); the UI phrases ``exc.key`` and ``exc.values`` through its catalog in
its own language (``tui.phrases.error_line``). Text the UI has already worded is raised as it
is (``PlandeskError(t("..."))``): its ``key`` is None and it shows as it is.
"""
from __future__ import annotations

from collections.abc import Sequence

from store.error_texts import MESSAGES
from store.problems import PlanProblem

KEY_PREFIX = "err_"


class PlandeskError(Exception):
    """Base of every error that is shown to the user as a message."""

    def __init__(self, key_or_text: str = "", **values: object) -> None:
        is_key = key_or_text.startswith(KEY_PREFIX) and key_or_text.isidentifier()  # worded text never is
        self.key: str | None = key_or_text if is_key else None
        self.values: dict[str, object] = values
        # a key missing from the table is a defect: KeyError here, and tests/test_catalog.py finds it first
        super().__init__(MESSAGES[self.key][0].format(**values) if self.key else key_or_text)


class NotFound(PlandeskError):
    """An id, plan or indicator that does not exist (or is ambiguous)."""


class BadInput(PlandeskError):
    """A value, date or argument that cannot be used."""


class DatabaseRefused(PlandeskError):
    """A file that is not a plandesk database, or one written by a newer plandesk."""


class ImportFailed(PlandeskError):
    """A plan file with problems: ``found`` holds them as data (the UI says each in its language,
    ``tui.phrases.problem_line``), ``problems`` as English ``FILE:LINE: field: message`` lines."""

    def __init__(self, found: Sequence[PlanProblem]):
        self.found = list(found)
        self.problems = [str(problem) for problem in self.found]
        super().__init__("\n".join(self.problems))
