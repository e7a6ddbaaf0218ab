"""Errors a clerk can cause; the command line prints them as one line, never a traceback."""
from __future__ import annotations


class PlandeskError(Exception):
    """Base of every error that is shown to the user as a message."""


class NotFound(PlandeskError):
    """An id, plan or indicator that does not exist (or is ambiguous)."""


class BadInput(PlandeskError):
    """A value, date or argument that cannot be used."""


class DatabaseRefused(PlandeskError):
    """A file that is not a plandesk database, or one written by a newer plandesk."""


class ImportFailed(PlandeskError):
    """A plan file with problems; ``problems`` lists them as ``FILE:LINE: field: message``."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))
