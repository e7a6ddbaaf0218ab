"""The words of every error the store raises, in English and Chinese: the one source of them.

The store raises ``NotFound("err_no_node", ref=...)``: a key and plain values, no sentence.
``store.errors`` formats the English from this table (for ``str(exc)``, logs, tests and the
store's own consumers); ``tui/i18n`` merges the table into its catalog, so the command line and
the app say the same error in the UI's language. The store never imports ``tui``, so the table
lives here. Values are data (what a clerk typed, ids, file names): the UI shows them with
``store.safe_text.visible``. Keys start with ``err_``.
"""
from __future__ import annotations

# key: (English, Chinese)
MESSAGES: dict[str, tuple[str, str]] = {
    # ids a clerk typed (store/queries.py, store/actions.py, store/progress.py, store/node_actions.py ...)
    "err_no_plan": ("no plan {plan!r}", "没有规划“{plan}”"),
    "err_no_plan_known": ("no plan {plan!r} (plans: {known})", "没有规划“{plan}”(现有规划:{known})"),
    "err_plan_ambiguous": ("plan {plan!r} is ambiguous: {matches}", "规划“{plan}”不唯一,可能是:{matches}"),
    "err_no_node": ("no node {ref!r}", "没有事项“{ref}”"),
    "err_no_node_in_plan": ("no node {ref!r} in plan {plan}", "规划 {plan} 中没有事项“{ref}”"),
    "err_no_milestone": ("no milestone {ref!r}", "没有里程碑“{ref}”"),
    "err_no_indicator": ("no indicator {ref!r}", "没有指标“{ref}”"),
    "err_in_several_plans": ("{ref!r} is in several plans: {ids}", "“{ref}”在多个规划中都有:{ids},请写明是哪一个"),
    "err_not_one_milestone": ("{ref!r} is a node with {count} milestones: {ids}",
                              "“{ref}”下有 {count} 个里程碑:{ids},请写明是哪一个"),
    "err_not_in_plan": ("{ref} is not in plan {plan}", "{ref} 不属于规划 {plan}"),
    # ticks, values and milestones (store/actions.py, store/values.py)
    "err_not_ticked": ("milestone {ref!r} is not ticked", "里程碑“{ref}”尚未勾选完成"),
    "err_no_value_recorded": ("no value recorded for {ref} in {year}", "指标 {ref} 在 {year} 年没有填报数值"),
    "err_year_outside": ("{year} is outside the plan's period {start}..{end}",
                         "{year} 年不在规划期 {start}—{end} 年内"),
    "err_milestone_title": ("a milestone needs a title", "里程碑须有标题"),
    "err_nothing_to_set": ("nothing to set: give the lead or the supporting units",
                           "没有要设置的内容:请填写牵头单位或配合单位"),
    # the clerk's own items (store/node_actions.py)
    "err_item_title": ("an item needs a title", "事项须有标题"),
    "err_bad_kind": ("{kind!r} is not one of {kinds}", "类型“{kind}”无效,可用:{kinds}"),
    "err_nothing_to_change": ("nothing to change", "没有需要修改的内容"),
    "err_under_archived": ("cannot move under an archived item ({ref})", "不能移到已归档的事项之下({ref})"),
    "err_under_itself": ("cannot move an item under itself or under an item inside it",
                         "不能把事项移到其自身或其下级事项之下"),
    "err_already_there": ("the item is already there", "该事项已在此位置"),
    "err_already_first": ("already first", "已在最前"),
    "err_already_last": ("already last", "已在最后"),
    # undo and redo (store/changes.py)
    "err_undo_count": ("undo: the number of changes must be 1 or more, not {count}",
                       "撤销:修改数须为 1 或以上,而不是 {count}"),
    "err_redo_count": ("redo: the number of changes must be 1 or more, not {count}",
                       "重做:修改数须为 1 或以上,而不是 {count}"),
    "err_nothing_to_undo": ("nothing to undo", "没有可撤销的修改"),
    "err_nothing_to_redo": ("nothing to redo", "没有可重做的修改"),
    # progress reports and the ledger (store/progress.py, store/progress_actions.py, store/ledger*.py)
    "err_not_a_state": ("not a progress state: {text!r} "
                        "(未启动/not-started, 推进中/on-track, 滞后/behind, 已完成/done)",
                        "无法识别的进展状态:“{text}”(可填:未启动、推进中、滞后、已完成)"),
    "err_percent_range": ("percent must be from 0 to 100, not {value:g}",
                          "完成比例须在 0 到 100 之间,而不是 {value:g}"),
    "err_no_own_target": ("{ref!r} has no target of its own: report on its tasks",
                          "“{ref}”没有自身的目标任务:请就其下各项任务报送进展"),
    "err_no_progress_report": ("no progress report #{id}", "没有编号为 #{id} 的进展报告"),
    "err_no_report_to_enter": ("no report to enter", "没有要录入的进展报告"),
    "err_one_plan_reports": ("reports of one plan at a time", "每次只能录入同一个规划的进展报告"),
    "err_nothing_to_change_report": ("nothing to change in the report", "进展报告没有需要修改的内容"),
    "err_unit_not_named": ("no item of {plan} names the unit {unit!r}", "规划 {plan} 中没有以“{unit}”为责任单位的事项"),
    "err_book_refused": ("{file}: refused ({count} problems)", "{file}:已拒收(有 {count} 处问题)"),
    # reporting periods (store/periods.py)
    "err_not_a_period": ("not a reporting period: {text!r} (e.g. 2023-05, 2023Q2, 2023H1, 2023, 2023年第二季度)",
                         "无法识别的报告期:“{text}”(例如 2023-05、2023Q2、2023H1、2023、2023年第二季度)"),
    "err_not_a_cycle": ("not a reporting cycle: {text!r} (one of {cycles})",
                        "无法识别的报告周期:“{text}”(可填:{cycles})"),
    "err_period_outside": ("period {period} is outside the plan's period {span}",
                           "报告期 {period} 不在规划期 {span} 年内"),
    "err_every": ("every: {text!r} is not year or quarter", "every:“{text}”须为 year(每年)或 quarter(每季度)"),
    # reports (store/report/)
    "err_annual_needs_year": ("an annual report needs a year", "年度报告须指定年份"),
    "err_report_year_outside": ("--year: {year} is outside the plan's period {span}",
                                "--year:{year} 年不在规划期 {span} 年内"),
    "err_report_kind": ("unknown report kind {kind!r}", "未知的报告类型“{kind}”"),
    # database files (store/db.py, store/schema.py)
    "err_db_folder": ("{path}: is a folder, not a plandesk database", "{path}:是文件夹,不是 plandesk 数据库"),
    "err_db_not_sqlite": ("{path}: not a plandesk database (not an SQLite file); left untouched",
                          "{path}:不是 plandesk 数据库(不是 SQLite 文件),未做任何改动"),
    "err_db_foreign": ("{path}: not a plandesk database (an SQLite file of another program); left untouched",
                       "{path}:不是 plandesk 数据库(是其他程序的 SQLite 文件),未做任何改动"),
    "err_db_newer": ("{path}: written by a newer plandesk (schema {version}, this one knows {known}); "
                     "left untouched: upgrade plandesk to open it",
                     "{path}:由更新版本的 plandesk 写入(数据结构版本 {version},本版本支持到 {known}),"
                     "未做任何改动:请升级 plandesk 后再打开"),
    "err_db_newer_schema": ("{path}: written by a newer plandesk (schema {version})",
                            "{path}:由更新版本的 plandesk 写入(数据结构版本 {version}),请升级 plandesk"),
    # documents to draft a plan from (store/draft/)
    "err_no_file": ("{path}: no such file", "{path}:文件不存在"),
    "err_is_folder": ("{path}: is a folder, not a file", "{path}:是文件夹,不是文件"),
    "err_unreadable": ("{path}: cannot be read ({reason})", "{path}:无法读取({reason})"),
    "err_binary": ("{file}: not a text file (binary content)", "{file}:不是文本文件(内容为二进制数据)"),
    "err_encoding": ("{file}: cannot be read as UTF-8 or GB18030 text", "{file}:无法按 UTF-8 或 GB18030 编码读取文字"),
    "err_file_type": ("{file}: unsupported file type {suffix} (supported: {supported}; "
                      "save a .doc or .pdf as .docx or .txt, an .xls as .xlsx)",
                      "{file}:不支持的文件类型 {suffix}(支持:{supported};"
                      ".doc 或 .pdf 文件请另存为 .docx 或 .txt,.xls 文件请另存为 .xlsx)"),
    "err_needs_docx": ("reading .docx needs python-docx (pip install python-docx)",
                       "读取 .docx 文件需要安装 python-docx(pip install python-docx)"),
    "err_bad_docx": ("{file}: not a readable .docx file (damaged, or a .doc or .wps file: save it as .docx)",
                     "{file}:不是可读取的 .docx 文件(文件已损坏,或是 .doc、.wps 文件:请另存为 .docx)"),
    "err_bad_xlsx": ("{file}: not a readable .xlsx workbook (an .xls or .et file: save it as .xlsx)",
                     "{file}:不是可读取的 .xlsx 工作簿(.xls 或 .et 文件请另存为 .xlsx)"),
    "err_draft_no_text": ("{file}: the document has no text", "{file}:文档中没有文字"),
    "err_draft_no_plan": ("{file}: no plan content was found", "{file}:未找到规划内容"),
    "err_draft_broken": ("{file}: the draft does not load ({problem}); please report this",
                         "{file}:生成的草稿无法载入({problem}),请报告此问题"),
    # a value plandesk never writes, typed into the file by hand (store/row_check.py)
    "err_db_unreadable_value": ("{path}: cannot read {table}.{column} of row {row}: {value} (changed outside "
                                "plandesk); nothing was changed. Correct that value, or put a backup back with: "
                                "plandesk restore FILE",
                                "{path}:无法读取表 {table} 中 {row} 行的 {column} 字段:{value}"
                                "(在 plandesk 之外被改动过),未做任何修改。"
                                "请改正该值,或用 plandesk restore 备份文件 恢复"),
    # plan documents for plandesk draft (store/draft/reading.py)
    "err_not_regular_file": ("{path}: a device or a pipe, not a file", "{path}:是设备或管道,不是文件"),
    "err_text_too_large": ("{path}: more than {mib} MiB of text, not a plan document",
                           "{path}:文字超过 {mib} MiB,不是规划文件"),
    # a workbook cell holding a number past float's range (1e309) or NaN (store/draft/reading.py)
    "err_xlsx_not_finite": ("{file}: sheet {sheet}, cell {cell}: {value} is not a number a plan can hold; "
                            "type the value as printed",
                            "{file}:工作表 {sheet} 的 {cell} 单元格:{value} 不是规划可用的数字,请按原文填写"),
    # a .docx or .xlsx saved with a password to open it (store/office_files.py)
    "err_password_protected": ("{file}: protected by a password to open it: open it in Word, Excel or WPS and save "
                               "it without the password, then try again",
                               "{file}:文件设置了打开密码:请在 Word、Excel 或 WPS 中打开,取消密码后另存,再试一次"),
}
