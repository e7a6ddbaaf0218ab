"""Fixtures for the app's tests (helpers are in tui_helpers.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.tui_helpers import _markup_db


@pytest.fixture
def markup_db(tmp_path: Path) -> Path:
    """A database holding only the markup-injection plan."""
    return _markup_db(tmp_path)
