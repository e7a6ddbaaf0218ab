"""Counts over every node's subtree at once, by prefix sums over seq.

A node's subtree is the seq range [seq, last_seq] (store.schema), so with ``below[k][x]``, the
number of things of kind ``k`` at seq <= x, a node's count is ``below[k][last_seq] -
below[k][seq - 1]``: one pass over the things, one subtraction per node and kind, whatever the
depth of the tree. (A join of every node with its range counts each thing once per ancestor and
looks each range up in an index.) Used where every node needs its counts: the export.
"""
from __future__ import annotations

from array import array
from collections.abc import Iterable
from itertools import accumulate


class SubtreeCounts:
    """Things of ``kinds`` kinds placed at seqs; ``of(seq, last_seq)`` counts them by kind in a range."""

    def __init__(self, placed: Iterable[tuple[int, int]], kinds: int, last: int) -> None:
        """``placed``: (seq, kind) of each thing; ``last``: the largest seq any range reaches."""
        at = [array("q", bytes(8 * (last + 2))) for _ in range(kinds)]
        for seq, kind in placed:
            at[kind][seq + 1] += 1  # shifted by one, so that below[k][seq] counts seq - 1 and before
        self._below = [array("q", accumulate(row)) for row in at]  # 8 bytes a seq, not a Python int

    def of(self, seq: int, last_seq: int) -> tuple[int, ...]:
        """How many things of each kind lie in [seq, last_seq]."""
        return tuple([row[last_seq + 1] - row[seq] for row in self._below])
