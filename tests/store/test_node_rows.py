"""Nodes read in a batch share the parsing of their JSON texts, never the lists themselves."""
from __future__ import annotations

import json
import sqlite3

from store import queries as q


def test_nodes_with_the_same_units_get_lists_of_their_own() -> None:
    units = json.dumps(["区市场监管局"], ensure_ascii=False)
    fields = json.dumps({"牵头": "区市场监管局"}, ensure_ascii=False)
    row = ("p/a", "p", "a", None, "task", "1", "任务", None, units, 3, None, None, None, fields, 0, 1, None, units,
           None)
    first, second = q.nodes_of_rows([row, ("p/b", *row[1:])])
    assert first.units == second.units == ["区市场监管局"] and first.fields == second.fields
    first.units.append("区商务委")
    first.support.clear()
    first.fields["配合"] = "x"
    assert second.units == ["区市场监管局"] and second.support == ["区市场监管局"]
    assert second.fields == {"牵头": "区市场监管局"}


def test_a_node_read_alone_reads_the_same_as_in_a_batch(conn: sqlite3.Connection) -> None:
    plan = q.list_plans(conn)[0]
    batch = q.nodes(conn, plan.id)
    for node in batch[:50]:
        alone = q.node(conn, node.id)
        assert (alone.units, alone.fields, alone.support, alone.units_override, alone.seq) == \
            (node.units, node.fields, node.support, node.units_override, node.seq)
