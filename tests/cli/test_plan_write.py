"""``plandesk plan write``: the plan as it now is, with the clerk's changes, back to a plan file
that imports as it is and re-imports onto the same plan without changing anything."""
from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from store import actions
from store import node_actions as na
from store.db import open_store
from store.importer import import_file
from store.loader import load_plan_file
from store.plan_order import check
from tests.conftest import dump

SEED_PLANS = ("tongliao", "xiangyang", "luoyang", "wulong", "linyi")


def everything(conn: sqlite3.Connection, plan_id: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the plan a clerk or a report could see, in document order: the numbering
    itself (seq, ord) and the import time aside, which a re-import may renumber."""
    def rows(sql: str) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in conn.execute(sql, (plan_id,))]
    return {
        # the units that apply (the file now prints the clerk's); archived nodes by id (no place shown)
        "nodes": rows("SELECT id, parent_id, kind, number, title, text, coalesce(units_override, units), "
                      "coalesce(support_override, support), line, source, repair, note, fields, depth, path, origin, "
                      "clerk, archived_at FROM nodes WHERE plan_id = ? ORDER BY archived_at IS NOT NULL, "
                      "CASE WHEN archived_at IS NULL THEN seq END, id"),
        "milestones": rows("SELECT id, node_id, local_id, title, due, due_phrase, start, line, source, repair, note, "
                           "implicit, origin, done_on, done_note, archived_at, every, series, same_as, link "
                           "FROM milestones WHERE plan_id = ? ORDER BY archived_at IS NOT NULL, "
                           "CASE WHEN archived_at IS NULL THEN seq END, id"),
        "indicators": rows("SELECT * FROM indicators WHERE plan_id = ? ORDER BY seq"),
        "cells": rows("SELECT c.* FROM indicator_cells c JOIN indicators i ON i.id = c.indicator_id "
                      "WHERE i.plan_id = ? ORDER BY 1, 2, 3"),
        "plan": rows("SELECT id, region, bureau, title, doc_number, issued, start_year, end_year, source_file, note, "
                     "report_cycle, yellow_lag, red_lag FROM plans WHERE id = ?"),
    }


@pytest.mark.parametrize("name", SEED_PLANS)
def test_each_seed_plan_writes_a_file_that_reimports_without_a_change(name: str, cli, seeded_db: Path,
                                                                      tmp_path: Path) -> None:
    out = tmp_path / f"{name}.yaml"
    code, stdout, stderr = cli("plan", "write", "--plan", name, "-o", str(out))
    assert code == 0, stderr
    assert str(out) in stdout and stderr == ""
    [plan] = load_plan_file(out)  # it imports as it is
    conn = open_store(seeded_db)
    before = everything(conn, plan.id)
    (report,) = import_file(conn, out)
    assert not any(report.added.values()) and report.archived == [] and not any(report.restored.values())
    assert everything(conn, plan.id) == before
    conn.close()


def test_a_plan_the_clerk_changed_writes_back_and_reimports_onto_itself(cli, seeded_db: Path, tmp_path: Path) -> None:
    conn = open_store(seeded_db)
    pid = "wulong-2021-2025"
    w = lambda local: f"{pid}/{local}"  # noqa: E731
    actions.tick(conn, w("a1.p1.yangjiao"), date(2022, 11, 30), "已验收")
    na.edit_node(conn, w("c3.s1"), title="优化营商环境(中期调整)")
    na.move_node(conn, w("c3.s2"), w("c4"), 0)
    added = na.add_node(conn, pid, w("c3"), "新增:推行证照联办", "task", text="年内实现证照联办。", position=0)
    actions.add_milestone(conn, added.entity_id, "证照联办上线", date(2024, 6, 30), "2024年6月底")
    na.add_node(conn, pid, w("c3"), "新增一节", "section", number="（九）")
    na.archive_node(conn, w("c5"))
    actions.set_units(conn, w("c3.s1"), ["综合科"])
    before = everything(conn, pid)
    conn.close()
    out = tmp_path / "wulong.yaml"
    code, _, stderr = cli("plan", "write", "--plan", "wulong", "-o", str(out))
    assert code == 0
    # the task the clerk added is tracked by its own milestone: the one added to it stays in the database
    assert stderr.count("\n") == 1 and f"{added.entity_id}.u1" in stderr
    text = out.read_text(encoding="utf-8")
    assert "优化营商环境(中期调整)" in text and "新增:推行证照联办" in text and "id: c5\n" not in text
    assert "line: " in text  # source lines kept
    conn = open_store(seeded_db)
    (report,) = import_file(conn, out)
    assert not any(report.added.values()) and report.archived == []
    assert everything(conn, pid) == before and check(conn, pid) == []
    yangjiao = conn.execute("SELECT done_on FROM milestones WHERE id = ?", (w("a1.p1.yangjiao"),)).fetchone()[0]
    assert yangjiao == "2022-11-30"
    conn.close()


def test_writing_needs_a_plan_and_never_overwrites_the_database(cli, seeded_db: Path) -> None:
    code, _, err = cli("plan", "write")
    assert code == 1 and "--plan" in err
    before = dump(seeded_db)
    code, _, err = cli("plan", "write", "--plan", "linyi", "-o", str(seeded_db))
    assert code == 1 and err.count("\n") == 1
    assert dump(seeded_db) == before


def test_without_output_the_file_goes_to_standard_output(cli) -> None:
    code, out, _ = cli("plan", "write", "--plan", "linyi")
    assert code == 0 and out.startswith("# ") and "\nid: linyi-2023\n" in out


DRAFTS = sorted((Path(__file__).resolve().parents[1] / "draft" / "fixtures").glob("*.*"))


@pytest.mark.parametrize("source", DRAFTS, ids=lambda p: p.name)
def test_a_drafted_plan_writes_back_without_a_change(source: Path, tmp_path: Path) -> None:
    from store.draft import draft_file
    from store.loader import validate_document
    from store.plan_writer import plan_file, plan_yaml

    drafted = tmp_path / "draft.yaml"
    drafted.write_text(draft_file(source).yaml_text, encoding="utf-8")
    conn = open_store(tmp_path / "db.sqlite3", seed=False)
    (report,) = import_file(conn, drafted)
    before = everything(conn, report.plan_id)
    written = plan_file(conn, report.plan_id)
    assert validate_document(written.document) == [] and written.left_out == []
    out = tmp_path / "written.yaml"
    out.write_text(plan_yaml(written.document), encoding="utf-8")
    (again,) = import_file(conn, out)
    assert not any(again.added.values()) and again.archived == []
    assert everything(conn, report.plan_id) == before
