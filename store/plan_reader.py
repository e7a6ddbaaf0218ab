"""Read one plan document's meaning into PlanData, every problem with its file, line and field.

The schema (store.plan_schema) checks keys and types; the reader reports what it cannot: ids
unique, deadlines real dates, periods that end after they start. ``Problems`` collects both as
``store.problems.PlanProblem`` (``FILE:LINE: field: message`` once said). The reader takes a
document whole, or top-level node by top-level node as store.plan_yaml hands them over, so a
large plan's raw data goes chapter by chapter.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from store import loader_progress as progress_keys
from store import periods
from store.deadlines import DeadlineError, parse_deadline
from store.plan_data import TRACKED_KINDS, CellData, IndicatorData, MilestoneData, NodeData, PlanData, derive_targets
from store.plan_schema import FIRST_YEAR, LAST_YEAR, check_document, check_mapping, ident, outside
from store.plan_yaml import LINE_KEY, LINES_KEY, TWICE_KEY, BadScalar
from store.problems import Item, PlanProblem, Say, item_label, say
from store.units import clean as clean_units
from store.values import parse_printed

_META = (LINE_KEY, LINES_KEY, TWICE_KEY)


class Problems:
    """Collects problems (file, line, field, what is wrong and in which item), one per line and field.

    Reported in the order of the file's lines; on one line, what the schema check said (phase 0)
    before what the reader found (phase 1), and only the first problem of a field. Nothing is
    worded here: ``str()`` of a problem is its English line, the UI says it in its language."""

    def __init__(self, file_name: str):
        self.file_name = file_name
        self.phase = 0
        self._found: list[tuple[int, int, int, str, PlanProblem]] = []  # (line, phase, order, key, problem)

    @property
    def items(self) -> list[PlanProblem]:
        """The problems in the order of their lines in the file."""
        seen: set[tuple[int, str]] = set()
        out = []
        for line, _, _, key, problem in sorted(self._found, key=lambda found: found[:3]):
            if (line, key) not in seen:
                seen.add((line, key))
                out.append(problem)
        return out

    def add(self, where: dict[str, Any] | None, key: Any, message: Say, item: Item | None = None) -> None:
        line = 0
        if isinstance(where, dict):
            line = where.get(LINES_KEY, {}).get(key) or where.get(LINE_KEY, 0)
        field = key if isinstance(key, Say) else str(key)
        self._found.append((line, self.phase, len(self._found), str(key),
                            PlanProblem(self.file_name, line, field, message,
                                                    item_label(*item) if item else None)))


def _text(where: dict[str, Any], key: str) -> str | None:
    """A text value; anything else was already reported by the schema check."""
    value = where.get(key)
    return value if isinstance(value, str) and not isinstance(value, BadScalar) else None


def _int(where: dict[str, Any], key: str) -> int | None:
    value = where.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _mapping(value: Any) -> dict[Any, Any]:
    return value if isinstance(value, dict) else {}


def _mappings(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []



class PlanReader:
    """Turns one schema-checked YAML document into PlanData, reporting what the schema cannot:
    duplicate ids, deadlines that are not dates, periods that end before they start.

    Fed whole (``finish``), or top-level node by top-level node as the file is read (``begin``,
    ``take``, then ``finish`` with the rest of the document), so that a large plan's raw YAML
    data is dropped chapter by chapter."""

    def __init__(self, problems: Problems):
        self.p = problems
        self.doc: dict[str, Any] = {}
        self.node_ids: set[str] = set()
        self.milestone_ids: set[str] = set()
        self.link_sources: dict[str, dict[str, Any]] = {}
        self.seq = 0
        self.plan = PlanData(id="", region="", title="", start_year=0, end_year=0, source_file="")
        self.streamed = False
        self.waiting: list[dict[str, Any]] | None = None  # top-level nodes read before the period
        self.start_year = self.end_year = LAST_YEAR

    def set_years(self, doc: dict[str, Any]) -> tuple[dict[str, Any], int, int]:
        """The plan's period (as given, and bounded for reading deadlines)."""
        period = _mapping(doc.get("period"))
        start_year, end_year = _int(period, "start") or 0, _int(period, "end") or 0
        self.end_year = end_year if FIRST_YEAR <= end_year <= LAST_YEAR else LAST_YEAR
        self.start_year = start_year if FIRST_YEAR <= start_year <= self.end_year else self.end_year
        return period, start_year, end_year

    def begin(self, head: dict[str, Any]) -> None:
        """The plan's keys before its nodes: deadlines need the period, else the nodes wait."""
        self.streamed = True
        if "period" in head:
            self.set_years(head)
        else:
            self.waiting = []

    def take(self, raw: dict[str, Any]) -> None:
        """One top-level node (with everything under it): checked and read now."""
        if self.waiting is not None:
            self.waiting.append(raw)
            return
        self.p.phase = 0
        check_mapping(raw, "node", self.p.add)
        self.p.phase = 1
        self.read_nodes(self.plan, [raw], parent=None, depth=0)

    def finish(self, doc: dict[str, Any]) -> PlanData:
        """The rest of the document: its own keys checked, then the plan read."""
        self.doc = doc
        self.p.phase = 0
        check_document(doc, self.p.add)  # top-level nodes handed over one by one were checked then
        self.p.phase = 1
        plan = self.plan
        plan_id = _text(doc, "id") or ""
        label = ("plan", plan_id)
        period, start_year, end_year = self.set_years(doc)
        if start_year and end_year and end_year < start_year:
            self.p.add(period, "end", say("pr_ends_before_start"), label)
        issued = doc.get("issued")
        plan.id, plan.region, plan.title = plan_id, _text(doc, "region") or "", _text(doc, "title") or ""
        plan.start_year, plan.end_year, plan.source_file = start_year, end_year, _text(doc, "source_file") or ""
        plan.bureau, plan.doc_number, plan.note = _text(doc, "bureau"), _text(doc, "doc_number"), _text(doc, "note")
        plan.issued = issued.isoformat() if isinstance(issued, date) else (_text(doc, "issued") or "").strip() or None
        progress_keys.read_reporting(self, plan, doc.get("reporting"), label)
        waiting, self.waiting = self.waiting, None
        for raw in waiting or ():
            self.take(raw)
        if not self.streamed:
            self.read_nodes(plan, _mappings(doc.get("nodes")), parent=None, depth=0)
        progress_keys.check_links(self, plan)
        ids: set[str] = set()
        for position, ind in enumerate(_mappings(doc.get("indicators"))):
            self.read_indicator(plan, ind, position, ids)
        return plan

    def check_id(self, where: dict[str, Any], seen: set[str], what: str) -> str:
        local_id = _text(where, "id") or ""
        if local_id in seen:
            self.p.add(where, "id", say("pr_duplicate_id", id=local_id), (what, None))
        if local_id:
            seen.add(local_id)
        return local_id

    def read_nodes(self, plan: PlanData, nodes: list[dict[str, Any]], parent: str | None, depth: int) -> None:
        for raw in nodes:
            local_id = self.check_id(raw, self.node_ids, "node")
            label = ("node", local_id)
            kind = _text(raw, "kind") or ""
            units = self.unit_list(raw, "units", label) + self.unit_list(raw, "lead", label)
            support = self.unit_list(raw, "support", label)
            fields = _mapping(raw.get("fields"))
            node = NodeData(
                local_id=local_id, kind=kind, title=_text(raw, "title") or "", parent=parent,
                seq=self.next_seq(), depth=depth, number=_text(raw, "number"), text=_text(raw, "text"),
                units=clean_units(units), support=support, line=_int(raw, "line"), source=_text(raw, "source"),
                repair=_text(raw, "repair"), note=_text(raw, "note"),
                fields={str(k): str(v) for k, v in fields.items() if k not in _META and v is not None},
            )
            plan.nodes.append(node)
            own_due = raw.get("due")
            milestones = _mappings(raw.get("milestones"))
            for m in milestones:
                self.read_milestone(plan, m, local_id)
            if not milestones and (kind in TRACKED_KINDS or own_due is not None):
                self.implicit_milestone(plan, raw, node, own_due)
            self.read_nodes(plan, _mappings(raw.get("children")), local_id, depth + 1)

    def unit_list(self, raw: dict[str, Any], key: str, label: Item) -> list[str]:
        return progress_keys.unit_list(self, raw, key, label)

    def next_seq(self) -> int:
        self.seq += 1
        return self.seq

    def deadline(self, where: dict[str, Any], key: str, value: Any, label: Item) -> tuple[date | None, date | None]:
        """(start, due) of a phrase; for the ``start`` key the phrase is read as a start."""
        if isinstance(value, BadScalar) or not isinstance(value, (str, int, date)) or isinstance(value, bool):
            return None, None  # the schema check has said why
        try:
            parsed = parse_deadline(str(value) if isinstance(value, int) else value, self.end_year)
        except DeadlineError as exc:
            self.p.add(where, key, exc.said, label)
            return None, None
        start, due = (parsed.as_start, parsed.as_start) if key == "start" else (parsed.start, parsed.due)
        for day in (start, due):
            if day is not None and not FIRST_YEAR <= day.year <= LAST_YEAR:
                self.p.add(where, key, outside(day.isoformat()), label)
                return None, None
        return start, due

    def implicit_milestone(self, plan: PlanData, raw: dict[str, Any], node: NodeData, own_due: Any) -> None:
        """A tracked node with no milestone of its own is one: due at its date or the plan's end."""
        label: Item = ("node", node.local_id)
        if own_due is not None:
            start, due = self.deadline(raw, "due", own_due, label)
            phrase = "" if isinstance(own_due, date) else str(own_due)
        else:
            start, due, phrase = None, date(self.end_year, 12, 31), ""
        if due is None:
            return
        if node.local_id in self.milestone_ids:
            self.p.add(raw, "id", say("pr_node_id_is_milestone", id=node.local_id), label)
        self.milestone_ids.add(node.local_id)
        plan.milestones.append(MilestoneData(
            local_id=node.local_id, node_id=node.local_id, title=node.title, due=due, due_phrase=phrase,
            seq=node.seq, start=start, line=node.line, implicit=True))

    def read_milestone(self, plan: PlanData, raw: dict[str, Any], node_id: str) -> None:
        local_id = self.check_id(raw, self.milestone_ids, "milestone")
        label: Item = ("milestone", local_id)
        if local_id in self.node_ids:
            self.p.add(raw, "id", say("pr_milestone_id_is_node", id=local_id), label)
        due_raw = raw.get("due")
        start, due = (None, None) if due_raw is None else self.deadline(raw, "due", due_raw, label)
        if raw.get("start") is not None:
            _, start = self.deadline(raw, "start", raw["start"], label)
        if start and due and start > due:
            self.p.add(raw, "start", say("pr_start_after_due"), label)
        every = raw.get("every") if raw.get("every") in (periods.YEAR, periods.QUARTER) else None
        same_as = raw.get("same_as")
        if same_as is not None and ident(same_as):  # the schema check has said why
            same_as = None
        if every and same_as:
            self.p.add(raw, "same_as", say("pr_recurring_same_as"), label)
            same_as = None
        if due is None:
            return
        template = MilestoneData(
            local_id=local_id, node_id=node_id, title=_text(raw, "title") or "", due=due,
            due_phrase="" if isinstance(due_raw, date) else str(due_raw), seq=0, start=start,
            line=_int(raw, "line"), source=_text(raw, "source"), repair=_text(raw, "repair"),
            note=_text(raw, "note"), same_as=same_as)
        if same_as:
            self.link_sources[local_id] = raw
        if not every:
            template.seq = self.next_seq()
            plan.milestones.append(template)
            return
        progress_keys.recurring(self, plan, raw, template, every, label)

    def read_indicator(self, plan: PlanData, raw: dict[str, Any], position: int, ids: set[str]) -> None:
        local_id = self.check_id(raw, ids, "indicator")
        label: Item = ("indicator", local_id)
        measure = _text(raw, "measure") or "total"
        ind = IndicatorData(
            local_id=local_id, name=_text(raw, "name") or "", better=_text(raw, "better") or "higher",
            measure=measure, baseline_year=_int(raw, "baseline_year") or 0, seq=position + 1,
            category=_text(raw, "category"), number=_text(raw, "number"), unit=_text(raw, "unit"),
            attribute=_text(raw, "attribute"), line=_int(raw, "line"), note=_text(raw, "note"))
        tables: set[str] = set()
        for row in _mappings(raw.get("rows")):
            table = _text(row, "table") or ""
            if table in tables:
                self.p.add(row, "table", say("pr_table_twice", table=table), label)
            tables.add(table)
            basis = _text(row, "basis") or "total"
            values = _mapping(row.get("values"))
            row_line = _int(row, "line")
            ind.line = ind.line or row_line
            for year, printed in values.items():
                if year in _META or not isinstance(year, int) or isinstance(printed, (dict, list, BadScalar)):
                    continue
                if printed is None or isinstance(printed, bool):
                    continue
                ind.cells.append(CellData(year=year, table=table, value=parse_printed(printed),
                                          basis=basis, line=row_line))
        derive_targets(ind)
        plan.indicators.append(ind)


