"""A county's 工作要点 written as such plans are (units and deadlines in notes, month deadlines, items
that are one sentence): drafted, imported, and read by the clerk's units and dates."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from store.draft import draft_file

from .conftest import FIXTURES


def test_a_work_plan_with_notes_imports_with_its_units_and_dates(tmp_path: Path) -> None:
    from store.db import open_store
    from store.importer import import_file

    plan_file = tmp_path / "plan.yaml"
    draft = draft_file(FIXTURES / "annual_with_notes.txt")
    plan_file.write_text(draft.yaml_text, encoding="utf-8")
    assert [item.key for item in draft.review] == ["draft_preamble"]  # nothing else was a guess
    conn = open_store(tmp_path / "db.sqlite3", seed=False)
    try:
        (report,) = import_file(conn, plan_file)
        rows = conn.execute(
            "SELECT n.title, coalesce(n.units, ''), m.title, m.due FROM milestones m JOIN nodes n ON n.id = m.node_id "
            "WHERE m.plan_id = ? ORDER BY m.seq", (report.plan_id,)).fetchall()
    finally:
        conn.close()
    got = [(node, units, title, date.fromisoformat(due)) for node, units, title, due in rows]
    assert got == [
        ("深化商事制度改革", '["登记注册股"]', "3月底前出台《进一步优化经营主体登记服务的若干措施》",
         date(2024, 3, 31)),
        ("深化商事制度改革", '["登记注册股"]', "年内新增经营主体3000户以上", date(2024, 12, 31)),
        ("加强信用监管", '["执法大队"]', "全年完成“双随机、一公开”抽查任务300户次", date(2024, 12, 31)),
        ("9月30日前完成食品安全抽检800批次，合格率保持在98%以上", "", "9月30日前完成食品安全抽检800批次",
         date(2024, 9, 30)),
        ("9月30日前完成食品安全抽检800批次，合格率保持在98%以上", "", "9月30日前,合格率保持在98%以上",
         date(2024, 9, 30)),
        ("开展校园食品安全专项整治行动", '["食品安全股"]', "开展校园食品安全专项整治行动", date(2024, 12, 31)),
        ("特种设备安全", "", "全面排查电梯安全隐患", date(2024, 6, 30)),
    ]
