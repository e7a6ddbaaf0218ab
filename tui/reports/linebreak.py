"""Chinese line breaking for the text printouts: lines fit a width in terminal cells, no line starts
with closing punctuation (，。、；：）》」』” …) or ends with an opening one, and a number (``2023``,
``98.5%``, ``c1.s2``) or a Latin word is never split unless it is wider than a whole line.

Rich folds long Chinese text at any character, which strands a ``，`` at the start of a line and
breaks ``2023`` into ``20`` / ``23``; this is the rule of Chinese typesetting (避头尾) instead.
"""
from __future__ import annotations

import re

from rich.cells import cell_len

CLOSING = set("，。、；：？！）》」』”’】〕〉…—,.;:?!)]}%‰·")
OPENING = set("（《「『“‘【〔〈([{")
# a run that must stay whole: Latin letters, digits and what joins them (98.5%, c1.s2, 2023-06-30)
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._%/+\-:@#]*|\s+|.", re.S)


def width(text: str) -> int:
    return len(text) if text.isascii() else cell_len(text)


def wrap(text: str, columns: int) -> list[str]:
    """``text`` in lines of at most ``columns`` cells (each existing line break kept)."""
    columns = max(columns, 2)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if width(paragraph) <= columns:
            lines.append(paragraph)
        else:
            lines.extend(_wrap_line(paragraph, columns))
    return lines


def _wrap_line(text: str, columns: int) -> list[str]:
    lines: list[str] = []
    line: list[str] = []
    used = 0
    for token in _TOKEN.findall(text):
        size = width(token)
        if used + size <= columns:
            line.append(token)
            used += size
            continue
        if token.isspace():  # a space that does not fit goes; the next token breaks the line as it must
            continue
        while line and line[-1].isspace():  # a line never ends with the space it broke at
            used -= width(line.pop())
        carry: list[str] = []
        if token[0] in CLOSING:
            # the character before goes down with the punctuation (and any closing run before it)
            split = len(line) - 1
            while split > 0 and line[split][0] in CLOSING:
                split -= 1
            if split <= 0:  # nothing could go down with it: the punctuation hangs at the line's end
                line.append(token)
                used += size
                continue
            carry, line = line[split:], line[:split]
        while line and (line[-1].isspace() or line[-1][-1] in OPENING):
            popped = line.pop()  # an opening bracket never ends a line (nor the space before it)
            if not popped.isspace():
                carry.insert(0, popped)
        if line:
            lines.append("".join(line).rstrip())
        line = carry
        used = sum(width(t) for t in line)
        alone = all(t[-1] in OPENING for t in line)  # an opening bracket stays with what follows
        if used + size > columns and size <= columns and line and token[0] not in CLOSING and not alone:
            lines.append("".join(line))  # (closing punctuation instead hangs at the end of the carried line)
            line, used = [], 0
        if size > columns:  # a run wider than a whole line: cut it
            for piece in _cut(token, columns - used):
                if used and used + width(piece) > columns and not all(t[-1] in OPENING for t in line):
                    lines.append("".join(line))
                    line, used = [], 0
                line.append(piece)
                used += width(piece)
            continue
        line.append(token)
        used += size
    if line:
        lines.append("".join(line).rstrip())
    return lines or [""]


def _cut(token: str, first: int) -> list[str]:
    pieces, piece, used, limit = [], "", 0, max(first, 1)
    for ch in token:
        size = width(ch)
        if used + size > limit and piece and ch not in CLOSING:  # "." or "%" hangs rather than lead a line
            pieces.append(piece)
            piece, used, limit = "", 0, max(limit, 1)
        piece += ch
        used += size
    if piece:
        pieces.append(piece)
    return pieces


def pad(text: str, columns: int, right: bool = False) -> str:
    """``text`` padded with spaces to ``columns`` cells."""
    gap = columns - width(text)
    if gap <= 0:
        return text
    return " " * gap + text if right else text + " " * gap
