"""Fixtures for the app's tests (helpers are in tui_helpers.py)."""
from __future__ import annotations

import asyncio
import inspect
from pathlib import Path

import pytest
from tui_helpers import _markup_db


@pytest.fixture
def markup_db(tmp_path: Path) -> Path:
    """A database holding only the markup-injection plan."""
    return _markup_db(tmp_path)


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run ``async def`` tests (Pilot needs an event loop) without a plugin: one loop per test."""
    if inspect.iscoroutinefunction(pyfuncitem.obj):
        names = pyfuncitem._fixtureinfo.argnames
        asyncio.run(pyfuncitem.obj(**{n: pyfuncitem.funcargs[n] for n in names}))
        return True
    return None
