"""Counts over every node's subtree at once, by prefix sums over seq, packed in one integer.

A node's subtree is the seq range [seq, last_seq] (store.schema), so with ``below[x]``, the
things at seq < x, a node's counts are ``below[last_seq + 1] - below[seq]``: one pass over the
things, one subtraction per node whatever the depth of the tree. (A join of every node with its
range counts each thing once per ancestor and looks each range up in an index.) Every kind has
its own ``BITS`` bits of one Python integer, so the subtraction counts all kinds at once and its
result is a ready dictionary key: most nodes of a plan share a handful of counts, and what is
written for them is prepared once per distinct count. Used where every node needs its counts:
the export.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from itertools import accumulate

BITS = 24  # up to 16 million things of one kind under a node
_MASK = (1 << BITS) - 1
DENSE_LIMIT = 1 << 22  # seqs up to this many are counted in a list indexed by seq; beyond, sparsely


def unit(kind: int) -> int:
    """What one thing of ``kind`` adds to a packed count."""
    return 1 << (BITS * kind)


def unpack(packed: int, kinds: int) -> tuple[int, ...]:
    """A packed count as one count per kind."""
    return tuple((packed >> (BITS * k)) & _MASK for k in range(kinds))


def compact(first: int, last: int) -> bool:
    """True when seqs from ``first`` to ``last`` can index a list: what every import and tree edit
    writes (0, 1, 2 … in document order). A file whose seqs were typed in by hand (a seq of 10**9,
    a negative one) is counted sparsely instead of allocating a list that long."""
    return first >= 0 and last < DENSE_LIMIT


class _SparseBelow:
    """``below[x]`` of a damaged file's seqs, looked up by bisection over the seqs that hold things."""

    def __init__(self, placed: Iterable[tuple[int, int]]) -> None:
        at: dict[int, int] = {}
        for seq, one in placed:
            at[seq] = at.get(seq, 0) + one
        self.seqs = sorted(at)
        self.sums = [0, *accumulate(at[seq] for seq in self.seqs)]

    def __getitem__(self, seq: int) -> int:
        return self.sums[bisect_left(self.seqs, seq)]


class SubtreeCounts:
    """Things placed at seqs; ``packed(seq, last_seq)`` counts them by kind in a range, packed."""

    below: Sequence[int] | _SparseBelow

    def __init__(self, placed: Iterable[tuple[int, int]], last: int, first: int = 0) -> None:
        """``placed``: (seq, ``unit(kind)``) of each thing; ``first`` / ``last``: the smallest and
        the largest seq any thing or range holds."""
        if not compact(first, last):
            self.below = _SparseBelow(placed)
            return
        at = [0] * (last + 2)
        for seq, one in placed:
            at[seq + 1] += one  # shifted by one, so that below[seq] counts seq - 1 and before
        self.below = list(accumulate(at))

    def packed(self, seq: int, last_seq: int) -> int:
        """Things of every kind in [seq, last_seq], packed (``unpack`` them)."""
        return self.below[last_seq + 1] - self.below[seq]
