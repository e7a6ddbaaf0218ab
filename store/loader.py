"""Read and validate a plan file (see docs/PLAN_FORMAT.md) into plain data, all problems at once.

Every problem is reported with its file, line and field (``FILE:LINE: field: message``, said in
the UI's language: store.problems), so a clerk can fix the file; nothing is written to the
database unless the whole file is valid.
Reading is bounded and streamed (store.plan_file, store.plan_yaml), keys and types are checked
against the one declarative schema (store.plan_schema), store.plan_reader reads the meaning
(ids unique, deadlines real dates) into the data of store.plan_data.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from store.errors import ImportFailed
from store.plan_data import TRACKED_KINDS, CellData, IndicatorData, MilestoneData, NodeData, PlanData, derive_targets
from store.plan_reader import PlanReader, Problems
from store.plan_schema import NODE_KINDS, check_document
from store.plan_yaml import HEAD, ITEM, LINE_KEY, LINES_KEY, PlanFileError, read_pieces
from store.problems import PlanProblem, say

__all__ = ["NODE_KINDS", "TRACKED_KINDS", "LINE_KEY", "LINES_KEY", "load_plan_file", "validate_document",
           "plan_problems", "derive_targets", "PlanData", "NodeData", "MilestoneData", "IndicatorData", "CellData"]


def load_plan_file(path: Path | str) -> list[PlanData]:
    """Parse and validate a whole plan file; raise ImportFailed listing every problem.

    The file is read piece by piece (store.plan_yaml.read_pieces): each top-level node is checked
    and read as soon as it is built, and its raw data dropped; nothing is written anywhere."""
    path = Path(path)
    name = str(path)
    problems = Problems(name)
    plans: list[PlanData] = []
    seen: set[str] = set()
    reader: PlanReader | None = None
    documents = 0
    try:
        for kind, value in read_pieces(path):
            if kind == HEAD:
                reader = PlanReader(problems)
                reader.begin(value)
            elif kind == ITEM:
                assert reader is not None  # read_pieces hands over a HEAD before the first item
                reader.take(value)
            elif value is not None:
                documents += 1
                plan = reader.finish(value) if reader is not None else _read_document(value, problems)
                reader = None
                if plan is None:
                    continue
                if plan.id and plan.id in seen:
                    problems.add(value, "id", say("pr_plan_twice", id=plan.id))
                seen.add(plan.id)
                plans.append(plan)
    except PlanFileError as exc:
        raise ImportFailed([PlanProblem(name, exc.line, exc.field, exc.message)]) from None
    if not documents:
        raise ImportFailed([PlanProblem(name, 1, say("pr_field_file"), say("pr_no_plan"))])
    if problems.items:
        raise ImportFailed(problems.items)
    return plans


def _read_document(doc: Any, problems: Problems) -> PlanData | None:
    """One plan document read whole; None (and the problem reported) if it is not a mapping."""
    if isinstance(doc, dict):
        return PlanReader(problems).finish(doc)
    problems.phase = 0
    check_document(doc, problems.add)
    return None


def validate_document(doc: Any, name: str = "plan") -> list[str]:
    """The problems ``load_plan_file`` would report for one plan document already read from YAML
    ([] when it loads): same rules, same ``NAME:LINE: field: message`` lines (in English).

    For code that builds a plan document in memory (``plandesk draft``) and must know that the
    file it writes imports as it is, without writing and parsing the file first.
    """
    return [str(problem) for problem in plan_problems(doc, name)]


def plan_problems(doc: Any, name: str = "plan") -> list[PlanProblem]:
    """``validate_document``'s problems as data, for a UI to say them in its language."""
    problems = Problems(name)
    _read_document(doc, problems)
    return problems.items
