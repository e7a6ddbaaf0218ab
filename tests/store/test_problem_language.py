"""A plan file's problems in the UI's language: every problem key in both languages, formatted
with the values the code passes, and no English word under the Chinese UI.

The store keeps its English lines (``str()`` of a problem, what the other loader tests read);
``tui.phrases.problem_line`` says the same problem in the catalog's language.
"""
from __future__ import annotations

import ast
import re
import string
from pathlib import Path
from typing import Any

import pytest

from store.errors import ImportFailed
from store.loader import load_plan_file
from store.plan_schema import SCHEMA
from store.problem_texts import MESSAGES as PROBLEM_TEXTS
from store.problems import TEXTS, PlanProblem, Say
from tests.conftest import FIXTURES, REPO
from tui.i18n import MESSAGES, Catalog
from tui.phrases import error_line, problem_line, said

BASE = """\
id: demo-2021-2025
region: 示范区
title: 示范区规划
period: {start: 2021, end: 2025}
source_file: demo.txt
reporting: {cycle: quarter, yellow_lag: 10, red_lag: 30}
nodes:
  - id: c1
    kind: chapter
    title: 第一章
    lead: 综合科
    children:
      - id: c1.t1
        kind: task
        title: 任务一
        due: 2023年底
        fields: {备注: 无}
      - id: c1.t2
        kind: task
        title: 任务二
        milestones:
          - id: c1.t2.m1
            title: 节点一
            start: 2022年
            due: 2023年6月底
          - id: c1.t2.eval
            title: 年度评价
            every: year
            due: 2025年底
indicators:
  - id: i1
    name: 指标一
    better: higher
    baseline_year: 2020
    rows:
      - table: 专栏1
        values: {2020: "3.4", 2025: "4"}
"""

