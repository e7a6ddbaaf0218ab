"""Where a printout goes: the terminal, standard output, or a file written atomically.

``-o FILE`` goes through ``store.files.write_atomically``: last week's report survives a full disk
or Ctrl-C, and the database itself (or an input) is never overwritten.
"""
from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import BinaryIO, Callable, TextIO

from store.errors import PlandeskError
from store.files import check_output_path, write_atomically


def protected_paths(ctx: object) -> list[Path]:
    """The files an output must never replace: the open database (and its side files)."""
    db = getattr(ctx, "db_path", None)
    return [Path(db)] if db else []


def write_file(output: str, write: Callable[[BinaryIO], None], protected: list[Path]) -> None:
    """Write ``output`` through ``write(binary handle)``, atomically; one clear line when it cannot."""
    path = check_output_path(output, protected=protected)
    try:
        write_atomically(path, write)
    except OSError as exc:
        raise PlandeskError(f"{output}: cannot write ({exc.strerror or exc})") from None


def write_text_file(output: str, write: Callable[[TextIO], None], protected: list[Path], *,
                    byte_order_mark: bool = False) -> None:
    """A text file in UTF-8 (with the byte-order mark spreadsheets want for CSV)."""

    def binary(handle: BinaryIO) -> None:
        stream = io.TextIOWrapper(handle, encoding="utf-8-sig" if byte_order_mark else "utf-8", newline="")
        write(stream)
        stream.flush()
        stream.detach()

    write_file(output, binary, protected)


def emit(fmt: str, reports: list, t, output: str | None, protected: list[Path],  # type: ignore[type-arg, no-untyped-def]
         console_factory: Callable[[], object]) -> None:
    """Print or write reports in ``fmt``: the same renderers for ``status`` and ``report``."""
    from tui.reports import text_width, write_report

    if fmt == "rich" and not output:
        from tui.reports.terminal import print_reports

        print_reports(console_factory(), reports, t)  # type: ignore[arg-type]
        return
    width = text_width()
    if not output:
        try:
            write_report(fmt, reports, t, sys.stdout, width)
            sys.stdout.flush()
        except BrokenPipeError:  # `| head`: the reader has what it wanted
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return
    write_text_file(output, lambda stream: write_report(fmt, reports, t, stream, width), protected,
                    byte_order_mark=fmt == "csv")
