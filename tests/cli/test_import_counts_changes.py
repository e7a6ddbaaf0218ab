"""``import`` says how many items it changed, not how many it matched: a file written by
``plandesk plan write`` and imported back says 0 updated (it said 265 for Wulong), also when the
clerk has edited, moved and added nodes since; one title changed in the file says 1 updated."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from store import actions
from store import node_actions as na
from store.db import open_store

WULONG = "wulong-2021-2025"
UPDATED = {"en": r"(\d+) updated", "zh": r"更新 (\d+)"}


def _updated(cli, lang: str, path: Path) -> int:
    code, out, err = cli("--lang", lang, "import", str(path))
    assert code == 0, err
    found = re.search(UPDATED[lang], out)
    assert found is not None, out
    return int(found[1])


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("plan", ["wulong", "tongliao", "linyi"])
def test_a_written_plan_imported_back_changes_nothing_and_says_so(cli, seeded_db: Path, tmp_path: Path,
                                                                 lang: str, plan: str) -> None:
    out = tmp_path / "plan.yaml"
    assert cli("plan", "write", "--plan", plan, "-o", str(out))[0] == 0
    assert _updated(cli, lang, out) == 0
    assert _updated(cli, lang, out) == 0


def test_the_clerks_edits_written_back_change_nothing(cli, seeded_db: Path, tmp_path: Path) -> None:
    conn = open_store(seeded_db)
    w = lambda local: f"{WULONG}/{local}"  # noqa: E731
    actions.tick(conn, w("a1.p1.yangjiao"), date(2022, 11, 30), "已验收")
    na.edit_node(conn, w("c3.s1"), title="优化营商环境(中期调整)")
    na.move_by(conn, w("c2"), 1)
    na.add_node(conn, WULONG, w("c3"), "新增:推行证照联办", "task", position=0)
    conn.close()
    out = tmp_path / "wulong.yaml"
    assert cli("plan", "write", "--plan", "wulong", "-o", str(out))[0] == 0
    assert _updated(cli, "en", out) == 0


def test_what_the_file_changes_is_counted_item_by_item(cli, seeded_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "wulong.yaml"
    assert cli("plan", "write", "--plan", "wulong", "-o", str(out))[0] == 0
    text = out.read_text(encoding="utf-8")
    title = "      title: 羊角市场监管所建成投入使用\n"
    assert text.count(title) == 1
    changed = text.replace(title, "      title: 羊角市场监管所建成并投入使用\n")  # one milestone
    out.write_text(changed, encoding="utf-8")
    assert _updated(cli, "en", out) == 1
    assert _updated(cli, "zh", out) == 0
    target = "      2020: '3.4'\n      2025: '4'\n"
    assert changed.count(target) == 1
    out.write_text(changed.replace(target, "      2020: '3.4'\n      2025: '4.5'\n"), encoding="utf-8")
    assert _updated(cli, "en", out) == 1, "an indicator's printed values changed"
