"""The plan file's allowed keys and their types, declared in ONE place: a table per item type.

A misspelt key (``milestone:`` for ``milestones:``) used to be ignored, silently dropping the
clerk's dates; here every key not in the table is an error, every value is type-checked, and
every problem is reported with its line before anything is built. To add a key to the format,
add a row to the table below (and to docs/PLAN_FORMAT.md); the loader may use it later.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from store.periods import CYCLES
from store.plan_yaml import LINE_KEY, LINES_KEY, TWICE_KEY, BadScalar, StreamedItems

FIRST_YEAR, LAST_YEAR = 1949, 2100  # the years a plan, a date or a value may name
NODE_KINDS = ("part", "chapter", "section", "task", "box", "entry", "project", "text", "annex")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_PLAN_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_META = (LINE_KEY, LINES_KEY, TWICE_KEY)

Check = Callable[[Any], "str | None"]  # a value -> the problem with it, or None


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and not isinstance(value, BadScalar)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def text(value: Any) -> str | None:
    return None if _is_text(value) else "must be text (put it in quotes if YAML reads it as a number or date)"


def _matching(pattern: re.Pattern[str], what: str) -> Check:
    """A check that a value is text matching ``pattern``; ``what`` says what it should be."""

    def check(value: Any) -> str | None:
        if not _is_text(value):
            return "must be text"
        return None if pattern.fullmatch(value) else f"{value!r} is not {what}"

    return check


ident = _matching(_ID, "a valid id (letters, digits, . - _)")
plan_ident = _matching(_PLAN_ID, "a plan id (lower-case letters, digits and -)")


def year(value: Any) -> str | None:
    if not _is_int(value):
        return "must be a year, e.g. 2025"
    if not FIRST_YEAR <= value <= LAST_YEAR:
        return f"{value} is outside {FIRST_YEAR}..{LAST_YEAR}"
    return None


def line_number(value: Any) -> str | None:
    return None if _is_int(value) and value >= 1 else "must be a line number (1 or more)"


def iso_date(value: Any) -> str | None:
    """``issued``: a date YAML reads (2022-06-08) or the same in quotes."""
    if _is_text(value):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            return f"{value!r} is not a date (YYYY-MM-DD)"
    elif isinstance(value, datetime) or not isinstance(value, date):
        return "must be a date, e.g. 2022-06-08"
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        return f"{value.isoformat()} is outside {FIRST_YEAR}..{LAST_YEAR}"
    return None


def deadline(value: Any) -> str | None:
    """A deadline phrase, a date or a year; what a phrase means is checked when it is read."""
    if _is_int(value):
        return year(value)
    if _is_text(value) or (isinstance(value, date) and not isinstance(value, datetime)):
        return None
    return "must be a date or a deadline phrase, e.g. 2024-06-30 or 2024年6月底"


def names(value: Any) -> str | None:
    """Unit names: one name, a 、-separated string, or a list of names."""
    if _is_text(value) or (isinstance(value, list) and all(_is_text(v) for v in value)):
        return None
    return "must be a unit name or a list of unit names"


def printed(value: Any) -> str | None:
    """A cell as printed: text (numbers are accepted and kept as written by YAML)."""
    if _is_text(value) or (isinstance(value, (int, float)) and not isinstance(value, bool)):
        return None
    return "must be the value as printed, e.g. \"≥98\""


def number(value: Any) -> str | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0 and value == value:
        return None
    return "must be a number, 0 or more"


def one_of(*choices: str) -> Check:
    def check(value: Any) -> str | None:
        if _is_text(value) and value in choices:
            return None
        if len(choices) == 2:
            return f"must be {choices[0]} or {choices[1]}, not {value!r}"
        return f"{value!r} is not one of {', '.join(choices)}"
    return check


@dataclass(frozen=True)
class Key:
    """One allowed key: its check, whether it must be there, and the table of what it holds."""

    check: Check | None = None
    required: bool = False
    table: str | None = None      # the value is a mapping checked against this table
    items: str | None = None      # the value is a list of mappings checked against this table
    non_empty: bool = False       # the list must have at least one item
    labels: Check | None = None   # the value is a mapping label -> value checked by this
    years: Check | None = None    # the value is a mapping year -> value checked by this


# ---- the plan file format: one table per item type (docs/PLAN_FORMAT.md says what each means) ----
SCHEMA: dict[str, dict[str, Key]] = {
    "plan": {
        "id": Key(plan_ident, required=True),
        "region": Key(text, required=True),
        "bureau": Key(text),
        "title": Key(text, required=True),
        "doc_number": Key(text),
        "issued": Key(iso_date),
        "period": Key(required=True, table="period"),
        "source_file": Key(text, required=True),
        "note": Key(text),
        "reporting": Key(table="reporting"),
        "nodes": Key(required=True, items="node", non_empty=True),
        "indicators": Key(items="indicator"),
    },
    "period": {
        "start": Key(year, required=True),
        "end": Key(year, required=True),
    },
    "reporting": {
        "cycle": Key(one_of(*CYCLES)),
        "yellow_lag": Key(number),
        "red_lag": Key(number),
    },
    "node": {
        "id": Key(ident, required=True),
        "kind": Key(one_of(*NODE_KINDS), required=True),
        "number": Key(text),
        "title": Key(text, required=True),
        "text": Key(text),
        "units": Key(names),
        "lead": Key(names),
        "support": Key(names),
        "line": Key(line_number),
        "source": Key(text),
        "repair": Key(text),
        "note": Key(text),
        "fields": Key(labels=printed),
        "due": Key(deadline),
        "milestones": Key(items="milestone"),
        "children": Key(items="node"),
    },
    "milestone": {
        "id": Key(ident, required=True),
        "title": Key(text, required=True),
        "due": Key(deadline, required=True),
        "start": Key(deadline),
        "every": Key(one_of("year", "quarter")),
        "same_as": Key(ident),
        "line": Key(line_number),
        "source": Key(text),
        "repair": Key(text),
        "note": Key(text),
    },
    "indicator": {
        "id": Key(ident, required=True),
        "category": Key(text),
        "number": Key(text),
        "name": Key(text, required=True),
        "unit": Key(text),
        "attribute": Key(text),
        "better": Key(one_of("higher", "lower"), required=True),
        "measure": Key(one_of("total", "increment")),
        "baseline_year": Key(year, required=True),
        "line": Key(line_number),
        "rows": Key(required=True, items="row", non_empty=True),
        "note": Key(text),
    },
    "row": {
        "table": Key(text, required=True),
        "line": Key(line_number),
        "values": Key(required=True, years=printed),
        "basis": Key(one_of("total", "increment")),
        "note": Key(text),
    },
}
# ---- end of the format's tables ----

Report = Callable[[dict[str, Any] | None, Any, str, str], None]  # (where, key, message, label)


def _label(table: str, mapping: dict[str, Any]) -> str:
    item_id = mapping.get("id")
    return f"{table} {item_id}" if _is_text(item_id) else table


def check_document(doc: Any, report: Report) -> None:
    """Check one plan document against SCHEMA, calling ``report`` once per problem."""
    if not isinstance(doc, dict):
        report(None, "plan", "a plan document must be a mapping", "")
        return
    check_mapping(doc, "plan", report)


def check_mapping(mapping: dict[str, Any], table: str, report: Report) -> None:
    """Unknown keys, keys given twice, missing required keys and wrong types, then nested items."""
    rules = SCHEMA[table]
    label = _label(table, mapping)
    for key, _line in mapping.get(TWICE_KEY, ()):
        report(mapping, key, "given twice (the second one would silently win)", label)
    for key, value in mapping.items():
        if key in _META:
            continue
        rule = rules.get(key) if isinstance(key, str) else None
        if rule is None:
            guess = difflib.get_close_matches(str(key), list(rules), n=1)
            hint = f" (did you mean {guess[0]!r}?)" if guess else f" (allowed: {', '.join(rules)})"
            report(mapping, key, f"unknown key{hint}", label)
            continue
        if value is None:
            if rule.required:
                report(mapping, key, "missing", label)
            continue
        _check_value(mapping, key, value, rule, report, label)
    for key, rule in rules.items():
        if rule.required and key not in mapping:
            report(mapping, key, "missing", label)


def _check_value(mapping: dict[str, Any], key: str, value: Any, rule: Key, report: Report, label: str) -> None:
    if isinstance(value, BadScalar):
        report(mapping, key, value.reason, label)
        return
    if rule.check is not None:
        problem = rule.check(value)
        if problem:
            report(mapping, key, problem, label)
        elif rule.required and _is_text(value) and not value.strip():
            report(mapping, key, "missing", label)
        return
    if rule.table:
        if isinstance(value, dict):
            check_mapping(value, rule.table, report)
        else:
            report(mapping, key, f"must be a mapping ({', '.join(SCHEMA[rule.table])})", label)
        return
    if rule.items:
        if isinstance(value, StreamedItems):  # its mappings were checked one by one as they were read
            if rule.non_empty and not value.count:
                report(mapping, key, f"must be a non-empty list of {rule.items}s", label)
            elif value.not_mappings:
                report(mapping, key, f"each {rule.items} must be a mapping of keys", label)
            return
        if not isinstance(value, list) or (rule.non_empty and not value):
            report(mapping, key, f"must be a {'non-empty ' if rule.non_empty else ''}list of {rule.items}s", label)
            return
        for item in value:
            if isinstance(item, dict):
                check_mapping(item, rule.items, report)
            else:
                report(mapping, key, f"each {rule.items} must be a mapping of keys", label)
        return
    _check_map(mapping, key, value, rule, report, label)


def _check_map(mapping: dict[str, Any], key: str, value: Any, rule: Key, report: Report, label: str) -> None:
    """``fields`` (label -> printed) and ``values`` (year -> printed)."""
    if not isinstance(value, dict) or (rule.years and not any(k not in _META for k in value)):
        what = "years to printed values" if rule.years else "labels to printed values"
        report(mapping, key, f"must map {what}", label)
        return
    for inner, _line in value.get(TWICE_KEY, ()):
        report(value, inner, "given twice", label)
    check = rule.years or rule.labels
    assert check is not None  # a rule with neither is not a map
    for inner, item in value.items():
        if inner in _META:
            continue
        if rule.years:
            problem = year(inner)
            if problem:
                report(value, inner, f"is not a year: {problem}", label)
                continue
        elif not _is_text(inner):
            report(value, inner, "a label must be text", label)
            continue
        problem = "is empty" if item is None else (item.reason if isinstance(item, BadScalar)
                                                  else check(item))
        if problem:
            report(value, inner, problem, label)
