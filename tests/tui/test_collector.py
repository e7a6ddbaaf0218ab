"""The garbage collector is held off while a large plan's lines are made, and always let go after.

If it stayed off, every closed dialog and every refresh would leave its cyclic garbage behind for
good: the app would grow all day. If it ran meanwhile, each full pass over 100,000 new lines
would freeze the screen for a quarter of a second (``tui.collector``)."""
from __future__ import annotations

import gc
import threading
from pathlib import Path

import pytest

from tests.tui.test_tree_large import open_everything, tree_of
from tests.tui.tui_helpers import SIZE, make_app, settle
from tui import collector
from tui.widgets import plan_tree
from tui.widgets.plan_tree import PlanTree


@pytest.fixture(autouse=True)
def collector_on() -> None:
    gc.enable()


def test_nested_pauses_from_two_threads_let_the_collector_go_when_both_are_done() -> None:
    inner_done = threading.Event()
    outer = collector.collector_paused()
    outer.__enter__()
    assert not gc.isenabled()

    def worker() -> None:
        with collector.collector_paused():
            assert not gc.isenabled()
        inner_done.set()

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert inner_done.is_set()
    assert not gc.isenabled(), "the other holder is still at work"
    outer.__exit__(None, None, None)
    assert gc.isenabled()


def test_an_error_in_a_batch_still_lets_the_collector_go() -> None:
    with pytest.raises(RuntimeError), collector.collector_paused():
        raise RuntimeError("a read failed")
    assert gc.isenabled() and not collector.paused()


def test_a_collector_switched_off_before_stays_off() -> None:
    gc.disable()
    with collector.collector_paused():
        pass
    assert not gc.isenabled()


def test_only_a_large_batch_is_frozen_out_of_later_passes() -> None:
    gc.collect()
    before = gc.get_freeze_count()
    with collector.collector_paused():
        small = [[n] for n in range(100)]
    assert gc.get_freeze_count() == before, "a small batch (a refresh) is not frozen"
    with collector.collector_paused():
        large = [[n] for n in range(collector.FREEZE_ABOVE + 1000)]
    assert gc.get_freeze_count() >= before + len(large)
    gc.unfreeze()
    del small, large


async def test_open_all_makes_its_lines_with_the_collector_paused_then_lets_it_go(
        seeded_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plan_tree, "EAGER_LINES", 10)  # the seed plan filled as a large one is
    seen: list[bool] = []
    original = PlanTree._add_all

    def spy(self, *args, **kwargs):
        seen.append(gc.isenabled())
        return original(self, *args, **kwargs)

    monkeypatch.setattr(PlanTree, "_add_all", spy)
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        seen.clear()
        await open_everything(pilot)
        assert len(seen) > 10 and not any(seen), "no full pass while the lines were made"
        assert gc.isenabled()
        # an open all stopped half-way (close all) lets it go too
        await pilot.press("minus")
        await settle(pilot)
        tree = tree_of(app)
        await pilot.press("asterisk")
        await pilot.pause()
        await pilot.press("minus")
        await settle(pilot)
        assert not tree.opening_all
        assert gc.isenabled() and not collector.paused()


def test_lines_read_branch_by_branch_are_frozen_every_few_thousand(monkeypatch: pytest.MonkeyPatch) -> None:
    """Else every full pass walks all lines loaded so far: opening a branch slows as more is open."""
    monkeypatch.setattr(collector, "_lines_since_freeze", 0)
    gc.collect()
    before = gc.get_freeze_count()
    kept = [[n] for n in range(1000)]
    collector.lines_added(collector.LINES_PER_FREEZE - 1)
    assert gc.get_freeze_count() == before, "a few branches: nothing frozen"
    with collector.collector_paused():
        collector.lines_added(1)
        assert gc.get_freeze_count() == before, "a paused batch freezes when it is done, not meanwhile"
    collector.lines_added(1)
    assert gc.get_freeze_count() >= before + len(kept)
    gc.unfreeze()


async def test_a_refresh_that_makes_no_line_freezes_nothing(seeded_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The lines counted are the lines made: a refresh after a change (every open line relabelled,
    none made) would otherwise freeze the heap again after every tick with a large plan open."""
    app = make_app(seeded_db, plan="wulong")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_everything(pilot)
        monkeypatch.setattr(collector, "LINES_PER_FREEZE", 1)
        monkeypatch.setattr(collector, "_lines_since_freeze", 0)
        before = gc.get_freeze_count()
        app.screen_stack[0].refresh_view()
        await settle(pilot)
        assert gc.get_freeze_count() == before
        await pilot.press("minus")  # close all, then open one chapter: its lines exist already
        await pilot.press("right")
        await settle(pilot)
        assert gc.get_freeze_count() == before
    gc.unfreeze()
