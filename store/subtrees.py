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

from collections.abc import Iterable
from itertools import accumulate

BITS = 24  # up to 16 million things of one kind under a node
_MASK = (1 << BITS) - 1


def unit(kind: int) -> int:
    """What one thing of ``kind`` adds to a packed count."""
    return 1 << (BITS * kind)


def unpack(packed: int, kinds: int) -> tuple[int, ...]:
    """A packed count as one count per kind."""
    return tuple((packed >> (BITS * k)) & _MASK for k in range(kinds))


class SubtreeCounts:
    """Things placed at seqs; ``packed(seq, last_seq)`` counts them by kind in a range, packed."""

    def __init__(self, placed: Iterable[tuple[int, int]], last: int) -> None:
        """``placed``: (seq, ``unit(kind)``) of each thing; ``last``: the largest seq any range reaches."""
        at = [0] * (last + 2)
        for seq, one in placed:
            at[seq + 1] += one  # shifted by one, so that below[seq] counts seq - 1 and before
        self.below = list(accumulate(at))

    def packed(self, seq: int, last_seq: int) -> int:
        """Things of every kind in [seq, last_seq], packed (``unpack`` them)."""
        return self.below[last_seq + 1] - self.below[seq]
