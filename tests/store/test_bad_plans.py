"""Bad plan files (tests/fixtures/bad_plans/): one FILE:LINE: field: message line per problem,
exit 1 and the database unchanged; whatever the file holds, reading it stays bounded."""
from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from store.errors import ImportFailed
from store.loader import load_plan_file
from store.plan_yaml import MAX_FILE_BYTES
from tests.conftest import FIXTURES, dump

BAD = sorted((FIXTURES / "bad_plans").glob("*.yaml"))
CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_EXPECT = re.compile(r"^# expect: (\d+): ([^:]+): (.*)$")


def expectations(path: Path) -> list[tuple[int, str, str]]:
    """The ``# expect: LINE: field: start of message`` lines at the top of a fixture."""
    found = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if m := _EXPECT.match(line):
            found.append((int(m[1]), m[2], m[3]))
    return found


def problems(path: Path) -> list[str]:
    with pytest.raises(ImportFailed) as info:
        load_plan_file(path)
    return info.value.problems


def test_the_corpus_is_there() -> None:
    assert len(BAD) >= 15 and all(expectations(p) for p in BAD)


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.stem)
def test_each_bad_file_names_every_problem_by_line_and_field(path: Path) -> None:
    found = problems(path)
    for line, field, message in expectations(path):
        prefix = f"{path}:{line}: {field}: "
        assert any(p.startswith(prefix) and message in p for p in found), (prefix, message, found)
    for problem in found:  # one line each, never a control or bidi character
        assert problem.startswith(f"{path}:") and not CONTROLS.search(problem), problem


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.stem)
def test_importing_a_bad_file_changes_nothing(cli: Callable[..., tuple[int, str, str]], seeded_db: Path,
                                              path: Path) -> None:
    before = dump(seeded_db)
    code, out, err = cli("import", str(path))
    assert code == 1 and out == ""
    lines = err.strip().splitlines()
    assert lines and all(line.startswith(f"{path}:") for line in lines)
    assert "Traceback" not in err
    assert dump(seeded_db) == before


def test_a_misspelt_key_is_an_error_not_lost_dates(tmp_path: Path) -> None:
    """Before: ``milestone:`` was ignored, and the task silently became one due at the plan's end."""
    [problem] = problems(FIXTURES / "bad_plans" / "unknown_key_milestone.yaml")
    assert "did you mean 'milestones'?" in problem


def test_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.yaml"
    os.mkfifo(fifo)
    assert problems(fifo) == [f"{fifo}:0: file: is not a regular file (a pipe or a device): save the plan to a file"]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_refused() -> None:
    assert "is not a regular file" in problems(Path("/dev/zero"))[0]


def test_a_folder_is_refused(tmp_path: Path) -> None:
    assert problems(tmp_path) == [f"{tmp_path}:0: file: is a folder, not a plan file"]


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.yaml"
    with open(huge, "wb") as handle:  # sparse: costs no disk
        handle.truncate(MAX_FILE_BYTES + 1)
    assert problems(huge) == [f"{huge}:0: file: is larger than the {MAX_FILE_BYTES // 2**20} MiB a plan file may have"]


def test_new_keys_of_the_format_are_accepted_and_a_unicode_minus_is_minus() -> None:
    [plan] = load_plan_file(FIXTURES / "plan_with_new_keys.yaml")
    assert plan.issued == "2022-04-13"
    cells = {c.year: c.value.number for c in plan.indicators[0].cells}
    assert cells == {2020: -3.0, 2025: -1.5, 2024: 1234.0, 2023: 96.5}
    assert next(m for m in plan.milestones if m.local_id == "c2").due.isoformat() == "2024-12-31"


def test_problems_come_in_the_order_of_the_file(tmp_path: Path) -> None:
    found = problems(FIXTURES / "bad_plans" / "wrong_types.yaml")
    lines = [int(p.split(":")[1]) for p in found]
    assert lines == sorted(lines)
