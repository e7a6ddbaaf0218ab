"""Write the drafted plan as a plan file (docs/PLAN_FORMAT.md) and check that it loads as it is."""
from __future__ import annotations

from typing import Any

import yaml

from store.draft.model import DraftIndicator, DraftNode, DraftPlan

# Keys the plan loader on main understands. When the loader learns ``lead``/``support`` and the
# milestone key ``every``, switch these on: until then the lead unit goes to ``units`` and the
# supporting units to ``fields`` (nothing is lost), and recurring targets are listed for review.
EMIT_LEAD_SUPPORT = False
EMIT_EVERY = False


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """libyaml's emitter (ten times faster on a large plan); a plan file never uses anchors."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _node(node: DraftNode) -> dict[str, Any]:
    out: dict[str, Any] = {"id": node.id, "kind": node.kind}
    if node.number:
        out["number"] = node.number
    out["title"] = node.title or (node.number or node.text[:20] or "-")
    text = node.text.strip()
    if text and text != out["title"]:
        out["text"] = text
    if EMIT_LEAD_SUPPORT:
        if node.units:
            out["lead"] = list(node.units)
        if node.support:
            out["support"] = list(node.support)
    elif node.units:
        out["units"] = list(node.units)
    out["line"] = node.line
    fields = {k: v for k, v in node.fields.items() if not k.startswith("_")}
    if node.support and not EMIT_LEAD_SUPPORT:
        fields["配合单位"] = "、".join(node.support)
    if fields:
        out["fields"] = fields
    if node.milestones:
        out["milestones"] = []
        for m in node.milestones:
            item: dict[str, Any] = {"id": m.id, "title": m.title, "due": m.due}
            if m.recurring and EMIT_EVERY:
                item["every"] = "year"
            item["line"] = m.line
            out["milestones"].append(item)
    elif node.due:
        out["due"] = node.due
    if node.children:
        out["children"] = [_node(c) for c in node.children]
    return out


def _indicator(ind: DraftIndicator) -> dict[str, Any]:
    out: dict[str, Any] = {"id": ind.id}
    for key in ("category", "number"):
        if getattr(ind, key):
            out[key] = getattr(ind, key)
    out["name"] = ind.name
    if ind.unit:
        out["unit"] = ind.unit
    if ind.attribute:
        out["attribute"] = ind.attribute
    out["better"] = ind.better
    if ind.measure != "total":
        out["measure"] = ind.measure
    out["baseline_year"] = ind.baseline_year
    out["rows"] = [{"table": r.table, "line": r.line, "values": dict(sorted(r.values.items()))} for r in ind.rows]
    return out


def plan_document(plan: DraftPlan) -> dict[str, Any]:
    doc: dict[str, Any] = {"id": plan.id, "region": plan.region}
    if plan.bureau:
        doc["bureau"] = plan.bureau
    doc["title"] = plan.title
    if plan.doc_number:
        doc["doc_number"] = plan.doc_number
    if plan.issued:
        doc["issued"] = plan.issued
    doc["period"] = {"start": plan.start, "end": plan.end}
    doc["source_file"] = plan.source_file
    doc["nodes"] = [_node(n) for n in plan.nodes]
    if plan.indicators:
        doc["indicators"] = [_indicator(i) for i in plan.indicators]
    return doc


def to_yaml(doc: dict[str, Any], header: str = "") -> str:
    """The plan file's text: block style, Chinese as it is, one line per value (never folded)."""
    body = yaml.dump(doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000,
                     default_flow_style=False)
    comment = "".join(f"# {line}\n" for line in header.splitlines() if line.strip())
    return comment + body


def load_problems(doc: dict[str, Any], name: str = "draft") -> list[str]:
    """What the plan loader's own validation says about this plan document ([] when it is valid).

    The document is checked as the loader reads a parsed file (same rules, same messages), without
    parsing the YAML text again: the text is written by the YAML library from this very document.
    """
    from store.loader import _PlanReader, _Problems
    from store.plan_schema import check_document

    problems = _Problems(name)
    check_document(doc, problems.add)  # the schema's keys and types, then the reader's meaning
    _PlanReader(doc, problems).read()
    return problems.items
