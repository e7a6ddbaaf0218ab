"""Read and validate a plan file (see docs/PLAN_FORMAT.md) into plain data, all problems at once.

Every problem is reported as ``FILE:LINE: field: message`` with the line in the YAML file, so a
clerk can fix the file; nothing is written to the database unless the whole file is valid.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from store import loader_progress as progress_keys
from store import periods
from store.deadlines import DeadlineError, parse_deadline
from store.errors import ImportFailed
from store.units import clean as clean_units
from store.values import PrintedValue, parse_printed

NODE_KINDS = ("part", "chapter", "section", "task", "box", "entry", "project", "text", "annex")
TRACKED_KINDS = ("task", "entry", "project")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_PLAN_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
LINE_KEY = "__line__"
LINES_KEY = "__lines__"


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A safe loader that remembers the YAML line of every mapping and of each of its keys."""


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[str, Any]:
    loader.flatten_mapping(node)
    mapping: dict[Any, Any] = {}
    lines: dict[Any, int] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        mapping[key] = loader.construct_object(value_node, deep=True)
        lines[key] = key_node.start_mark.line + 1
    mapping[LINE_KEY] = node.start_mark.line + 1
    mapping[LINES_KEY] = lines
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


@dataclass
class NodeData:
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
    line: int | None = None
    source: str | None = None
    repair: str | None = None
    note: str | None = None
    fields: dict[str, str] = field(default_factory=dict)


@dataclass
class MilestoneData:
    local_id: str
    node_id: str
    title: str
    due: date
    due_phrase: str
    seq: int
    start: date | None = None
    line: int | None = None
    source: str | None = None
    repair: str | None = None
    note: str | None = None
    implicit: bool = False
    every: str | None = None  # "year"/"quarter": this is one occurrence of a recurring target
    series: str | None = None  # the recurring target's own id, shared by its occurrences
    same_as: str | None = None  # local id of the milestone this one repeats


@dataclass
class CellData:
    year: int
    table: str
    value: PrintedValue
    basis: str
    line: int | None
    effective: bool = False


@dataclass
class IndicatorData:
    local_id: str
    name: str
    better: str
    measure: str
    baseline_year: int
    seq: int
    category: str | None = None
    number: str | None = None
    unit: str | None = None
    attribute: str | None = None
    line: int | None = None
    note: str | None = None
    cells: list[CellData] = field(default_factory=list)
    baseline: PrintedValue | None = None
    conflicts: list[dict[str, Any]] = field(default_factory=list)

    @property
    def binding(self) -> bool:
        return (self.attribute or "").startswith("约束")


@dataclass
class PlanData:
    id: str
    region: str
    title: str
    start_year: int
    end_year: int
    source_file: str
    bureau: str | None = None
    doc_number: str | None = None
    issued: str | None = None
    note: str | None = None
    report_cycle: str | None = None  # None: the default (quarter)
    yellow_lag: float | None = None
    red_lag: float | None = None
    nodes: list[NodeData] = field(default_factory=list)
    milestones: list[MilestoneData] = field(default_factory=list)
    indicators: list[IndicatorData] = field(default_factory=list)


class _Problems:
    """Collects problems as ``FILE:LINE: field: message``."""

    def __init__(self, file_name: str):
        self.file_name = file_name
        self.items: list[str] = []

    def add(self, where: dict[str, Any] | None, key: str, message: str, label: str = "") -> None:
        line = 0
        if isinstance(where, dict):
            line = where.get(LINES_KEY, {}).get(key) or where.get(LINE_KEY, 0)
        context = f" ({label})" if label else ""
        self.items.append(f"{self.file_name}:{line}: {key}: {message}{context}")


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        raise TypeError("expected text")
    return str(value)


