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


BUILTINS = """
import sys
from tui.reports import lean_openpyxl
lean_openpyxl.load()
from openpyxl import Workbook
from openpyxl.styles.builtins import styles
assert not isinstance(sys.modules["openpyxl.styles.builtins"].__dict__.get("good"), str), "parsed at import"
wb = Workbook()
wb.active["A1"].style = "Good"  # a built-in style by name: parsed now
assert wb.active["A1"].font.color.rgb == "FF006100" and "Good" in wb.named_styles
assert len(styles) == len(sys.modules["openpyxl.styles.builtins"].styles) > 40
assert isinstance(sys.modules["openpyxl.styles.builtins"].good, str)
print("ok")
"""


def test_built_in_styles_are_parsed_when_first_used_and_work_as_before() -> None:
    done = subprocess.run([sys.executable, "-c", BUILTINS], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
