"""Month deadlines of an annual 工作要点 without their year: 9月30日前, 1-6月, 11月中旬, 3月份."""
from __future__ import annotations

from datetime import date

import pytest

from store.deadlines import parse_deadline
from store.draft.targets import find_targets


@pytest.mark.parametrize("text, expected, due", [
    ("9月30日前完成食品抽检。", [("9月30日前完成食品抽检", "9月30日前")], date(2024, 9, 30)),
    ("1-6月完成全面排查。", [("1-6月完成全面排查", "6月底")], date(2024, 6, 30)),
    ("11月中旬召开全县质量大会。", [("11月中旬召开全县质量大会", "11月中旬")], date(2024, 11, 30)),
    ("3月份开展消费维权宣传。", [("3月份开展消费维权宣传", "3月份")], date(2024, 3, 31)),
    ("到6月底,完成抽检500批次。", [("到6月底,完成抽检500批次", "到6月底")], date(2024, 6, 30)),
    ("每年3月开展检查。", [], None),  # a month every year: not one deadline
    ("13月完成。", [], None),  # no such month
])
def test_a_month_that_reads_as_a_deadline(text: str, expected: list[tuple[str, str]], due: date | None) -> None:
    found = find_targets(text, 2024, 2024, True)
    assert [(t.title, t.due) for t in found] == expected
    assert [parse_deadline(t.due, 2024).due for t in found] == ([due] if due else [])  # as the loader reads it
