"""What every renderer shares: titles, column headers and cell text, from the one catalog.

Cells are plain strings (plan text as it is); each renderer escapes for its own format.
"""
from __future__ import annotations

from store import report as rp
from store import status as st
from store.values import format_number
from tui import theme
from tui.i18n import Catalog

LIGHT_COLOURS = theme.LIGHT_COLOURS  # fill, text of each light on paper (html and xlsx)


def layout(report: rp.Report) -> list[tuple[str, rp.Section | None]]:
    """The parts in print order: a report puts the indicators before the lists, the status after."""
    parts: list[tuple[str, rp.Section | None]] = [("header", None), ("chapters", None)]
    lists: list[tuple[str, rp.Section | None]] = [("section", s) for s in report.sections]
    indicators: list[tuple[str, rp.Section | None]] = [("indicators", None)] if report.indicators else []
    return parts + (lists + indicators if report.period is None else indicators + lists)


def title(report: rp.Report, t: Catalog) -> str:
    if report.period is None:
        return t("rp_title_status", date=report.as_of.isoformat())
    return t(f"rp_title_{report.kind}", period=report.period.label)


def meta(report: rp.Report, t: Catalog) -> list[tuple[str, str]]:
    """The facts under the title: which plan, which period, as of when."""
    plan = report.plan
    rows = [(t("plan"), plan.title), (t("region"), plan.region)]
    if plan.bureau:
        rows.append((t("rp_bureau"), plan.bureau))
    if plan.doc_number:
        rows.append((t("rp_doc_number"), plan.doc_number))
    rows.append((t("rp_plan_period"), plan.period))
    if report.period is not None:
        rows.append((t("rp_report_period"), report.period.label))
    rows.append((t("rp_as_of"), report.as_of.isoformat()))
    rows.append((t("id"), plan.id))
    return rows


def pct(rollup: st.Rollup) -> str:
    return f"{rollup.share_done:.0%}" if rollup.total else "—"


COUNT_KEYS = ("rp_on_time", st.DONE_LATE, st.OVERDUE, st.DUE_SOON, st.OPEN)
COUNT_STATES = (st.DONE, st.DONE_LATE, st.OVERDUE, st.DUE_SOON, st.OPEN)


def headline_rows(report: rp.Report, t: Catalog) -> list[tuple[str, str]]:
    """Label/value pairs of the headline: the period's milestones by state, then the whole plan."""
    rows: list[tuple[str, str]] = []
    if report.period is not None:
        h = report.headline
        rows.append((t("rp_in_period", period=report.period.label), str(h.total)))
        rows += [(t(key), str(h.counts[state])) for key, state in zip(COUNT_KEYS, COUNT_STATES)]
        rows.append((t("rp_share"), f"{h.done}/{h.total} ({pct(h)})"))
    p = report.plan_total
    rows.append((t("rp_whole_plan"), t("share_done", done=p.done, total=p.total, pct=pct(p))))
    if report.period is None:
        rows += [(t(key), str(p.counts[state])) for key, state in zip(COUNT_KEYS, COUNT_STATES)]
    else:
        rows.append((t("rp_whole_plan") + " · " + t("overdue"), str(p.counts[st.OVERDUE])))
    return rows


def chapter_headers(report: rp.Report, t: Catalog) -> list[str]:
    headers = [t("rp_chapter"), t("rp_total") if report.period else t("rp_total_all")]
    headers += [t(key) for key in COUNT_KEYS] + [t("rp_share")]
    if report.period is not None:
        headers.append(t("rp_plan_done"))
    return headers


def chapter_cells(report: rp.Report, row: rp.ChapterRow) -> list[str]:
    c = row.counts
    cells = [row.label, str(c.total), *(str(c.counts[s]) for s in COUNT_STATES), pct(c)]
    if report.period is not None:
        cells.append(f"{row.plan.done}/{row.plan.total}")
    return cells


