"""The reporting cycle from the command line: enter reports, list them, 催报, units, status lights."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import dump

JULY = ["--today", "2023-07-10"]
ON_TRACK = "wulong/c3.s1.t1"
BEHIND = "wulong/c3.s2.t1"
DONE = "wulong/c3.box2.e1"


def enter_three(cli) -> None:
    assert cli("progress", ON_TRACK, "--period", "2023Q2", "--state", "推进中", "--percent", "40",
               "--note", "完成准入环境评估", *JULY)[0] == 0
    assert cli("progress", BEHIND, "--period", "2023年第二季度", "--state", "behind", "--percent", "15",
               "--problem", "审查人员不足", "--next", "8月前完成培训", "--evidence", "会议纪要.pdf", *JULY)[0] == 0
    assert cli("progress", DONE, "--period", "2023Q2", "--state", "已完成", "--note", "全程电子化上线", *JULY)[0] == 0


def test_entering_a_report_says_what_was_saved_and_its_light(cli) -> None:
    code, out, err = cli("progress", ON_TRACK, "--period", "2023Q2", "--state", "推进中", "--percent", "40",
                         *JULY, "--lang", "en")
    assert code == 0, err
    assert "Report #1 on wulong-2021-2025/c3.s1.t1 构建开明市场准入环境 for 2023Q2: on track" in out
    assert "light: green (on track)" in out
    code, out, _ = cli("progress", DONE, "--period", "2023Q2", "--state", "done", *JULY, "--lang", "en")
    assert "ticked as done on 2023-07-10: wulong-2021-2025/c3.box2.e1" in out


def test_the_period_defaults_to_the_one_whose_reports_are_due(cli) -> None:
    """On 10 July the quarter just ended (2023Q2) is the one units report on and ``missing`` chases;
    in a plan's first quarter, before any has ended, the quarter running."""
    code, out, _ = cli("missing", "--plan", "wulong", *JULY, "--lang", "en")
    assert "2023Q2" in out
    cli("progress", ON_TRACK, "--state", "on-track", *JULY)
    _, out, _ = cli("progress", ON_TRACK, *JULY, "--lang", "en")
    assert "2023Q2" in out and "2023Q3" not in out
    cli("progress", ON_TRACK, "--state", "on-track", "--today", "2021-02-10")
    _, out, _ = cli("progress", ON_TRACK, "--today", "2021-02-10", "--lang", "en")
    assert "2021Q1" in out and "2020Q4" not in out


def test_listing_shows_every_field_latest_first(cli) -> None:
    enter_three(cli)
    cli("progress", BEHIND, "--period", "2023Q1", "--state", "滞后", *JULY)
    code, out, _ = cli("progress", BEHIND, *JULY, "--lang", "zh")
    assert code == 0
    assert "审查人员不足" in out and "8月前完成培训" in out and "会议纪要.pdf" in out
    assert out.index("2023Q2") < out.index("2023Q1")
    assert "红灯(严重落后序时进度)" in out  # 15 % done against 49.9 % expected at the end of Q2
    cli("progress", ON_TRACK, "--period", "2023Q3", "--state", "滞后", "--on", "2023-10-08", "--today", "2023-10-08")
    cli("progress", ON_TRACK, "--period", "2023Q4", "--state", "滞后", "--on", "2024-01-05", "--today", "2024-01-05")
    _, out, _ = cli("progress", ON_TRACK, "--today", "2024-01-05", "--lang", "zh")
    assert "红灯(连续两期滞后)" in out


def test_edit_delete_and_undo(cli) -> None:
    enter_three(cli)
    assert cli("progress", BEHIND, "--edit", "2", "--percent", "45", *JULY)[0] == 0
    _, out, _ = cli("progress", BEHIND, *JULY)
    assert " 45 " in out
    assert cli("undo")[0] == 0
    _, out, _ = cli("progress", BEHIND, *JULY)
    assert " 15 " in out and " 45 " not in out
    code, out, _ = cli("progress", BEHIND, "--delete", "2", *JULY, "--lang", "en")
    assert code == 0 and "deleted" in out
    code, out, _ = cli("undo", "--lang", "en")
    assert "#2 健全公平竞争审查机制 2023Q2" in out and "share done: 15" in out


@pytest.mark.parametrize("args", [
    ("progress", ON_TRACK, "--period", "2023Q2", "--state", "差不多"),
    ("progress", ON_TRACK, "--period", "2027Q1", "--state", "推进中"),
    ("progress", ON_TRACK, "--period", "2023Q2", "--state", "推进中", "--percent", "120"),
    ("progress", "wulong/c3", "--period", "2023Q2", "--state", "推进中"),
    ("progress", ON_TRACK, "--percent", "40"),
    ("progress", ON_TRACK, "--edit", "99", "--percent", "40"),
    ("units", "set", "wulong/c3"),
    ("missing", "--plan", "wulong", "--period", "2023Q9"),
])
def test_a_mistake_is_one_line_and_changes_nothing(cli, seeded_db: Path, args: tuple[str, ...]) -> None:
    before = dump(seeded_db)
    code, out, err = cli(*args, *JULY)
    assert code == 1 and err.count("\n") == 1 and err.startswith("plandesk: ")
    assert dump(seeded_db) == before