class _PlanReader:
    """Turns one YAML document into PlanData, recording problems instead of stopping at the first."""

    def __init__(self, doc: dict[str, Any], problems: _Problems):
        self.doc = doc
        self.p = problems
        self.node_ids: set[str] = set()
        self.milestone_ids: set[str] = set()
        self.link_sources: dict[str, dict[str, Any]] = {}
        self.seq = 0

    def required_text(self, where: dict[str, Any], key: str, label: str) -> str:
        value = where.get(key)
        if value is None or str(value).strip() == "":
            self.p.add(where, key, "missing", label)
            return ""
        if isinstance(value, (dict, list)):
            self.p.add(where, key, "must be text", label)
            return ""
        return str(value)

    def optional_text(self, where: dict[str, Any], key: str, label: str) -> str | None:
        try:
            return _text(where.get(key))
        except TypeError:
            self.p.add(where, key, "must be text", label)
            return None

    def read(self) -> PlanData | None:
        doc = self.doc
        plan_id = self.required_text(doc, "id", "plan")
        if plan_id and not _PLAN_ID.match(plan_id):
            self.p.add(doc, "id", f"{plan_id!r} is not a plan id (lower-case letters, digits and -)")
        label = f"plan {plan_id}"
        period = doc.get("period")
        start_year = end_year = 0
        if not isinstance(period, dict) or not isinstance(period.get("start"), int) or not isinstance(period.get("end"), int):
            self.p.add(doc, "period", "must be {start: YEAR, end: YEAR}", label)
        else:
            start_year, end_year = period["start"], period["end"]
            if end_year < start_year:
                self.p.add(period, "end", "ends before it starts", label)
        issued = doc.get("issued")
        plan = PlanData(
            id=plan_id, region=self.required_text(doc, "region", label),
            title=self.required_text(doc, "title", label), start_year=start_year, end_year=end_year,
            source_file=self.required_text(doc, "source_file", label),
            bureau=self.optional_text(doc, "bureau", label),
            doc_number=self.optional_text(doc, "doc_number", label),
            issued=issued.isoformat() if isinstance(issued, date) else _text(issued),
            note=self.optional_text(doc, "note", label),
        )
        self.end_year = end_year or date.today().year
        self.start_year = start_year or self.end_year
        progress_keys.read_reporting(self, plan, doc.get("reporting"), label)
        nodes = doc.get("nodes")
        if not isinstance(nodes, list) or not nodes:
            self.p.add(doc, "nodes", "must be a non-empty list", label)
        else:
            self.read_nodes(plan, nodes, parent=None, depth=0)
            progress_keys.check_links(self, plan)
        indicators = doc.get("indicators") or []
        if not isinstance(indicators, list):
            self.p.add(doc, "indicators", "must be a list", label)
        else:
            ids: set[str] = set()
            for position, ind in enumerate(indicators):
                self.read_indicator(plan, ind, position, ids)
        return plan

    def check_id(self, where: dict[str, Any], seen: set[str], what: str) -> str:
        local_id = self.required_text(where, "id", what)
        if local_id and not _ID.match(local_id):
            self.p.add(where, "id", f"{local_id!r} is not a valid id (letters, digits, . - _)", what)
        elif local_id in seen:
            self.p.add(where, "id", f"duplicate id {local_id!r}", what)
        seen.add(local_id)
        return local_id

    def read_nodes(self, plan: PlanData, nodes: list[Any], parent: str | None, depth: int) -> None:
        for raw in nodes:
            if not isinstance(raw, dict):
                self.p.add(None, "nodes", "each node must be a mapping")
                continue
            local_id = self.check_id(raw, self.node_ids, "node")
            label = f"node {local_id}"
            kind = self.required_text(raw, "kind", label)
            if kind and kind not in NODE_KINDS:
                self.p.add(raw, "kind", f"{kind!r} is not one of {', '.join(NODE_KINDS)}", label)
            units = self.unit_list(raw, "units", label) + self.unit_list(raw, "lead", label)
            support = self.unit_list(raw, "support", label)
            fields = raw.get("fields") or {}
            if not isinstance(fields, dict):
                self.p.add(raw, "fields", "must be a mapping of label: value", label)
                fields = {}
            fields = {str(k): str(v) for k, v in fields.items() if k not in (LINE_KEY, LINES_KEY)}
            line = raw.get("line")
            if line is not None and not isinstance(line, int):
                self.p.add(raw, "line", "must be a line number", label)
                line = None
            node = NodeData(
                local_id=local_id, kind=kind, title=self.required_text(raw, "title", label),
                parent=parent, seq=self.next_seq(), depth=depth,
                number=self.optional_text(raw, "number", label), text=self.optional_text(raw, "text", label),
                units=clean_units(units), support=support, line=line, source=self.optional_text(raw, "source", label),
                repair=self.optional_text(raw, "repair", label), note=self.optional_text(raw, "note", label),
                fields=fields,
            )
            plan.nodes.append(node)
            own_due = raw.get("due")
            milestones = raw.get("milestones") or []
            if not isinstance(milestones, list):
                self.p.add(raw, "milestones", "must be a list", label)
                milestones = []
            for m in milestones:
                self.read_milestone(plan, m, local_id)
            if not milestones and (kind in TRACKED_KINDS or own_due is not None):
                self.implicit_milestone(plan, raw, node, own_due)
            children = raw.get("children") or []
            if not isinstance(children, list):
                self.p.add(raw, "children", "must be a list", label)
            else:
                self.read_nodes(plan, children, local_id, depth + 1)

    def unit_list(self, raw: dict[str, Any], key: str, label: str) -> list[str]:
        return progress_keys.unit_list(self, raw, key, label)

    def next_seq(self) -> int:
        self.seq += 1
        return self.seq

    def deadline(self, where: dict[str, Any], key: str, value: Any, label: str) -> tuple[date | None, date | None]:
        """(start, due) of a phrase; for the ``start`` key the phrase is read as a start."""
        try:
            parsed = parse_deadline(value, self.end_year)
        except DeadlineError as exc:
            self.p.add(where, key, str(exc), label)
            return None, None
        if key == "start":
            return parsed.as_start, parsed.as_start
        return parsed.start, parsed.due

    def implicit_milestone(self, plan: PlanData, raw: dict[str, Any], node: NodeData, own_due: Any) -> None:
        """A tracked node with no milestone of its own is one: due at its date or the plan's end."""
        if own_due is not None:
            start, due = self.deadline(raw, "due", own_due, f"node {node.local_id}")
            phrase = str(own_due)
        else:
            start, due, phrase = None, date(self.end_year, 12, 31), ""
        if due is None:
            return
        if node.local_id in self.milestone_ids:
            self.p.add(raw, "id", f"node id {node.local_id!r} is also used by a milestone", f"node {node.local_id}")
        self.milestone_ids.add(node.local_id)
        plan.milestones.append(MilestoneData(
            local_id=node.local_id, node_id=node.local_id, title=node.title, due=due, due_phrase=phrase,
            seq=node.seq, start=start, line=node.line, implicit=True))

    def read_milestone(self, plan: PlanData, raw: Any, node_id: str) -> None:
        if not isinstance(raw, dict):
            self.p.add(None, "milestones", f"each milestone of node {node_id} must be a mapping")
            return
        local_id = self.check_id(raw, self.milestone_ids, "milestone")
        label = f"milestone {local_id}"
        if local_id in self.node_ids:
            self.p.add(raw, "id", f"{local_id!r} is already a node id", label)
        due_raw = raw.get("due")
        start: date | None = None
        due: date | None = None
        if due_raw is None or str(due_raw).strip() == "":
            self.p.add(raw, "due", "missing", label)
        else:
            start, due = self.deadline(raw, "due", due_raw, label)
        if raw.get("start") is not None:
            _, start = self.deadline(raw, "start", raw["start"], label)
        if start and due and start > due:
            self.p.add(raw, "start", "is after the due date", label)
        title = self.required_text(raw, "title", label)
        every = raw.get("every")
        if every is not None and every not in (periods.YEAR, periods.QUARTER):
            self.p.add(raw, "every", "must be year or quarter", label)
            every = None
        same_as = raw.get("same_as")
        if same_as is not None and (not isinstance(same_as, str) or not _ID.match(same_as)):
            self.p.add(raw, "same_as", "must be the id of a milestone in this plan", label)
            same_as = None
        if every and same_as:
            self.p.add(raw, "same_as", "a recurring target cannot be the same as one milestone; "
                       "link its occurrences instead", label)
            same_as = None
        if due is None:
            return
        template = MilestoneData(
            local_id=local_id, node_id=node_id, title=title, due=due,
            due_phrase="" if isinstance(due_raw, date) else str(due_raw), seq=0, start=start,
            line=raw.get("line") if isinstance(raw.get("line"), int) else None,
            source=self.optional_text(raw, "source", label), repair=self.optional_text(raw, "repair", label),
            note=self.optional_text(raw, "note", label), same_as=same_as)
        if same_as:
            self.link_sources[local_id] = raw
        if not every:
            template.seq = self.next_seq()
            plan.milestones.append(template)
            return
        progress_keys.recurring(self, plan, raw, template, every, label)

    def read_indicator(self, plan: PlanData, raw: Any, position: int, ids: set[str]) -> None:
        if not isinstance(raw, dict):
            self.p.add(None, "indicators", "each indicator must be a mapping")
            return
        local_id = self.check_id(raw, ids, "indicator")
        label = f"indicator {local_id}"
        better = raw.get("better")
        if better not in ("higher", "lower"):
            self.p.add(raw, "better", "must be higher or lower", label)
        measure = raw.get("measure") or "total"
        if measure not in ("total", "increment"):
            self.p.add(raw, "measure", "must be total or increment", label)
        baseline_year = raw.get("baseline_year")
        if not isinstance(baseline_year, int):
            self.p.add(raw, "baseline_year", "must be a year", label)
            baseline_year = 0
        ind = IndicatorData(
            local_id=local_id, name=self.required_text(raw, "name", label), better=str(better),
            measure=measure, baseline_year=baseline_year, seq=position + 1,
            category=self.optional_text(raw, "category", label), number=self.optional_text(raw, "number", label),
            unit=self.optional_text(raw, "unit", label), attribute=self.optional_text(raw, "attribute", label),
            line=raw.get("line") if isinstance(raw.get("line"), int) else None,
            note=self.optional_text(raw, "note", label))
        rows = raw.get("rows")
        if not isinstance(rows, list) or not rows:
            self.p.add(raw, "rows", "must list at least one printed table row", label)
            rows = []
        tables: set[str] = set()
        for row in rows:
            if not isinstance(row, dict):
                self.p.add(raw, "rows", "each row must be a mapping", label)
                continue
            table = self.required_text(row, "table", label)
            if table in tables:
                self.p.add(row, "table", f"table {table!r} given twice", label)
            tables.add(table)
            basis = row.get("basis") or "total"
            if basis not in ("total", "increment"):
                self.p.add(row, "basis", "must be total or increment", label)
            values = row.get("values")
            if not isinstance(values, dict) or not values:
                self.p.add(row, "values", "must map years to printed values", label)
                continue
            row_line = row.get("line") if isinstance(row.get("line"), int) else None
            ind.line = ind.line or row_line
            for year, printed in values.items():
                if year in (LINE_KEY, LINES_KEY):
                    continue
                if not isinstance(year, int) or not 1900 < year < 2200:
                    self.p.add(values, str(year), "is not a year", label)
                    continue
                if isinstance(printed, (dict, list)):
                    self.p.add(values, year, "must be the value as printed", label)
                    continue
                ind.cells.append(CellData(year=year, table=table, value=parse_printed(printed),
                                          basis=basis, line=row_line))
        derive_targets(ind)
        plan.indicators.append(ind)


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