def section_heading(section: rp.Section, t: Catalog) -> str:
    key = {"overdue": "overdue_list", "due_soon": "due_soon_list", "due_later": "due_this_year",
           "recently_done": "recently_done", "due_in_period": "rp_due_in_period", "carried": "rp_carried",
           "next_period": "rp_next_period"}[section.key]
    params = dict(section.params)
    if section.key == "next_period" and not params.get("period"):
        return t("rp_next_none")
    return t(key, **params)


def empty_text(section: rp.Section, t: Catalog) -> str:
    if section.key == "next_period" and not section.params.get("period"):
        return t("rp_no_next")
    return t("none")


def more_text(section: rp.Section, t: Catalog) -> str | None:
    """'… and N more' under a list that was cut short, else None."""
    hidden = section.hidden
    if hidden is None:
        return t("more_done_plain")
    return t("more", n=hidden) if hidden > 0 else None


COLUMN_HEADERS = {"no": "rp_no", "id": "id", "title": "milestone", "chapter": "rp_chapter", "units": "rp_units",
                  "due": "due", "days": "", "state": "status", "done_on": "done_on", "done_state": "done_on",
                  "note": "rp_note"}
STATE_COLUMNS = ("days", "state", "done_state")  # columns coloured by the item's state


def column_header(key: str, t: Catalog) -> str:
    label = COLUMN_HEADERS[key]
    return t(label) if label else ""


def days_text(it: rp.Item, t: Catalog) -> str:
    return t("days_late", n=it.days_late) if it.days_late > 0 else t("days_left", n=-it.days_late)


def state_text(it: rp.Item, t: Catalog) -> str:
    return days_text(it, t) if it.state == st.OVERDUE else t(it.state)


def note_text(it: rp.Item, t: Catalog) -> str:
    parts = [it.note] if it.note else []
    if it.carried:
        parts.append(t("rp_carried_from", year=it.due.year))
    return "; ".join(parts)


def cell(it: rp.Item, key: str, index: int, t: Catalog) -> str:
    if key == "no":
        return str(index)
    if key == "id":
        return it.id
    if key == "title":
        return it.title
    if key == "chapter":
        return it.chapter
    if key == "units":
        return "、".join(it.units)
    if key == "due":
        return it.due.isoformat()
    if key == "days":
        return days_text(it, t)
    if key == "state":
        return state_text(it, t)
    if key == "done_on":
        return it.done_on.isoformat() if it.done_on else ""
    if key == "done_state":
        return f"{it.done_on.isoformat() if it.done_on else ''} {t(it.state)}"
    if key == "note":
        return note_text(it, t)
    raise KeyError(key)


def indicator_heading(report: rp.Report, t: Catalog) -> str:
    if report.period is None:
        return t("indicators", year=report.indicator_year)
    return t("rp_indicators", year=report.indicator_year)


INDICATOR_KEYS = ("number", "name", "unit", "attribute", "baseline", "target", "actual", "gap", "status")


def indicator_headers(t: Catalog) -> list[str]:
    return ["#", t("indicator"), t("unit"), t("attribute"), t("baseline"), t("target"), t("actual"), t("rp_gap"),
            t("status")]


def signed(number: float | None) -> str:
    if number is None:
        return ""
    text = format_number(number)
    return text if text.startswith("-") or number == 0 else f"+{text}"


def indicator_cells(row: rp.IndicatorRow, t: Catalog) -> list[str]:
    return [row.number or "", row.name, row.unit or "", row.attribute or "", row.baseline or "",
            row.target if row.target is not None else "—",
            format_number(row.actual) if row.actual is not None else "—", signed(row.gap), t(row.status)]


def conflict_text(conflict: dict[str, str] | None, t: Catalog) -> str:
    if not conflict:
        return ""
    return t("rp_conflict_detail", detail=", ".join(f"{table} {value}" for table, value in conflict.items()))


def ledger_state(row: rp.LedgerRow, t: Catalog) -> str:
    if row.state is None:
        return ""
    text = t(row.state)
    if row.progress:
        text += f" {row.progress[0]}/{row.progress[1]}"
    return text
