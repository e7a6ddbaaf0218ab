"""The cyclic garbage collector, held off while a large plan's lines are read and made.

Opening a whole 50,000-node plan, a filter or a search makes some 100,000 tree lines and the
records behind them, many of which live as long as the view. CPython starts a full collection
whenever the objects that survived the last one grew by a quarter, and a full pass walks every
live object with the interpreter lock held: 100-300 ms in which no key is handled and nothing is
drawn, several times per fill, whichever thread (the reading worker or the app's) made the
objects. So the collector is paused while such a batch is read and added, and afterwards, if
the batch left many objects behind, what survived is frozen (``gc.freeze``): kept out of later
full passes, still freed by reference counting when dropped (the tree leaves no cycles behind:
``LineTree._let_go``). A small batch (a refresh after a tick) is not frozen: a freeze also keeps
whatever cyclic garbage is waiting then (a closed dialog) for good.
"""
from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

FREEZE_ABOVE = 20_000  # objects left behind by a batch beyond which they are frozen
_lock = threading.Lock()
_holders = 0  # the reads and fills under way that hold the collector off
_was_enabled = True


@contextmanager
def collector_paused() -> Iterator[None]:
    """Hold off the cyclic collector for a batch of long-lived objects (nestable, any thread);
    when the last holder is done, freeze what survived and let the collector run again."""
    global _holders, _was_enabled, _lines_since_freeze
    with _lock:
        if _holders == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0:
                if gc.get_count()[0] > FREEZE_ABOVE:  # the young objects since the last collection
                    keep_out_of_collections()
                    _lines_since_freeze = 0  # the batch's lines are frozen with it
                if _was_enabled:
                    gc.enable()


def keep_out_of_collections() -> None:
    """Tens of thousands of lines were just made and will live as long as the view: keep them
    out of the collector's full passes, each of which otherwise walked every one of them."""
    gc.freeze()


LINES_PER_FREEZE = 2_000  # lines added branch by branch between two freezes
_lines_since_freeze = LINES_PER_FREEZE  # the first lines shown freeze the start-up's objects too


def lines_added(count: int) -> None:
    """Lines were made (the tree counts each line it makes). Outside a paused batch, every
    ``LINES_PER_FREEZE`` of them the survivors are frozen: otherwise each full pass walks every line loaded so far,
    and opening a branch stalls longer the more is open (70 ms at 3,000 lines, 140 ms at 14,000).
    The first lines shown also freeze what the start-up made (modules, the screen's widgets).
    Not at every branch: each freeze also keeps for good the few hundred objects alive then that
    die later in a cycle, so freezes stay rare (one per 2,000 lines read, some 20 branches)."""
    global _lines_since_freeze
    _lines_since_freeze += count
    if _lines_since_freeze >= LINES_PER_FREEZE and not _holders:
        _lines_since_freeze = 0
        gc.collect(1)  # the young garbage first: only what is alive is kept out
        keep_out_of_collections()


def paused() -> bool:
    """Whether a read or fill holds the collector off now (for tests)."""
    return _holders > 0
