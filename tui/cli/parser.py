"""The command line's grammar: common options, and each command's options from its own module.

A command lives in one ``tui/cli/cmd_*.py`` module that defines ``add_parsers(add)`` (its
options) and ``cmd_<name>(ctx)`` (its work). ``COMMAND_MODULES`` names the module of every
command, so the app's short cut and the dispatcher know the names without importing them.
"""
from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from typing import NoReturn

from store import status as st
from tui.cli.plain_argparse import PlandeskParser, bounded_int, translated, use_catalog
from tui.i18n import Catalog

# command name -> module that implements it (``cmd_<name>`` in that module)
COMMAND_MODULES: dict[str, str] = {
    "app": "tui.cli.cmd_plans",
    "plans": "tui.cli.cmd_view",
    "status": "tui.cli.cmd_view",
    "report": "tui.cli.cmd_report",
    "overdue": "tui.cli.cmd_view",
    "tick": "tui.cli.cmd_change",
    "untick": "tui.cli.cmd_change",
    "record": "tui.cli.cmd_change",
    "undo": "tui.cli.cmd_change",
    "redo": "tui.cli.cmd_change",
    "history": "tui.cli.cmd_view",
    "export": "tui.cli.cmd_view",
    "import": "tui.cli.cmd_plans",
    "progress": "tui.cli.cmd_progress",
    "missing": "tui.cli.cmd_progress",
    "units": "tui.cli.cmd_progress",
    "ledger": "tui.cli.cmd_ledger",
    "backup": "tui.cli.cmd_backup",
    "restore": "tui.cli.cmd_backup",
    "config": "tui.cli.cmd_config",
    "draft": "tui.cli.cmd_draft",
    "plan": "tui.cli.cmd_planfile",
}

AddParser = Callable[[str, str], argparse.ArgumentParser]
PLAN_HELP = "plan id or unambiguous prefix (e.g. wulong)"
MAX_SOON_DAYS = 3650  # ten years: a wider window is a typo, not a plan


def _common(parser: argparse.ArgumentParser, suppress: bool) -> None:
    """Options every command takes, before or after the command name."""
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--db", default=default, help="database file (default: PLANDESK_DB or the user data folder)")
    parser.add_argument("--create", action="store_true", default=argparse.SUPPRESS if suppress else False,
                        help="create the database's folder if it does not exist yet")
    parser.add_argument("--today", default=default, metavar="YYYY-MM-DD",
                        help="show status as of this date (default: PLANDESK_TODAY or today)")
    parser.add_argument("--lang", choices=("zh", "en"), default=default, help="language of labels")
    parser.add_argument("--user", default=default, metavar="NAME",
                        help="who makes these changes, for the journal (default: PLANDESK_USER, else the saved name)")
    parser.add_argument("--soon-days", type=bounded_int(0, MAX_SOON_DAYS),
                        default=argparse.SUPPRESS if suppress else st.DEFAULT_SOON_DAYS,
                        metavar="N", help="'due soon' window in days (default 30)")


class NotJustTheApp(Exception):
    """The short parser met something only the whole parser can explain."""


class _AppOnlyParser(PlandeskParser):
    def error(self, message: str) -> NoReturn:
        raise NotJustTheApp(message)


def build_parser(with_commands: bool = True, t: Catalog | None = None,
                 only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; ``with_commands=False``: just the options that open the app;
    ``only``: just the commands of the module of command ``only`` (a command line that names it).
    ``t``: the language of --help and of usage errors (default English)."""
    use_catalog(t or Catalog("en"))
    parser_class = PlandeskParser if with_commands else _AppOnlyParser
    parser = parser_class(prog="plandesk", description="Offline progress tracker for a bureau's plan.")
    _common(parser, suppress=False)
    parser.add_argument("--plan", default=None, help=PLAN_HELP)
    if not with_commands:
        parser.add_argument("command", nargs="?")
        return parser
    sub = parser.add_subparsers(dest="command", metavar=(t or Catalog("en"))("in_command"),
                                parser_class=PlandeskParser)
    common = PlandeskParser(add_help=False)
    _common(common, suppress=True)

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        shown = translated(help_text)
        return sub.add_parser(name, help=shown, parents=[common], description=shown)

    modules = [COMMAND_MODULES[only]] if only else COMMAND_MODULES.values()
    for module in dict.fromkeys(modules):  # each module once, in order
        importlib.import_module(module).add_parsers(add)
    return parser


def command_function(name: str) -> Callable[..., int]:
    """The function that runs command ``name``."""
    return getattr(importlib.import_module(COMMAND_MODULES[name]), f"cmd_{name}")  # type: ignore[no-any-return]
