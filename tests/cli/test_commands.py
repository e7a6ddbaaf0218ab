"""The command line as a clerk uses it: printouts, ticks, values, undo, export, and clear errors."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

from tests.conftest import FIXTURES, REPO, dump

WULONG_AS_OF = ["--today", "2023-06-30"]


def test_status_shows_yangjiao_as_ticked_and_huolu_due_that_year(cli) -> None:
    code, out, err = cli("tick", "wulong/a1.p1.yangjiao", "--on", "2022-11-30", "--note", "已验收")
    assert code == 0 and "羊角市场监管所建成投入使用" in out
    code, out, err = cli("status", "--plan", "wulong", *WULONG_AS_OF)
    assert code == 0, err
    assert "武隆区市场监管现代化“十四五”发展规划" in out
    assert "as of 2023-06-30" in out
    recent = out[out.index("Done in the last 12 months"):]
    assert "a1.p1.yangjiao" in recent and "2022-11-30" in recent
    later = out[out.index("Due later in 2023"):out.index("Done in the last 12 months")]
    assert "火炉市场监管所建成投入使用" in later and "2023-12-31" in later
    overdue = out[out.index("Overdue"):out.index("Due within 30 days")]
    assert "a1.p1.yangjiao" not in overdue
    assert "Indicators (2023)" in out and "市场主体总量" in out


def test_unticked_station_is_overdue_after_its_year(cli) -> None:
    code, out, _ = cli("status", "--plan", "wulong", *WULONG_AS_OF)
    overdue = out[out.index("Overdue"):out.index("Due within 30 days")]
    assert "a1.p1.yangjiao" in overdue
    code, out, _ = cli("overdue", "--plan", "wulong", *WULONG_AS_OF)
    assert code == 0 and "a1.p1.yangjiao" in out and "a1.p1.huolu" not in out


def test_chinese_locale_and_lang_override(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    _, out, _ = cli("status", "--plan", "wulong", *WULONG_AS_OF)
    assert "截至 2023-06-30" in out and "逾期事项" in out
    _, out, _ = cli("status", "--plan", "wulong", "--lang", "en", *WULONG_AS_OF)
    assert "as of 2023-06-30" in out


def test_today_from_the_environment(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANDESK_TODAY", "2024-12-15")
    _, out, _ = cli("status", "--plan", "wulong")
    assert "as of 2024-12-15" in out


def test_plans_lists_all_five(cli) -> None:
    code, out, _ = cli("plans", *WULONG_AS_OF)
    assert code == 0
    for plan_id in ("tongliao-2021-2025", "xiangyang-2022-2025", "luoyang-2021-2025", "wulong-2021-2025",
                    "linyi-2023"):
        assert plan_id in out


@pytest.mark.parametrize("plan", ["tongliao", "xiangyang", "luoyang", "wulong", "linyi"])
def test_status_and_export_work_for_every_plan(cli, plan: str) -> None:
    code, out, err = cli("status", "--plan", plan, *WULONG_AS_OF)
    assert code == 0, err
    assert "as of 2023-06-30" in out and f"{plan}-" in out  # the header names the plan's id
    code, out, err = cli("export", "--plan", plan, "--format", "json", *WULONG_AS_OF)
    assert code == 0, err
    data = json.loads(out)
    assert data["plan"]["id"].startswith(plan)
    assert data["nodes"] and data["milestones"]


def test_record_and_indicator_status(cli) -> None:
    code, out, _ = cli("record", "wulong/i14", "2023", "96.5", "--note", "年报")
    assert code == 0 and "96.5" in out
    _, out, _ = cli("export", "--plan", "wulong", *WULONG_AS_OF, "--today", "2024-01-10")
    ind = next(i for i in json.loads(out)["indicators"] if i["id"] == "wulong-2021-2025/i14")
    assert ind["actuals"] == {"2023": 96.5}
    assert ind["status"]["2023"] == "met"
    assert ind["status"]["2024"] == "no_value"
    assert ind["attribute"] == "约束性"


def test_undo_and_history(cli) -> None:
    cli("tick", "wulong/a1.p1.yangjiao", "--on", "2022-11-30")
    code, out, _ = cli("undo")
    assert code == 0 and "a1.p1.yangjiao" in out
    _, out, _ = cli("export", "--plan", "wulong")
    m = next(m for m in json.loads(out)["milestones"] if m["id"].endswith("a1.p1.yangjiao"))
    assert m["done_on"] is None
    code, out, _ = cli("history", "--limit", "5")
    assert code == 0 and "undo" in out and "tick" in out


def test_export_has_the_documented_fields(cli) -> None:
    cli("tick", "wulong/a1.p1.yangjiao", "--on", "2022-11-30")
    _, out, _ = cli("export", "--plan", "wulong", "--format", "json", *WULONG_AS_OF)
    data = json.loads(out)
    assert data["plan"] == {"id": "wulong-2021-2025", "region": "武隆区", "bureau": data["plan"]["bureau"],
                            "title": data["plan"]["title"], "doc_number": "武隆府发〔2022〕5号",
                            "period": {"start": 2021, "end": 2025}, "source_file": "003_a3c6fb84209f3d63.txt"}
    node = data["nodes"][0]
    assert {"id", "parent", "kind", "title", "text", "status"} <= set(node)
    m = next(m for m in data["milestones"] if m["id"].endswith("a1.p1.yangjiao"))
    assert (m["due"], m["done_on"], m["status"]) == ("2022-12-31", "2022-11-30", "done")
    assert m["node"] == "wulong-2021-2025/a1.p1"
    i01 = next(i for i in data["indicators"] if i["id"].endswith("/i01"))
    assert i01["baseline"] == {"year": 2020, "value": "3.4"}
    assert i01["targets"]["2025"] == "4"
    assert i01["targets"]["2023"] == "3.7"
    assert any(c["year"] == 2025 and c["values"] == {"专栏1": "4", "附件3": "4.1"} for c in i01["conflicts"])
    assert {"category", "name", "unit", "attribute", "actuals", "status"} <= set(i01)


def test_import_reports_and_reimport_keeps_ticks(cli, tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite3"
    code, out, _ = cli("import", str(FIXTURES / "small_plan.yaml"), db=db)
    assert code == 0 and "demo-2021-2025" in out
    cli("tick", "demo/c2.p1.a", "--on", "2022-06-01", db=db)
    code, out, _ = cli("import", str(FIXTURES / "small_plan.yaml"), db=db)
    assert code == 0 and "Imported demo-2021-2025: 0 added" in out and "0 archived" in out
    _, out, _ = cli("export", "--plan", "demo", db=db)
    m = next(m for m in json.loads(out)["milestones"] if m["id"] == "demo-2021-2025/c2.p1.a")
    assert m["done_on"] == "2022-06-01"


@pytest.mark.parametrize(("args", "message"), [
    (["tick", "wulong/nope"], "no milestone 'wulong/nope'"),
    (["tick", "nosuchplan/a1"], "no plan 'nosuchplan'"),
    (["tick", "wulong/a1.p1.yangjiao", "--on", "2023-02-30"], "--on: not a date"),
    (["status", "--today", "yesterday"], "--today: not a date"),
    (["record", "wulong/i01", "2023", "很多"], "value: not a number"),
    (["record", "wulong/i01", "二〇二三", "3"], "year: not a year"),
    (["record", "wulong/i99", "2023", "3"], "no indicator"),
    (["status", "--plan", "l"], "plan 'l' is ambiguous"),
    (["untick", "wulong/a1.p1.yangjiao"], "is not ticked"),
    (["export", "--plan", "wulong", "-o", "/nonexistent-dir/x.json"], "cannot write"),
])
def test_clerk_errors_are_one_line_and_change_nothing(cli, seeded_db: Path, args: list[str], message: str) -> None:
    before = dump(seeded_db)
    code, out, err = cli(*args)
    assert code == 1
    assert message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert dump(seeded_db) == before


@pytest.mark.parametrize("args", [
    [], ["--plan", "wulong", "--today", "2023-06-30", "--lang", "zh", "--soon-days", "10"], ["--db", "x.sqlite3"],
])
def test_opening_the_app_parses_as_the_whole_command_line_does(args: list[str]) -> None:
    """Opening the app takes a short cut past the sub-command parsers; it must mean the same."""
    from tui.cli import build_parser, parse_args

    assert vars(parse_args(args)) == {**vars(build_parser().parse_args(args)), "command": None}


@pytest.mark.parametrize("args, message", [
    (["stauts"], "invalid choice: 'stauts' (choose from "),
    (["--lang", "fr"], "argument --lang: invalid choice: 'fr'"),
    (["--today"], "argument --today: expected one argument"),
])
def test_command_line_mistakes_name_the_commands(args: list[str], message: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from tui.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(args)
    err = capsys.readouterr().err
    assert exit_.value.code == 1  # like every other mistake a clerk can make: one line, exit 1
    assert message in err
    assert len(err.strip().splitlines()) == 1 and "plandesk --help" in err


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    from tui.cli import COMMAND_MODULES, main

    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert all(name in out for name in COMMAND_MODULES)


def test_a_bad_import_file_lists_every_problem_and_changes_nothing(cli, seeded_db: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text((FIXTURES / "small_plan.yaml").read_text(encoding="utf-8")
                   .replace("due: 2023年\n", "due: 明年\n").replace("better: lower", "better: less"),
                   encoding="utf-8")
    before = dump(seeded_db)
    code, out, err = cli("import", str(bad))
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 2
    assert all(line.startswith(f"{bad}:") for line in lines)
    assert any(": due: not a deadline: '明年'" in line for line in lines)
    assert any(": better: must be higher or lower" in line for line in lines)
    assert dump(seeded_db) == before


def test_unreadable_database_files_are_one_line(cli, tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("hello")
    code, _, err = cli("status", db=junk)
    assert code == 1 and "not a plandesk database" in err and len(err.strip().splitlines()) == 1
    assert junk.read_text() == "hello"


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True,
                          env={**os.environ, **env}, cwd=REPO, timeout=60)


def test_pipe_and_no_color_give_plain_text(seeded_db: Path) -> None:
    args = ["status", "--db", str(seeded_db), "--plan", "wulong", *WULONG_AS_OF]
    piped = _run(args, {})
    assert piped.returncode == 0 and "\x1b[" not in piped.stdout
    forced = _run(args, {"FORCE_COLOR": "1", "TERM": "xterm-256color"})
    assert "\x1b[" in forced.stdout  # colour when the terminal has it ...
    no_color = _run(args, {"FORCE_COLOR": "1", "NO_COLOR": "1", "TERM": "xterm-256color"})
    assert "\x1b[3" not in no_color.stdout  # ... and none with NO_COLOR


def test_chinese_columns_line_up(seeded_db: Path) -> None:
    out = _run(["status", "--db", str(seeded_db), "--plan", "wulong", *WULONG_AS_OF], {"COLUMNS": "120"}).stdout
    table = out[out.index("Indicators (2023)"):].splitlines()
    header = next(line for line in table if line.lstrip().startswith("#"))
    unit_col = cell_len(header[: header.index("Unit")])
    rows = [line for line in table if line.startswith(("1 ", "10 "))]
    assert len(rows) == 2
    for row in rows:
        unit = "万户" if "万户" in row else "批次/千人"
        assert cell_len(row[: row.index(unit)]) == unit_col


def test_plan_text_is_never_markup(tmp_path: Path) -> None:
    plan = tmp_path / "markup.yaml"
    plan.write_text((FIXTURES / "small_plan.yaml").read_text(encoding="utf-8")
                    .replace("title: 甲所建成投入使用", "title: \"完成[/] [bold]甲所[/bold] [red]x\"")
                    .replace("due: 2022年\n", "due: 2022年\n", 1), encoding="utf-8")
    db = tmp_path / "m.sqlite3"
    imported = _run(["import", str(plan), "--db", str(db)], {})
    assert imported.returncode == 0 and "Imported demo-2021-2025" in imported.stdout, imported.stderr
    result = _run(["overdue", "--db", str(db), "--today", "2023-06-30"], {"COLUMNS": "200"})
    assert result.returncode == 0, result.stderr
    assert "完成[/] [bold]甲所[/bold] [red]x" in result.stdout
