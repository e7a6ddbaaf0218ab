"""The sentences of the Word draft, written from the report's numbers in official Chinese.

The draft is a Chinese official document (公文) by nature, so its prose lives here, in Chinese
only (``plandesk report --format docx --lang en`` is refused, see the README). Every sentence
states what the data shows; a judgement appears only when the numbers support it, and what only
a person can write is a ``【待填写：…】`` placeholder that says what belongs there.
"""
from __future__ import annotations

import re
from datetime import date

from store import pace as pc
from store import report as rp
from store import status as st
from store.progress import STATE_ZH
from store.values import format_number

PLACEHOLDER = "【待填写：{}】"
_HALF = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "?": "？", "!": "！"}
_HALF_TABLE = str.maketrans(_HALF)
_BETWEEN_DIGITS = re.compile(r"(?<=\d)[,:](?=\d)")


def todo(what: str) -> str:
    return PLACEHOLDER.format(what)


def fullwidth(text: str) -> str:
    """Chinese text with full-width punctuation (``,`` -> ``，``, ``(`` -> ``（``); ``1,000`` and ``10:30`` stay."""
    kept = {m.start() for m in _BETWEEN_DIGITS.finditer(text)}
    if not kept:  # nearly always: translated in C
        return text.translate(_HALF_TABLE)
    return "".join(ch if i in kept else _HALF.get(ch, ch) for i, ch in enumerate(text))


def cn_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def years(period: rp.Period) -> str:
    return f"{period.start_year}年" if period.start_year == period.end_year else \
        f"{period.start_year}—{period.end_year}年"


def pct(share: float) -> str:
    return f"{round(share * 100)}%"


def number(value: float | None) -> str:
    return "—" if value is None else format_number(round(value, 4))


def title(report: rp.Report) -> str:
    plan = fullwidth(report.plan.title)
    assert report.period is not None
    if report.kind == rp.MIDTERM:
        return f"《{plan}》中期评估报告"
    if report.kind == rp.FINAL:
        return f"《{plan}》总结评估报告"
    return f"关于《{plan}》{report.period.end_year}年实施情况的报告"


def opening(report: rp.Report) -> str:
    """The paragraph before the first heading: what this report is, as of when."""
    assert report.period is not None
    plan = fullwidth(report.plan.title)
    what = {rp.MIDTERM: "中期评估", rp.FINAL: "总结评估"}.get(report.kind, "年度监测")
    return (f"按照规划实施监测评估工作要求，现将《{plan}》{years(report.period)}实施情况{what}如下"
            f"（数据截至{cn_date(report.as_of)}）。")


def overall(report: rp.Report) -> list[str]:
    """一、总体进展: what fell due and what became of it; time elapsed against work done."""
    assert report.period is not None
    h, p = report.headline, report.plan_total
    late = h.counts[st.DONE_LATE]
    when = f"{report.period.end_year}年" if report.kind == rp.ANNUAL else f"规划实施以来（{years(report.period)}），"
    if h.total:
        done = f"已完成{h.done}项（按期{h.counts[st.DONE]}项、逾期{late}项）" if h.done else "尚无完成"
        first = f"{when}到期的{h.total}项任务中，{done}，未完成{h.total - h.done}项"
        overdue = h.counts[st.OVERDUE]
        first += f"，其中逾期未完成{overdue}项。" if overdue and overdue != h.total - h.done else "。"
    else:
        first = f"{when}无到期任务。"
    sentences = [first]
    if p.total:
        sentences.append(f"规划确定的{p.total}项任务（含分年度节点）中，截至{cn_date(report.as_of)}已完成{p.done}项，"
                         f"完成率{pct(p.share_done)}。")
    judged = pace_of_work(report)
    if judged:
        sentences.append(judged)
    return ["".join(sentences), todo("总体工作成效、主要做法和亮点的概括")]


def pace_of_work(report: rp.Report) -> str | None:
    """"时间过半、任务过半" and its kin, only when the numbers say so."""
    elapsed, p = report.elapsed, report.plan_total
    if elapsed is None or not p.total:
        return None
    share = p.share_done
    figures = f"（时间进度{pct(elapsed)}，任务完成{pct(share)}）"
    if elapsed >= 0.5 and share >= 0.5:
        return f"从总体看，规划实施实现“时间过半、任务过半”{figures}。"
    if share >= elapsed - 0.05:
        return f"从总体看，任务完成进度与时间进度基本同步{figures}。"
    return f"从总体看，任务完成进度落后于时间进度{figures}。"


