"""openpyxl imported without numpy, wherever numpy happens to be installed.

openpyxl imports numpy whenever it can (``openpyxl.compat.numbers``), only to accept numpy's number
types as cell values, which plandesk never writes. Where numpy is installed that import cost the
workbook report 13 MiB and about 0.1 s: the 50,000-node workbook's peak went from 1.8x to 2.4x
`status`'s, over issue 15's 2x; where it is not, nothing changes. numpy is hidden only while
openpyxl loads (once per process); a later ``import numpy`` works as usual. Nothing of plandesk
imports numpy, so no other thread can meet the hidden module meanwhile.
"""
from __future__ import annotations

import sys


def load() -> None:
    """Import openpyxl, without numpy unless numpy is loaded already."""
    if "openpyxl" in sys.modules:
        return
    hide = "numpy" not in sys.modules
    if hide:
        sys.modules["numpy"] = None  # type: ignore[assignment]  # None: "import numpy" raises ImportError
    try:
        import openpyxl  # noqa: F401  (loads openpyxl.compat.numbers, which decides once)
    finally:
        if hide and sys.modules.get("numpy", 0) is None:
            del sys.modules["numpy"]
