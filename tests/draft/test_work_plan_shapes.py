"""Shapes of a bureau's 工作要点 that the seed plans do not have: one numbered sentence per item,
and digits typed full-width (２０２４年) on a Chinese input method."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.draft.conftest import milestones, nodes

ITEMS = """某县市场监管局2024年工作要点
一、优化营商环境
(一)深化商事制度改革
1.2024年6月底前出台促进个体工商户发展的若干措施。
2.年底前完成食品抽检2万批次。
二、加强质量监管
(一)开展“守护消费”专项行动。
(二)强化特种设备安全监管
1.全面排查电梯安全隐患。
"""


def _draft(drafted, tmp_path: Path, text: str) -> dict[str, Any]:
    source = tmp_path / "work_plan.txt"
    source.write_text(text, encoding="utf-8")
    return drafted(source)[1]


def _tasks(doc: dict[str, Any]) -> list[tuple[str, str, list[str]]]:
    return [(n["number"], n["title"], [m["due"] for m in n.get("milestones") or []])
            for n in nodes(doc) if n["kind"] == "task"]


def test_a_numbered_sentence_with_nothing_under_it_is_a_task_with_its_deadline(drafted, tmp_path: Path) -> None:
    doc = _draft(drafted, tmp_path, ITEMS)
    assert _tasks(doc) == [
        ("1.", "2024年6月底前出台促进个体工商户发展的若干措施", ["2024年6月底前"]),
        ("2.", "年底前完成食品抽检2万批次", ["年底前"]),
        ("(一)", "开展“守护消费”专项行动", ["2024年"]),  # a deliverable of a one-year plan
        ("1.", "全面排查电梯安全隐患", []),
    ]
    # a heading without a full stop that has items under it stays a section
    assert [n["title"] for n in nodes(doc) if n["kind"] == "section"] == ["深化商事制度改革", "强化特种设备安全监管"]


def test_full_width_digits_read_as_digits(drafted, tmp_path: Path) -> None:
    wide = ITEMS.translate(str.maketrans("0123456789.", "０１２３４５６７８９．"))
    doc = _draft(drafted, tmp_path, wide)
    assert doc["period"] == {"start": 2024, "end": 2024}
    assert [(m["title"], m["due"]) for m in milestones(doc)][:2] == [
        ("2024年6月底前出台促进个体工商户发展的若干措施", "2024年6月底前"), ("年底前完成食品抽检2万批次", "年底前")]


TASK_TABLE = """# 某区市场监管局2024年重点工作任务分解表

| 序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 |
|---|---|---|---|---|
| 1 | 出台促进个体工商户发展的若干措施 | 登记注册科 | 综合科 | 2024年6月底前 |
| 2 | 开展“守护消费”专项行动 | 消费者权益保护科 |  | 全年 |
| 3 | 建立长效机制 | 综合科 |  | 长期坚持 |
"""


def test_a_task_tables_deadline_column_takes_what_the_loader_reads(drafted, tmp_path: Path) -> None:
    """全年 in a 完成时限 column is the year's end (the loader's reading); 长期坚持 is no deadline and
    is kept for the clerk to decide."""
    source = tmp_path / "tasks.md"
    source.write_text(TASK_TABLE, encoding="utf-8")
    draft, doc, _ = drafted(source)
    tasks = {n["title"]: n for n in nodes(doc) if n["kind"] == "task"}
    assert tasks["开展“守护消费”专项行动"]["due"] == "全年"
    assert "due" not in tasks["建立长效机制"] and tasks["建立长效机制"]["fields"] == {"完成时限": "长期坚持"}
    assert [item.key for item in draft.review] == ["draft_due_unread"]


STAGES = """# 某区市场监管局2024年重点任务分解表

| 序号 | 重点任务 | 牵头单位 | 一季度 | 二季度 | 三季度 | 四季度 |
|---|---|---|---|---|---|---|
| 1 | 开展食品安全抽检 | 食品科 | 完成抽检500批次 | 累计完成1000批次 | — | 累计完成2000批次 |
"""
YEARS = """# 某市市场监管“十四五”规划重点任务分解表

| 序号 | 重点任务 | 牵头单位 | 2021年 | 2022年 | 2023年 | 2024年 | 2025年 | 备注 |
|---|---|---|---|---|---|---|---|---|
| 1 | 建设智慧监管平台 | 信息中心 | 完成方案设计 | 建成一期 | — | 建成二期 | 全面运行 | 市级统筹 |
"""


@pytest.mark.parametrize("text, expected", [
    (STAGES, [("完成抽检500批次", "一季度"), ("累计完成1000批次", "二季度"), ("累计完成2000批次", "四季度")]),
    (YEARS, [("完成方案设计", "2021年"), ("建成一期", "2022年"), ("建成二期", "2024年"), ("全面运行", "2025年")]),
])
def test_a_task_tables_stage_columns_are_its_milestones(drafted, tmp_path: Path, text: str,
                                                        expected: list[tuple[str, str]]) -> None:
    """形象进度: what is to be done by each quarter (or year) of a task is a milestone due then; an
    empty stage (—) is none, and a column that names no time (备注) is not a stage."""
    source = tmp_path / "stages.md"
    source.write_text(text, encoding="utf-8")
    _, doc, _ = drafted(source)
    assert [(m["title"], m["due"]) for m in milestones(doc)] == expected


def test_a_task_tables_other_columns_are_kept(drafted, tmp_path: Path) -> None:
    source = tmp_path / "other.md"
    source.write_text(YEARS, encoding="utf-8")
    _, doc, _ = drafted(source)
    assert [n.get("fields") for n in nodes(doc) if n["kind"] == "task"] == [{"备注": "市级统筹"}]


def test_a_stages_milestone_is_named_by_its_time(drafted, tmp_path: Path) -> None:
    """Ids by the stage's time (not its place among the filled ones): emptying the second quarter
    in a corrected table keeps the fourth quarter's milestone, and its ticks, where they were."""
    source = tmp_path / "stages.md"
    source.write_text(STAGES, encoding="utf-8")
    _, doc, _ = drafted(source)
    assert [m["id"].rsplit(".", 1)[1] for m in milestones(doc)] == ["d0331", "d0630", "d1231"]
    source.write_text(YEARS, encoding="utf-8")
    _, doc, _ = drafted(source)
    assert [m["id"].rsplit(".", 1)[1] for m in milestones(doc)] == ["y2021", "y2022", "y2024", "y2025"]