def test_missing_lists_by_unit_what_has_not_reported(cli) -> None:
    enter_three(cli)
    code, out, _ = cli("missing", "--plan", "wulong", "--period", "2023Q2", *JULY, "--lang", "zh")
    assert code == 0
    assert "2023Q2 未报送进展" in out and "区市场监管局 (3)" in out and "(未明确责任单位)" in out
    assert "c3.s1.t2" in out
    for reported in ("c3.s1.t1 ", "c3.s2.t1 ", "c3.box2.e1 "):
        assert reported not in out


def test_units_set_inherits_to_the_tasks_and_the_summary_counts_them(cli) -> None:
    code, out, err = cli("units", "set", "wulong/c3", "--lead", "区市场监管局", "--support", "区发展改革委、区商务委",
                         *JULY, "--lang", "en")
    assert code == 0, err
    assert "lead 区市场监管局; supporting 区发展改革委、区商务委" in out
    enter_three(cli)
    code, out, _ = cli("units", "--plan", "wulong", *JULY, "--lang", "en")
    row = next(line for line in out.splitlines() if line.startswith("区市场监管局"))
    # 10 tasks of chapter 3 and the 3 projects of 附件1; 1 done; 3 overdue; red: those and the one 15 % done;
    # 3 reported for 2023Q2, 10 owing
    assert row.split()[1:] == ["13", "1", "3", "4", "7", "2", "3", "10"]
    code, out, _ = cli("status", "--plan", "wulong", "--unit", "区市场监管局", *JULY, "--lang", "en")
    assert "Unit: 区市场监管局" in out and "c3.s2.t1" in out
    assert "第四章" not in out  # chapters with nothing the unit leads are left out
    cli("undo", "4")
    _, out, _ = cli("units", "--plan", "wulong", *JULY, "--lang", "en")
    assert next(line for line in out.splitlines() if line.startswith("区市场监管局")).split()[1] == "3"


def test_status_shows_lights_time_elapsed_and_lagging(cli) -> None:
    enter_three(cli)
    code, out, _ = cli("status", "--plan", "wulong", *JULY, "--lang", "zh")
    assert code == 0
    assert "亮灯情况" in out and "进展应报:已报送 3 项" in out and "序时进度:规划期已过 50.4%" in out
    lagging = out[out.index("进度滞后事项"):]
    assert "健全公平竞争审查机制" in lagging and "审查人员不足" in lagging and "8月前完成培训" in lagging
    assert "构建开明市场准入环境" not in lagging
    code, out, _ = cli("status", "--plan", "wulong", "--format", "json", *JULY)
    data = json.loads(out)["progress"]
    assert data["due_period"] == "2023Q2" and data["reported"] == 3
    assert [x["id"] for x in data["lagging"]] == ["wulong-2021-2025/c3.s2.t1"]
    assert data["lagging"][0]["light"] == "red" and data["lagging"][0]["lag"] == pytest.approx(34.9)


def test_history_tells_which_item_a_report_is_about(cli) -> None:
    enter_three(cli)
    _, out, _ = cli("history", "--limit", "1", "--lang", "en")
    assert "#3 推进开办企业电子化 2023Q2" in out and "with: wulong-2021-2025/c3.box2.e1" in out
    assert "state: done" in out


@pytest.mark.parametrize(("args", "allowed"), [
    (["progress", ON_TRACK, "--period", "2023Q2", "--state", "推进中", "--today", "2023-07-10"], []),
    (["status", "--plan", "wulong", "--unit", "区市场监管局", "--today", "2023-07-10"], ["rich"]),
    (["missing", "--plan", "wulong", "--today", "2023-07-10"], ["rich"]),
])
def test_the_new_commands_stay_headless_and_light(seeded_db: Path, args: list[str], allowed: list[str]) -> None:
    from tests.cli.test_import_hygiene import loaded

    probe = loaded(["--db", str(seeded_db), *args])
    assert probe["code"] == 0 and probe["heavy"] == allowed


def test_a_unit_s_words_with_controls_are_listed_as_markers(cli) -> None:
    """Notes, problems and unit names come from the units (workbooks, typed text): listing a task's
    reports never lets the terminal act on a bidi override or an escape in them."""
    assert cli("progress", ON_TRACK, "--period", "2023Q2", "--state", "推进中", "--note", "进展\u202e顺利",
               "--unit", "科\u202e室", *JULY)[0] == 0
    code, out, _ = cli("progress", ON_TRACK, *JULY, "--lang", "en")
    assert code == 0
    assert "\u202e" not in out
    assert "\\u202e" in out
