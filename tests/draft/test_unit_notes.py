"""Units a 工作要点 names in a note after each item (no 任务分解表): each item gets its lead and
supporting units, and the note is not part of its title or its milestones."""
from __future__ import annotations

from pathlib import Path

import pytest

from store.draft.unit_notes import units_of
from tests.draft.conftest import nodes


@pytest.mark.parametrize("text, lead, support", [
    ("出台措施。（牵头单位：县市场监管局；配合单位：县发改委、县财政局）", ["县市场监管局"], ["县发改委", "县财政局"]),
    ("出台措施(牵头单位:县市场监管局,配合单位:县发改委)", ["县市场监管局"], ["县发改委"]),
    ("完成抽检。（责任单位：县市场监管局执法大队）", ["县市场监管局执法大队"], []),
    ("（牵头单位：登记科；责任单位：各市场监管所）", ["登记科"], ["各市场监管所"]),
    ("全年办理案件20件。牵头单位：知识产权科。", ["知识产权科"], []),
    ("（县市场监管局牵头，县发改委、县商务局等配合）", ["县市场监管局"], ["县发改委", "县商务局"]),
    ("（县市场监管局、县公安局牵头）", ["县市场监管局", "县公安局"], []),
    ("（由县市场监管局牵头）", ["县市场监管局"], []),
])
def test_the_shapes_of_a_unit_note(text: str, lead: list[str], support: list[str]) -> None:
    found_lead, found_support, span = units_of(text)
    assert (found_lead, found_support) == (lead, support) and span is not None


@pytest.mark.parametrize("text", [
    "建立牵头抓总、部门协同的工作机制。", "加强知识产权保护(含地理标志)。", "由县政府牵头研究。",
])
def test_text_that_names_no_units(text: str) -> None:
    assert units_of(text)[2] is None


def test_a_work_plan_with_unit_notes_drafts_its_units(drafted, tmp_path: Path) -> None:
    source = tmp_path / "notes.txt"
    source.write_text("某县2024年市场监管工作要点\n一、优化营商环境\n"
                      "1.深化商事制度改革。2024年6月底前出台若干措施。（牵头单位：县市场监管局；配合单位：县发改委、县财政局）\n"
                      "2.开展“守护消费”专项行动（责任单位：消保科）\n"
                      "3.推进知识产权保护。全年办理专利侵权纠纷案件20件。牵头单位：知识产权科。\n", encoding="utf-8")
    _, doc, _ = drafted(source)
    tasks = [(n["title"], n.get("lead"), n.get("support"), [m["title"] for m in n.get("milestones") or []])
             for n in nodes(doc) if n["kind"] == "task"]
    assert tasks == [
        ("深化商事制度改革", ["县市场监管局"], ["县发改委", "县财政局"], ["2024年6月底前出台若干措施"]),
        ("开展“守护消费”专项行动", ["消保科"], None, ["开展“守护消费”专项行动"]),
        ("推进知识产权保护", ["知识产权科"], None, ["全年办理专利侵权纠纷案件20件"]),
    ]


@pytest.mark.parametrize("text, due, lead", [
    ("出台若干措施（6月底前完成）。", "6月底前完成", []),
    ("完成企业开办一日办结改革（完成时限：2024年9月底）", "2024年9月底", []),
    ("推进监管全覆盖（时间节点：年底前；牵头单位：执法大队）。", "年底前", ["执法大队"]),
    ("开展知识产权宣传周活动(2024年4月)", "2024年4月", []),
    ("开展宣传活动（2030年）", None, []),  # after the plan: not its deadline (and no note)
])
def test_a_deadline_in_the_closing_note(text: str, due: str | None, lead: list[str]) -> None:
    from store.draft.unit_notes import note_of

    note = note_of(text, 2024, 2024)
    assert (note.due, note.lead) == (due, lead)
    assert (note.span is None) == (due is None and not lead)


def test_an_items_closing_deadline_is_its_milestones(drafted, tmp_path: Path) -> None:
    source = tmp_path / "dated.txt"
    source.write_text("某县市场监管局2024年工作要点\n一、优化营商环境\n"
                      "1.出台促进个体工商户发展的若干措施（6月底前完成）。\n"
                      "2.推进“双随机、一公开”监管全覆盖（时间节点：年底前；牵头单位：执法大队）。\n"
                      "3.新增经营主体1万户，培育“个转企”200户（2024年10月底前）。\n"
                      "4.加强知识产权保护（含地理标志）。\n", encoding="utf-8")
    _, doc, _ = drafted(source)
    shown = [(n["title"], n.get("lead"), [(m["title"], m["due"]) for m in n.get("milestones") or []])
             for n in nodes(doc) if n["kind"] == "task"]
    assert shown == [
        ("出台促进个体工商户发展的若干措施", None, [("出台促进个体工商户发展的若干措施", "6月底前完成")]),
        ("推进“双随机、一公开”监管全覆盖", ["执法大队"], [("推进“双随机、一公开”监管全覆盖", "年底前")]),
        ("新增经营主体1万户，培育“个转企”200户", None,
         [("新增经营主体1万户", "2024年10月底前"), ("培育“个转企”200户", "2024年10月底前")]),
        ("加强知识产权保护（含地理标志）", None, []),
    ]


@pytest.mark.parametrize("text, lead, support", [
    ("推进登记便利化（责任领导：张三；责任股室：登记注册股）", ["登记注册股"], []),
    ("推进登记便利化（牵头科室：登记科；配合科室：综合科、法规科）", ["登记科"], ["综合科", "法规科"]),
])
def test_a_county_bureaus_own_sections(text: str, lead: list[str], support: list[str]) -> None:
    """股室 / 科室: a county bureau names its own sections so; a leader in charge is no unit."""
    assert units_of(text)[:2] == (lead, support)
