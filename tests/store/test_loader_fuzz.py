"""Fuzz the plan loader: whatever a file holds, it returns plans or raises ImportFailed whose
every problem is one ``FILE:LINE: field: message`` line. Nothing else, ever (no traceback)."""
from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.errors import ImportFailed
from store.loader import PlanData, load_plan_file
from tests.conftest import FIXTURES

VALID = (FIXTURES / "small_plan.yaml").read_text(encoding="utf-8").splitlines()
NASTY = ["2023-02-30", "−3", "&a x", "*a", "*nope", "[", "]", "{", "}", "? [a, b]", "!!python/object/apply:os.system",
         "!!binary AAAA", "\x1b[2J", "\u202e", "1e999", "~", "yes", "0x1F", "2300-01-01", ":", "- ", '"', "'", "\t",
         "<<: *a", "milestone:", "due: 2023年底", "id: \"c1\\n\"", "period: {start: 1900, end: 2200}", "99999999999",
         "- - - - - - - -", "[[[[[[[[[[[[[[[[", "%YAML 1.1", "--- ", "...", "&a [*a]", "nodes: *a", "\u3000", "　"]
CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
SETTINGS = settings(max_examples=250, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def check(tmp_path: Path, text: str) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        plans = load_plan_file(path)
    except ImportFailed as exc:
        assert exc.problems
        for problem in exc.problems:
            # the field is the file's key as it is, or quoted when it holds a colon, a quote or a space
            assert re.match(rf'^{re.escape(str(path))}:\d+: (?:[^:"\n ]+|"(?:[^"\\\n]|\\.)*"): ', problem), problem
            assert not CONTROLS.search(problem), problem  # one line, nothing that acts on a terminal
    else:
        assert plans and all(isinstance(p, PlanData) for p in plans)


_LINE = st.one_of(st.sampled_from(NASTY), st.text(max_size=20).filter(lambda s: "\x00" not in s))


@st.composite
def mutated_plan(draw: st.DrawFn) -> str:
    lines = list(VALID)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(lines) - 1))
        how = draw(st.sampled_from(["delete", "duplicate", "replace_value", "insert", "indent", "truncate"]))
        if how == "delete":
            del lines[at]
        elif how == "duplicate":
            lines.insert(at, lines[at])
        elif how == "replace_value" and ":" in lines[at]:
            key = lines[at].split(":", 1)[0]
            lines[at] = f"{key}: {draw(_LINE)}"
        elif how == "insert":
            indent = " " * draw(st.integers(0, 12))
            lines.insert(at, indent + draw(_LINE))
        elif how == "indent":
            lines[at] = " " * draw(st.integers(0, 3)) + lines[at]
        elif how == "truncate":
            lines = lines[: at + 1]
            lines[-1] = lines[-1][: draw(st.integers(0, len(lines[-1])))]
        if not lines:
            lines = [""]
    return "\n".join(lines) + "\n"


@SETTINGS
@given(text=mutated_plan())
def test_fuzz_mutations_of_a_valid_plan(tmp_path: Path, text: str) -> None:
    check(tmp_path, text)


@SETTINGS
@given(text=st.lists(st.tuples(st.integers(0, 8), _LINE), max_size=25).map(
    lambda rows: "\n".join(" " * indent + line for indent, line in rows)))
def test_fuzz_yaml_ish_documents(tmp_path: Path, text: str) -> None:
    check(tmp_path, text)


@SETTINGS
@given(text=st.text(max_size=300))
def test_fuzz_any_text(tmp_path: Path, text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate cannot be written to a UTF-8 file at all
        return
    check(tmp_path, text)


def test_a_key_made_of_colons_is_quoted_in_its_line(tmp_path: Path) -> None:
    """Hypothesis found ``::`` (the key ``:``): its line read ``fuzz.yaml:1: :: unknown key``."""
    check(tmp_path, "::\n")