# (what is wrong, text replaced, its replacement): each makes BASE a file with problems
MUTATIONS = [
    ("a YAML syntax error", "    title: 第一章\n", "    title: 第一章: 总则\n"),
    ("a tab", "    title: 第一章\n", "\ttitle: 第一章\n"),
    ("an unclosed quote", "region: 示范区\n", 'region: "示范区\n'),
    ("an unclosed list", "values: {2020: \"3.4\", 2025: \"4\"}", "values: [2020, 2025"),
    ("an unclosed mapping", "values: {2020: \"3.4\", 2025: \"4\"}", "values: {2020: \"3.4\""),
    ("a bad indent", "        kind: task\n        title: 任务一\n", "        kind: task\n       title: 任务一\n"),
    ("a list item where a key is", "source_file: demo.txt\n", "source_file: demo.txt\n- x\n"),
    ("a key without its colon", "source_file: demo.txt\n", "source_file: demo.txt\nnote\nbureau: 局\n"),
    ("an unknown escape", "region: 示范区", 'region: "示\\q范区"'),
    ("an undefined alias", "region: 示范区", "region: *nothing"),
    ("a duplicate anchor", "region: 示范区\ntitle: 示范区规划", "region: &a 示范区\ntitle: &a 示范区规划"),
    ("an unknown tag", "region: 示范区", "region: !local 示范区"),
    ("a tag its value cannot hold", "region: 示范区", "region: !!int 示范区"),
    ("an undefined tag handle", "region: 示范区", "region: !x!y 示范区"),
    ("a directive", "id: demo-2021-2025\n", "%FOO bar\n---\nid: demo-2021-2025\n"),
    ("a rarer YAML reason", "region: 示范区", "region: &"),
    ("wrong types", "title: 示范区规划", "title: 2023\nissued: 去年\nbureau: [a]"),
    ("an issued date out of range", "title: 示范区规划", "title: 示范区规划\nissued: 1900-01-01"),
    ("an issued date that is a list", "title: 示范区规划", "title: 示范区规划\nissued: [1]"),
    ("a bad plan id", "id: demo-2021-2025", "id: Demo Plan"),
    ("a period backwards", "{start: 2021, end: 2025}", "{start: 2025, end: 2021}"),
    ("a period not a mapping", "{start: 2021, end: 2025}", "2021"),
    ("a year not a year", "{start: 2021, end: 2025}", "{start: x, end: 2200}"),
    ("an empty title", "    title: 第一章\n", "    title: ' '\n"),
    ("a mistyped key", "    lead: 综合科", "    leed: 综合科\n    colour: red"),
    ("a key given twice", "        due: 2023年底\n", "        due: 2023年底\n        due: 2024年底\n"),
    ("a bad kind and id", "    kind: chapter", "    kind: chap\n    line: 0"),
    ("a bad node id", "  - id: c1\n", "  - id: 'c1 !'\n"),
    ("nodes not a list", "indicators:", "children_of_nothing: 1\nindicators:"),
    ("units of the wrong type", "    lead: 综合科", "    lead: {a: 1}\n    support: 2"),
    ("an empty nodes list", "nodes:\n", "nodes: []\nx_nodes:\n"),
    ("a node that is not a mapping", "  - id: c1\n", "  - text\n  - id: c1\n"),
    ("children not a list", "        fields: {备注: 无}", "        fields: [1]\n        children: 3"),
    ("a field label not text", "fields: {备注: 无}", "fields: {[1]: 2, 备注: , 说明: [1]}"),
    ("a field given twice", "fields: {备注: 无}", "fields: {备注: 无, 备注: 有, 1: 一}"),
    ("a value YAML cannot start", "region: 示范区", "region: @示范区"),
    ("a node named as a milestone after it", "indicators:\n", "  - id: c1.t2.m1\n    kind: task\n    title: 四\n"
                                                              "indicators:\n"),
    ("a milestone named as a node", "          - id: c1.t2.m1", "          - id: c1"),
    ("a deadline that is not one", "due: 2023年底", "due: 尽快"),
    ("a deadline of the wrong type", "due: 2023年底", "due: [1]"),
    ("a deadline out of range", "due: 2023年底", "due: 2300-12-31"),
    ("a deadline that does not exist", "due: 2023年底", "due: 2023-02-30"),
    ("a deadline phrase that does not exist", "due: 2023年底", "due: 2023年2月30日"),
    ("a deadline in no month", "due: 2023年底", "due: 2023年13月"),
    ("a deadline range backwards", "due: 2023年底", "due: 2025—2023年"),
    ("a start after the due date", "start: 2022年", "start: 2024年"),
    ("a duplicate milestone id", "          - id: c1.t2.eval", "          - id: c1.t2.m1"),
    ("a milestone named as a node", "          - id: c1.t2.m1", "          - id: c1.t1"),
    ("a node named as a milestone", "      - id: c1.t1\n", "      - id: c1.t2.m1\n"),
    ("a missing due", "            due: 2023年6月底\n", ""),
    ("a recurring target linked", "            every: year", "            every: year\n            same_as: c1.t2.m1"),
    ("a recurring span backwards", "            every: year", "            every: year\n            start: 2026年"),
    ("a bad every", "every: year", "every: month"),
    ("a link to itself", "            due: 2023年6月底", "            due: 2023年6月底\n            same_as: c1.t2.m1"),
    ("a link to nothing", "            due: 2023年6月底", "            due: 2023年6月底\n            same_as: zz"),
    ("a link to a series", "            due: 2023年6月底",
     "            due: 2023年6月底\n            same_as: c1.t2.eval"),
    ("an occurrence id used", "      - id: c1.t1\n", "      - id: c1.t2.eval.y2022\n"),
    ("reporting wrong", "reporting: {cycle: quarter, yellow_lag: 10, red_lag: 30}",
     "reporting: {cycle: weekly, yellow_lag: 50, red_lag: 300, green: 1}"),
    ("reporting red below yellow", "yellow_lag: 10, red_lag: 30", "yellow_lag: 40, red_lag: 30"),
    ("reporting not a mapping", "reporting: {cycle: quarter, yellow_lag: 10, red_lag: 30}", "reporting: 1"),
    ("an indicator wrong", "    better: higher", "    better: up\n    measure: sum\n    baseline_year: x"),
    ("indicator rows empty", "    rows:\n      - table: 专栏1\n        values: {2020: \"3.4\", 2025: \"4\"}\n",
     "    rows: []\n"),
    ("indicator rows wrong", "        values: {2020: \"3.4\", 2025: \"4\"}",
     "        values: {2020: \"3.4\", 9999: \"4\", x: 1, 2021: , 2022: [1]}\n      - table: 专栏1\n        values: 3"),
    ("a duplicate indicator", "indicators:\n", "indicators:\n  - id: i1\n    name: 二\n    better: lower\n"
                                                "    baseline_year: 2020\n    rows: [{table: t, values: {2020: 1}}]\n"),
    ("no plan", BASE, "# nothing\n"),
    ("not a mapping", BASE, "- a\n- b\n"),
    ("a plan twice", BASE, BASE + "---\n" + BASE),
    ("a control character", "region: 示范区", "region: 示\x1b范区"),
    ("not UTF-8", "region: 示范区", "region: \udcff"),
]

