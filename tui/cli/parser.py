"""The command line's grammar: common options, and each command's options from its own module.

A command lives in one ``tui/cli/cmd_*.py`` module that defines ``add_parsers(add)`` (its
options) and ``cmd_<name>(ctx)`` (its work). ``COMMAND_MODULES`` names the module of every
command, so the app's short cut and the dispatcher know the names without importing them.
"""
from __future__ import annotations

import argparse
import importlib
from typing import Callable, NoReturn

from store import status as st

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
}

AddParser = Callable[[str, str], argparse.ArgumentParser]


def _common(parser: argparse.ArgumentParser, suppress: bool) -> None:
    """Options every command takes, before or after the command name."""
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--db", default=default, help="database file (default: PLANDESK_DB or the user data folder)")
    parser.add_argument("--today", default=default, metavar="YYYY-MM-DD",
                        help="show status as of this date (default: PLANDESK_TODAY or today)")
    parser.add_argument("--lang", choices=("zh", "en"), default=default, help="language of labels")
    parser.add_argument("--user", default=default, metavar="NAME",
                        help="who makes these changes, for the journal (default: PLANDESK_USER, else the saved name)")
    parser.add_argument("--soon-days", type=int, default=argparse.SUPPRESS if suppress else st.DEFAULT_SOON_DAYS,
                        metavar="N", help="'due soon' window in days (default 30)")


class NotJustTheApp(Exception):
    """The short parser met something only the whole parser can explain."""


class _AppOnlyParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise NotJustTheApp(message)


def build_parser(with_commands: bool = True) -> argparse.ArgumentParser:
    """The whole command line; ``with_commands=False``: just the options that open the app."""
    parser_class = argparse.ArgumentParser if with_commands else _AppOnlyParser
    parser = parser_class(prog="plandesk", description="Offline progress tracker for a bureau's plan.")
    _common(parser, suppress=False)
    parser.add_argument("--plan", default=None, help="plan id or unambiguous prefix (e.g. wulong)")
    if not with_commands:
        parser.add_argument("command", nargs="?")
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = argparse.ArgumentParser(add_help=False)
    _common(common, suppress=True)

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help_text, parents=[common], description=help_text)

    for module in dict.fromkeys(COMMAND_MODULES.values()):  # each module once, in order
        importlib.import_module(module).add_parsers(add)
    return parser


def command_function(name: str) -> Callable[..., int]:
    """The function that runs command ``name``."""
    return getattr(importlib.import_module(COMMAND_MODULES[name]), f"cmd_{name}")  # type: ignore[no-any-return]