def load_plan_file(path: Path | str) -> list[PlanData]:
    """Parse and validate a whole plan file; raise ImportFailed listing every problem."""
    path = Path(path)
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ImportFailed([f"{name}:0: file: no such file"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFailed([f"{name}:0: file: cannot be read ({exc.__class__.__name__}: {exc})"]) from None
    problems = _Problems(name)
    try:
        docs = [d for d in yaml.load_all(text, Loader=_LineLoader) if d is not None]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        reason = getattr(exc, "problem", None) or str(exc)
        raise ImportFailed([f"{name}:{line}: yaml: {reason}"]) from None
    if not docs:
        raise ImportFailed([f"{name}:1: file: no plan in the file"])
    plans: list[PlanData] = []
    seen: set[str] = set()
    for doc in docs:
        if not isinstance(doc, dict):
            problems.add(None, "plan", "a plan document must be a mapping")
            continue
        plan = _PlanReader(doc, problems).read()
        if plan is None:
            continue
        if plan.id in seen:
            problems.add(doc, "id", f"plan {plan.id!r} appears twice in the file")
        seen.add(plan.id)
        plans.append(plan)
    if problems.items:
        raise ImportFailed(problems.items)
    return plans


def validate_document(doc: Any, name: str = "plan") -> list[str]:
    """The problems ``load_plan_file`` would report for one plan document already read from YAML
    ([] when it loads): same rules, same ``NAME:LINE: field: message`` lines.

    For code that builds a plan document in memory (``plandesk draft``) and must know that the
    file it writes imports as it is, without writing and parsing the file first.
    """
    problems = _Problems(name)
    if isinstance(doc, dict):
        _PlanReader(doc, problems).read()
    else:
        problems.add(None, "plan", "a plan document must be a mapping")
    return problems.items
