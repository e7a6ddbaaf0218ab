"""The workbook report loads openpyxl without numpy (13 MiB and 0.1 s a workbook where numpy is
installed), and leaves numpy importable for anything else in the process."""
from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

CHECK = """
import sys
from tui.reports import lean_openpyxl
lean_openpyxl.load()
import openpyxl.compat.numbers as numbers
assert "numpy" not in sys.modules, "numpy was loaded with openpyxl"
assert not numbers.NUMPY
import numpy  # still importable afterwards
print("ok")
"""


@pytest.mark.skipif(importlib.util.find_spec("numpy") is None, reason="numpy is not installed: nothing to keep out")
def test_openpyxl_loads_without_numpy_and_numpy_still_imports_after() -> None:
    done = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
