"""The ``plandesk`` command: with no command it opens the app; otherwise one quick job.

Headless commands import neither Textual nor sqlite-utils (they cost ~185 ms and ~80 ms);
``tick`` does not even import rich. Every error a clerk can cause is one line and exit 1.
"""
from __future__ import annotations

import argparse
import sqlite3
import sys
from typing import Sequence

from store.errors import ImportFailed, PlandeskError
from tui.cli.context import Context
from tui.cli.parser import COMMAND_MODULES, NotJustTheApp, build_parser, command_function

__all__ = ["COMMAND_MODULES", "Context", "build_parser", "main", "parse_args"]

EXIT_ERROR = 1
EXIT_USAGE = 2


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse the command line. Opening the app (no command named) skips building the thirteen
    sub-command parsers, about 2 ms of the app's start-up; anything else, a mistyped command or
    ``--help`` and every error included, gets the whole parser and its messages."""
    tokens = list(sys.argv[1:] if argv is None else argv)
    if not any(token in COMMAND_MODULES or token.startswith("-h") or token == "--help" for token in tokens):
        try:
            args = build_parser(with_commands=False).parse_args(tokens)
        except NotJustTheApp:
            pass
        else:
            if args.command is None:
                return args
    return build_parser().parse_args(tokens)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    command = args.command or "app"
    ctx: Context | None = None
    try:
        ctx = Context(args)
        return command_function(command)(ctx)
    except ImportFailed as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_ERROR
    except PlandeskError as exc:
        print(f"plandesk: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except sqlite3.DatabaseError as exc:
        message = ctx.database_error(exc) if ctx is not None else f"database error: {exc}"
        print(f"plandesk: {message}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # `plandesk overdue | head`: the reader has what it wanted
        _silence_stdout()
        return 0
    except OSError as exc:
        print(f"plandesk: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that flushing it at exit does not raise again (the recipe in
    Python's ``signal`` documentation for SIGPIPE)."""
    import os

    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass


