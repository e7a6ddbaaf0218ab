"""A corrected document drafts to the same ids, so re-importing keeps the clerk's ticks."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from store.draft import draft_file

from .conftest import FIXTURES


def test_redraft_after_fixing_a_typo_keeps_ticks(tmp_path: Path) -> None:
    from store import actions
    from store.db import open_store
    from store.importer import import_file

    source = tmp_path / "annual_plan.txt"
    text = (FIXTURES / "annual_plan.txt").read_text("utf-8").replace("压缩至1个工作日", "压缩至1个工做日")
    source.write_text(text, encoding="utf-8")
    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text(draft_file(source).yaml_text, encoding="utf-8")
    conn = open_store(tmp_path / "db.sqlite3", seed=False)
    try:
        (report,) = import_file(conn, plan_file)
        milestone = f"{report.plan_id}/p1.s1.t1.m1"
        actions.tick(conn, milestone, date(2024, 3, 1), note="已完成")
        source.write_text(text.replace("工做日", "工作日"), encoding="utf-8")  # the clerk fixes the typo
        redraft = draft_file(source).yaml_text
        assert "压缩至1个工作日以内" in redraft
        plan_file.write_text(redraft, encoding="utf-8")
        (again,) = import_file(conn, plan_file)
        row = conn.execute("SELECT title, done_on, done_note FROM milestones WHERE id = ?", (milestone,)).fetchone()
    finally:
        conn.close()
    assert again.plan_id == report.plan_id and not again.archived
    assert tuple(row) == ("年内企业开办时间压缩至1个工作日以内", "2024-03-01", "已完成")


def test_ids_follow_the_numbering_not_the_wording(tmp_path: Path) -> None:
    first = tmp_path / "a.txt"
    first.write_text("某县2024年工作要点\n一、优化环境\n1.推进登记改革。年内完成。\n2.开展抽检。完成抽检100批次。\n",
                     encoding="utf-8")
    second = tmp_path / "b.txt"
    second.write_text("某县2024年工作要点\n一、优化营商环境\n1.深化登记改革。年内全面完成。\n2.开展食品抽检。完成抽检200批次。\n",
                      encoding="utf-8")
    ids = [[line for line in draft_file(p).yaml_text.splitlines() if "id: " in line and "p1" in line]
           for p in (first, second)]
    assert ids[0] == ids[1] and len(ids[0]) >= 4
