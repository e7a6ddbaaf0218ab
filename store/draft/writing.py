"""Write the drafted plan as a plan file (docs/PLAN_FORMAT.md); store.loader.validate_document checks it loads."""
from __future__ import annotations

from typing import Any

import yaml

from store.draft.model import DraftIndicator, DraftNode, DraftPlan

# Keys the plan loader understands: it reads ``lead``/``support`` and the milestone key ``every``
# (issue 11), so the draft writes them. Off, the lead unit would go to ``units`` and the
# supporting units to ``fields`` (nothing lost), and recurring targets would be listed for review.
# tests/draft/test_emit_keys.py fails, naming the switch, once the loader reads them; the output
# with both on was checked to import with the progress branch's loader and the strict schema.
EMIT_LEAD_SUPPORT = True
EMIT_EVERY = True


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]  # base chosen at run time
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
