"""The ``plandesk`` command: with no command it opens the app; otherwise one quick job.

Headless commands import neither Textual nor sqlite-utils (they cost ~185 ms and ~80 ms);
``tick`` does not even import rich. Every error a clerk can cause is one line and exit 1.
"""
from __future__ import annotations

import os
import signal as _signal
import sys


def _quiet_interrupt(signum: int, frame: object) -> None:  # pragma: no cover - timing
    os._exit(130)  # Ctrl-C while plandesk itself is still being imported: nothing to undo yet


if os.path.basename(sys.argv[0]) == "plandesk" and \
        _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler:
    _signal.signal(_signal.SIGINT, _quiet_interrupt)  # until main() takes over

import argparse  # noqa: E402
import contextlib  # noqa: E402
import sqlite3  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from typing import TYPE_CHECKING  # noqa: E402

from store.errors import ImportFailed, PlandeskError  # noqa: E402
from store.safe_text import visible  # noqa: E402
from tui.cli.context import Context  # noqa: E402
from tui.cli.parser import COMMAND_MODULES, NotJustTheApp, build_parser, command_function  # noqa: E402

if TYPE_CHECKING:
    from tui.i18n import Catalog  # noqa: E402

__all__ = ["COMMAND_MODULES", "Context", "build_parser", "main", "parse_args"]

EXIT_ERROR = 1
EXIT_USAGE = 1  # argparse's own mistakes too: one line, exit 1 (tui/cli/plain_argparse.py)
EXIT_INTERRUPTED = 130


def _catalog_for(tokens: list[str]) -> Catalog:
    """The UI's language before the command line is parsed: its messages need it."""
    from tui.i18n import Catalog, detect_lang

    explicit = None
    for i, token in enumerate(tokens):
        if token == "--lang" and i + 1 < len(tokens):
            explicit = tokens[i + 1]
        elif token.startswith("--lang="):
            explicit = token.split("=", 1)[1]
    return Catalog(detect_lang(explicit))


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse the command line. Opening the app (no command named) skips building the thirteen
    sub-command parsers, about 2 ms of the app's start-up; anything else, a mistyped command or
    ``--help`` and every error included, gets the whole parser and its messages."""
    tokens = list(sys.argv[1:] if argv is None else argv)
    t = _catalog_for(tokens)
    if not any(token in COMMAND_MODULES or token.startswith("-h") or token == "--help" for token in tokens):
        try:
            args = build_parser(with_commands=False, t=t).parse_args(tokens)
        except NotJustTheApp:
            pass
        else:
            if args.command is None:
                return args
    return build_parser(t=t, only=_named_command(tokens)).parse_args(tokens)


_VALUED_OPTIONS = frozenset({"--db", "--today", "--lang", "--user", "--soon-days", "--plan"})  # before the command


def _named_command(tokens: list[str]) -> str | None:
    """The command the tokens name (its first word, after the common options), or None when only
    the whole parser can say (help, a mistyped command): then the parser is built for that
    command's module alone, not the thirteen modules' sub-commands (~20 ms of every command)."""
    expecting_value = False
    for token in tokens:
        if expecting_value:
            expecting_value = False
        elif token in _VALUED_OPTIONS:
            expecting_value = True
        elif token.startswith("-"):
            if token.startswith("-h") or token == "--help" or (
                    not token.startswith("--") or token.split("=", 1)[0] not in _VALUED_OPTIONS | {"--create"}):
                return None
        else:
            return token if token in COMMAND_MODULES else None
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; Ctrl-C at any moment is a quiet exit 130, a closed pipe a quiet 0."""
    with contextlib.suppress(ValueError):  # not the main thread (a test may run main() in one)
        _signal.signal(_signal.SIGINT, _signal.default_int_handler)  # Ctrl-C is ours to handle now
    try:
        try:
            code = _run(argv)
        finally:
            _finish_output()
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader went away (plandesk history | head -1): not an error
        _finish_output()
        return 0
    return code


def _run(argv: Sequence[str] | None) -> int:
    args = parse_args(argv)
    command = args.command or "app"
    ctx: Context | None = None
    try:
        _check_text_arguments(args)
        ctx = Context(args)
        return command_function(command)(ctx)
    except ImportFailed as exc:
        from tui.phrases import problem_line

        t = _catalog(ctx, args)
        for problem in exc.found:
            print(problem_line(t, problem), file=sys.stderr)
        return EXIT_ERROR
    except PlandeskError as exc:
        print(visible(f"plandesk: {_error_line(ctx, args, exc)}", one_line=True), file=sys.stderr)
        return EXIT_ERROR
    except sqlite3.DatabaseError as exc:
        from store.db import error_kind

        explained = _unreadable_value(ctx) if error_kind(exc) is None else None  # SQLite's json_each on bad JSON
        if explained is not None:
            message = _error_line(ctx, args, explained)
        else:
            message = ctx.database_error(exc) if ctx is not None else f"database error: {exc}"
        print(visible(f"plandesk: {message}", one_line=True), file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # `plandesk overdue | head`: main() sends stdout to devnull, exit 0
        raise
    except (ValueError, TypeError, OverflowError, IndexError, KeyError, AttributeError):
        explained = _unreadable_value(ctx)
        if explained is None:
            raise  # plandesk's own defect: its traceback is the report
        print(visible(f"plandesk: {_error_line(ctx, args, explained)}", one_line=True), file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:
        from tui.phrases import os_reason

        reason = os_reason(_catalog(ctx, args), exc)
        print(visible(f"plandesk: {exc.filename or ''}: {reason}", one_line=True), file=sys.stderr)
        return EXIT_ERROR


_PATH_ARGUMENTS = frozenset({"db", "output", "file", "files"})  # a file name may be any bytes; text is stored


def _check_text_arguments(args: argparse.Namespace) -> None:
    """Refuse text that is not UTF-8 (Python keeps such bytes as lone surrogates, which SQLite
    cannot store: a traceback in the middle of the change): a note typed in a GBK terminal."""
    named = [(f"--{dest.replace('_', '-')}", value) for dest, value in vars(args).items()
             if dest not in _PATH_ARGUMENTS]
    named.append(("PLANDESK_USER", os.environ.get("PLANDESK_USER")))
    for option, value in named:
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and not _is_utf8(text):
                raise PlandeskError(_catalog(None, args)("in_not_utf8_argument", option=option))


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _error_line(ctx: Context | None, args: argparse.Namespace, exc: PlandeskError) -> str:
    from tui.phrases import error_line

    return error_line(_catalog(ctx, args), exc)


def _unreadable_value(ctx: Context | None) -> PlandeskError | None:
    """After a command failed reading the database: the value typed in by hand it tripped on
    (``store.row_check``), or None when the database holds none (a defect of plandesk's)."""
    path = getattr(ctx, "db_path", None)
    if ctx is None or path is None:
        return None
    from store.row_check import explain_failure

    ctx.close()
    return explain_failure(path)


def _catalog(ctx: Context | None, args: argparse.Namespace) -> Catalog:
    """The UI's language for an error, also when the error came before the context was made."""
    from tui.i18n import Catalog, detect_lang

    return ctx.t if ctx is not None else Catalog(detect_lang(args.lang))


def _finish_output() -> None:
    """Flush standard output now, so that a closed pipe is met here and not by the interpreter
    at exit (which prints "Exception ignored ... BrokenPipeError"); after that, as the Python
    documentation advises, standard output goes to devnull."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):  # not a real file (a test's capture)
            pass
    except (OSError, ValueError):
        pass
