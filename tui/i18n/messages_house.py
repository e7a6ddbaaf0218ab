"""Words of the one action table and the theme (issue 10)."""

# key: (English, Chinese)
MESSAGES: dict[str, tuple[str, str]] = {
    "k_cursor_help": ("Move up and down the tree", "在任务树中上下移动"),
    "k_open_branch": ("Open branch", "展开分支"),
    "k_open_branch_help": ("Open the selected branch, or go to its first line", "展开所选分支,或移到其第一项"),
    "k_close_branch": ("Close branch", "收起分支"),
    "k_close_branch_help": ("Close the selected branch, or go to its parent", "收起所选分支,或移到上一级"),
    "k_palette": ("Commands", "命令"),
    "ui_palette_placeholder": ("Type a command, e.g. tick, search, indicators…", "输入命令,如 勾选、搜索、指标……"),
    "kind_part": ("Part", "部分"),
    "kind_chapter": ("Chapter", "章"),
    "kind_section": ("Section", "节"),
    "kind_task": ("Task", "任务"),
    "kind_box": ("Box", "专栏"),
    "kind_entry": ("Box entry", "专栏事项"),
    "kind_project": ("Project", "项目"),
    "kind_text": ("Text", "正文"),
    "kind_annex": ("Annex", "附件"),
    "ui_conflict_year": ("{year}: {values}", "{year}年:{values}"),
    "ui_list_sep": (", ", "、"),
    "basis_total": ("total", "累计值"),
    "basis_increment": ("yearly increment", "年度增量"),
    "ui_palette_no_match": ("No command matches “{query}”: show every key", "没有与“{query}”匹配的命令:查看全部快捷键"),

}
