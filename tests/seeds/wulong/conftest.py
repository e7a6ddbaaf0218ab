"""The plan under test, read once for every test module of this folder."""
from __future__ import annotations

from typing import Any

import pytest

from tests.seeds.seedtext import plan_fixtures
from tests.seeds.wulong.source import PLAN_ID

p, nodes = plan_fixtures(PLAN_ID)


@pytest.fixture(scope="module")
def by_line(nodes):
    out: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for n in nodes:
        out.setdefault((n["kind"], n["line"]), []).append(n)
    return out
