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
    # the app (tui/app.py, tui/screens, tui/widgets): keys and commands
    "k_tick": ("Tick", "勾选"),
    "k_tick_help": ("Tick or untick the selected milestone (as of the as-of date)", "勾选或取消勾选所选里程碑(按查看日期)"),
    "k_tick_dialog": ("Done on…", "填完成日期"),
    "k_tick_dialog_help": ("Tick with a completion date and a note", "勾选并填写完成日期和备注"),
    "k_add": ("Add", "新增"),
    "k_add_help": ("Add a milestone to the selected task", "给所选任务新增里程碑"),
    "k_edit": ("Edit", "修改"),
    "k_edit_help": ("Edit the selected milestone's title and due date", "修改所选里程碑的标题和时限"),
    "k_delete": ("Delete", "删除"),
    "k_delete_help": ("Delete the selected milestone (undoable)", "删除所选里程碑(可撤销)"),
    "k_unit": ("Unit", "责任单位"),
    "k_unit_help": ("Set the selected task's responsible unit", "设置所选任务的责任单位"),
    "k_undo": ("Undo", "撤销"),
    "k_undo_help": ("Undo the last change", "撤销上一步修改"),
    "k_redo": ("Redo", "重做"),
    "k_redo_help": ("Redo what was undone", "重做已撤销的修改"),
    "k_search": ("Search", "搜索"),
    "k_search_help": ("Search titles and text (one Chinese character is enough)", "搜索标题和正文(一个汉字也可)"),
    "k_filter": ("Filter", "筛选"),
    "k_filter_help": ("Filter: overdue, due soon, not done, by responsible unit", "筛选:逾期、临期、未完成、按责任单位"),
    "k_overdue_only": ("Overdue", "只看逾期"),
    "k_overdue_only_help": ("Show only what is overdue, with its chapters", "只显示逾期事项及其所属章节"),
    "k_clear": ("Show all", "显示全部"),
    "k_clear_help": ("Clear the search or filter", "清除搜索或筛选"),
    "k_next": ("Next overdue", "下一逾期"),
    "k_next_help": ("Jump to the next overdue milestone", "跳到下一个逾期里程碑"),
    "k_date": ("Date", "日期"),
    "k_date_help": ("Change the as-of date", "更改查看日期"),
    "k_plan": ("Plan", "规划"),
    "k_plan_help": ("Switch to another plan", "切换规划"),
    "k_indicators": ("Indicators", "指标"),
    "k_indicators_help": ("Show the indicators table", "查看主要指标表"),
    "k_tree": ("Tasks", "任务"),
    "k_tree_help": ("Back to the task tree", "返回任务树"),
    "k_record": ("Record", "填报"),
    "k_record_help": ("Record or correct the selected indicator's value for a year", "填报或更正所选指标某年的实际值"),
    "k_help": ("Help", "帮助"),
    "k_help_help": ("Show every key", "显示全部快捷键"),
    "k_quit": ("Quit", "退出"),
    "k_quit_help": ("Quit plandesk (everything is already saved)", "退出(所有修改均已保存)"),
    "k_expand": ("Open", "展开"),
    "k_expand_help": ("Open or close the selected branch", "展开或收起所选分支"),
    "k_close": ("Close", "关闭"),
    "k_palette_help": ("Open the command palette", "打开命令面板"),
    "k_move_help": ("Move up and down, left to the parent, right to open", "上下移动;左:上一级;右:展开"),
    # the app: labels and messages
    "ui_loading": ("loading…", "加载中……"),
    "ui_as_of": ("as of {date}", "截至 {date}"),
    "ui_share": ("{pct} done", "完成 {pct}"),
    "ui_save": ("Save", "保存"),
    "ui_cancel": ("Cancel", "取消"),
    "ui_note": ("Note", "备注"),
    "ui_on_date": ("Completion date", "完成日期"),
    "ui_year": ("Year", "年份"),
    "ui_value": ("Value", "数值"),
    "ui_ms_title": ("Milestone", "里程碑"),
    "ui_ms_due": ("Due (2024-06-30, 2024年6月底, 年底)", "时限(2024-06-30、2024年6月底、年底)"),
    "ui_units": ("Responsible unit(s), separated by 、 (empty: as printed)", "责任单位,多个用“、”分隔(留空:按规划原文)"),
    "ui_as_of_label": ("As-of date (empty: today)", "查看日期(留空:今天)"),
    "ui_not_number": ("Not a number: {text}", "不是数字:{text}"),
    "ui_not_year": ("Not a year: {text}", "不是年份:{text}"),
    "ui_not_date": ("Not a date: {text}", "无法识别的日期:{text}"),
    "ui_need_title": ("A milestone needs a title", "里程碑标题不能为空"),
    "ui_means": ("means {date}", "即 {date}"),
    "ui_nothing_to_tick": ("{title}: {n} milestones, select one of them to tick", "{title}:有 {n} 个里程碑,请选择其中一个勾选"),
    "ui_not_a_milestone": ("Select a milestone first", "请先选择一个里程碑"),
    "ui_not_a_task": ("Select a task first", "请先选择一个任务"),
    "ui_added": ("Added milestone: {title}", "已新增里程碑:{title}"),
    "ui_edited": ("Saved milestone: {title}", "已保存里程碑:{title}"),
    "ui_deleted": ("Deleted milestone: {title} (ctrl+z undoes)", "已删除里程碑:{title}(ctrl+z 撤销)"),
    "ui_units_set": ("Responsible unit of {title}: {units}", "{title} 的责任单位:{units}"),
    "ui_failed": ("Not saved: {message}", "未保存:{message}"),
    "ui_nothing_undo": ("Nothing to undo", "没有可撤销的修改"),
    "ui_nothing_redo": ("Nothing to redo", "没有可重做的修改"),
    "ui_no_overdue": ("Nothing overdue as of {date}", "截至 {date} 没有逾期事项"),
    "ui_no_matches": ("No matches for {what}", "没有符合“{what}”的事项"),
    "ui_matches": ("{what}: {n} matches (esc shows all)", "{what}:{n} 项(esc 显示全部)"),
    "ui_filter_overdue": ("Overdue only", "只看逾期"),
    "ui_filter_due_soon": ("Due soon", "临期"),
    "ui_filter_not_done": ("Not done", "未完成"),
    "ui_filter_unit": ("Unit: {unit}", "责任单位:{unit}"),
    "ui_filter_search": ("Search: {text}", "搜索:{text}"),
    "ui_filter_all": ("Show all", "显示全部"),
    "ui_filter_title": ("Filter the task tree", "筛选任务树"),
    "ui_search_placeholder": ("search titles and text, Enter to find, Esc to close", "搜索标题和正文,回车查找,Esc 关闭"),
    "ui_choose_plan": ("Which plan is your bureau's own?", "哪个规划是本局的?"),
    "ui_switch_plan": ("Switch plan", "切换规划"),
    "ui_changed_elsewhere": ("Updated: changed in another window", "已刷新:其他窗口有修改"),
    "ui_date_set": ("Now showing status as of {date}", "现在按 {date} 显示状态"),
    "ui_help_title": ("plandesk keys", "plandesk 快捷键"),
    "ui_key": ("Key", "按键"),
    "ui_what": ("What it does", "作用"),
    "ui_where_tree": ("Task tree", "任务树"),
    "ui_where_indicators": ("Indicators", "指标表"),
    "ui_where_everywhere": ("Everywhere", "任何界面"),
    "ui_where_dialogs": ("Dialogs", "对话框"),
    "ui_dialog_keys": ("Enter saves, Esc cancels", "回车保存,Esc 取消"),
    "ui_source": ("Source", "出处"),
    "ui_line": ("{file} line {line}", "{file} 第 {line} 行"),
    "ui_responsible": ("Responsible", "责任单位"),
    "ui_as_printed": ("as printed: {units}", "原文:{units}"),
    "ui_milestones": ("Milestones", "里程碑"),
    "ui_notes": ("Notes", "备注"),
    "ui_repair": ("Repair", "修订"),
    "ui_history": ("History", "修改记录"),
    "ui_fields": ("Details", "明细"),
    "ui_kind": ("Kind", "类型"),
    "ui_due_on": ("due {date}", "时限 {date}"),
    "ui_done_on": ("done {date}", "完成于 {date}"),
    "ui_nothing_selected": ("Select a line of the tree.", "请在左侧选择一项。"),
    "ui_chart": ("Target and actual by year", "历年目标值与实际值"),
    "ui_no_indicators": ("This plan has no indicators.", "该规划没有主要指标。"),
    "ui_record_title": ("Record {name}", "填报 {name}"),
    "ui_conflict": ("Tables differ: {detail}", "表间不一致:{detail}"),
    "ui_own_units": ("(set by the clerk)", "(手工设置)"),
    "ui_baseline_year": ("Baseline {year}", "基期 {year}"),
    "ui_today_real": ("today", "今天"),
    "ui_printed": ("As printed", "原文"),
    # reports (store/report.py, tui/reports)
    "rp_title_annual": ("Annual monitoring report {period}", "{period}年度监测报告"),
    "rp_title_midterm": ("Mid-term evaluation ({period})", "中期评估报告({period}年)"),
    "rp_title_final": ("Final evaluation ({period})", "总结评估报告({period}年)"),
    "rp_title_status": ("Status as of {date}", "进展情况(截至 {date})"),
    "rp_headline": ("Headline figures", "总体情况"),
    "rp_in_period": ("Milestones due in {period}", "{period}年到期里程碑"),
    "rp_whole_plan": ("Whole plan", "规划总体"),
    "rp_on_time": ("done on time", "按期完成"),
    "rp_total": ("Due", "到期数"),
    "rp_total_all": ("Milestones", "里程碑数"),
    "rp_share": ("Share done", "完成率"),
    "rp_by_chapter": ("By chapter", "分章节完成情况"),
    "rp_chapter": ("Chapter", "章节"),
    "rp_plan_done": ("Whole plan done", "全规划完成"),
    "rp_indicators": ("Indicators against the {year} targets", "主要指标完成情况({year}年目标)"),
    "rp_gap": ("Gap", "差距"),
    "rp_due_in_period": ("Due in {period} and what became of it", "{period}年到期事项完成情况"),
    "rp_carried": ("Overdue and carried forward", "逾期及结转事项"),
    "rp_next_period": ("Due next period ({period})", "下期({period}年)到期事项"),
    "rp_no_next": ("none: the plan's period ends here", "无:规划期至此结束"),
    "rp_no": ("No.", "序号"),
    "rp_task": ("Task", "任务"),
    "rp_units": ("Responsible", "责任单位"),
    "rp_note": ("Note", "备注"),
    "rp_carried_from": ("carried forward from {year}", "{year}年结转"),
    "rp_report_period": ("Report period", "报告期"),
    "rp_plan_period": ("Plan period", "规划期"),
    "rp_doc_number": ("Document", "文号"),
    "rp_bureau": ("Issued by", "发文单位"),
    "rp_as_of": ("Data as of", "数据截至"),
    "rp_generated": ("Produced by plandesk from the recorded ticks and values, as of {date}.",
                     "本报告由 plandesk 根据已记录的完成情况和指标数据生成,数据截至 {date}。"),
    "rp_wrote": ("Wrote {path}", "已写入 {path}"),
    "rp_category": ("Category", "类别"),
    "rp_baseline_year": ("Baseline year", "基期年份"),
    "rp_year_target": ("{year} target", "{year}年目标"),
    "rp_year_actual": ("{year} actual", "{year}年实际"),
    "rp_year_status": ("{year} status", "{year}年状态"),
    "rp_conflict_detail": ("tables differ: {detail}", "表间不一致:{detail}"),
    "rp_legend_target": ("target", "目标值"),
    "rp_legend_actual": ("actual", "实际值"),
    "rp_sheet_summary": ("Summary", "概况"),
    "rp_sheet_ledger": ("Ledger", "台账"),
    "rp_sheet_indicators": ("Indicators", "指标"),
    "rp_sheet_due": ("Due in period", "本期到期"),
    "rp_sheet_carried": ("Overdue", "逾期结转"),
    "rp_sheet_next": ("Next period", "下期到期"),
    "rp_section": ("Section", "部分"),
    "rp_field": ("Field", "项目"),
    "rp_value": ("Value", "内容"),
    "light_red": ("overdue", "逾期"),
    "light_yellow": ("due soon", "临期"),
    "light_green": ("on track", "推进中"),
    "light_done": ("done", "已完成"),
    "rp_next_none": ("Due next period", "下期到期事项"),

    # ---- data safety (issue 9): its keys below this line ----

    # ---- end of data safety (issue 9) ----

    # ---- one house (issue 10): its keys below this line ----

    # ---- end of one house (issue 10) ----

    # ---- progress reports and lights (issue 11): its keys below this line ----

    # ---- end of progress reports and lights (issue 11) ----

    # ---- units' ledger (issue 12): its keys below this line ----

    # ---- end of units' ledger (issue 12) ----

    # ---- hand-in reports (issue 13): its keys below this line ----
    "rp_plan_total": ("Whole plan total", "全规划总数"),
    "rp_pace_heading": ("Indicators against the end target ({period})", "主要指标进度评价({period}年)"),
    "rp_derived_note": ("target worked out from the yearly increments", "目标按年度增量推算"),
    "pace_ahead_done": ("reached early", "提前实现"),
    "pace_achieved": ("reached", "已实现"),
    "pace_faster": ("ahead of pace", "快于预期"),
    "pace_on_pace": ("on pace", "符合预期"),
    "pace_behind": ("behind", "滞后"),
    "pace_at_risk": ("unlikely to be reached", "难以完成"),
    "pace_missed": ("not reached", "未实现"),
    "pace_no_value": ("no value", "未填报"),
    "pace_unrated": ("no end target", "无终期目标"),
    "rp_cumulative": ("cumulative {start}-{end}", "{start}-{end}年累计"),
    "rp_gaps": ("no value for {years}, counted as 0", "{years}年未填报,按0计"),
    "rp_projected": ("{year} at the recent pace: {value}", "按近期速度{year}年约为{value}"),
    "rp_baseline_of": ("Baseline", "基期值"),
    "rp_end_target": ("{year} target", "{year}年目标"),
    "rp_latest": ("Latest value", "最新值"),
    "rp_latest_year": ("Year", "年份"),
    "rp_progress": ("Of the way", "目标进度"),
    "rp_elapsed": ("Of the time", "时间进度"),
    "rp_rating": ("Rating", "评价"),
    "rp_warning": ("Warning", "预警"),
    "rp_warn": ("warning", "预警"),
    "rp_xlsx_footer": ("Page &P of &N", "第 &P 页,共 &N 页"),
    "rp_sheet_indicator_years": ("Indicators by year", "指标分年"),
    "rp_sheet_chapters": ("Chapters", "分章节"),
    "rp_more_in_data": ("… and {n} more: the full list is in --format xlsx, csv or json",
                        "……另有 {n} 项,完整清单见 --format xlsx、csv 或 json"),
    "rp_docx_chinese": ("the Word draft (docx) is an official Chinese document: run it without --lang en "
                        "(or with --lang zh)", "Word 初稿(docx)是中文公文,请使用 --lang zh"),
    "rp_year_outside": ("--year: {year} is outside the plan's period {period}", "--year:{year}年不在规划期 {period} 内"),
    "rp_binary_default": ("No -o given: writing to {path}", "未指定 -o:写入 {path}"),

    # ---- end of hand-in reports (issue 13) ----

    # ---- drafting a plan (issue 14): its keys below this line ----

    # ---- end of drafting a plan (issue 14) ----

    # ---- large plans (issue 15): its keys below this line ----

    # ---- end of large plans (issue 15) ----
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
