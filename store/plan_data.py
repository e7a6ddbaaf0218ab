"""A plan as read from its file: plain data the importer writes and the plan writer rebuilds.

``PlanHeading`` (what names a plan document) is shared with the plan being drafted
(store.draft.model); ``Noted`` (where an item stands in the document) by indicators and, as
``Printed``, by nodes and milestones.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from store.values import PrintedValue

TRACKED_KINDS = ("task", "entry", "project")


@dataclass(slots=True, kw_only=True)
class PlanHeading:
    """What names a plan document, as printed on it."""

    id: str
    region: str
    title: str
    source_file: str
    bureau: str | None = None
    doc_number: str | None = None
    issued: str | None = None


@dataclass(slots=True, kw_only=True)
class Noted:
    """Where an item stands in the plan document, and what its transcriber noted about it."""

    line: int | None = None
    note: str | None = None


@dataclass(slots=True, kw_only=True)
class Printed(Noted):
    """A noted item whose printed text the transcription may have repaired."""

    source: str | None = None  # the text as printed, when the transcription repairs it
    repair: str | None = None


@dataclass(slots=True, kw_only=True)
class NodeData(Printed):
    local_id: str
    kind: str
    title: str
    parent: str | None
    seq: int
    depth: int
    number: str | None = None
    text: str | None = None
    units: list[str] = field(default_factory=list)  # the lead units (牵头单位) as printed
    support: list[str] = field(default_factory=list)  # the supporting units (配合单位) as printed
    fields: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True, kw_only=True)
class MilestoneData(Printed):
    local_id: str
    node_id: str
    title: str
    due: date
    due_phrase: str
    seq: int
    start: date | None = None
    implicit: bool = False
    every: str | None = None  # "year"/"quarter": this is one occurrence of a recurring target
    series: str | None = None  # the recurring target's own id, shared by its occurrences
    same_as: str | None = None  # local id of the milestone this one repeats


@dataclass(slots=True)
class CellData:
    year: int
    table: str
    value: PrintedValue
    basis: str
    line: int | None
    effective: bool = False


@dataclass(slots=True, kw_only=True)
class IndicatorData(Noted):
    local_id: str
    name: str
    better: str
    measure: str
    baseline_year: int
    seq: int
    category: str | None = None  # the table's category cell, its number, unit and 指标属性 as printed
    number: str | None = None
    unit: str | None = None
    attribute: str | None = None
    cells: list[CellData] = field(default_factory=list)
    baseline: PrintedValue | None = None
    conflicts: list[dict[str, Any]] = field(default_factory=list)

    @property
    def binding(self) -> bool:
        return (self.attribute or "").startswith("约束")


@dataclass(slots=True, kw_only=True)
class PlanData(PlanHeading):
    start_year: int
    end_year: int
    note: str | None = None
    report_cycle: str | None = None  # None: the default (quarter)
    yellow_lag: float | None = None
    red_lag: float | None = None
    nodes: list[NodeData] = field(default_factory=list)
    milestones: list[MilestoneData] = field(default_factory=list)
    indicators: list[IndicatorData] = field(default_factory=list)


def derive_targets(ind: IndicatorData) -> None:
    """Baseline, the effective target per year, and conflicts between tables.

    The first row (the plan's main table) wins for a year; a later table that prints a
    different value for the same year is a conflict, kept and flagged, never silently dropped.
    A row given as yearly increments of a total does not supply that total's targets.
    """
    by_year: dict[int, list[CellData]] = {}
    for cell in ind.cells:
        by_year.setdefault(cell.year, []).append(cell)
    for year, cells in sorted(by_year.items()):
        usable = [c for c in cells if c.basis == ind.measure] or ([] if year != ind.baseline_year else cells)
        if usable:
            usable[0].effective = True
            if year == ind.baseline_year:
                ind.baseline = usable[0].value
        printed = {c.table: c.value.printed for c in cells}
        distinct = {(c.value.comparator, c.value.number, c.value.printed if c.value.number is None else "")
                    for c in cells}
        if len(distinct) > 1:
            conflict: dict[str, Any] = {"year": year, "values": printed}
            if len({c.basis for c in cells}) > 1:  # e.g. a period total against a yearly increment
                conflict["bases"] = {c.table: c.basis for c in cells}
            ind.conflicts.append(conflict)


