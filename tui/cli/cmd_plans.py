"""Commands about whole plans and the app: app, import."""
from __future__ import annotations

import argparse

from tui.cli.context import Context
from tui.cli.parser import PLAN_HELP, AddParser


def add_parsers(add: AddParser) -> None:
    add("app", "open the interactive app (the default)").add_argument("--plan", default=argparse.SUPPRESS,
                                                                    help=PLAN_HELP)
    p = add("import", "import or re-import a plan file (YAML)")
    p.add_argument("file", help="the plan file to import")


def cmd_import(ctx: Context) -> int:
    from store.importer import import_file
    from store.safe_text import visible

    ctx.seed_new_database = False  # a new file gets just the plans imported into it
    for report in import_file(ctx.conn, ctx.args.file):
        print(ctx.t("imported", plan=report.plan_id, added=sum(report.added.values()),
                    updated=sum(report.updated.values()), restored=sum(report.restored.values()),
                    archived=len(report.archived)))
        for kind, item_id, title in report.archived:
            print(visible(ctx.t("archived_item", kind=kind, id=item_id, title=title), one_line=True))
    return 0


def cmd_app(ctx: Context) -> int:
    from tui.app_main import run_app

    return run_app(ctx)