_LEFT_OVER = re.compile(r"[A-Za-z][A-Za-z_]+")
# technical words a Chinese line may keep: the format's own names and units
_TECHNICAL = {"YAML", "UTF", "MiB", "id", "YYYY", "MM", "DD",
              "plandesk", "draft", "Word", "Excel", "PDF", "txt"}  # a command, programs and formats by name


def _file_words() -> set[str]:
    """The plan format's own words (keys and the values its choices take): never translated."""
    words = {key for table in SCHEMA.values() for key in table}
    return words | {"year", "quarter", "higher", "lower", "total", "increment", "yellow_lag", "red_lag", "cycle"}


def _leaves(value: Any) -> list[str]:
    """Every plain value within a problem's message (what the clerk typed, ids, the format's words)."""
    if value is None:
        return []
    if isinstance(value, Say):
        return [leaf for inner in value.values.values() for leaf in _leaves(inner)]
    return [str(value), repr(value)]


def _problems_of(path: Path) -> list[PlanProblem]:
    with pytest.raises(ImportFailed) as failed:
        load_plan_file(path)
    return failed.value.found


def _hostile_files(folder: Path) -> list[Path]:
    files = sorted((FIXTURES / "bad_plans").glob("*.yaml"))
    for number, (_, old, new) in enumerate(MUTATIONS):
        assert old in BASE, old
        path = folder / f"hostile{number:02d}.yaml"
        path.write_bytes(BASE.replace(old, new, 1).encode("utf-8", "surrogateescape"))
        files.append(path)
    return files


def test_the_base_plan_is_valid(tmp_path: Path) -> None:
    path = tmp_path / "base.yaml"
    path.write_text(BASE, encoding="utf-8")
    assert load_plan_file(path)


def test_every_hostile_file_is_said_in_chinese_with_its_file_line_and_field(tmp_path: Path) -> None:
    zh, en = Catalog("zh"), Catalog("en")
    words = _file_words()
    keys_met: set[str] = set()
    for path in _hostile_files(tmp_path):
        for problem in _problems_of(path):
            assert problem_line(en, problem) == str(problem)  # the English UI says what the store says
            line = problem_line(zh, problem)
            field = problem.field if isinstance(problem.field, str) else said(zh, problem.field)
            assert line.startswith(f"{path}:{problem.line}: {field}: "), line
            assert re.search(r"[\u4e00-\u9fff]", line.removeprefix(f"{path}:{problem.line}: {field}: ")), line
            rest = line.removeprefix(f"{path}:{problem.line}: {field}: ")
            for leaf in sorted(_leaves(problem.message) + _leaves(problem.label), key=len, reverse=True):
                rest = rest.replace(leaf, " ")
            english = set(_LEFT_OVER.findall(rest)) - words - _TECHNICAL
            assert not english, (line, english)
            assert "\n" not in line and "\x1b" not in line
            keys_met |= _keys(problem.message) | _keys(problem.label) | _keys(problem.field)
    # the hostile files reach nearly every problem key; the static test below checks the rest format
    unreached = {key for key in PROBLEM_TEXTS if key not in keys_met}
    assert unreached <= {
        "pr_line", "pr_line_in",  # the line itself
        "pr_file_too_large", "pr_unreadable", "pr_denied", "pr_no_such_file", "pr_is_folder", "pr_not_regular",
        "pr_yaml_nested", "pr_yaml_unexpected_end", "pr_yaml_doc_start", "pr_yaml_expected_value",
        "pr_empty_deadline", "pr_list_of",
        # the progress keys' own checks, said only when the schema check has not said it first
        "pr_unit_list", "pr_unknown_reporting", "pr_reporting_form", "pr_one_of", "pr_lag_range",
    }, sorted(unreached)


