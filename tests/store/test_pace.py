"""Indicators judged by pace (store.pace): the rule the README states, on the plans' real cases."""
from __future__ import annotations

from datetime import date

import pytest

from store import pace as pc
from store import queries as q
from store.values import parse_printed


def indicator(values: dict[int, str], actuals: dict[int, float] | None = None, *, better: str = "higher",
              measure: str = "total", binding: bool = False, increments: dict[int, str] | None = None,
              baseline_year: int = 2020) -> q.Indicator:
    """An indicator whose main table prints ``values``; ``increments``: a second table of yearly steps."""
    cells = []
    for year, printed in values.items():
        parsed = parse_printed(printed)
        cells.append(q.Cell(year, "主要指标", printed, parsed.number, parsed.comparator, measure, True))
    for year, printed in (increments or {}).items():
        parsed = parse_printed(printed)
        cells.append(q.Cell(year, "附件3", printed, parsed.number, parsed.comparator, "increment", False))
    return q.Indicator(id="p/i1", plan_id="p", category=None, number="1", name="指标", unit=None,
                       attribute="约束性" if binding else "预期性", binding=binding, better=better, measure=measure,
                       baseline_year=baseline_year, baseline_printed=values.get(baseline_year), note=None,
                       conflicts=[], line=None, cells=cells, actuals=dict(actuals or {}))


def judge(ind: q.Indicator, year: int = 2023) -> pc.Pace:
    return pc.judge(ind, ind.actuals, year)


# 3.4 in 2020 -> 4 in 2025: by 2023 (3/5 of the time) the path expects 3.76
@pytest.mark.parametrize(("values", "rating"), [
    ({2023: 4.2}, pc.AHEAD_DONE),  # the end target already reached
    ({2023: 3.95}, pc.FASTER),  # 92% of the way at 60% of the time
    ({2023: 3.75}, pc.ON_PACE),  # 58% of the way: within 10 points of the time
    ({2022: 3.4, 2023: 3.6}, pc.BEHIND),  # 33% of the way: behind; but +0.2 a year reaches 4.0 in 2025
    ({2021: 3.5, 2023: 3.6}, pc.AT_RISK),  # +0.05 a year since 2021: 3.7 in 2025, short of 4
    ({2022: 3.3, 2023: 3.6}, pc.BEHIND),  # behind the path, but +0.3 a year would reach 4.2
    ({2022: 3.7, 2023: 3.6}, pc.AT_RISK),  # moving the wrong way
])
def test_straight_line_from_the_baseline(values: dict[int, float], rating: str) -> None:
    pace = judge(indicator({2020: "3.4", 2025: "4"}, values))
    assert pace.rating == rating
    assert pace.end_year == 2025 and pace.end_target is not None and pace.end_target.number == 4


def test_the_figures_behind_a_rating() -> None:
    pace = judge(indicator({2020: "3.4", 2025: "4"}, {2021: 3.5, 2023: 3.6}))
    assert (pace.latest_year, pace.latest, pace.start_year, pace.start) == (2023, 3.6, 2020, 3.4)
    assert pace.elapsed == pytest.approx(0.6) and pace.progress == pytest.approx(1 / 3)
    assert pace.expected == pytest.approx(3.76) and pace.projected == pytest.approx(3.7)


def test_lower_is_better() -> None:
    # Luoyang 市地方标准平均制定周期: 24 months in 2020, 12 by 2025
    assert judge(indicator({2020: "24", 2025: "12"}, {2023: 14}, better="lower")).rating == pc.FASTER
    assert judge(indicator({2020: "24", 2025: "12"}, {2023: 16}, better="lower")).rating == pc.ON_PACE
    assert judge(indicator({2020: "24", 2025: "12"}, {2023: 11}, better="lower")).rating == pc.AHEAD_DONE
    assert judge(indicator({2020: "24", 2025: "12"}, {2022: 23, 2023: 22}, better="lower")).rating == pc.AT_RISK


