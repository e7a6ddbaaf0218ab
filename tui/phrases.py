"""Store errors phrased for a person in the UI's language (command line and app alike).

The store raises errors with plain data (a reason code and the values); this module turns them
into one line of the catalog's language, with any typed text shown as text (store.safe_text).
"""
from __future__ import annotations

from typing import Any

from store.clerk_dates import AFTER_AS_OF, FIRST_YEAR, LAST_YEAR, OUT_OF_RANGE, ClerkDateError
from store.errors import ImportFailed, PlandeskError
from store.problems import PlanProblem, Say, shown_field
from store.safe_text import visible
from tui.i18n import Catalog


def error_line(t: Catalog, exc: PlandeskError) -> str:
    """A store error in the UI's language: its key and values through the catalog. The store's
    refusals that carry a ``reason`` instead (output paths, --db, backups) have their own keys;
    an error with neither carries text a UI module has already worded, and shows as it is."""
    from store.backup import BackupError, DatabaseDamaged
    from store.files import OutputRefused
    from store.locations import DbLocationRefused

    if exc.key:
        return t(exc.key, **_values(t, exc.values))
    if isinstance(exc, ImportFailed):
        return "\n".join(problem_line(t, problem) for problem in exc.found)
    if isinstance(exc, OutputRefused):
        return t(f"sd_out_{exc.reason}", path=exc.path, guarded=exc.guarded)
    if isinstance(exc, DbLocationRefused):
        return t(f"in_db_{exc.reason}", folder=exc.path.parent if exc.path else "")
    if isinstance(exc, BackupError):
        return t(f"sd_bk_{exc.reason}", path=exc.path)
    if isinstance(exc, DatabaseDamaged):
        return t("sd_damaged", path=exc.path, detail=db_detail(t, exc.detail))
    return str(exc)


def said(t: Catalog, message: Say) -> str:
    """A store message by key in the UI's language, the messages within it too."""
    return t(message.key, **_values(t, message.values))


def problem_line(t: Catalog, problem: PlanProblem) -> str:
    """``FILE:LINE: field: message (item)`` of a plan file in the UI's language: the field is the
    file's own key, the clerk's values are shown as they are, on one line (store.safe_text)."""
    field = said(t, problem.field) if isinstance(problem.field, Say) else shown_field(problem.field)
    values = {"file": problem.file, "line": problem.line, "field": field, "message": said(t, problem.message)}
    if problem.label is None:
        return visible(t("pr_line", **values), one_line=True)
    return visible(t("pr_line_in", **values, label=said(t, problem.label)), one_line=True)


def _values(t: Catalog, values: dict[str, Any]) -> dict[str, Any]:
    """Values as the catalog takes them: a message or a plan file's problem within a message said
    in the UI's language, any other value as it is (formatted by the message's own pattern)."""
    return {name: said(t, value) if isinstance(value, Say) else problem_line(t, value)
            if isinstance(value, PlanProblem) else value for name, value in values.items()}


def date_problem(t: Catalog, exc: ClerkDateError, what: str) -> str:
    """``--on: 2024-01-01 is after the as-of date 2023-06-30 …`` in the UI's language."""
    text = visible(exc.text, one_line=True)
    if exc.reason == AFTER_AS_OF:
        return t("in_after_as_of", what=what, day=exc.day, as_of=exc.as_of)
    if exc.reason == OUT_OF_RANGE:
        return t("in_out_of_range", what=what, text=text, first=FIRST_YEAR, last=LAST_YEAR)
    return t("in_not_a_date", what=what, text=text)


def value_warning(t: Catalog, value: float, unit: str | None) -> list[str]:
    """One line per oddity of a recorded value (it is recorded all the same)."""
    from store.values import NEGATIVE_COUNT, PERCENT_OUTSIDE, format_number, value_warnings

    keys = {PERCENT_OUTSIDE: "in_warn_percent", NEGATIVE_COUNT: "in_warn_negative"}
    return [t(keys[code], value=format_number(value)) for code in value_warnings(value, unit)]


def os_reason(t: Catalog, exc: OSError) -> str:
    """Why a file could not be read or written, in the UI's language; the system's own words
    for the rarer causes (they come in the system's language)."""
    import errno

    keys = {errno.ENOENT: "in_os_missing", errno.EACCES: "in_os_denied", errno.EPERM: "in_os_denied",
            errno.EISDIR: "in_os_folder", errno.ENOTDIR: "in_os_not_folder", errno.ENOSPC: "in_os_full",
            errno.EDQUOT: "in_os_quota", errno.EROFS: "in_os_read_only"}
    key = keys.get(exc.errno) if exc.errno is not None else None
    return t(key) if key else str(exc.strerror or exc)


_DB_DETAILS = {"database disk image is malformed": "sd_detail_malformed",
               "file is not a database": "sd_detail_not_a_db", "disk I/O error": "sd_detail_io"}


def db_detail(t: Catalog, detail: object) -> str:
    """SQLite's own words for a damaged or failing file (or PRAGMA quick_check's first finding), in
    the UI's language: the common ones said in it, any other as what it is, a check that failed,
    under Chinese (its words are English: no English word under the Chinese UI)."""
    text = str(detail)
    key = _DB_DETAILS.get(text)
    if key is not None:
        return t(key)
    return text if t.lang == "en" else t("sd_detail_check")
