"""The ``overdue`` listing: plain aligned rows a clerk can read and grep, Chinese included."""
from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

from rich.cells import cell_len

from tests.cli.test_commands import WULONG_AS_OF, _run
from tui.i18n import Catalog
from tui.listing import fold, write_overdue

ROW = re.compile(r"^wulong-2021-2025/\S+")


def test_every_overdue_milestone_is_one_row_with_its_whole_title(cli) -> None:
    code, out, _ = cli("overdue", "--plan", "wulong", *WULONG_AS_OF)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].endswith("Overdue (17)")
    rows = [line for line in lines if ROW.match(line)]
    assert len(rows) == 17 and len({r.split()[0] for r in rows}) == 17
    station = next(r for r in rows if r.startswith("wulong-2021-2025/a1.p1.yangjiao "))
    assert "2022-12-31" in station and "181 d late" in station and station.endswith("羊角市场监管所建成投入使用")
    # soonest due first: the 2021 milestone leads
    assert rows[0].split()[1] == "2021-12-31"


def test_chinese_columns_line_up_by_terminal_cells(cli) -> None:
    code, out, _ = cli("overdue", "--plan", "wulong", "--lang", "zh", *WULONG_AS_OF)
    assert code == 0 and "逾期事项 (17)" in out
    lines = out.splitlines()
    header = lines[1]
    rows = [line for line in lines if ROW.match(line)]
    title_column = cell_len(header[:header.index("里程碑")])
    for row in rows:
        title = row.split("  ")[-1]
        assert cell_len(row[: row.rindex(title)]) == title_column, row
        assert "逾期" in row


def test_a_plan_with_nothing_overdue_says_none(cli) -> None:
    code, out, _ = cli("overdue", "--plan", "tongliao", *WULONG_AS_OF)
    assert code == 0 and "Overdue (0)" in out and out.splitlines()[1].strip() == "none"


def test_colour_only_on_request_and_never_with_no_color(seeded_db: Path) -> None:
    args = ["overdue", "--db", str(seeded_db), "--plan", "wulong", *WULONG_AS_OF]
    assert "\x1b[" not in _run(args, {}).stdout
    assert "\x1b[1;31m181 d late" in _run(args, {"FORCE_COLOR": "1"}).stdout
    assert "\x1b[" not in _run(args, {"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout


def test_a_title_cannot_act_on_the_terminal() -> None:
    out = io.StringIO()
    write_overdue(out, "plan · Overdue (1)", [("p/m1", "完成\x1b[2J清屏\n第二行", "2023-01-01")],
                  date(2023, 6, 30), Catalog("en"))
    assert "\x1b" not in out.getvalue()
    assert "完成\\u001b[2J清屏 第二行" in out.getvalue()


def test_fold_cuts_by_cells_and_loses_nothing() -> None:
    text = "羊角市场监管所建成投入使用abc①—"
    pieces = fold(text, 7)
    assert "".join(pieces) == text
    assert all(cell_len(p) <= 7 for p in pieces)
    assert cell_len(pieces[0]) == 6  # three Chinese characters; a fourth would need 8 cells
