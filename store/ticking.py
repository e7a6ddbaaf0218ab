"""What a tick on a line means: the one rule the command line and the app share.

A milestone is ticked as itself. A task (a node) stands for its milestone when it has exactly
one, whether that one is implicit (the task's own deadline) or written out: so
``plandesk tick linyi/p3.t10`` and ``space`` on that task's line tick the same milestone. A task
with several milestones, or none, names no milestone: the clerk picks one.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import TypeVar

from store import queries as q
from store.changes import ALSO, Change
from store.errors import NotFound

M = TypeVar("M")


def line_milestone(milestones: Sequence[M]) -> M | None:
    """The milestone a tick on a task means, given the task's (non-archived) milestones."""
    return milestones[0] if len(milestones) == 1 else None


class NotOneMilestone(NotFound):
    """A task was named where a milestone is needed, and it has not exactly one."""

    def __init__(self, ref: str, milestone_ids: list[str]) -> None:
        self.ref, self.milestone_ids = ref, milestone_ids
        listed = ", ".join(milestone_ids) or "—"
        super().__init__("err_not_one_milestone", ref=ref, count=len(milestone_ids), ids=listed)


def milestone_to_tick(conn: sqlite3.Connection, ref: str) -> str:
    """The id of the milestone ``ref`` means: a milestone (id or unambiguous reference), or a
    task with exactly one milestone. Raises ``NotFound`` (``NotOneMilestone`` for a task)."""
    try:
        return q.resolve_item(conn, "milestones", ref)
    except NotFound as not_a_milestone:
        try:
            node_id = q.resolve_item(conn, "nodes", ref)
        except NotFound:
            raise not_a_milestone from None
    ids = [str(r[0]) for r in conn.execute(
        "SELECT id FROM milestones WHERE node_id = ? AND archived_at IS NULL ORDER BY seq, id", (node_id,))]
    only = line_milestone(ids)
    if only is None:
        raise NotOneMilestone(ref, ids)
    return only


def nodes_changed(conn: sqlite3.Connection, change: Change) -> frozenset[str]:
    """The nodes whose milestones a milestone's change touched (a tick or untick, an add, an edit, a
    delete): the milestone's own and those of the linked copies changed with it (a tick, a note).
    Their lines and figures, and their ancestors', are all such a change can alter on screen."""
    ids = [change.entity_id, *change.also("milestone")]
    marks = ", ".join("?" for _ in ids)
    return frozenset(r[0] for r in conn.execute(f"SELECT DISTINCT node_id FROM milestones WHERE id IN ({marks})", ids))


_TICK_FIELDS = frozenset(("done_on", "done_note", ALSO))  # all a tick, an untick, or the undo of one changes
_UNIT_FIELDS = frozenset(("units_override", "support_override"))  # all setting a node's units changes


def nodes_stepped(conn: sqlite3.Connection, changes: Sequence[Change]) -> frozenset[str] | None:
    """The nodes an undo or redo changed when every step only ticked or unticked milestones (the
    undo of a tick, the commonest ctrl+z) or set a node's units: ``nodes_changed`` of each tick,
    the node of each units change. None when any step changed more (an edit, an added or archived
    row): everything may have moved."""
    nodes: set[str] = set()
    for change in changes:
        if change.skipped:
            continue
        fields = set(change.before or ()) | set(change.after or ())
        if change.before is None or change.after is None:
            return None
        if change.entity == "node" and fields <= _UNIT_FIELDS:
            nodes.add(change.entity_id)
            continue
        if change.entity != "milestone" or not fields <= _TICK_FIELDS:
            return None
        nodes |= nodes_changed(conn, change)
    return frozenset(nodes)
