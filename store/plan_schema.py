"""The plan file's allowed keys and their types, declared in ONE place: a table per item type.

A misspelt key (``milestone:`` for ``milestones:``) used to be ignored, silently dropping the
clerk's dates; here every key not in the table is an error, every value is type-checked, and
every problem is reported with its line before anything is built. To add a key to the format,
add a row to the table below (and to docs/PLAN_FORMAT.md); the loader may use it later.
"""
from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from store.periods import CYCLES
from store.plan_yaml import LINE_KEY, LINES_KEY, TWICE_KEY, BadScalar, StreamedItems
from store.problems import Item, Say, item_label, say

FIRST_YEAR, LAST_YEAR = 1949, 2100  # the years a plan, a date or a value may name
NODE_KINDS = ("part", "chapter", "section", "task", "box", "entry", "project", "text", "annex")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_PLAN_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_META = (LINE_KEY, LINES_KEY, TWICE_KEY)

Check = Callable[[Any], "Say | None"]  # a value -> the problem with it, or None


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and not isinstance(value, BadScalar)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def text(value: Any) -> Say | None:
    return None if _is_text(value) else say("pr_text_quoted")


def _matching(pattern: re.Pattern[str], what: str) -> Check:
    """A check that a value is text matching ``pattern``; ``what`` is the key saying what it should be."""

    def check(value: Any) -> Say | None:
        if not _is_text(value):
            return say("pr_text")
        return None if pattern.fullmatch(value) else say(what, value=value)

    return check


ident = _matching(_ID, "pr_bad_id")
plan_ident = _matching(_PLAN_ID, "pr_bad_plan_id")


def outside(value: object) -> Say:
    """``2300-12-31 is outside 1949..2100``: the years a plan may name."""
    return say("pr_outside", value=value, first=FIRST_YEAR, last=LAST_YEAR)


def year(value: Any) -> Say | None:
    if not _is_int(value):
        return say("pr_year")
    if not FIRST_YEAR <= value <= LAST_YEAR:
        return outside(value)
    return None


MAX_LINE = 999_999_999  # more lines than any document has; SQLite's INTEGER stops at 2**63 - 1


def line_number(value: Any) -> Say | None:
    if _is_int(value) and value > MAX_LINE:
        return say("pr_line_too_large", value=value, last=MAX_LINE)
    return None if _is_int(value) and value >= 1 else say("pr_line_number")


def iso_date(value: Any) -> Say | None:
    """``issued``: a date YAML reads (2022-06-08) or the same in quotes."""
    if _is_text(value):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            return say("pr_not_iso_date", value=value)
    elif isinstance(value, datetime) or not isinstance(value, date):
        return say("pr_date")
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        return outside(value.isoformat())
    return None


def deadline(value: Any) -> Say | None:
    """A deadline phrase, a date or a year; what a phrase means is checked when it is read."""
    if _is_int(value):
        return year(value)
    if _is_text(value) or (isinstance(value, date) and not isinstance(value, datetime)):
        return None
    return say("pr_deadline")


def names(value: Any) -> Say | None:
    """Unit names: one name, a 、-separated string, or a list of names."""
    if _is_text(value) or (isinstance(value, list) and all(_is_text(v) for v in value)):
        return None
    return say("pr_names")


def printed(value: Any) -> Say | None:
    """A cell as printed: text (numbers are accepted and kept as written by YAML)."""
    if isinstance(value, float) and not math.isfinite(value):  # YAML's .inf, .nan, 1.0e+309
        return say("pr_not_finite", value=value)
    if _is_text(value) or (isinstance(value, (int, float)) and not isinstance(value, bool)):
        from store.values import MAX_NUMBER, parse_printed

        number = parse_printed(value).number
        if number is not None and not abs(number) <= MAX_NUMBER:  # 400 digits: infinity, and JSON has none
            return say("pr_printed_too_large", last=f"{MAX_NUMBER:,.0f}")
        return None
    return say("pr_printed")


def number(value: Any) -> Say | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return say("pr_number")
    if (isinstance(value, int) or math.isfinite(value)) and value >= 0:  # never .inf, .nan (an int is finite)
        return None
    return say("pr_number")


def one_of(*choices: str) -> Check:
    def check(value: Any) -> Say | None:
        if _is_text(value) and value in choices:
            return None
        if len(choices) == 2:
            return say("pr_either", first=choices[0], second=choices[1], value=value)
        return say("pr_not_one_of", value=value, choices=", ".join(choices))
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

