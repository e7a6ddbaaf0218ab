"""The records the store's read questions answer with: a plan, its nodes, milestones and indicators.

Plain typed data, apart from the few derived views every surface needs the same way (a node's
label and the units that apply, an indicator's effective target and status).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from store import status as st

if TYPE_CHECKING:
    from store.units import Units


def numbered(number: str | None, title: str) -> str:
    """How a node is named wherever it is listed: its printed number, then its title."""
    return f"{number} {title}" if number else title


class Labelled:
    """A node-like record (a tree node, a report's chapter or task group) named by number and title."""

    number: str | None
    title: str

    @property
    def label(self) -> str:
        return numbered(self.number, self.title)


class Plan(NamedTuple):
    """A plan's heading (a named tuple: immutable, and a quarter of a frozen dataclass's
    start-up cost, which every command and the app pay on import)."""

    id: str
    region: str
    title: str
    bureau: str | None
    doc_number: str | None
    start_year: int
    end_year: int
    source_file: str | None

    @property
    def period(self) -> str:
        return f"{self.start_year}-{self.end_year}" if self.start_year != self.end_year else str(self.start_year)


@dataclass
class Node(Labelled):
    id: str
    plan_id: str
    local_id: str
    parent_id: str | None
    kind: str
    number: str | None
    title: str
    text: str | None
    units: list[str]
    line: int | None
    source: str | None
    repair: str | None
    note: str | None
    fields: dict[str, str]
    depth: int
    seq: int
    units_override: list[str] | None = None
    support: list[str] = field(default_factory=list)  # supporting units (配合单位) as printed
    support_override: list[str] | None = None
    # the units that apply (store.units: own, else the nearest named ancestor's); filled by
    # ``node()`` and ``nodes()``, None from the tree's lazy loading (which shows no units)
    applying: Units | None = None

    @property
    def own_units(self) -> list[str]:
        """The lead units named on this node itself (the clerk's setting, else as printed)."""
        return self.units_override if self.units_override is not None else self.units

    @property
    def effective_units(self) -> list[str]:
        """The lead units (牵头单位) that apply: own, else inherited (see store.units)."""
        if self.applying is not None:
            return list(self.applying.lead)
        return self.own_units

    @property
    def effective_support(self) -> list[str]:
        """The supporting units (配合单位) that apply."""
        if self.applying is not None:
            return list(self.applying.support)
        return self.support_override if self.support_override is not None else self.support


@dataclass
class Milestone:
    id: str
    plan_id: str
    node_id: str
    title: str
    due: date
    due_phrase: str | None
    start: date | None
    done_on: date | None
    done_note: str | None
    implicit: bool
    origin: str
    line: int | None
    seq: int
    state: str = st.OPEN


class Cell(NamedTuple):
    """One printed target cell (immutable)."""

    year: int
    table: str
    printed: str
    number: float | None
    comparator: str | None
    basis: str
    effective: bool


@dataclass
class IndicatorHeading:
    """What names and judges an indicator wherever it is listed: the indicators screen reads it
    from ``Indicator``, the reports from ``store.report.IndicatorRow``."""

    id: str
    category: str | None
    number: str | None
    name: str
    unit: str | None
    attribute: str | None
    binding: bool
    better: str
    measure: str
    baseline_year: int


@dataclass
class Indicator(IndicatorHeading):
    plan_id: str
    baseline_printed: str | None
    note: str | None
    conflicts: list[dict[str, object]]
    line: int | None
    cells: list[Cell] = field(default_factory=list)
    actuals: dict[int, float] = field(default_factory=dict)
    actual_notes: dict[int, str] = field(default_factory=dict)

    def target(self, year: int) -> Cell | None:
        """The effective target printed for ``year`` (the main table's, see loader.derive_targets)."""
        for cell in self.cells:
            if cell.year == year and cell.effective:
                return cell
        return None

    @property
    def target_years(self) -> list[int]:
        return sorted({c.year for c in self.cells if c.year > self.baseline_year})

    def status(self, year: int, today: date) -> str:
        cell = self.target(year)
        return st.indicator_status(cell.number if cell else None, cell.comparator if cell else None,
                                   self.better, self.actuals.get(year), year, today, self.binding)
