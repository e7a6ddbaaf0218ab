"""The words of every problem a plan file can have, in English and Chinese: the one source of them.

A problem is plain data (``store.problems.PlanProblem``: file, line, field, a message key and its
values); ``str()`` of it is the English line built from this table (tests, logs, the store's own
consumers), and ``tui/i18n`` merges the table so that the command line and the app phrase the
same problem in the UI's language. Field names (``due``, ``nodes``) are the file's own words and
are never translated; values (what the clerk typed) are data, shown with ``store.safe_text``.
Keys start with ``pr_``. Punctuation is ASCII in both languages (ruff's RUF001), as in
``store/error_texts.py``.
"""
from __future__ import annotations

# key: (English, Chinese)
MESSAGES: dict[str, tuple[str, str]] = {
    # one problem as a line: FILE:LINE: field: message (the item it is in)
    "pr_line": ("{file}:{line}: {field}: {message}", "{file}:{line}: {field}: {message}"),
    "pr_line_in": ("{file}:{line}: {field}: {message} ({label})", "{file}:{line}: {field}: {message}({label})"),
    # the item a problem is in (store/plan_schema.py, store/plan_reader.py)
    "pr_in_id": ("{what} {id}", "{what} {id}"),
    "pr_word_plan": ("plan", "规划"),
    "pr_word_period": ("period", "规划期"),
    "pr_word_reporting": ("reporting", "报送设置"),
    "pr_word_node": ("node", "事项"),
    "pr_word_milestone": ("milestone", "里程碑"),
    "pr_word_indicator": ("indicator", "指标"),
    "pr_word_row": ("row", "指标数值行"),
    # what stands in the field's place when the problem is the file's, not one key's
    "pr_field_file": ("file", "文件"),
    "pr_field_yaml": ("yaml", "YAML 格式"),
    # keys and types (store/plan_schema.py)
    "pr_text_quoted": ("must be text (put it in quotes if YAML reads it as a number or date)",
                       "须为文字(若被 YAML 读成数字或日期,请加引号)"),
    "pr_text": ("must be text", "须为文字"),
    "pr_bad_id": ("{value!r} is not a valid id (letters, digits, . - _)",
                  "“{value}”不是有效的编号(只能用字母、数字和 . - _)"),
    "pr_bad_plan_id": ("{value!r} is not a plan id (lower-case letters, digits and -)",
                       "“{value}”不是有效的规划编号(只能用小写字母、数字和 -)"),
    "pr_year": ("must be a year, e.g. 2025", "须为年份,例如 2025"),
    "pr_outside": ("{value} is outside {first}..{last}", "{value} 不在 {first}—{last} 年的范围内"),
    "pr_line_number": ("must be a line number (1 or more)", "须为行号(1 或以上)"),
    "pr_not_iso_date": ("{value!r} is not a date (YYYY-MM-DD)", "“{value}”不是日期(格式为 YYYY-MM-DD)"),
    "pr_date": ("must be a date, e.g. 2022-06-08", "须为日期,例如 2022-06-08"),
    "pr_deadline": ("must be a date or a deadline phrase, e.g. 2024-06-30 or 2024年6月底",
                    "须为日期或期限说法,例如 2024-06-30 或 2024年6月底"),
    "pr_names": ("must be a unit name or a list of unit names", "须为单位名称或单位名称的列表"),
    "pr_printed": ("must be the value as printed, e.g. \"≥98\"", "须为原文所写的数值,例如 \"≥98\""),
    "pr_number": ("must be a number, 0 or more", "须为 0 或以上的数字"),
    "pr_either": ("must be {first} or {second}, not {value!r}", "须为 {first} 或 {second},而不是“{value}”"),
    "pr_not_one_of": ("{value!r} is not one of {choices}", "“{value}”无效,可用:{choices}"),
    "pr_doc_not_mapping": ("a plan document must be a mapping", "规划文档须为“键: 值”的映射"),
    "pr_twice_wins": ("given twice (the second one would silently win)", "写了两次(后写的会悄悄覆盖先写的)"),
    "pr_unknown_guess": ("unknown key (did you mean {guess!r}?)", "未知的键(是否应为“{guess}”?)"),
    "pr_unknown_allowed": ("unknown key (allowed: {allowed})", "未知的键(可用:{allowed})"),
    "pr_missing": ("missing", "缺少"),
    "pr_not_real_date": ("{value} is not a real date", "{value} 不是真实存在的日期"),
    "pr_mapping_of": ("must be a mapping ({keys})", "须为映射({keys})"),
    "pr_list_of": ("must be a list of {items}s", "须为{items}的列表"),
    "pr_nonempty_list_of": ("must be a non-empty list of {items}s", "须为非空的{items}列表"),
    "pr_each_mapping": ("each {item} must be a mapping of keys", "每个{item}都须为“键: 值”的映射"),
    "pr_map_years": ("must map years to printed values", "须为“年份: 数值”的映射"),
    "pr_map_labels": ("must map labels to printed values", "须为“名称: 数值”的映射"),
    "pr_twice": ("given twice", "写了两次"),
    "pr_key_not_year": ("is not a year: {problem}", "不是年份:{problem}"),
    "pr_label_text": ("a label must be text", "名称须为文字"),
    "pr_empty": ("is empty", "为空"),
    # what the schema cannot see (store/plan_reader.py, store/loader.py)
    "pr_ends_before_start": ("ends before it starts", "结束年份早于开始年份"),
    "pr_duplicate_id": ("duplicate id {id!r}", "编号“{id}”重复"),
    "pr_node_id_is_milestone": ("node id {id!r} is also used by a milestone", "事项编号“{id}”也被某个里程碑使用"),
    "pr_milestone_id_is_node": ("{id!r} is already a node id", "“{id}”已是事项编号"),
    "pr_start_after_due": ("is after the due date", "晚于截止日期"),
    "pr_recurring_same_as": ("a recurring target cannot be the same as one milestone; link its occurrences instead",
                             "周期性目标不能与单个里程碑相同;请改为关联它的各期"),
    "pr_table_twice": ("table {table!r} given twice", "表“{table}”写了两次"),
    "pr_plan_twice": ("plan {id!r} appears twice in the file", "规划“{id}”在文件中出现了两次"),
    "pr_no_plan": ("no plan in the file", "文件中没有规划"),
    # deadline phrases (store/deadlines.py)
    "pr_no_month": ("no month {month}", "没有 {month} 月"),
    "pr_empty_deadline": ("empty deadline", "期限为空"),
    "pr_range_backwards": ("range ends before it starts: {phrase}", "期间的结束早于开始:{phrase}"),
    "pr_not_real_phrase": ("not a real date: {phrase}", "不是真实存在的日期:{phrase}"),
    "pr_not_a_deadline": ("not a deadline: {phrase!r}", "无法识别的期限:“{phrase}”"),
    # progress tracking's keys (store/loader_progress.py)
    "pr_unit_list": ("must be a list of unit names or one text with 、 between them",
                     "须为单位名称的列表,或用“、”分隔名称的一段文字"),
    "pr_reporting_form": ("must be {example}", "须写成 {example}"),
    "pr_unknown_reporting": ("unknown key ({allowed})", "未知的键(可用:{allowed})"),
    "pr_one_of": ("must be one of {choices}", "须为以下之一:{choices}"),
    "pr_lag_range": ("must be a number of percentage points from 0 to 100", "须为 0 到 100 之间的百分点数"),
    "pr_red_below_yellow": ("must not be below yellow_lag ({yellow:g} > {red:g})",
                            "不能低于 yellow_lag({yellow:g} > {red:g})"),
    "pr_same_as_itself": ("a milestone cannot be the same as itself", "里程碑不能与自身相同"),
    "pr_same_as_unknown": ("no milestone {id!r} in this plan", "本规划中没有里程碑“{id}”"),
    "pr_same_as_series": ("no milestone {id!r} in this plan (a recurring target's occurrences are <id>.y2023, "
                          "<id>.2023q2)", "本规划中没有里程碑“{id}”(周期性目标各期的编号形如 <id>.y2023、<id>.2023q2)"),
    "pr_span_backwards": ("the span ends before it starts", "起止期间的结束早于开始"),
    "pr_occurrence_taken": ("occurrence id {id!r} is already used", "各期编号“{id}”已被使用"),
    # the file itself (store/plan_file.py)
    "pr_file_too_large": ("is larger than the {mib} MiB a plan file may have", "超过规划文件允许的 {mib} MiB"),
    "pr_not_utf8": ("is not UTF-8 text (save it as UTF-8)", "不是 UTF-8 编码的文字(请另存为 UTF-8)"),
    "pr_unreadable": ("cannot be read ({reason})", "无法读取({reason})"),
    "pr_denied": ("Permission denied", "没有读取权限"),
    "pr_no_such_file": ("no such file", "文件不存在"),
    "pr_is_folder": ("is a folder, not a plan file", "是文件夹,不是规划文件"),
    "pr_not_regular": ("is not a regular file (a pipe or a device): save the plan to a file",
                       "不是普通文件(是管道或设备):请先把规划保存为文件"),
    # the file's YAML: plandesk's own limits (store/plan_yaml.py)
    "pr_yaml_aliases": ("more than {n} aliases (*name)", "别名(*name)超过 {n} 处"),
    "pr_yaml_alias_self": ("alias *{name} refers to itself", "别名 *{name} 引用了自身"),
    "pr_yaml_depth": ("nested more than {n} levels deep", "嵌套超过 {n} 层"),
    "pr_yaml_values": ("more than {n} values (aliases expanded)", "值超过 {n} 个(别名展开后)"),
    "pr_yaml_complex_key": ("a key must be plain text, not a list or mapping", "键须为普通文字,不能是列表或映射"),
    "pr_yaml_char": ("character U+{code:04X} is not allowed in a YAML file", "YAML 文件中不允许出现字符 U+{code:04X}"),
    "pr_yaml_nested": ("nested too deeply", "嵌套过深"),
    "pr_yaml_bad_value": ("{value!r} cannot be read as {tag}", "“{value}”无法按 {tag} 读取"),
    # the file's YAML: PyYAML's (libyaml's) own reasons, the common ones; English as PyYAML says it
    "pr_yaml_mapping_values": ("mapping values are not allowed in this context",
                               "此处不能再写“键: 值”(值里若有“: ”请加引号,或检查缩进)"),
    "pr_yaml_bad_start": ("found character that cannot start any token",
                          "有无法识别的字符(常见原因:用制表符缩进,或值以 @、` 等字符开头而未加引号)"),
    "pr_yaml_tab": ("found a tab character that violates indentation", "用了制表符缩进,请改用空格"),
    "pr_yaml_unexpected_end": ("found unexpected end of stream", "文件意外结束(常见原因:引号没有闭合)"),
    "pr_yaml_flow_close": ("did not find expected ',' or '{close}'", "缺少逗号或右括号 {close}"),
    "pr_yaml_expected_key": ("did not find expected key", "此处应为“键: 值”(常见原因:缩进没有对齐)"),
    "pr_yaml_expected_dash": ("did not find expected '-' indicator",
                              "此处应为以“- ”开头的列表项(常见原因:缩进没有对齐)"),
    "pr_yaml_expected_colon": ("could not find expected ':'", "缺少冒号“:”(或冒号后缺少空格)"),
    "pr_yaml_expected_value": ("did not find expected node content", "此处缺少值"),
    "pr_yaml_escape": ("found unknown escape character", "双引号内有无法识别的转义(反斜杠 \\ 后的字符);可改用单引号"),
    "pr_yaml_doc_start": ("did not find expected <document start>", "此处应为新文档的开头(---)"),
    "pr_yaml_tag_handle": ("found undefined tag handle", "有未定义的标记前缀(以 ! 开头)"),
    "pr_yaml_undefined_alias": ("found undefined alias {name!r}", "引用了未定义的别名 *{name}"),
    "pr_yaml_duplicate_anchor": ("found duplicate anchor {name!r}", "锚点 &{name} 定义了两次"),
    "pr_yaml_unknown_tag": ("could not determine a constructor for the tag {tag!r}",
                            "无法识别的标记 {tag}(规划文件不使用以 ! 开头的标记)"),
    "pr_yaml_other": ("{reason}", "YAML 格式错误(第 {column} 列)"),
    # bounds found by hostile input (store/plan_schema.py)
    "pr_line_too_large": ("{value} is not a line of any document (at most {last})",
                          "{value} 不是文档中的行号(最大 {last})"),
    "pr_printed_too_large": ("the number is too large (at most {last})", "数字过大(最大 {last})"),
    # the plan document given where its plan file was meant (store/plan_file.py)
    "pr_office_file": ("is a Word or Excel file, not a plan file: make one from it with plandesk draft",
                       "是 Word 或 Excel 文件,不是规划文件:请先用 plandesk draft 由它生成规划文件"),
    "pr_pdf_file": ("is a PDF, not a plan file: save its text as .txt and make one with plandesk draft",
                    "是 PDF 文件,不是规划文件:请将其文字另存为 .txt,再用 plandesk draft 生成规划文件"),
    # a number that is no number: YAML's .inf / .nan, or one past float's range (store/plan_schema.py)
    "pr_not_finite": ("{value} is not a number a plan can hold: write the value as printed, in quotes",
                      "{value} 不是规划可用的数字:请按原文填写,并加引号"),
}

# Values one language leaves out (tests/test_catalog.py checks every other key uses the same in
# both): PyYAML's rarer reasons come in English only, so the Chinese says where, not why.
ONE_LANGUAGE_VALUES: dict[str, tuple[str, ...]] = {"pr_yaml_other": ("reason", "column")}
