"""The house habits hold on every run of the suite: ruff and mypy (strict) find nothing.

Both read their settings from pyproject.toml (ruff: 120 display columns; mypy: ``files``, strict,
the stub packages of the ``test`` extra), so a finding here is the same one a developer sees
running ``ruff check .`` or ``mypy`` at the repository root.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, timeout=600)


def test_ruff_finds_nothing() -> None:
    done = _run("ruff", "check", ".")
    assert done.returncode == 0, f"ruff check . found problems:\n{done.stdout}{done.stderr}"


def test_mypy_finds_nothing() -> None:
    done = _run("mypy")
    assert done.returncode == 0, f"mypy found problems:\n{done.stdout}{done.stderr}"
    assert "Success: no issues found" in done.stdout  # it did check the files pyproject names
