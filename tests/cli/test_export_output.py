"""``export -o FILE``: the file is replaced whole or not at all, and never the database itself."""
from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_commands import WULONG_AS_OF
from tests.conftest import dump


def test_export_to_a_file_equals_export_to_standard_output(cli, tmp_path: Path) -> None:
    target = tmp_path / "wulong.json"
    target.write_text("last week's export", encoding="utf-8")
    code, _, err = cli("export", "--plan", "wulong", "-o", str(target), *WULONG_AS_OF)
    assert code == 0, err
    _, out, _ = cli("export", "--plan", "wulong", *WULONG_AS_OF)
    assert target.read_text(encoding="utf-8") == out
    assert json.loads(out)["plan"]["id"] == "wulong-2021-2025"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".wulong.json")] == []  # no temp file left


def test_export_refuses_to_overwrite_the_database(cli, seeded_db: Path) -> None:
    before = dump(seeded_db)
    code, _, err = cli("export", "--plan", "wulong", "-o", str(seeded_db))
    assert code == 1 and "refusing to overwrite" in err
    assert dump(seeded_db) == before
