"""``plandesk plan write --plan P [-o plan.yaml]``: the plan as it now is, back to a plan file.

The clerk fixes a drafted plan in the app (adds, edits, moves, archives items); writing it back
keeps the bureau's plan file in step with the database: the file imports as it is and re-imports
onto the same plan without changing anything. Without ``-o`` the YAML goes to standard output.
"""
from __future__ import annotations

import argparse
import sys
from typing import Any

from store.errors import PlandeskError
from store.safe_text import visible
from tui.cli.context import Context
from tui.cli.parser import AddParser


def add_parsers(add: AddParser) -> None:
    p = add("plan", "write a plan as it now is (with the clerk's changes) back to a plan file (YAML)")
    p.add_argument("action", choices=("write",), help="write: the plan file of --plan")
    p.add_argument("--plan", default=argparse.SUPPRESS)
    p.add_argument("-o", "--output", metavar="PLAN.yaml", help="write the plan file here (default: standard output)")


def cmd_plan(ctx: Context) -> int:
    from store import queries as q
    from store.loader import plan_problems
    from store.plan_writer import plan_file, plan_yaml
    from tui.cli.output import write_text

    t = ctx.t
    if not ctx.args.plan:
        raise PlandeskError(t("pw_which_plan"))
    plan = q.resolve_plan(ctx.conn, ctx.args.plan)
    written = plan_file(ctx.conn, plan.id)
    problems = plan_problems(written.document, ctx.args.output or "-")
    if problems:  # never write a file that would not import
        from tui.phrases import problem_line

        raise PlandeskError(t("pw_invalid", plan=plan.id, problem=problem_line(t, problems[0])))
    text = plan_yaml(written.document, t("pw_header", plan=plan.id, date=ctx.today.isoformat()))
    if not ctx.args.output:
        sys.stdout.write(text)
    else:
        write_text(ctx, ctx.args.output, text)
        nodes, milestones = _counts(written.document)
        print(visible(t("pw_written", path=ctx.args.output, plan=plan.id, nodes=nodes, milestones=milestones,
                        indicators=len(written.document.get("indicators", []))), one_line=True))
    for milestone_id in written.left_out:
        print(t("pw_left_out", id=milestone_id), file=sys.stderr)
    return 0


def _counts(document: dict[str, Any]) -> tuple[int, int]:
    nodes = milestones = 0
    todo = list(document["nodes"])
    while todo:
        node = todo.pop()
        nodes += 1
        milestones += len(node.get("milestones", []))
        todo.extend(node.get("children", []))
    return nodes, milestones
