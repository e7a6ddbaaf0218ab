"""Journal entries in words: field names in the UI's language, values as a person writes them.

Everything here draws on ``store.history.Entry`` (the one description of an entry); the command
line's ``history``, the undo/redo messages, the app's toasts and detail pane all phrase entries
through these functions, so they always agree. Plan text is made visible (``safe_text``),
never acted on.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from store.history import Entry, FieldChange
from store.safe_text import visible
from tui.i18n import MESSAGES, Catalog

ALSO_SHOWN = 3  # the rows changed with an entry, named; the rest counted


def when(entry: Entry) -> str:
    """Local time to the minute: ``2024-01-15 09:30``."""
    return entry.at.strftime("%Y-%m-%d %H:%M") if entry.at else ""


def field_name(field: str, t: Catalog) -> str:
    return t(f"sd_f_{field}")


def value(field: str, v: Any, t: Catalog) -> str:
    if v is None:
        return {"done_on": t("sd_not_done"), "units": t("sd_units_as_printed")}.get(field, "—")
    if isinstance(v, bool):
        return t("sd_archived") if v else t("sd_in_use")
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, (int, float)):
        from store.values import format_number

        return format_number(float(v)) if isinstance(v, float) else str(v)
    if isinstance(v, list) and field == "also" and len(v) > ALSO_SHOWN:  # a whole chapter archived with its item
        shown = "、".join(visible(str(u), one_line=True) for u in v[:ALSO_SHOWN])
        return shown + t("tr_also_more", n=len(v) - ALSO_SHOWN)
    if isinstance(v, list):
        return "、".join(visible(str(u), one_line=True) for u in v) or t("none")
    if field == "state" and v in ("not_started", "on_track", "behind", "done"):  # a progress report's state
        return t(f"pg_state_{v}")
    if field == "order" and v in ("up", "down"):  # a node moved among its siblings
        return t(f"tr_order_{v}")
    if field == "kind" and f"kind_{v}" in MESSAGES:
        return t(f"kind_{v}")
    return visible(str(v), one_line=True) or "—"


def change_text(change: FieldChange, t: Catalog) -> str:
    if change.before is None and change.field not in ("done_on", "units", "archived"):
        return f"{field_name(change.field, t)}: {value(change.field, change.after, t)}"
    return (f"{field_name(change.field, t)}: {value(change.field, change.before, t)} → "
            f"{value(change.field, change.after, t)}")


def changes_text(entry: Entry, t: Catalog) -> str:
    if entry.action == "skip":
        return t(f"sd_why_{entry.reason}")
    return "; ".join(change_text(c, t) for c in entry.fields)


def action_text(entry: Entry, t: Catalog) -> str:
    """``tick``; ``undo tick #12``; ``skipped undo of tick #12``."""
    if entry.action in ("undo", "redo"):
        return f"{t(f'act_{entry.action}')} {t(f'act_{entry.target_action}')} #{entry.target}"
    if entry.action == "skip":
        return t("sd_skip_action", what=t(f"act_{entry.target_action}"), seq=entry.target)
    return t(f"act_{entry.action}")


def item_text(entry: Entry) -> str:
    return visible(entry.label, one_line=True)


def step_line(entry: Entry, t: Catalog, *, archived: bool = False) -> str:
    """What one undo or redo did, in one line: the change, the item, the plan, the fields."""
    what = t(f"act_{entry.target_action}")
    plan = visible(entry.plan_title or entry.plan_id or "", one_line=True)
    if entry.action == "skip":
        return t("sd_step_skipped", what=what, title=item_text(entry), plan=plan, id=entry.entity_id,
                 reason=t(f"sd_why_{entry.reason}"))
    key = "sd_step_undone" if entry.action == "undo" else "sd_step_redone"
    line = t(key, what=what, title=item_text(entry), plan=plan, id=entry.entity_id)
    details = changes_text(entry, t)
    if details:
        line += f": {details}"
    if archived:
        line += " " + t("sd_still_archived")
    return line
