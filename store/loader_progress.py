"""The plan-format keys of progress tracking (issue 11): reporting settings, lead and supporting
units, recurring (``every``) and linked (``same_as``) milestones.

Kept beside ``store.plan_reader`` so the reader stays small; each function reads one key for its
``PlanReader`` (passed as ``self``) and records problems the same way. The data it builds comes
from ``store.plan_data``, which both import: this module never imports the reader at run time.
"""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from store import periods
from store.errors import BadInput
from store.lights import DEFAULT_RED_LAG, DEFAULT_YELLOW_LAG
from store.plan_data import MilestoneData, PlanData
from store.problems import Item, Say, say
from store.units import clean as clean_units

if TYPE_CHECKING:
    from store.plan_reader import PlanReader

# The keys issue 11 added to the format, with their meaning (docs/PLAN_FORMAT.md says the same).
PROGRESS_KEYS: dict[str, dict[str, str]] = {
    "plan": {"reporting": "how units report: {cycle: quarter|month|half|year, yellow_lag: N, red_lag: N}"},
    "node": {"lead": "lead units (牵头单位): a list, or one string with 、，, between names; `units` means the same",
             "support": "supporting units (配合单位), same forms as lead"},
    "milestone": {"every": "year or quarter: the target recurs, one milestone per year/quarter of its span",
                  "same_as": "id of a milestone in the same plan this one repeats: one target, one state"},
}


def unit_list(self: PlanReader, raw: dict[str, Any], key: str, label: Item) -> list[str]:
    """Unit names under ``key``: a list, or one string with 、，, between the names."""
    value = raw.get(key)
    if value is None:
        return []
    if isinstance(value, str) or (isinstance(value, list) and all(isinstance(u, str) for u in value)):
        return clean_units(value)
    self.p.add(raw, key, say("pr_unit_list"), label)
    return []


def read_reporting(self: PlanReader, plan: PlanData, raw: Any, label: Item) -> None:
    """``reporting: {cycle, yellow_lag, red_lag}``: every key optional."""
    if raw is None:
        return
    if not isinstance(raw, dict):
        example = "{cycle: quarter, yellow_lag: 10, red_lag: 30}"
        self.p.add(self.doc, "reporting", say("pr_reporting_form", example=example), label)
        return
    for key in raw:
        if key not in ("cycle", "yellow_lag", "red_lag") and not str(key).startswith("__"):
            self.p.add(raw, str(key), say("pr_unknown_reporting", allowed="cycle, yellow_lag, red_lag"), label)
    cycle = raw.get("cycle")
    if cycle is not None and cycle not in periods.CYCLES:
        self.p.add(raw, "cycle", say("pr_one_of", choices=", ".join(periods.CYCLES)), label)
    else:
        plan.report_cycle = cycle
    lags: dict[str, float] = {}
    for key in ("yellow_lag", "red_lag"):
        value = raw.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
            self.p.add(raw, key, say("pr_lag_range"), label)
            continue
        lags[key] = float(value)
    yellow = lags.get("yellow_lag", DEFAULT_YELLOW_LAG)
    red = lags.get("red_lag", DEFAULT_RED_LAG)
    if yellow > red:
        self.p.add(raw, "red_lag", say("pr_red_below_yellow", yellow=yellow, red=red), label)
    plan.yellow_lag, plan.red_lag = lags.get("yellow_lag"), lags.get("red_lag")


def check_links(self: PlanReader, plan: PlanData) -> None:
    """Every ``same_as`` names a milestone of the same plan, and not itself."""
    for m in plan.milestones:
        if m.same_as is None:
            continue
        raw = self.link_sources.get(m.local_id, {})
        label = ("milestone", m.local_id)
        if m.same_as == m.local_id or (m.series and m.same_as == m.series):
            self.p.add(raw, "same_as", say("pr_same_as_itself"), label)
        elif m.same_as not in self.milestone_ids:
            series = any(x.series == m.same_as for x in plan.milestones)
            self.p.add(raw, "same_as", say("pr_same_as_series" if series else "pr_same_as_unknown", id=m.same_as),
                       label)


def recurring(self: PlanReader, plan: PlanData, raw: dict[str, Any], item: MilestoneData, every: str,
              label: Item) -> None:
    """One milestone per year (quarter) of the span: ``start`` (or the plan's first year) to ``due``."""
    span_start = item.start or date(self.start_year, 1, 1)
    if span_start > item.due:
        self.p.add(raw, "every", say("pr_span_backwards"), label)
        return
    try:
        occurrences = periods.expand(span_start, item.due, every)
    except BadInput as exc:
        assert exc.key is not None  # periods.expand raises by key (err_every)
        self.p.add(raw, "every", Say(exc.key, exc.values), label)
        return
    self.milestone_ids.discard(item.local_id)  # the id names the series; its occurrences are the milestones
    for period, start, due in occurrences:
        id_suffix, title_suffix = periods.occurrence_suffix(period)
        local_id = item.local_id + id_suffix
        if local_id in self.milestone_ids or local_id in self.node_ids:
            self.p.add(raw, "id", say("pr_occurrence_taken", id=local_id), label)
            continue
        self.milestone_ids.add(local_id)
        plan.milestones.append(MilestoneData(
            local_id=local_id, node_id=item.node_id, title=item.title + title_suffix, due=due,
            due_phrase=item.due_phrase, seq=self.next_seq(), start=start, line=item.line, source=item.source,
            repair=item.repair, note=item.note, every=every, series=item.local_id))