Report = Callable[[dict[str, Any] | None, Any, Say, "Item | None"], None]  # (where, key, message, item)


def _label(table: str, mapping: dict[str, Any]) -> Item:
    item_id = mapping.get("id")
    return table, item_id if _is_text(item_id) else None


def check_document(doc: Any, report: Report) -> None:
    """Check one plan document against SCHEMA, calling ``report`` once per problem."""
    if not isinstance(doc, dict):
        report(None, say("pr_word_plan"), say("pr_doc_not_mapping"), None)  # no key: the document itself
        return
    check_mapping(doc, "plan", report)


def check_mapping(mapping: dict[str, Any], table: str, report: Report) -> None:
    """Unknown keys, keys given twice, missing required keys and wrong types, then nested items."""
    rules = SCHEMA[table]
    label = _label(table, mapping)
    for key, _line in mapping.get(TWICE_KEY, ()):
        report(mapping, key, say("pr_twice_wins"), label)
    for key, value in mapping.items():
        if key in _META:
            continue
        rule = rules.get(key) if isinstance(key, str) else None
        if rule is None:
            guess = difflib.get_close_matches(str(key), list(rules), n=1)
            unknown = say("pr_unknown_guess", guess=guess[0]) if guess else \
                say("pr_unknown_allowed", allowed=", ".join(rules))
            report(mapping, key, unknown, label)
            continue
        if value is None:
            if rule.required:
                report(mapping, key, say("pr_missing"), label)
            continue
        _check_value(mapping, key, value, rule, report, label)
    for key, rule in rules.items():
        if rule.required and key not in mapping:
            report(mapping, key, say("pr_missing"), label)


def _check_value(mapping: dict[str, Any], key: str, value: Any, rule: Key, report: Report, label: Item) -> None:
    if isinstance(value, BadScalar):
        report(mapping, key, value.reason, label)
        return
    if rule.check is not None:
        problem = rule.check(value)
        if problem:
            report(mapping, key, problem, label)
        elif rule.required and _is_text(value) and not value.strip():
            report(mapping, key, say("pr_missing"), label)
        return
    if rule.table:
        if isinstance(value, dict):
            check_mapping(value, rule.table, report)
        else:
            report(mapping, key, say("pr_mapping_of", keys=", ".join(SCHEMA[rule.table])), label)
        return
    if rule.items:
        if isinstance(value, StreamedItems):  # its mappings were checked one by one as they were read
            if rule.non_empty and not value.count:
                report(mapping, key, say("pr_nonempty_list_of", items=item_label(rule.items)), label)
            elif value.not_mappings:
                report(mapping, key, say("pr_each_mapping", item=item_label(rule.items)), label)
            return
        if not isinstance(value, list) or (rule.non_empty and not value):
            wanted = "pr_nonempty_list_of" if rule.non_empty else "pr_list_of"
            report(mapping, key, say(wanted, items=item_label(rule.items)), label)
            return
        for item in value:
            if isinstance(item, dict):
                check_mapping(item, rule.items, report)
            else:
                report(mapping, key, say("pr_each_mapping", item=item_label(rule.items)), label)
        return
    _check_map(mapping, key, value, rule, report, label)


def _check_map(mapping: dict[str, Any], key: str, value: Any, rule: Key, report: Report, label: Item) -> None:
    """``fields`` (label -> printed) and ``values`` (year -> printed)."""
    if not isinstance(value, dict) or (rule.years and not any(k not in _META for k in value)):
        report(mapping, key, say("pr_map_years" if rule.years else "pr_map_labels"), label)
        return
    for inner, _line in value.get(TWICE_KEY, ()):
        report(value, inner, say("pr_twice"), label)
    check = rule.years or rule.labels
    assert check is not None  # a rule with neither is not a map
    for inner, item in value.items():
        if inner in _META:
            continue
        if rule.years:
            problem = year(inner)
            if problem:
                report(value, inner, say("pr_key_not_year", problem=problem), label)
                continue
        elif not _is_text(inner):
            report(value, inner, say("pr_label_text"), label)
            continue
        problem = say("pr_empty") if item is None else (item.reason if isinstance(item, BadScalar)
                                                        else check(item))
        if problem:
            report(value, inner, problem, label)
