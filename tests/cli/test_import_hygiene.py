"""Headless commands stay fast: they never import Textual or sqlite-utils (and tick, export and the data
reports not even rich)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

PROBE = """
import json, sys
from tui.cli import main
code = main(sys.argv[1:])
heavy = sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'sqlite_utils', 'rich', 'yaml', 'dateutil'})
print(json.dumps({'code': code, 'heavy': heavy}), file=sys.stderr)
"""


def loaded(args: list[str]) -> dict[str, object]:
    result = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=REPO,
                            timeout=60)
    probe = json.loads(result.stderr.strip().splitlines()[-1])
    probe["out"] = result.stdout
    return probe


@pytest.mark.parametrize(("args", "allowed"), [
    (["status", "--plan", "wulong", "--today", "2023-06-30"], ["rich"]),
    (["plans"], ["rich"]),
    (["overdue", "--plan", "wulong"], ["rich"]),
    (["tick", "wulong/a1.p1.yangjiao", "--on", "2022-11-30"], []),
    (["record", "wulong/i01", "2023", "3.6"], []),
    (["export", "--plan", "wulong"], []),
    (["report", "--plan", "wulong", "--final", "--today", "2023-06-30", "--format", "json"], []),  # data: no Rich
    (["report", "--plan", "wulong", "--final", "--today", "2023-06-30", "--format", "csv"], []),
])
def test_fast_paths_import_only_what_they_need(seeded_db: Path, args: list[str], allowed: list[str]) -> None:
    probe = loaded(["--db", str(seeded_db), *args])
    assert probe["code"] == 0
    assert "wulong" in str(probe["out"]) or "武隆" in str(probe["out"])  # it did its work, not just exit 0
    assert probe["heavy"] == allowed
