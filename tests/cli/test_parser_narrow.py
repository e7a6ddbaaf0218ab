"""A command line that names its command is parsed by that command's module's parser alone (the
other modules are not imported); it must read exactly as the whole parser reads it."""
from __future__ import annotations

import pytest

from tui.cli import _named_command, parse_args
from tui.cli.parser import build_parser

LINES = [
    ["status", "--plan", "wulong", "--today", "2023-06-30"],
    ["--db", "x.sqlite3", "--today", "2023-06-30", "status", "--format", "text"],
    ["--lang", "zh", "--create", "export", "--plan", "big", "-o", "out.json"],
    ["--db=x.sqlite3", "tick", "wulong/a1.p1.yangjiao", "--on", "2022-11-30"],
    ["--plan", "status", "missing"],  # an option's value that is a command's name
    ["overdue"],
    ["missing", "--period", "2023Q1"],
    ["ledger", "export", "--plan", "wulong"],
]


@pytest.mark.parametrize("tokens", LINES)
def test_the_narrow_parser_reads_what_the_whole_one_reads(tokens: list[str]) -> None:
    assert _named_command(tokens) is not None
    assert parse_args(tokens) == build_parser().parse_args(tokens)


@pytest.mark.parametrize("tokens", [["--help"], ["-h", "status"], ["statsu"], ["--verbose", "status"], []])
def test_help_mistakes_and_unknown_options_get_the_whole_parser(tokens: list[str]) -> None:
    assert _named_command(tokens) is None


def test_the_command_is_its_first_word_not_an_options_value() -> None:
    assert _named_command(["--plan", "status", "missing"]) == "missing"
    assert _named_command(["--user", "export", "tick", "x"]) == "tick"
