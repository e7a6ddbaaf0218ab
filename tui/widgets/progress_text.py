"""The detail pane's reporting part: the line's light and why, its 序时进度, and its progress
reports, latest first (``store.view_progress.item_progress`` decides all of it; this draws).

Report text is data: ``rich.text.Text`` only, never markup, and never a control sequence
(``store.safe_text.visible``)."""
from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from store import progress as pg
from store import view_progress as vp
from store.safe_text import visible
from tui.i18n import Catalog
from tui.theme import LIGHT_STYLE, light_mark

REPORTS_SHOWN = 8  # the latest; the command line's ``plandesk progress ID`` lists them all


def _pairs(rows: list[tuple[str, Text]]) -> Table:
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(ratio=1, overflow="fold")
    for label, value in rows:
        grid.add_row(Text(label), value)
    return grid


def _points(n: float) -> str:
    return f"{n:g}"


def gap_text(lag: float, t: Catalog) -> str:
    """A lag in words: behind, ahead, or on schedule."""
    if lag > 0:
        return t("ui_pg_behind_by", n=_points(lag))
    if lag < 0:
        return t("ui_pg_ahead_by", n=_points(-lag))
    return t("ui_pg_on_schedule")


def light_rows(p: vp.ItemProgress, t: Catalog) -> list[tuple[str, Text]]:
    """The light with its reason, 序时进度 now, and the latest percent against what was expected."""
    rows: list[tuple[str, Text]] = []
    light = p.light
    if light is not None:
        value = light_mark(light.light)
        value.append(f" {t('pg_' + light.light)}", style=LIGHT_STYLE[light.light])
        value.append(f" · {t('pg_reason_' + light.reason)}")
        value.append(f"  ({t('ui_pg_due', period=p.due_period)})", style="dim")
        rows.append((f"{t('pg_col_light')}:", value))
        if light.expected is not None:
            rows.append((f"{t('pg_col_expected')}:", Text(t("ui_pg_xushi_now", pct=_points(light.expected)))))
        if light.percent is not None and p.expected_then is not None and light.lag is not None:
            rows.append(("", Text(t("ui_pg_reported", pct=_points(light.percent), period=light.period or "",
                                    expected=_points(p.expected_then), gap=gap_text(light.lag, t)))))
    under = p.under
    if under is not None and under.total and (light is None or under.total > 1):
        value = light_mark(under.light) if under.light else Text()
        value.append(" " + t("pg_lights_line", red=under.red, yellow=under.yellow, green=under.green,
                                 total=under.total))
        rows.append((f"{t('ui_pg_under')}:", value))
    return rows


def report_block(r: pg.Report, item_id: str | None, t: Catalog) -> list[RenderableType]:
    """One report: period, state and percent; its texts; who, which unit, when, from where."""
    head = Text(t("ui_pg_report_line", period=r.period, state=t(f"pg_state_{r.state}"),
                  percent="" if r.percent is None else f" {r.percent:g}%"), style="bold")
    if item_id is not None and r.item_id != item_id:
        head.append(f"  {t('ui_pg_on_milestone', id=visible(r.item_id.split('/', 1)[-1], one_line=True))}",
                    style="dim")
    head.append(f"  #{r.id}", style="dim")
    texts = [(t("pg_col_note"), r.note), (t("pg_col_problem"), r.problem), (t("pg_col_next"), r.next_step),
             (t("pg_col_evidence"), "；".join(r.evidence) if r.evidence else None)]
    parts: list[RenderableType] = [head]
    shown = [(f"{label}:", Text(visible(value), overflow="fold")) for label, value in texts if value]
    if shown:
        parts.append(_pairs(shown))
    by = Text(t("ui_pg_by", unit=visible(r.unit, one_line=True) or t("pg_no_unit"),
                who=visible(r.who, one_line=True) or "?", on=r.reported_on), style="dim", overflow="fold")
    if r.source:
        by.append("  " + t("ui_pg_source", source=visible(r.source, one_line=True)))
    parts.append(by)
    return parts


def progress_renderables(p: vp.ItemProgress, t: Catalog) -> list[RenderableType]:
    """The reporting section of the detail pane (nothing for a line with no light and no reports)."""
    rows = light_rows(p, t)
    if not rows and not p.reports:
        return []
    parts: list[RenderableType] = [Text(""), Text(t("ui_pg_heading"), style="bold underline")]
    if rows:
        parts.append(_pairs(rows))
    if p.item_id is not None and not p.reports:
        parts.append(Text(t("pg_no_reports"), style="dim"))
    for r in p.reports[:REPORTS_SHOWN]:
        parts.append(Text(""))
        parts.extend(report_block(r, p.item_id, t))
    if len(p.reports) > REPORTS_SHOWN:
        parts.append(Text(t("more", n=len(p.reports) - REPORTS_SHOWN), style="dim"))
    return parts