_COUNTED = [(pc.AHEAD_DONE, "提前实现"), (pc.ACHIEVED, "已实现"), (pc.FASTER, "快于预期"), (pc.ON_PACE, "符合预期"),
            (pc.BEHIND, "滞后"), (pc.AT_RISK, "难以完成"), (pc.MISSED, "未实现"), (pc.NO_VALUE, "未填报数据"),
            (pc.UNRATED, "无终期目标值")]
_ALWAYS = (pc.AHEAD_DONE, pc.FASTER, pc.ON_PACE, pc.BEHIND)  # the four the evaluation always names
_REACHED = (pc.AHEAD_DONE, pc.ACHIEVED)


def indicators(report: rp.Report) -> list[str]:
    """二、主要指标完成情况: the ratings counted, every binding indicator accounted for."""
    rows = report.indicators
    if not rows:
        return ["本规划未设置主要指标。"]
    if report.kind not in (rp.MIDTERM, rp.FINAL):
        return _annual_indicators(report)
    counts = {rating: 0 for rating, _ in _COUNTED}
    for row in rows:
        assert row.pace is not None
        counts[row.pace.rating] += 1
    final = report.kind == rp.FINAL
    parts = [f"{label}{counts[r]}项" for r, label in _COUNTED if counts[r] or (r in _ALWAYS and not final)
             or (final and r in (pc.ACHIEVED, pc.MISSED))]
    first = f"{len(rows)}项主要指标中，{'、'.join(parts)}"
    binding = [r for r in rows if r.binding]
    if binding:
        unmet = [r for r in binding if r.pace and r.pace.rating not in _REACHED]
        if not unmet:
            first += f"；约束性指标{len(binding)}项，均已完成。"
        else:
            first += f"；约束性指标{len(binding)}项，{len(unmet)}项未完成（{'、'.join(r.name for r in unmet)}）。"
    else:
        first += "；本规划未设置约束性指标。"
    out = [first]
    warned = [r for r in rows if r.pace and r.pace.warning]
    if warned:
        out.append("预警：" + "；".join(_warning(r) for r in warned) + "。")
    lagging = [r for r in rows if r.pace and r.pace.rating in (pc.BEHIND, pc.AT_RISK) and not r.pace.warning]
    if lagging:
        out.append("进度滞后的预期性指标：" + "；".join(_lagging(r) for r in lagging) + "。")
    out.append("各项指标完成情况详见附表。" + todo("主要指标完成情况的具体分析"))
    return out


def _figures(row: rp.IndicatorRow) -> str:
    pace = row.pace
    assert pace is not None
    unit = fullwidth(row.unit or "")
    target = pace.end_target.printed if pace.end_target else "—"
    if pace.end_target is not None and pace.cumulative and pace.end_target.number is not None:
        target = f"累计{number(pace.end_target.number)}"
    if pace.latest is None:
        return f"{pace.end_year}年目标{target}{unit}，尚无数据"
    latest = f"{'累计' if pace.cumulative else ''}{number(pace.latest)}{unit}"
    text = f"{pace.latest_year}年为{latest}，{pace.end_year}年目标{target}{unit}"
    if pace.projected is not None and pace.rating == pc.AT_RISK:
        text += f"，按近期速度{pace.end_year}年约为{number(pace.projected)}{unit}"
    return text


def _warning(row: rp.IndicatorRow) -> str:
    assert row.pace is not None
    label = dict(_COUNTED)[row.pace.rating]
    return f"约束性指标“{fullwidth(row.name)}”{label}（{_figures(row)}）"


def _lagging(row: rp.IndicatorRow) -> str:
    assert row.pace is not None
    return f"“{fullwidth(row.name)}”{dict(_COUNTED)[row.pace.rating]}（{_figures(row)}）"