def test_comparator_targets() -> None:
    # Wulong 药品安全评价性抽验合格率 >98 every year: a level to hold, judged by the comparator
    held = indicator({2020: ">98", 2025: ">98"}, {2023: 98.6})
    assert judge(held).rating == pc.AHEAD_DONE
    assert judge(indicator({2020: ">98", 2025: ">98"}, {2023: 98})).rating == pc.BEHIND  # > is strict
    # Wulong 万台特种设备死亡人数 ≤0.09 (binding): over the cap is behind, with an early warning
    cap = indicator({2020: "-", 2025: "≤0.09"}, {2022: 0.08, 2023: 0.12}, better="lower", binding=True)
    pace = judge(cap)
    assert pace.rating == pc.AT_RISK and pace.warning
    assert judge(indicator({2020: "-", 2025: "≤0.09"}, {2023: 0.05}, binding=True)).rating == pc.AHEAD_DONE


def test_increments_are_judged_as_cumulative_figures() -> None:
    # Wulong 新增自我声明公开企业标准: 32 in 2021, then 10 a year: 72 by 2025
    ind = indicator({2020: "18", 2021: "32", 2022: "10", 2023: "10", 2024: "10", 2025: "10"},
                    {2021: 30, 2022: 12, 2023: 15}, measure="increment")
    pace = judge(ind)
    assert pace.cumulative and pace.end_target.number == 72
    assert (pace.start, pace.latest) == (0.0, 57)  # 2020's own amount is not part of the plan's period
    assert pace.rating == pc.FASTER
    gap = indicator({2020: "18", 2021: "32", 2022: "10", 2023: "10", 2024: "10", 2025: "10"},
                    {2021: 30, 2023: 15}, measure="increment")
    assert judge(gap).gaps == (2022,) and judge(gap).latest == 45  # the missing year counts as 0, and says so


def test_a_total_printed_as_yearly_increments_gets_derived_targets() -> None:
    # Wulong 地理标志总量: 专栏1 7 -> 12; 附件3 gives +0, +2, +1, +1, +1
    ind = indicator({2020: "7", 2025: "12"}, {2023: 10}, increments={2021: "0", 2022: "2", 2023: "1", 2024: "1",
                                                                   2025: "1"})
    targets = pc.level_targets(ind)
    assert [(y, targets[y].number, targets[y].derived) for y in sorted(targets)] == [
        (2021, 7, True), (2022, 9, True), (2023, 10, True), (2024, 11, True), (2025, 12, False)]
    assert judge(ind).rating == pc.ON_PACE


def test_only_an_end_target_and_no_baseline() -> None:
    # Xiangyang 马德里商标国际注册: no baseline, 80 by 2025: the path starts at the first value recorded
    ind = indicator({2025: "80"}, {2022: 20, 2023: 30}, baseline_year=2021)
    pace = judge(ind)
    assert (pace.start_year, pace.start) == (2022, 20) and pace.rating == pc.AT_RISK
    assert judge(indicator({2025: "80"}, {2023: 30}, baseline_year=2021)).rating == pc.BEHIND  # nothing to project


def test_the_end_year_is_achieved_or_missed_and_unrated_without_target() -> None:
    ind = indicator({2020: "3.4", 2025: "4"}, {2025: 4.1})
    assert pc.judge(ind, ind.actuals, 2025).rating == pc.ACHIEVED
    ind = indicator({2020: "3.4", 2025: "4"}, {2025: 3.9}, binding=True)
    assert pc.judge(ind, ind.actuals, 2025).rating == pc.MISSED and pc.judge(ind, ind.actuals, 2025).warning
    assert judge(indicator({2020: "-", 2025: "-"}, {2023: 1})).rating == pc.UNRATED


def test_binding_without_a_value_is_warned_and_later_values_are_not_seen() -> None:
    ind = indicator({2020: "90", 2025: "95"}, {2024: 96}, binding=True)
    assert pc.visible_actuals(ind, date(2024, 1, 15)) == {2024: 96}
    assert pc.visible_actuals(ind, date(2023, 12, 31)) == {}  # 2024 has not begun by then
    pace = pc.judge(ind, pc.visible_actuals(ind, date(2023, 12, 31)), 2023)
    assert pace.rating == pc.NO_VALUE and pace.warning
    pace = pc.judge(ind, ind.actuals, 2023)  # the evaluated year ends the values used
    assert pace.rating == pc.NO_VALUE
