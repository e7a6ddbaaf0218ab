"""Long lists printed the way taskwarrior prints them: plain aligned rows, streamed.

A rich ``Table`` measures every cell of every row before it draws the first line: on 5,000
overdue milestones that is seconds. Here each row is one formatted string written as it comes;
the columns of known width (ids are ASCII, dates ISO) are padded by ``rich.cells.cell_len`` so
Chinese labels line up too, and the title goes last, folded under itself when the terminal is
too narrow. Colour only on a terminal without ``NO_COLOR``; plan text is made visible
(``store.safe_text``), never acted on. Imports nothing of rich beyond ``rich.cells``.
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from datetime import date
from typing import TextIO

from rich.cells import cell_len, get_character_cell_size

from store.safe_text import visible
from store.status import days_late
from tui.i18n import Catalog

GAP = "  "
MIN_TITLE_WIDTH = 16  # narrower than this, a title is printed whole rather than folded
BOLD, DIM, RED, RESET = "\x1b[1m", "\x1b[2m", "\x1b[1;31m", "\x1b[0m"


def is_terminal(out: TextIO) -> bool:
    isatty = getattr(out, "isatty", None)
    return bool(isatty and isatty())


def use_colour(out: TextIO) -> bool:
    """The rich printouts' rule: a terminal (or ``FORCE_COLOR``), never with ``NO_COLOR``."""
    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or (is_terminal(out) and os.environ.get("TERM") != "dumb")


def pad(text: str, width: int, right: bool = False) -> str:
    """``text`` padded to ``width`` terminal cells (a Chinese character takes two)."""
    fill = " " * max(0, width - cell_len(text))
    return fill + text if right else text + fill


def fold(text: str, width: int) -> list[str]:
    """``text`` cut into pieces of at most ``width`` cells (a zero-width mark stays with its base)."""
    pieces: list[str] = []
    start = used = 0
    for i, char in enumerate(text):
        size = get_character_cell_size(char)
        if size and used + size > width and i > start:
            pieces.append(text[start:i])
            start, used = i, 0
        used += size
    pieces.append(text[start:])
    return pieces


def write_overdue(out: TextIO, heading: str, rows: Sequence[Sequence[str]], today: date, t: Catalog,
                  width: int | None = None) -> None:
    """One plan's overdue milestones: a heading, then ``ID  Due  Late  Milestone`` rows.

    ``rows`` are (id, title, due ISO) soonest due first, so the first row is the latest. On a
    terminal a long title folds under itself; in a pipe every milestone stays one line, so that
    ``grep`` finds it whole."""
    colour = use_colour(out)
    terminal = is_terminal(out)
    bold, dim, red, reset = (BOLD, DIM, RED, RESET) if colour else ("", "", "", "")
    width = width or shutil.get_terminal_size().columns
    write = out.write
    write(f"{bold}{visible(heading, one_line=True)}{reset}\n")
    if not rows:
        write(f"  {dim}{t('none')}{reset}\n")
        return
    id_width = max(cell_len(t("id")), max(len(row[0]) for row in rows))  # ids are ASCII
    late_width = max(cell_len(t("days_late", n=days_late(date.fromisoformat(rows[0][2]), today))),
                     cell_len(t("ls_late")))
    due_width = max(10, cell_len(t("due")))
    indent = id_width + due_width + late_width + 3 * len(GAP)
    title_width = width - indent
    folding = terminal and title_width >= MIN_TITLE_WIDTH
    head = GAP.join((pad(t("id"), id_width), pad(t("due"), due_width), pad(t("ls_late"), late_width, right=True),
                     t("milestone")))
    write(f"{dim}{head}{reset}\n")
    continuation = "\n" + " " * indent
    lines: list[str] = []  # written in blocks: one write per row costs more than the row itself
    late_of: dict[str, str] = {}  # many milestones share a due date: format each once
    for item_id, title, due in rows:
        late = late_of.get(due)
        if late is None:
            late = late_of[due] = pad(t("days_late", n=days_late(date.fromisoformat(due), today)), late_width,
                                      right=True)
        text = visible(" ".join(title.split()), one_line=True)
        if folding and len(text) * 2 > title_width and cell_len(text) > title_width:
            text = continuation.join(fold(text, title_width))
        lines.append(f"{dim}{item_id.ljust(id_width)}{reset}{GAP}{due.ljust(due_width)}{GAP}{red}{late}{reset}{GAP}{text}\n")
        if len(lines) >= 1000:
            write("".join(lines))
            lines.clear()
    write("".join(lines))


def write_missing(out: TextIO, title: str, heading: str | None, none_line: str,
                  groups: Sequence[tuple[str, Sequence[tuple[str, str | None, str, str]]]], due_label: str,
                  width: int | None = None) -> None:
    """One plan's 催报 list: its title, then ``heading`` and per unit ``UNIT (n)`` with its items,
    ``  id  number title  Due date`` (or ``none_line`` when ``heading`` is None).

    ``groups``: (unit label, items (id without the plan, number, title, due ISO)). On a terminal
    a long line folds under its title; in a pipe every item stays one line, for ``grep``."""
    colour = use_colour(out)
    bold, dim, reset = (BOLD, DIM, RESET) if colour else ("", "", "")
    green, yellow = ("\x1b[32m", "\x1b[1;33m") if colour else ("", "")
    width = width or shutil.get_terminal_size().columns
    folding = is_terminal(out)
    write = out.write
    write(f"{bold}{visible(title, one_line=True)}{reset}\n")
    if heading is None:
        write(f"  {green}{none_line}{reset}\n")
        return
    write(f"{bold}{heading}{reset}\n")
    for unit, items in groups:
        write(f"{yellow}{visible(unit, one_line=True)} ({len(items)}){reset}\n")
        lines: list[str] = []  # written in blocks: one write per row costs more than the row itself
        for item_id, number, item_title, due in items:
            text = visible(" ".join(item_title.split()), one_line=True)
            text = f"{visible(number, one_line=True)} {text}" if number else text
            indent = len(item_id) + 4  # ids are ASCII
            tail = f"{GAP}{due_label} {due}"
            if folding and width - indent >= MIN_TITLE_WIDTH and cell_len(text + tail) > width - indent:
                pieces = fold(text + tail, width - indent)
                lines.append(f"  {dim}{item_id}{reset}{GAP}" + ("\n" + " " * indent).join(pieces) + "\n")
            else:
                lines.append(f"  {dim}{item_id}{reset}{GAP}{text}{dim}{tail}{reset}\n")
            if len(lines) >= 1000:
                write("".join(lines))
                lines.clear()
        write("".join(lines))
