"""Drafting documents in shapes other than the seeds: Word files with real heading styles and
tables, a 任务分解表, an annual 工作要点, traditional characters, mixed punctuation, GB18030."""
from __future__ import annotations

from pathlib import Path

import pytest

from store.draft import writing
from store.errors import BadInput

from .conftest import FIXTURES, lead_units, milestones, nodes, support_units


def _by_title(doc, title):
    return next(n for n in nodes(doc) if n["title"] == title)


def _docx_plan(path: Path) -> Path:
    """A small plan as a clerk's Word file: Heading 1/2 styles without typed numbers, a body
    paragraph with a dated target, an indicator table, and a 专栏 drawn as a one-column table."""
    import docx

    document = docx.Document()
    document.add_paragraph("示例县市场监管“十四五”规划", style="Title")
    document.add_paragraph("第一章 总体要求", style="Heading 1")
    document.add_paragraph("到2025年,全县市场主体达到3万户,企业开办时间压缩至1个工作日。")
    table = document.add_table(rows=3, cols=6)
    for row, cells in zip(table.rows, [("序号", "指标名称", "单位", "2020年", "2025年", "属性"),
                                       ("1", "市场主体总量", "万户", "2.1", "3", "预期性"),
                                       ("2", "万台特种设备死亡率", "人/万台", "0.3", "≤0.2", "约束性")], strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    document.add_paragraph("第二章 重点任务", style="Heading 1")
    document.add_paragraph("优化营商环境", style="Heading 2")
    document.add_paragraph("深化商事制度改革,2023年底前实现企业开办全程网办。")
    box = document.add_table(rows=2, cols=1)
    box.rows[0].cells[0].text = "专栏1 重点工程"
    box.rows[1].cells[0].text = "1. 智慧监管平台。2024年建成全县智慧监管平台。"
    document.add_paragraph("加强质量监管", style="Heading 2")
    document.add_paragraph("开展产品质量监督抽查,每年抽查企业不少于100家。")
    document.save(str(path))
    return path


def test_docx_headings_tables_and_box_in_document_order(tmp_path: Path, drafted) -> None:
    draft, doc, _ = drafted(_docx_plan(tmp_path / "示例县规划.docx"))
    assert doc["title"] == "示例县市场监管“十四五”规划"
    assert doc["period"] == {"start": 2021, "end": 2025}
    assert doc["id"].startswith("plan-") and doc["id"].endswith("-2021-2025")  # ascii from a Chinese name
    chapters = [n for n in doc["nodes"] if n["kind"] == "chapter"]
    assert [c["title"] for c in chapters] == ["总体要求", "重点任务"]
    sections = chapters[1]["children"]
    assert [s["title"] for s in sections if s["kind"] == "section"] == ["优化营商环境", "加强质量监管"]
    box = next(n for n in nodes(doc) if n["kind"] == "box")
    assert box["number"] == "专栏1" and box["children"][0]["title"] == "智慧监管平台"
    assert [m["due"] for m in box["children"][0]["milestones"]] == ["2024年"]
    indicators = {i["name"]: i for i in doc["indicators"]}
    assert indicators["市场主体总量"]["unit"] == "万户"
    assert indicators["市场主体总量"]["rows"][0]["values"] == {2020: "2.1", 2025: "3"}
    assert indicators["万台特种设备死亡率"]["better"] == "lower"
    assert indicators["万台特种设备死亡率"]["rows"][0]["values"][2025] == "≤0.2"
    dues = {m["title"]: m["due"] for m in milestones(doc)}
    assert dues["到2025年,全县市场主体达到3万户"] == "到2025年"
    assert any(d == "2023年底前" for d in dues.values())


def test_a_recurring_target_recurs_or_is_on_the_review_list(tmp_path: Path, drafted) -> None:
    """Written as ``every: year`` once the loader reads it; until then one milestone, listed for review."""
    draft, doc, _ = drafted(_docx_plan(tmp_path / "plan.docx"))
    (target,) = [m for m in milestones(doc) if m["title"].startswith("每年抽查企业不少于100家")]
    if writing.EMIT_EVERY:
        assert target["every"] == "year"
    else:
        assert "every" not in target
        assert "draft_recurring" in [item.key for item in draft.review]


def test_task_breakdown_table_columns_in_any_order(drafted) -> None:
    draft, doc, _ = drafted(FIXTURES / "task_table.txt")
    tasks = [n for n in nodes(doc) if n["kind"] == "task"]
    assert [t["title"] for t in tasks][:2] == ["制定质量强市建设实施方案", "完成食品安全抽检5000批次"]
    first = tasks[0]
    assert lead_units(first) == ["市市场监管局质量发展科"]  # 牵头单位, although it is the last column
    assert support_units(first) == ["市发展改革委", "市工信局"]
    assert first["due"] == "2023年6月底前"
    assert tasks[2]["due"] == "2023年三季度"
    unread = [item for item in draft.review if item.key == "draft_due_unread"]
    assert [(i.line, i.params["phrase"]) for i in unread] == [(7, "持续推进")]


def test_task_breakdown_table_in_word(tmp_path: Path, drafted) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("某某区2023年重点任务分解表")
    table = document.add_table(rows=3, cols=5)
    for row, cells in zip(table.rows, [("序号", "责任单位", "任务", "时间节点", "配合单位"),
                                       ("1", "区市场监管局", "创建放心消费示范街区", "2023年10月底", "各街道"),
                                       ("2", "区市场监管局、区商务局", "开展电梯隐患排查", "上半年", "")], strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    document.save(str(tmp_path / "breakdown.docx"))
    _, doc, _ = drafted(tmp_path / "breakdown.docx")
    tasks = [n for n in nodes(doc) if n["kind"] == "task"]
    assert [(t["title"], lead_units(t), t["due"]) for t in tasks] == [
        ("创建放心消费示范街区", ["区市场监管局"], "2023年10月底"),
        ("开展电梯隐患排查", ["区市场监管局", "区商务局"], "上半年")]


def test_annual_work_plan_levels_and_targets(drafted) -> None:
    draft, doc, _ = drafted(FIXTURES / "annual_plan.txt")
    assert doc["period"] == {"start": 2024, "end": 2024}
    assert [n["number"] for n in doc["nodes"] if n["kind"] == "part"] == ["一、", "二、"]
    assert _by_title(doc, "深化商事制度改革")["kind"] == "section"
    task = _by_title(doc, "开展信用风险分类监管")
    assert task["kind"] == "task" and task["id"] == "p1.s1.t2"
    assert [(m["title"], m["due"]) for m in task["milestones"]] == [
        ("上半年完成全县企业信用风险分类", "上半年"), ("年底前双随机抽查覆盖率达到100%", "年底前")]
    checks = _by_title(doc, "开展隐患排查")["milestones"]
    assert [m["due"] for m in checks] == ["2024年6月底前", "12月底前"]
    assert "draft_year_missing" not in [i.key for i in draft.review]  # an annual plan's 年底 is its year


def test_traditional_characters(drafted) -> None:
    _, doc, _ = drafted(FIXTURES / "traditional.txt")
    assert doc["period"] == {"start": 2021, "end": 2025} and doc["region"] == "某某市"
    assert [n["number"] for n in doc["nodes"] if n["kind"] == "chapter"] == ["第一章", "第二章", "第三章"]
    box = next(n for n in nodes(doc) if n["kind"] == "box")
    assert box["number"] == "專欄1" and len(box["children"]) == 2
    assert _by_title(doc, "發展基礎")["children"][0]["kind"] == "text"  # narrative, and a past year
    assert not _by_title(doc, "發展基礎")["children"][0].get("milestones")
    assert ("2023年底前") in [m["due"] for m in milestones(doc)]


def test_full_and_half_width_punctuation_mixed(drafted) -> None:
    _, doc, _ = drafted(FIXTURES / "mixed_punct.md")
    assert doc["period"] == {"start": 2022, "end": 2025}  # 2022－2025 with a full-width hyphen
    task = _by_title(doc, "规范退出机制")  # "机制.2024年…": a half-width full stop
    assert [m["due"] for m in task["milestones"]] == ["2024年上半年"]
    first = _by_title(doc, "推进登记便利化")
    assert [m["due"] for m in first["milestones"]] == ["到2023年底", "到2025年"]
    assert {i["name"] for i in doc["indicators"]} == {"食品抽检量", "万台特种设备死亡率"}


def test_gb18030_text_file(tmp_path: Path, drafted) -> None:
    path = tmp_path / "gbk_plan.txt"
    path.write_bytes((FIXTURES / "annual_plan.txt").read_text("utf-8").encode("gb18030"))
    draft, doc, _ = drafted(path)
    assert draft.encoding == "gb18030"
    assert doc["title"] == "某某县市场监督管理局2024年工作要点"
    assert len(milestones(doc)) >= 6


def test_web_page_chrome_is_skipped_and_listed(tmp_path: Path, drafted) -> None:
    text = ("您当前的位置: 首页 > 政务公开\n索引号 000/2023-1\n某某市市场监管规划(2022-2025年)\n"
            "第一章 总体要求\n到2025年,市场主体达到10万户。\n扫一扫在手机打开当前页\n网站地图\n")
    path = tmp_path / "web.txt"
    path.write_text(text, encoding="utf-8")
    draft, doc, _ = drafted(path)
    titles = [n["title"] for n in nodes(doc)]
    assert not any("扫一扫" in t or "索引号" in t for t in titles)
    skipped = [(i.params["first"], i.params["last"]) for i in draft.review if i.key == "draft_chrome_skipped"]
    assert skipped == [(1, 2), (6, 7)]


def test_lost_numbering_is_repaired_and_listed(tmp_path: Path, drafted) -> None:
    text = ("某某区市场监管规划(2021-2025年)\n第一章 重点任务\n(一)完善监管机制\n1. 完善双随机监管。内容。\n"
            "2. 深化信用监管。内容。\n科技创新智慧监管。完善科技创新机制。\n1. 构建智慧监管体系。内容。\n"
            ")优化风险管控能力。健全安全监测网络。\n1. 完善安全风险防控。内容。\n")
    path = tmp_path / "lost.txt"
    path.write_text(text, encoding="utf-8")
    draft, doc, _ = drafted(path)
    sections = doc["nodes"][0]["children"]
    assert [(s["number"], s["title"]) for s in sections] == [
        ("(一)", "完善监管机制"), ("(二)", "科技创新智慧监管"), ("(三)", "优化风险管控能力")]
    assert [s["id"] for s in sections] == ["c1.s1", "c1.s2", "c1.s3"]
    lost = [(i.line, i.params["number"]) for i in draft.review if i.key == "draft_numbering_lost"]
    assert lost == [(6, "(二)"), (8, "(三)")]


@pytest.mark.parametrize(("name", "content", "message"), [
    ("plan.pdf", b"%PDF-1.4", "unsupported file type .pdf"),
    ("plan.txt", b"\x00\x01\x02binary", "not a text file"),
    ("plan.txt", b"\xff\xfe\xfa\xfb" * 10, "cannot be read as UTF-8 or GB18030"),
    ("plan.docx", b"not a zip", "not a readable .docx"),
])
def test_unreadable_files_are_one_clear_error(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    from store.draft import draft_file

    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(BadInput, match=message):
        draft_file(path)


def test_a_draft_the_loader_would_refuse_is_never_written(monkeypatch) -> None:
    """The draft checks itself with the loader's public plan_problems; a defect is one clear error,
    in the UI's language too."""
    import store.draft as draft_module
    from store.errors import PlandeskError
    from store.problems import PlanProblem, say
    from tui.i18n import Catalog
    from tui.phrases import error_line

    monkeypatch.setattr(draft_module, "plan_problems",
                        lambda doc, name: [PlanProblem(name, 0, "due", say("pr_not_a_deadline", phrase="尽快"))])
    with pytest.raises(PlandeskError, match="does not load") as failed:
        draft_module.draft_file(FIXTURES / "annual_plan.txt")
    assert "annual_plan.txt:0: due: not a deadline: '尽快'" in str(failed.value)
    assert "due: 无法识别的期限:“尽快”" in error_line(Catalog("zh"), failed.value)


def test_a_heading_number_keeps_no_colon_ascii_or_full_width() -> None:
    """「第一章：总则」 and 「第一章:总则」 are both chapter 第一章 titled 总则: the colon, full-width
    as Chinese documents write it or not, is neither in the printed number nor in the title."""
    from store.draft.headings import parse_numbering

    for line in ("第一章：总则", "第一章:总则", "附件1：重大项目", "附件1:重大项目"):
        found = parse_numbering(line)
        assert found is not None
        assert found.printed in ("第一章", "附件1") and found.rest in ("总则", "重大项目"), line
