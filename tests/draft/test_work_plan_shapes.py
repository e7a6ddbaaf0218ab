"""Shapes of a bureau's 工作要点 that the seed plans do not have: one numbered sentence per item,
and digits typed full-width (２０２４年) on a Chinese input method."""
from __future__ import annotations

from pathlib import Path

from tests.draft.conftest import milestones, nodes

ITEMS = """某县市场监管局2024年工作要点
一、优化营商环境
1.2024年6月底前出台促进个体工商户发展的若干措施。
2.年底前完成食品抽检2万批次。
二、加强质量监管
(一)开展“守护消费”专项行动。
(二)强化特种设备安全监管
1.全面排查电梯安全隐患。
"""


def _draft(drafted, tmp_path: Path, text: str) -> dict:
    source = tmp_path / "work_plan.txt"
    source.write_text(text, encoding="utf-8")
    return drafted(source)[1]


def _tasks(doc: dict) -> list[tuple[str, str, list[str]]]:
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
    assert [n["title"] for n in nodes(doc) if n["kind"] == "section"] == ["强化特种设备安全监管"]


def test_full_width_digits_read_as_digits(drafted, tmp_path: Path) -> None:
    wide = ITEMS.translate(str.maketrans("0123456789.", "０１２３４５６７８９．"))
    doc = _draft(drafted, tmp_path, wide)
    assert doc["period"] == {"start": 2024, "end": 2024}
    assert [(m["title"], m["due"]) for m in milestones(doc)][:2] == [
        ("2024年6月底前出台促进个体工商户发展的若干措施", "2024年6月底前"), ("年底前完成食品抽检2万批次", "年底前")]