def _annual_indicators(report: rp.Report) -> list[str]:
    rows = report.indicators
    year = report.indicator_year
    met = sum(r.status == st.MET for r in rows)
    not_met = sum(r.status == st.NOT_MET for r in rows)
    empty = sum(r.status in (st.NO_VALUE, st.MISSING) for r in rows)
    none = sum(r.status == st.NO_TARGET for r in rows)
    parts = [f"达标{met}项", f"未达标{not_met}项", f"未填报数据{empty}项"]
    parts += [f"无{year}年目标{none}项"] if none else []
    first = f"{len(rows)}项主要指标中，{year}年目标{'、'.join(parts)}"
    binding = [r for r in rows if r.binding and r.status != st.NO_TARGET]
    if binding:
        unmet = [r for r in binding if r.status != st.MET]
        first += (f"；约束性指标{len(binding)}项，均已达标。" if not unmet else
                  f"；约束性指标{len(binding)}项，{len(unmet)}项未达标或未填报"
                  f"（{'、'.join(r.name for r in unmet)}），予以预警。")
    else:
        first += "。"
    return [first, "各项指标完成情况详见附表。" + todo("主要指标完成情况的具体分析")]


def chapter(group: rp.TaskGroup, report: rp.Report) -> str:
    """One chapter's progress in a sentence: what fell due in the period and what became of it."""
    assert report.period is not None
    c = group.counts
    when = years(report.period)
    if not c.total:
        return f"本部分{when}无到期任务。"
    text = f"本部分{when}到期任务{c.total}项，已完成{c.done}项"
    if c.counts[st.DONE_LATE]:
        text += f"（其中逾期完成{c.counts[st.DONE_LATE]}项）"
    overdue = c.counts[st.OVERDUE]
    rest = c.total - c.done - overdue
    text += f"，逾期未完成{overdue}项" if overdue else ""
    text += f"，尚未到期{rest}项" if rest else ""
    return text + "。"


def task_line(task: rp.TaskProgress, with_ids: bool) -> str:
    """A lagging task: its name, who leads it, what is overdue since when."""
    late = [m for m in task.milestones if m.state == st.OVERDUE]
    units = "、".join(task.units)
    text = fullwidth(task.title)
    details = []
    if units:
        details.append(f"牵头单位：{fullwidth(units)}")
    if late:
        first = min(late, key=lambda m: m.due)
        details.append(f"应于{cn_date(first.due)}完成" + (f"，逾期{first.days_late}天" if first.days_late > 0 else ""))
    if with_ids:
        details.append(task.id)
    return text + (f"（{'；'.join(details)}）" if details else "")


def milestone_line(item: rp.Item, with_ids: bool) -> str:
    state = {st.DONE: "已按期完成", st.DONE_LATE: "已逾期完成", st.OVERDUE: "逾期未完成", st.DUE_SOON: "即将到期",
             st.OPEN: "未到期"}[item.state]
    text = f"{fullwidth(item.title)}（{cn_date(item.due)}前）：{state}"
    if item.done_on:
        text += f"，完成于{cn_date(item.done_on)}"
    if item.note:
        text += f"，{fullwidth(item.note)}"
    if with_ids:
        text += f"（{item.id}）"
    return text


def problems(report: rp.Report) -> list[str]:
    """四、存在问题及原因: the facts the data shows, then room for the causes."""
    facts = []
    late = [g for g in report.groups if g.kind != "projects" and g.counts.counts[st.OVERDUE]]
    overdue = report.headline.counts[st.OVERDUE]
    if overdue:
        late.sort(key=lambda g: -g.counts.counts[st.OVERDUE])
        where = "、".join(f"“{fullwidth(g.title)}”" for g in late[:3])
        facts.append(f"部分任务推进滞后，{overdue}项到期任务逾期未完成"
                     + (f"，主要集中在{where}" if where else "") + "。")
    binding = [r for r in report.indicators if r.binding and (
        (r.pace is not None and r.pace.warning) or (r.pace is None and r.status in (st.NOT_MET, st.MISSING)))]
    if binding:
        facts.append(f"约束性指标完成存在风险，{'、'.join('“' + fullwidth(r.name) + '”' for r in binding)}"
                     "进度滞后或未填报数据。")
    lagging = [r for r in report.indicators if not r.binding and r.pace and r.pace.rating in (pc.BEHIND, pc.AT_RISK)]
    if lagging:
        facts.append(f"部分预期性指标进度滞后，{'、'.join('“' + fullwidth(r.name) + '”' for r in lagging)}"
                     "低于序时进度。")
    behind = report.lagging_reports
    if behind:
        facts.append(f"{len(behind)}项任务报送进度滞后。")
    ordinals = "一二三四五六七八九十"
    out = [f"{ordinals[i]}是{fact}" for i, fact in enumerate(facts[:10])]
    if not out:
        out.append("从已记录的数据看，未发现逾期未完成的任务和进度滞后的指标。")
    out += [f"{reported_name(r)}存在问题：" + (sentence(r.problem) if r.problem else todo("存在问题"))
            for r in behind]
    out.append(todo("上述问题产生的原因分析，以及数据未反映的其他问题"))
    return out


