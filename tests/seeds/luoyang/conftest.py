"""The plan under test, read once for every test module of this folder."""
from __future__ import annotations

from tests.seeds.luoyang.source import PLAN_ID
from tests.seeds.seedtext import plan_fixtures

p, nodes = plan_fixtures(PLAN_ID)
