"""Why a plan file's YAML cannot be read, as a ``Say`` the UI can phrase in its language.

PyYAML (libyaml) says why in English (``mapping values are not allowed in this context``). The
reasons a clerk meets when editing a plan by hand have a key of their own in
``store.problem_texts`` (English as PyYAML says it, Chinese with the usual cause); any other
reason keeps PyYAML's English for English readers and its column, so that the Chinese can say
where the error is without an English word.
"""
from __future__ import annotations

import re

import yaml

from store.problems import Say, say

# PyYAML's problem text (libyaml's, and the pure-Python parser's where it differs) -> key
_PLAIN = {
    "mapping values are not allowed in this context": "pr_yaml_mapping_values",
    "mapping values are not allowed here": "pr_yaml_mapping_values",
    "found character that cannot start any token": "pr_yaml_bad_start",
    "found unexpected end of stream": "pr_yaml_unexpected_end",
    "found a tab character that violates indentation": "pr_yaml_tab",
    "did not find expected key": "pr_yaml_expected_key",
    "did not find expected '-' indicator": "pr_yaml_expected_dash",
    "could not find expected ':'": "pr_yaml_expected_colon",
    "did not find expected node content": "pr_yaml_expected_value",
    "found unknown escape character": "pr_yaml_escape",
    "did not find expected <document start>": "pr_yaml_doc_start",
    "found undefined tag handle": "pr_yaml_tag_handle",
}
# reasons that name something (a bracket, an alias, a tag): pattern -> key, its one value
_NAMING = (
    (re.compile(r"did not find expected ',' or '([\]}])'"), "pr_yaml_flow_close", "close"),
    (re.compile(r"expected ',' or '([\]}])', but got .*"), "pr_yaml_flow_close", "close"),
    (re.compile(r"found undefined alias '(.*)'"), "pr_yaml_undefined_alias", "name"),
    (re.compile(r"found duplicate anchor '(.*)'; first occurrence"), "pr_yaml_duplicate_anchor", "name"),
    (re.compile(r"could not determine a constructor for the tag '(.*)'"), "pr_yaml_unknown_tag", "tag"),
)


def yaml_reason(exc: yaml.YAMLError) -> Say:
    """What to say about ``exc``: a key of its own for the common reasons, else PyYAML's English
    with the column (1-based; 0 when PyYAML gives none)."""
    said: Say | None = getattr(exc, "said", None)  # store.plan_yaml.SaidError: worded by plandesk
    if said is not None:
        return said
    if isinstance(exc, yaml.reader.ReaderError):
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or " ")
        return say("pr_yaml_char", code=code)
    problem = str(getattr(exc, "problem", None) or str(exc).splitlines()[0])
    for text in (problem, str(getattr(exc, "context", None) or "")):  # a duplicate anchor is said in the context
        if text in _PLAIN:
            return say(_PLAIN[text])
        for pattern, key, name in _NAMING:
            if m := pattern.fullmatch(text):
                return say(key, **{name: m[1]})
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return say("pr_yaml_other", reason=problem, column=int(mark.column) + 1 if mark is not None else 0)