def next_steps(report: rp.Report) -> list[str]:
    """五、下步打算: what falls due next, the arrears to clear, room for the measures."""
    out = []
    nxt = report.section(rp.NEXT_PERIOD)
    carried = report.section(rp.CARRIED)
    if report.next is not None and nxt is not None:
        out.append(f"{years(report.next)}到期任务{nxt.total or 0}项，需按时间节点推进。")
    if carried is not None and carried.total:
        out.append(f"对{carried.total}项逾期未完成任务，逐项明确完成时限和责任单位，加快推进、限期销号。")
    out += [f"{reported_name(r)}下步措施：{sentence(r.next_step)}" for r in report.task_reports or [] if r.next_step]
    out.append(todo("下步工作目标和主要措施"))
    return out


def adjustments(report: rp.Report) -> list[str]:
    """中期调整建议: the indicators that cannot be reached at the recent pace."""
    risky = [r for r in report.indicators if r.pace and r.pace.rating == pc.AT_RISK]
    out = []
    if risky:
        out.append("按近期增速测算，以下指标难以实现规划目标，建议结合实际评估是否调整目标值：" +
                   "；".join(f"“{fullwidth(r.name)}”（{_figures(r)}）" for r in risky) + "。")
    else:
        out.append("从已记录的数据看，暂无按近期增速难以实现规划目标的指标。")
    out.append(todo("需要调整的指标、任务及调整理由"))
    return out


def progress_placeholder(task: rp.TaskProgress) -> str:
    """Where the progress reports will put the task's 进展情况, 存在问题 and 下步措施."""
    parts = [f"进展情况：{fullwidth(task.progress)}" if task.progress else todo("进展情况"),
             f"存在问题：{fullwidth(task.problems)}" if task.problems else todo("存在问题"),
             f"下步措施：{fullwidth(task.next_steps)}" if task.next_steps else todo("下步措施")]
    return "；".join(parts)


def reported_name(r: rp.TaskReport) -> str:
    """A reported task as the draft names it: “title”（牵头单位：…）."""
    units = f"（牵头单位：{fullwidth('、'.join(r.units))}）" if r.units else ""
    return f"“{fullwidth(r.title)}”{units}"


def sentence(text: str) -> str:
    """A unit's words as a sentence of the draft: full-width punctuation, a full stop at the end."""
    text = fullwidth(text.strip())
    return text if text.endswith(("。", "！", "？", "；", "…")) else text + "。"


def reported_progress(r: rp.TaskReport) -> str:
    """三、重点任务推进情况 for a reported task: its state, percent and the 进展情况 the unit wrote."""
    state = STATE_ZH.get(r.state, r.state)  # the words units write (store.progress)
    done = f"，完成{r.percent:g}%" if r.percent is not None else ""
    note = sentence(r.note) if r.note else todo("进展情况")
    return f"{reported_name(r)}：{state}{done}（{r.period}报送）。进展情况：{note}"


def units_not_reported(report: rp.Report) -> str:
    """一、总体进展: who owes a report for the last finished reporting period."""
    if report.units_not_reported is None:
        return "各责任单位进展情况报送：" + todo("未按时报送进展情况的单位")
    if report.units_not_reported:
        return (f"未按时报送{report.reporting_period}进展情况的单位："
                + "、".join(fullwidth(u) for u in report.units_not_reported) + "。")
    return f"各责任单位均已报送{report.reporting_period}进展情况。"
