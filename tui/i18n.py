"""The one message catalog: Chinese under a Chinese locale, English otherwise, ``--lang`` overrides."""
from __future__ import annotations

import os

LANG_ENV = "PLANDESK_LANG"

# key: (English, Chinese)
MESSAGES: dict[str, tuple[str, str]] = {
    # statuses
    "done": ("done", "已完成"),
    "done_late": ("done late", "逾期完成"),
    "overdue": ("overdue", "逾期"),
    "due_soon": ("due soon", "临期"),
    "open": ("open", "未到期"),
    "met": ("met", "达标"),
    "not_met": ("not met", "未达标"),
    "no_value": ("no value", "未填报"),
    "missing": ("missing (binding)", "缺报(约束性)"),
    "no_target": ("no target", "无目标"),
    # headings and labels
    "plans": ("Plans", "规划列表"),
    "plan": ("Plan", "规划"),
    "id": ("ID", "编号"),
    "region": ("Region", "地区"),
    "title": ("Title", "标题"),
    "period": ("Period", "期限"),
    "as_of": ("as of {date}", "截至 {date}"),
    "share_done": ("{done} of {total} milestones done ({pct})", "里程碑完成 {done}/{total}({pct})"),
    "counts": ("done {done} · overdue {overdue} · due soon {due_soon} · open {open}",
               "已完成 {done} · 逾期 {overdue} · 临期 {due_soon} · 未到期 {open}"),
    "chapters": ("Chapters", "章节进度"),
    "overdue_list": ("Overdue", "逾期事项"),
    "due_soon_list": ("Due within {days} days", "{days}天内到期"),
    "none": ("none", "无"),
    "due_this_year": ("Due later in {year}", "{year}年内待完成"),
    "recently_done": ("Done in the last 12 months", "近12个月完成"),
    "more_done_plain": ("… and more", "……等"),
    "more": ("… and {n} more", "……另有 {n} 项"),
    "indicators": ("Indicators ({year})", "主要指标({year}年)"),
    "indicator": ("Indicator", "指标"),
    "unit": ("Unit", "单位"),
    "attribute": ("Type", "属性"),
    "baseline": ("Baseline", "基期值"),
    "target": ("Target", "目标值"),
    "actual": ("Actual", "实际值"),
    "status": ("Status", "状态"),
    "due": ("Due", "时限"),
    "done_on": ("Done", "完成日期"),
    "milestone": ("Milestone", "里程碑"),
    "days_late": ("{n} d late", "逾期{n}天"),
    "days_left": ("in {n} d", "{n}天后"),
    "conflict": ("tables differ", "表间不一致"),
    "when": ("When", "时间"),
    "who": ("Who", "操作人"),
    "action": ("Action", "操作"),
    "item": ("Item", "事项"),
    "before_after": ("Before → after", "修改前 → 修改后"),
    "no_history": ("No changes recorded yet.", "暂无修改记录。"),
    # command results
    "ticked": ("Ticked {id}: {title} (done {on})", "已勾选 {id}:{title}(完成于 {on})"),
    "unticked": ("Unticked {id}: {title}", "已取消勾选 {id}:{title}"),
    "recorded": ("Recorded {id} {year}: {value}", "已填报 {id} {year}年:{value}"),
    "undone": ("Undone: {what}", "已撤销:{what}"),
    "redone": ("Redone: {what}", "已重做:{what}"),
    "imported": ("Imported {plan}: {added} added, {updated} updated, {restored} restored, {archived} archived",
                 "已导入 {plan}:新增 {added},更新 {updated},恢复 {restored},归档 {archived}"),
    "archived_item": ("  archived {kind} {id}: {title}", "  已归档 {kind} {id}:{title}"),
    "error": ("error: {message}", "错误:{message}"),
    "no_plans": ("No plans in {db}.", "{db} 中没有规划。"),
    # actions (journal)
    "act_tick": ("tick", "勾选"),
    "act_untick": ("untick", "取消勾选"),
    "act_record": ("record", "填报"),
    "act_unrecord": ("remove value", "删除填报"),
    "act_add": ("add milestone", "新增里程碑"),
    "act_edit": ("edit milestone", "修改里程碑"),
    "act_delete": ("delete milestone", "删除里程碑"),
    "act_set_units": ("set unit", "设置责任单位"),
    "act_import": ("import", "导入"),
    "act_undo": ("undo", "撤销"),
    "act_redo": ("redo", "重做"),
    "binding": ("binding", "约束性"),
    "expected": ("expected", "预期性"),
}


def detect_lang(explicit: str | None = None) -> str:
    """``zh`` or ``en``: ``--lang``, then PLANDESK_LANG, then the locale variables."""
    if explicit in ("zh", "en"):
        return explicit
    env = os.environ.get(LANG_ENV)
    if env in ("zh", "en"):
        return env
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


class Catalog:
    """Looks up labels in one language; unknown keys show as themselves (never crash)."""

    def __init__(self, lang: str = "en"):
        self.lang = lang
        self._index = 1 if lang == "zh" else 0

    def __call__(self, key: str, **values: object) -> str:
        pair = MESSAGES.get(key)
        text = pair[self._index] if pair else key
        return text.format(**values) if values else text
