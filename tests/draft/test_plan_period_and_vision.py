"""A plan's own period and its 2035 vision are not deadlines: a clerk ticks what falls due inside the plan.

The preamble of many bureaus' plans says 规划期限为2021—2025年,展望至2035年; a draft made two
milestones of it (``2021—2025年`` and ``2021—2025年,展望至2035年``). A target sentence that goes
on to the vision (到2025年…,到2035年…) gives the plan its 2025 target only.
"""
from __future__ import annotations

from pathlib import Path

from tests.draft.conftest import milestones


def _draft(drafted, tmp_path: Path, text: str) -> list[tuple[str, str]]:
    source = tmp_path / "plan.txt"
    source.write_text(text, encoding="utf-8")
    _, doc, _ = drafted(source)
    return [(m["title"], m["due"]) for m in milestones(doc)]


HEAD = "某某市市场监管“十四五”规划\n"


def test_the_plans_own_period_is_not_a_milestone(drafted, tmp_path: Path) -> None:
    found = _draft(drafted, tmp_path, HEAD + "为提升监管水平,编制本规划。规划期限为2021—2025年,展望至2035年。\n"
                   "一、主要任务\n(一)优化营商环境。深化商事制度改革,2023年底前实现企业开办一日办结。\n")
    assert found == [("2023年底前实现企业开办一日办结", "2023年底前")]


def test_the_period_stated_in_other_words_and_in_traditional_characters(drafted, tmp_path: Path) -> None:
    for said in ("本规划实施期为2021-2025年。", "規劃期限為2021—2025年。", "规划期:2021—2025年。"):
        found = _draft(drafted, tmp_path, HEAD + said + "\n一、主要任务\n(一)加强监管。到2024年建成智慧监管平台。\n")
        assert found == [("到2024年建成智慧监管平台", "到2024年")], said


def test_a_target_sentence_stops_at_the_vision(drafted, tmp_path: Path) -> None:
    found = _draft(drafted, tmp_path, HEAD + "一、主要任务\n(一)提升质量。推进质量强市建设,到2025年,"
                   "产品质量合格率达到95%,到2035年,全面建成质量强市,质量水平进入全国前列。\n")
    assert found == [("到2025年,产品质量合格率达到95%", "到2025年")]


def test_a_range_through_the_plan_is_still_a_deadline_for_a_task(drafted, tmp_path: Path) -> None:
    """Only the statement of the period is skipped: a task's own span stays a milestone."""
    found = _draft(drafted, tmp_path, HEAD + "一、主要任务\n(一)加强执法。2021—2025年期间,每年开展专项执法检查。\n")
    assert [due for _, due in found] == ["2021—2025年期间"]


SUMMARY_AND_PLAN = """某市市场监督管理局2023年工作总结和2024年工作计划
一、2023年工作总结
2023年,全市市场监管部门各项工作取得新成效。
(一)党的建设取得新进步。形成调研成果92项,建立“小个专”党组织2835个。
二、2024年工作计划
(一)持续优化营商环境。2024年6月底前出台促进个体工商户发展的若干措施。
(二)加强质量安全监管。年底前完成食品抽检2万批次。
"""


def test_a_summary_and_plan_document_is_the_plan_of_the_year_it_plans(drafted, tmp_path: Path) -> None:
    """工作总结和工作计划: the plan is the next year's; last year's results are narrative, not milestones."""
    source = tmp_path / "summary_and_plan.txt"
    source.write_text(SUMMARY_AND_PLAN, encoding="utf-8")
    _, doc, _ = drafted(source)
    assert doc["period"] == {"start": 2024, "end": 2024}
    assert [(m["title"], m["due"]) for m in milestones(doc)] == [
        ("2024年6月底前出台促进个体工商户发展的若干措施", "2024年6月底前"), ("年底前完成食品抽检2万批次", "年底前")]
