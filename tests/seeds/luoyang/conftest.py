"""The plan under test, read once for every test module of this folder."""
from __future__ import annotations

import pytest

from tests.seeds.luoyang.source import PLAN_ID
from tests.seeds.seedtext import (
    plan,
    walk,
)


@pytest.fixture(scope="module")
def p():
    return plan(PLAN_ID)


@pytest.fixture(scope="module")
def nodes(p):
    return list(walk(p["nodes"]))
