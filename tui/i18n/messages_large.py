"""Large plans: the listings and the open all / close all keys."""

# key: (English, Chinese)
MESSAGES: dict[str, tuple[str, str]] = {
    "ls_late": ("Late", "逾期"),
    "k_open_all": ("Open all", "全部展开"),
    "k_open_all_help": ("Open every line of the plan (loads in the background)", "展开规划的全部条目(后台加载)"),
    "k_close_all": ("Close all", "全部折叠"),
    "k_close_all_help": ("Close every line down to the chapters", "折叠到章节一级"),

}
