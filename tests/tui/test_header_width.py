"""The header's second line keeps the plan's lights in an 80-column terminal, in both languages:
it gets shorter step by step (narrower gaps, no share done, no counts of none) rather than
cutting the green count off."""
from __future__ import annotations

from datetime import date

import pytest
from rich.cells import cell_len

from store import queries as q
from store import status as st
from tui.i18n import Catalog
from tui.widgets.plan_header import header_text

PLAN = q.Plan("wulong-2021-2025", "重庆市武隆区", "武隆区市场监管现代化“十四五”发展规划(2021—2025年)",
              "重庆市武隆区人民政府", None, 2021, 2025, "w.txt")


def _rollup() -> st.Rollup:
    rollup = st.Rollup()
    rollup.add(st.DONE, 13)
    rollup.add(st.OVERDUE, 22)
    rollup.add(st.OPEN, 72)
    return rollup


@pytest.mark.parametrize(("lang", "green"), [("zh", "绿30"), ("en", "green 30")])
def test_the_lights_fit_80_columns(lang: str, green: str) -> None:
    t = Catalog(lang)
    wide = header_text(PLAN, _rollup(), date(2024, 3, 15), t, lights=(12, 5, 30), width=200).plain.split("\n")[1]
    narrow = header_text(PLAN, _rollup(), date(2024, 3, 15), t, lights=(12, 5, 30), width=80).plain.split("\n")[1]
    assert cell_len(wide) > 80
    assert green in wide and t("ui_share", pct="12%") in wide  # room: everything
    assert narrow.endswith(green) and cell_len(narrow) <= 80
    assert "2024-03-15" in narrow and "22" in narrow  # the date and the overdue count stay
