"""An annual 工作要点's deliverables (出台…方案, 召开…会, 开展“…”专项行动, 申报…中心 …) are milestones
due at the end of its year, as a clerk reads them; routine work and a five-year plan's undated
deliverables are not."""
from __future__ import annotations

import pytest

from store.draft.deliverables import is_deliverable, split_items

from .conftest import FIXTURES, milestones, nodes


def _titles(doc, task_title):
    task = next(n for n in nodes(doc) if n["title"] == task_title)
    return [(m["title"], m["due"]) for m in task.get("milestones") or []]


def test_an_annual_plans_deliverables_are_due_at_the_end_of_its_year(drafted) -> None:
    _, doc, _ = drafted(FIXTURES / "annual_deliverables.txt")
    assert _titles(doc, "推进质量强区建设") == [
        ("研究出台质量强区建设实施方案", "2024年"), ("召开全区质量工作推进会", "2024年"),
        ("修订《某某区质量奖评审办法》", "2024年"), ("开展第三届区长质量奖评选", "2024年")]
    network = [t for t, _ in _titles(doc, "规范网络交易")]
    assert network == ["印发直播电商合规经营指引", "开展“清朗网购”专项行动", "开展2024民生领域执法专项行动",
                       "申报建设省级网络交易监管创新中心", "争取国家级信用监管试点",
                       "启动农贸市场布局规划(2025-2030)编制", "保持打击侵权假冒全市领先"]


def test_routine_work_and_other_peoples_acts_are_not_deliverables(drafted) -> None:
    _, doc, _ = drafted(FIXTURES / "annual_deliverables.txt")
    titles = [m["title"] for m in milestones(doc)]
    for routine in ("深入开展质量提升行动", "推动各街道出台质量扶持政策", "科学制定年度计量监督抽查计划",
                    "持续开展网络交易监测", "在服装、家具、五金、电子等4个产业开展质量诊断"):
        assert not any(routine in t for t in titles), routine


def test_a_year_in_a_documents_name_is_not_its_deadline_and_annual_is_not_recurring(drafted) -> None:
    draft, doc, _ = drafted(FIXTURES / "annual_deliverables.txt")
    assert ("制定2024-2026年标准化三年行动方案", "2024年") in _titles(doc, "夯实计量标准")
    assert ("出台年度计量工作要点", "2024年") in _titles(doc, "夯实计量标准")
    # 年度 in a one-year plan names the document; nothing repeats within one year
    assert not any("every" in m for m in milestones(doc))
    assert "draft_recurring" not in [item.key for item in draft.review]


def test_named_objects_completed_together_are_ticked_one_by_one(drafted) -> None:
    _, doc, _ = drafted(FIXTURES / "annual_deliverables.txt")
    titles = [t for t, _ in _titles(doc, "夯实计量标准")]
    assert titles[2:] == ["完成区级计量检测实验室建设", "完成电动自行车检验检测中心建设",
                          "完成智慧计量监管服务平台建设", "完成粮食、食品、药品等重点产品抽检"]
    assert [t for t, _ in _titles(doc, "做好消费维权")] == ["新增放心消费承诺单位2.5万家", "维权服务站80个"]


def test_a_five_year_plan_takes_a_deliverable_only_with_its_year(drafted) -> None:
    _, doc, _ = drafted(FIXTURES / "five_year_deliverables.txt")
    assert _titles(doc, "推进质量强县建设") == [("县政府2023年召开全县质量大会", "2023年")]


@pytest.mark.parametrize("clause, expected", [
    ("出台促进个体工商户发展的若干措施", True),
    ("系统谋划出台质量强市建设方案", True),
    ("召开全市知识产权工作会议", True),
    ("开展“守护消费”铁拳行动", True),
    ("组织开展食品安全主题教育", True),
    ("开展民生计量监管", False),  # work without a name: nothing to tick at year end
    ("扎实开展小型餐饮单位规范提升行动", False),
    ("指导县区创建省级示范城市", False),
    ("出台", False),
    ("出臺質量強市建設方案", True),  # traditional characters
    ("召開全市質量大會", True),
    ("開展“守護消費”專項行動", True),
    ("深入開展質量提升行動", False),
])
def test_the_verb_and_object_rule(clause: str, expected: bool) -> None:
    assert is_deliverable(clause) is expected


def test_a_list_of_qualifiers_is_one_object() -> None:
    assert split_items("申报省级、国家级计量测试中心") == ["申报省级、国家级计量测试中心"]
    assert split_items("完成认领率、激活率、使用率“三个100%”") == ["完成认领率、激活率、使用率“三个100%”"]
