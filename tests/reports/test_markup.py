"""Plan text is data in every format: markup, tags and brackets show literally (escaped in HTML)."""
from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from store import queries as q
from store import report as rp
from store.db import open_store
from tests.conftest import FIXTURES
from tests.reports.conftest import AS_OF, DEMO, make_demo_db
from tui.i18n import Catalog
from tui.reports import render_text
from tui.reports.workbook import write_workbook

NASTY = "完成[/] [bold]甲所[/bold] [red]x <script>alert(1)</script> & | *"


@pytest.fixture
def report(tmp_path: Path) -> Iterator[rp.Report]:
    plan_file = tmp_path / "markup.yaml"
    plan_file.write_text((FIXTURES / "small_plan.yaml").read_text(encoding="utf-8")
                         .replace("title: 甲所建成投入使用", f"title: {json.dumps(NASTY, ensure_ascii=False)}")
                         .replace("title: 市场主体总量", "name: x")
                         .replace("name: 市场主体总量", "name: \"[red]主体<b>\""),
                         encoding="utf-8")
    db = make_demo_db(tmp_path / "m.sqlite3", plan_file)
    conn = open_store(db, seed=False)
    plan = q.resolve_plan(conn, "demo")
    yield rp.build_report(conn, plan, rp.period_for(plan, rp.MIDTERM), AS_OF)  # lists read as they are drawn
    conn.close()


@pytest.mark.parametrize("fmt", ["text", "csv", "json"])
def test_literal_in_plain_formats(report: rp.Report, fmt: str) -> None:
    out = render_text(fmt, [report], Catalog("zh"), width=400)
    if fmt == "json":
        out = json.dumps(json.loads(out), ensure_ascii=False)
    assert NASTY in out
    assert "[red]主体<b>" in out


def test_rich_terminal_does_not_parse_markup(report: rp.Report) -> None:
    from io import StringIO

    from rich.console import Console

    from tui.reports.terminal import print_reports

    buffer = StringIO()
    print_reports(Console(file=buffer, width=400, force_terminal=True, color_system="truecolor"), [report],
                  Catalog("zh"))
    from rich.text import Text

    plain = Text.from_ansi(buffer.getvalue()).plain
    assert NASTY in plain


def test_escaped_in_html(report: rp.Report) -> None:
    page = render_text("html", [report], Catalog("zh"))
    assert "<script>" not in page and "<b>" not in page
    assert "完成[/] [bold]甲所[/bold] [red]x &lt;script&gt;alert(1)&lt;/script&gt; &amp; | *" in page
    assert "[red]主体&lt;b&gt;" in page


def test_escaped_in_markdown(report: rp.Report) -> None:
    out = render_text("md", [report], Catalog("zh"))
    assert r"完成\[/\] \[bold\]甲所\[/bold\] \[red\]x \<script\>alert(1)\</script\> & \| \*" in out
    assert "<script>" not in out


def test_literal_in_xlsx(report: rp.Report, tmp_path: Path) -> None:
    path = tmp_path / "m.xlsx"
    write_workbook(report, Catalog("zh"), path)
    wb = openpyxl.load_workbook(path)
    values = {str(c.value).strip("\u3000") for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value}
    assert NASTY in values and "[red]主体<b>" in values


def test_csv_list_cells_are_never_formulas_and_show_controls(tmp_path: Path) -> None:
    """The period lists' cells (written column by column) go through ``cell_text`` like every other
    csv cell: a title or a tick's note that starts like a formula is not one, a control is shown."""
    import csv
    import io

    from store import actions
    from store.safe_text import cell_text

    title = "=HYPERLINK(\"http://x\")\x1b[31m甲所"
    plan_file = tmp_path / "formula.yaml"
    plan_file.write_text((FIXTURES / "small_plan.yaml").read_text(encoding="utf-8")
                         .replace("title: 甲所建成投入使用", f"title: {json.dumps(title)}"), encoding="utf-8")
    db = make_demo_db(tmp_path / "f.sqlite3", plan_file)
    conn = open_store(db, seed=False)
    actions.tick(conn, f"{DEMO}/c2.p1.b", date(2023, 3, 1), "@SUM(A1)\t注")
    plan = q.resolve_plan(conn, "demo")
    out = render_text("csv", [rp.build_report(conn, plan, rp.period_for(plan, rp.FINAL), AS_OF)], Catalog("zh"))
    conn.close()
    cells = [c for row in csv.reader(io.StringIO(out)) for c in row]
    assert cell_text(title) in cells and cell_text(title).startswith("'=") and "\x1b" not in out
    assert cell_text("@SUM(A1)\t注") in cells and not any(c.startswith(("=", "@")) for c in cells)
