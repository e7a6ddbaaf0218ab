"""The one way a command writes ``-o FILE``: checked, atomic, and said when it replaced a file.

Every writer (status, report in every format, export, and later ones: ledger workbooks, Word
reports) calls ``write_file(ctx, path, write)`` with ``write(handle)`` taking a binary handle.
The database of this command and every input file it read are protected; the rules live in
``store/files.py``.
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

from store.safe_text import visible
from tui.cli.context import Context


def write_file(ctx: Context, target: str | Path, write: Callable[[BinaryIO], object], *,
               inputs: Iterable[str | Path] = ()) -> bool:
    """Write ``target`` or raise one clear PlandeskError; True if an existing file was replaced
    (the command says so on standard error). Messages are in the UI's language, whatever the
    language of the document written."""
    from store.locations import resolve_db_path
    from tui.guarded_write import write_guarded

    replaced = write_guarded(ctx.t, target, write, protected=[resolve_db_path(ctx.args.db), *inputs])
    if replaced:
        print(visible(ctx.t("sd_replaced", path=target), one_line=True), file=sys.stderr)
    return replaced


def write_text(ctx: Context, target: str | Path, text: str, *, encoding: str = "utf-8",
               inputs: Iterable[str | Path] = ()) -> bool:
    data = text.encode(encoding)
    return write_file(ctx, target, lambda handle: handle.write(data), inputs=inputs)
