"""The export's units walk keeps one branch, not every node, and still says what ``Walk`` says:
a node inherits from its nearest named live ancestor, never across an archived parent, and its
own children inherit from it even when it sits under an archived node."""
from __future__ import annotations

import random

from store.units import BranchWalk, Walk


def _tree(rng: random.Random) -> list[tuple[int, str, str | None, str | None, str | None, str | None, str | None]]:
    """Rows (depth, id, parent, units, units_override, support, support_override) in document
    order, some nodes left out as if archived (their children stay)."""
    rows = []
    stack: list[str] = []
    for i in range(400):
        depth = rng.randrange(0, len(stack) + 1) if stack else 0
        del stack[depth:]
        node_id = f"n{i}"
        parent = stack[-1] if stack else None
        units = rng.choice((None, None, "[]", '["甲"]', '["乙"]'))
        override = rng.choice((None, None, None, "[]", '["丙"]'))
        support = rng.choice((None, None, '["丁"]'))
        rows.append((depth, node_id, parent, units, override, support, None))
        stack.append(node_id)
    return [row for row in rows if rng.random() > 0.15]  # the archived ones are not read


def test_branch_walk_says_what_walk_says() -> None:
    for seed in range(20):
        rows = _tree(random.Random(seed))
        walk, branch = Walk(), BranchWalk()
        for depth, node_id, parent, units, override, support, support_override in rows:
            columns = (node_id, parent, units, override, support, support_override)
            assert branch.step(depth, *columns) == walk.step(*columns), (seed, node_id)
