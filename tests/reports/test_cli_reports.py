"""``plandesk report`` and ``plandesk status --format`` on the command line, and every seed plan."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import REPO

SEEDS = ["tongliao", "xiangyang", "luoyang", "wulong", "linyi"]
AS_OF = ["--today", "2024-01-15"]


@pytest.mark.parametrize("plan", SEEDS)
def test_every_seed_plan_gives_an_annual_2023_report_in_every_format(cli, plan: str, tmp_path: Path) -> None:
    for fmt in ("rich", "text", "html", "csv", "md", "json"):
        code, out, err = cli("report", "--plan", plan, "--year", "2023", "--format", fmt, *AS_OF)
        assert code == 0 and out and not err, (fmt, err)
    data = json.loads(cli("report", "--plan", plan, "--year", "2023", "--format", "json", *AS_OF)[1])
    assert data["plan"]["id"].startswith(plan) and data["period"]["label"] == "2023"
    page = cli("report", "--plan", plan, "--year", "2023", "--format", "html", *AS_OF)[1]
    assert ("<svg" in page) == bool(data["indicators"])  # Linyi's work plan has no indicator table
    path = tmp_path / f"{plan}.xlsx"
    code, out, err = cli("report", "--plan", plan, "--year", "2023", "--format", "xlsx", "-o", str(path), *AS_OF)
    assert code == 0, err
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[:4] == ["概况", "分章节", "台账", "指标"] and wb["台账"].max_row > 3
    for which in ("--midterm", "--final"):
        code, out, err = cli("report", "--plan", plan, which, "--format", "md", *AS_OF)
        assert code == 0, err


def test_one_language_per_report(cli, tmp_path: Path) -> None:
    """Labels, notes and messages follow --lang: no English word in a Chinese report, nor the reverse."""
    for fmt in ("text", "md", "csv", "html"):
        _, out, _ = cli("report", "--plan", "wulong", "--midterm", "--format", fmt, "--today", "2024-01-15")
        if fmt == "html":  # what a reader sees: no tags, no stylesheet
            out = re.sub(r"<style>.*?</style>|<[^>]+>", " ", out, flags=re.S)
        out = re.sub(r"\S*wulong-2021-2025\S*", " ", out)  # ids are ids in every language
        assert set(re.findall(r"[A-Za-z]{3,}", out)) <= {"plandesk"}, fmt
    _, out, _ = cli("report", "--plan", "wulong", "--midterm", "--format", "text", "--lang", "en",
                    "--today", "2024-01-15")
    assert "Indicators against the end target" in out and "难以完成" not in out and "预期性" in out  # plan text stays


def test_report_labels_are_chinese_by_default_and_english_on_request(cli) -> None:
    _, out, _ = cli("report", "--plan", "wulong", "--year", "2023", "--format", "text", *AS_OF)
    assert "2023年度监测报告" in out and "主要指标完成情况(2023年目标)" in out
    _, out, _ = cli("report", "--plan", "wulong", "--midterm", "--format", "text", "--lang", "en", *AS_OF)
    assert "Mid-term evaluation (2021-2023)" in out and "Overdue and carried forward" in out


def test_xlsx_without_output_writes_report_xlsx_and_says_so(cli, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("report", "--plan", "wulong", "--final", "--format", "xlsx", *AS_OF)
    assert code == 0
    assert (tmp_path / "report.xlsx").exists()
    assert str(tmp_path / "report.xlsx") in err and "report.xlsx" in out


def test_output_file_and_csv_byte_order_mark(cli, tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    code, out, _ = cli("report", "--plan", "wulong", "--year", "2023", "--format", "csv", "-o", str(path), *AS_OF)
    assert code == 0 and out == ""
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and "2023年度监测报告".encode() in data


@pytest.mark.parametrize(("args", "message"), [
    (["report", "--plan", "wulong", "--year", "2030", "--lang", "en"],
     "--year: 2030 is outside the plan's period 2021-2025"),
    (["report", "--plan", "wulong", "--year", "2030"], "--year:2030年不在规划期 2021-2025 内"),  # the report's language
    (["report", "--plan", "linyi", "--year", "2022", "--lang", "en"], "outside the plan's period 2023"),
    (["report", "--plan", "nope", "--final"], "no plan 'nope'"),
])
def test_clear_errors(cli, args: list[str], message: str) -> None:
    code, out, err = cli(*args)
    assert code == 1 and message in err and len(err.strip().splitlines()) == 1


def test_report_needs_a_period(cli) -> None:
    with pytest.raises(SystemExit):
        cli("report", "--plan", "wulong")


def test_status_formats(cli) -> None:
    code, out, _ = cli("status", "--plan", "wulong", "--format", "json", "--today", "2023-06-30")
    data = json.loads(out)
    assert code == 0 and data["kind"] == "status" and data["plan"]["id"] == "wulong-2021-2025"
    assert [s["key"] for s in data["sections"]] == ["overdue", "due_soon", "due_later", "recently_done"]
    code, out, _ = cli("status", "--plan", "wulong", "--format", "html", "--today", "2023-06-30")
    assert code == 0 and out.startswith("<!DOCTYPE html>") and "@page" in out and "Overdue" in out
    code, out, _ = cli("status", "--plan", "wulong", "--format", "text", "--today", "2023-06-30")
    assert code == 0 and "Indicators (2023)" in out and "\x1b[" not in out
    code, out, _ = cli("status", "--format", "json", "--today", "2023-06-30")
    assert len(json.loads(out)) == 5  # every plan: a list


PROBE = """
import json, sys
from tui.cli import main
code = main(sys.argv[1:])
heavy = sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'sqlite_utils', 'openpyxl', 'yaml'})
print(json.dumps({'code': code, 'heavy': heavy}), file=sys.stderr)
"""


@pytest.mark.parametrize(("fmt", "allowed"), [("rich", []), ("html", []), ("md", []), ("json", []),
                                              ("xlsx", ["openpyxl"]), ("docx", [])])
def test_report_path_imports_no_textual(seeded_db: Path, tmp_path: Path, fmt: str, allowed: list[str]) -> None:
    args = ["--db", str(seeded_db), "report", "--plan", "wulong", "--year", "2023", "--format", fmt,
            "-o", str(tmp_path / f"r.{fmt}")]
    result = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=REPO,
                            timeout=60)
    probe = json.loads(result.stderr.strip().splitlines()[-1])
    assert probe == {"code": 0, "heavy": allowed}
