"""The ``missing`` (催报) listing streams plain rows like ``overdue``: grouped by lead unit, one
line per item in a pipe (whole title, for grep), folded under the title on a narrow terminal,
Chinese and English from the catalog, plan text never acting on the terminal."""
from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from rich.cells import cell_len

from tests.cli.test_commands import WULONG_AS_OF, _run
from tui.listing import write_missing

Cli = Callable[..., tuple[int, str, str]]


def test_every_unreported_item_is_one_line_under_its_unit(cli: Cli) -> None:
    code, out, _ = cli("missing", "--plan", "linyi", *WULONG_AS_OF)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "临沂市市场监管局2023年工作要点" and lines[1].startswith("Not reported for 2023Q1: ")
    n = int(lines[1].rsplit(": ", 1)[1].split()[0])
    items = [line for line in lines if line.startswith("  ")]
    assert len(items) >= n > 0  # an item led by two units is listed under each
    long_one = next(line for line in items if line.startswith("  p3.t11.p1  "))
    assert long_one.endswith("做好迎接国务院大督查准备  Due 2023-12-31")  # whole, on one line
    units = [line for line in lines[2:] if not line.startswith("  ")]
    assert units and all(line.endswith(")") for line in units)


def test_chinese_labels_from_the_catalog(cli: Cli) -> None:
    code, out, _ = cli("missing", "--plan", "linyi", "--lang", "zh", *WULONG_AS_OF)
    assert code == 0 and "2023Q1 未报送进展:" in out and "完成时限 2023-12-31" in out and "Due" not in out


def test_nothing_missing_says_so() -> None:
    out = io.StringIO()
    write_missing(out, "plan", None, "every item due to report for 2023Q1 has reported", [], "Due")
    assert out.getvalue() == "plan\n  every item due to report for 2023Q1 has reported\n"


def test_colour_only_on_request_and_never_with_no_color(seeded_db: Path) -> None:
    args = ["missing", "--db", str(seeded_db), "--plan", "linyi", *WULONG_AS_OF]
    assert "\x1b[" not in _run(args, {}).stdout
    assert "\x1b[1;33m" in _run(args, {"FORCE_COLOR": "1"}).stdout
    assert "\x1b[" not in _run(args, {"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_long_title_folds_under_itself_on_a_terminal_and_loses_nothing() -> None:
    title = "围绕优化营商环境降低市场主体制度性交易成本,开展涉企违规收费整治"
    out = _Terminal()
    write_missing(out, "plan", "Not reported for 2023Q1: 1 items", "", [("区局 (x)", [("c1.t1", "1.", title,
                                                                                        "2023-12-31")])],
                  "Due", width=40)
    lines = out.getvalue().replace("\x1b[2m", "").replace("\x1b[0m", "").replace("\x1b[1m", "") \
        .replace("\x1b[1;33m", "").splitlines()
    rows = lines[3:]
    assert len(rows) > 1 and all(cell_len(r) <= 40 for r in rows)
    assert rows[0].startswith("  c1.t1  1. 围绕") and all(r.startswith(" " * 9) for r in rows[1:])
    assert "".join(r.strip() for r in rows).replace(" ", "") == f"c1.t11.{title}Due2023-12-31".replace(" ", "")


def test_plan_text_cannot_act_on_the_terminal() -> None:
    out = io.StringIO()
    write_missing(out, "plan\x1b[2J", "heading", "", [("单位\x1b]0;x\x07", [("t1", None, "完成\x1b[2J清屏\n第二行",
                                                                              "2023-01-01")])], "Due")
    assert "\x1b" not in out.getvalue()
    assert "完成\\u001b[2J清屏 第二行" in out.getvalue()
