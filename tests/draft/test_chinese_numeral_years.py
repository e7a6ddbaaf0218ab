"""Years printed in Chinese numerals, as 公文 print them (二〇二三年底前, 二〇二五年, 二○二四年6月: both
〇 U+3007 and ○ U+25CB occur), draft as the years they are: the same plan year and the same
deadlines as the text with Arabic years. Before, the plan year was guessed and their deadlines
were dropped."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from store.deadlines import parse_deadline
from tests.draft.conftest import milestones

ANNUAL = """某区市场监督管理局二〇二三年工作要点
一、优化营商环境
1.深化商事制度改革。二〇二三年底前完成企业开办“一网通办”。
2.推进智慧监管。二○二三年6月底前建成智慧监管平台。
二、加强质量监管
3.开展质量提升行动,到二〇二三年,培育质量标杆企业5家。
"""
FIVE_YEAR = """某区市场监管发展规划(二〇二六—二〇三〇年)
第一章 发展目标
到二〇三〇年,市场主体总量达到5万户。二〇二七年底前建成企业开办专区。二○二八年6月,完成智慧监管平台建设。
展望二〇三五年,基本实现市场监管现代化。
"""
ARABIC = {"二〇二三": "2023", "二○二三": "2023", "二〇二六": "2026", "二〇三〇": "2030", "二〇二七": "2027",
          "二○二八": "2028", "二〇三五": "2035"}


def _arabic(text: str) -> str:
    for chinese, digits in ARABIC.items():
        text = text.replace(chinese, digits)
    return text


def _read(doc: dict[str, Any]) -> tuple[Any, list[tuple[str, date]]]:
    end = doc["period"]["end"]
    return doc["period"], [(_arabic(m["title"]), parse_deadline(m["due"], end).due) for m in milestones(doc)]


@pytest.mark.parametrize("text", [ANNUAL, FIVE_YEAR], ids=["annual", "five_year"])
def test_chinese_numeral_years_draft_as_their_arabic_twins(drafted, tmp_path: Path, text: str) -> None:
    chinese, arabic = tmp_path / "chinese.txt", tmp_path / "arabic.txt"
    chinese.write_text(text, encoding="utf-8")
    arabic.write_text(_arabic(text), encoding="utf-8")
    _, chinese_doc, _ = drafted(chinese)
    _, arabic_doc, _ = drafted(arabic)
    period, dues = _read(chinese_doc)
    assert (period, dues) == _read(arabic_doc)
    assert dues, "the deadlines are read"
    assert chinese_doc["title"] == text.splitlines()[0], "the printed text is kept as printed"


def test_the_years_and_their_deadlines(drafted, tmp_path: Path) -> None:
    path = tmp_path / "annual.txt"
    path.write_text(ANNUAL, encoding="utf-8")
    _, doc, _ = drafted(path)
    assert doc["period"] == {"start": 2023, "end": 2023}
    assert {m["due"]: parse_deadline(m["due"], 2023).due for m in milestones(doc)} == {
        "二〇二三年底前": date(2023, 12, 31), "二○二三年6月底前": date(2023, 6, 30), "到二〇二三年": date(2023, 12, 31)}
    path = tmp_path / "five.txt"
    path.write_text(FIVE_YEAR, encoding="utf-8")
    _, doc, _ = drafted(path)
    assert doc["period"] == {"start": 2026, "end": 2030}
    dues = sorted(parse_deadline(m["due"], 2030).due for m in milestones(doc))
    assert dues == [date(2027, 12, 31), date(2028, 6, 30), date(2030, 12, 31)], "2035 is the vision, not a deadline"


@pytest.mark.parametrize(("phrase", "due"), [
    ("二〇二三年底前", date(2023, 12, 31)), ("二○二四年6月", date(2024, 6, 30)),
    ("到二〇二五年", date(2025, 12, 31)), ("二零二四年三季度", date(2024, 9, 30)),
])
def test_a_plan_file_deadline_in_chinese_numerals_reads(phrase: str, due: date) -> None:
    assert parse_deadline(phrase, 2025).due == due


@pytest.mark.parametrize(("line", "issued"), [
    ("二〇二三年二月十日", "2023-02-10"), ("二○二二年十二月三十一日", "2022-12-31"), ("2023年2月10日", "2023-02-10"),
])
def test_the_date_a_plan_was_issued_in_numerals(drafted, tmp_path: Path, line: str, issued: str) -> None:
    path = tmp_path / "issued.txt"
    path.write_text(ANNUAL.replace("\n", f"\n{line}\n", 1), encoding="utf-8")
    _, doc, _ = drafted(path)
    assert doc["issued"] == issued
