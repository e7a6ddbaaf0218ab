"""The drafted plan while it is being built: nodes, milestones and indicators with source lines."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from store.plan_data import PlanHeading


@dataclass
class DraftMilestone:
    title: str
    due: str
    line: int
    year: int
    recurring: bool = False
    key: str = ""  # the id's last part when it has a meaning (y2022), else m1, m2 ... by order
    id: str = ""


@dataclass
class DraftNode:
    kind: str  # final kind after outline.finalize; "heading"/"para" while building
    title: str
    line: int
    number: str | None = None
    style: str | None = None  # numbering style (headings.py) or h1.. for Word/Markdown headings
    ordinal: int | None = None
    level: float = 0
    separate: bool = False  # a heading on a line of its own (not run into its paragraph)
    text: str = ""
    paras: list[tuple[int, str]] = field(default_factory=list)  # (line, text) paragraphs it holds
    children: list[DraftNode] = field(default_factory=list)
    parent: DraftNode | None = field(default=None, repr=False)
    units: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    milestones: list[DraftMilestone] = field(default_factory=list)
    due: str | None = None
    entry_style: str | None = None  # a box: the numbering style of its entries
    boxed: bool = False  # a box drawn as a one-column table: its border closes it
    from_table: bool = False
    id: str = ""

    def add(self, child: DraftNode) -> DraftNode:
        child.parent = self
        self.children.append(child)
        return child

    def walk(self) -> Any:
        for child in self.children:
            yield child
            yield from child.walk()


@dataclass
class DraftRow:
    table: str
    line: int
    values: dict[int, str]


@dataclass
class DraftIndicator:
    name: str
    line: int
    baseline_year: int
    rows: list[DraftRow] = field(default_factory=list)
    unit: str | None = None
    attribute: str | None = None
    category: str | None = None
    number: str | None = None
    better: str = "higher"
    measure: str = "total"
    id: str = ""


@dataclass
class DraftPlan(PlanHeading):
    """A plan being drafted: named as a plan read from its file is (``PlanHeading``)."""

    start: int
    end: int
    nodes: list[DraftNode] = field(default_factory=list)
    indicators: list[DraftIndicator] = field(default_factory=list)