def _keys(value: Any) -> set[str]:
    if isinstance(value, Say):
        return {value.key} | {key for inner in value.values.values() for key in _keys(inner)}
    return set()


def _calls_with_a_key() -> list[tuple[str, str, set[str]]]:
    """(where, key, value names) of every call in store/ that passes a problem key and its values
    by name: ``say("pr_outside", value=..., first=..., last=...)``, ``DeadlineError("pr_...", ...)``."""
    found = []
    for path in sorted((REPO / "store").glob("**/*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)):
                continue
            key = node.args[0].value
            if isinstance(key, str) and key.startswith("pr_"):
                names = {k.arg for k in node.keywords if k.arg is not None}
                if len(node.args) > 1 and isinstance(node.args[1], ast.Dict):  # Say("pr_...", {"name": ...})
                    names |= {str(k.value) for k in node.args[1].keys if isinstance(k, ast.Constant)}
                found.append((f"{path.relative_to(REPO)}:{node.lineno}", key, names))
    return found


def test_every_problem_key_the_code_passes_formats_in_both_languages() -> None:
    calls = _calls_with_a_key()
    assert len(calls) > 40, "the problem keys are passed some other way now: update this test"
    for where, key, names in calls:
        assert key in PROBLEM_TEXTS and key in MESSAGES, (where, key)
        for text in MESSAGES[key]:
            wanted = {name for _, name, _, _ in string.Formatter().parse(text) if name}
            assert wanted <= names, (where, key, wanted - names)
            text.format(**{name: 7 for name in names})  # every value of a format spec (:g, :04X) is a number here


def test_the_english_lines_are_as_before(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("plans:\n  - name: x\n    due: 2300-12-31\n", encoding="utf-8")
    lines = [str(p) for p in _problems_of(path)]
    assert lines[:2] == [
        f"{path}:1: plans: unknown key (allowed: id, region, bureau, title, doc_number, issued, period, source_file,"
        " note, reporting, nodes, indicators) (plan)",
        f"{path}:1: id: missing (plan)"]
    assert [problem_line(Catalog("zh"), p) for p in _problems_of(path)][:2] == [
        f"{path}:1: plans: 未知的键(可用:id, region, bureau, title, doc_number, issued, period, source_file,"
        " note, reporting, nodes, indicators)(规划)",
        f"{path}:1: id: 缺少(规划)"]


def test_the_app_says_an_import_failure_in_its_language(tmp_path: Path) -> None:
    """The app shows a failed import through ``error_line`` (its write path and the draft dialog)."""
    path = tmp_path / "bad.yaml"
    path.write_text(BASE.replace("due: 2023年底", "due: 尽快"), encoding="utf-8")
    with pytest.raises(ImportFailed) as failed:
        load_plan_file(path)
    said = error_line(Catalog("zh"), failed.value)
    assert said == f"{path}:16: due: 无法识别的期限:“尽快”(事项 c1.t1)"
    assert error_line(Catalog("en"), failed.value) == f"{path}:16: due: not a deadline: '尽快' (node c1.t1)"


def test_a_value_is_data_in_the_chinese_line_too(tmp_path: Path) -> None:
    """What the clerk typed is shown as text: a control sequence or markup never reaches the screen."""
    path = tmp_path / "bad.yaml"
    path.write_text(BASE.replace("due: 2023年底", "due: '[red]尽快\\x1b[2J'").replace("'[", '"[').replace("J'", 'J"'),
                    encoding="utf-8")
    [problem] = _problems_of(path)
    line = problem_line(Catalog("zh"), problem)
    assert "\x1b" not in line and "[red]尽快" in line and line.count("\n") == 0


def test_every_store_text_is_in_the_catalog() -> None:
    assert TEXTS.keys() <= MESSAGES.keys()
