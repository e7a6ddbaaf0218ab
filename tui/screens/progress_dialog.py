"""Write a progress report (进展情况) on one task or milestone: the form ``r`` opens.

State (the four states, in the clerk's language), share done, 进展情况, 存在问题, 下步措施,
佐证材料, the reporting unit (preset to the item's lead unit) and the period (preset to the one
whose reports are due, as ``missing`` and the ledger use it; typed in any form ``store.periods``
reads, and shown as the dates it means while typing). One compact row per field so the form fits
an 80x24 terminal; smaller ones scroll. A refusal (a period outside the plan, a share over 100)
shows on the dialog's error line and keeps everything typed.
"""
from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, RadioButton, RadioSet, Static

from store import periods as pr
from store import progress as pg
from store import view_progress as vp
from store.errors import BadInput
from store.safe_text import visible
from tui.i18n import Catalog
from tui.screens.form_dialog import DIALOG_SHARE, Field, FormDialog, Refused

EVIDENCE_SEPARATORS = (";", "；", "\n")
COMPACT_OVERHEAD = 6  # rows around the fields: border 2, title 1, the fields' top margin 1, buttons 1, and
# the subtitle's (at most 3, dialog.tcss) and the message's rows on top


@dataclass(frozen=True)
class ProgressEntry:
    """What the clerk entered, checked: ready for ``store.progress_actions.report``."""

    state: str
    period: pr.Period
    percent: float | None
    note: str
    problem: str
    next_step: str
    evidence: list[str]
    unit: str


def split_evidence(text: str) -> list[str]:
    """Several pieces of evidence typed on one line, separated by ; or ；."""
    for sep in EVIDENCE_SEPARATORS[1:]:
        text = text.replace(sep, EVIDENCE_SEPARATORS[0])
    return [part.strip() for part in text.split(EVIDENCE_SEPARATORS[0]) if part.strip()]


def _last_report(report: pg.Report | None, t: Catalog) -> Text:
    if report is None:
        return Text(t("pg_no_reports"), style="dim")
    percent = "" if report.percent is None else f" {report.percent:g}%"
    return Text(t("ui_pg_last", period=report.period, state=t(f"pg_state_{report.state}"), percent=percent),
                style="dim")


class ProgressDialog(FormDialog[ProgressEntry]):
    """Dismisses with a ``ProgressEntry`` (``None``: cancelled)."""

    def __init__(self, t: Catalog, form: vp.ReportForm):
        fields = [
            Field("period", t("pg_col_period"), form.period.key, t("ui_pg_period_hint")),
            Field("percent", t("pg_col_percent"), "", t("ui_pg_percent_hint")),
            Field("note", t("pg_col_note")),
            Field("problem", t("pg_col_problem")),
            Field("next", t("pg_col_next")),
            Field("evidence", t("pg_col_evidence"), "", t("ui_pg_evidence_hint")),
            Field("unit", t("pg_col_unit"), form.unit),
        ]
        subtitle = Text(visible(form.item.title), style="bold", overflow="fold")
        subtitle.append("\n")
        subtitle.append_text(_last_report(form.latest, t))
        super().__init__(t, t("k_report_help"), fields, subtitle=subtitle)
        self.form = form
        self.state = form.latest.state if form.latest is not None and form.latest.state != pg.DONE else pg.ON_TRACK

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(id="dialog", classes="compact-form"):
            yield Static(Text(visible(self.title_text.plain), style="bold"), id="dialog-title", markup=False)
            yield Static(self.subtitle or "", id="dialog-subtitle", markup=False)
            with VerticalScroll(id="dialog-body"):  # scrolls when the terminal is shorter than 80x24
                with Horizontal(classes="form-row"):
                    yield Static(Text(t("pg_col_state")), classes="row-label", markup=False)
                    with RadioSet(id="field-state", compact=True):
                        for state in pg.STATES:
                            yield RadioButton(Text(t(f"pg_state_{state}")), value=state == self.state,
                                              id=f"state-{state}", compact=True)
                for f in self.fields:
                    with Horizontal(classes="form-row"):
                        yield Static(Text(f.label), classes="row-label", markup=False)
                        yield Input(value=visible(f.value, one_line=True), placeholder=f.placeholder,
                                    id=f"field-{f.name}", compact=True)
            yield Static("", id="dialog-message", markup=False)
            with Horizontal(id="dialog-buttons"):
                yield Button(self.t("ui_save"), variant="primary", id="save", compact=True)
                yield Button(self.t("ui_cancel"), id="cancel", compact=True)

    def _fit_body(self) -> None:
        """The fields take what the screen leaves after the title, subtitle, message and buttons."""
        rows = int(self.app.size.height * DIALOG_SHARE) - COMPACT_OVERHEAD - 3 - self._message_rows
        self.query_one("#dialog-body").styles.max_height = max(3, rows)

    def on_mount(self) -> None:
        self._fit_body()
        states = self.query_one("#field-state", RadioSet)
        states.focus()
        self.call_after_refresh(self._cursor_on_pressed, states)
        self.preview(self.values())

    def _cursor_on_pressed(self, states: RadioSet) -> None:
        """The set's cursor starts on its first button: move it to the preset state, so that
        enter keeps it and an arrow goes to its neighbour."""
        for _ in range(max(states.pressed_index, 0)):
            states.action_next_button()

    @on(RadioSet.Changed, "#field-state")
    def _state_chosen(self) -> None:
        """A state chosen (enter or a click): on to the period, as enter does in a text field."""
        self.query_one("#field-period", Input).focus()

    def chosen_state(self) -> str:
        pressed = self.query_one("#field-state", RadioSet).pressed_button
        return pressed.id.removeprefix("state-") if pressed is not None and pressed.id else self.state

    def read_period(self, text: str) -> pr.Period:
        try:
            return vp.check_period(text, self.form.start_year, self.form.end_year)
        except BadInput:
            try:
                pr.parse(text)
            except BadInput:
                raise Refused(self.t("ui_pg_bad_period", text=text)) from None
            raise Refused(self.t("ui_pg_outside", period=text.strip(), start=self.form.start_year,
                                 end=self.form.end_year)) from None

    def read_percent(self, text: str) -> float | None:
        cleaned = text.strip().rstrip("%％").strip()
        if not cleaned:
            return None
        try:
            return pg.check_percent(float(cleaned))
        except (ValueError, BadInput):
            raise Refused(self.t("ui_pg_bad_percent", text=text.strip())) from None

    def check(self, values: dict[str, str]) -> ProgressEntry:
        return ProgressEntry(self.chosen_state(), self.read_period(values["period"]),
                             self.read_percent(values["percent"]), values["note"].strip(),
                             values["problem"].strip(), values["next"].strip(), split_evidence(values["evidence"]),
                             values["unit"].strip())

    def preview(self, values: dict[str, str]) -> None:
        """What the typed period means, as dates (or nothing while it is not one yet)."""
        message = self.query_one("#dialog-message", Static)
        try:
            period = vp.check_period(values.get("period", ""), self.form.start_year, self.form.end_year)
        except BadInput:
            message.update("")
            return
        label = period.label_zh() if self.t.lang == "zh" else period.key
        message.update(Text(self.t("ui_pg_period_means", period=label, start=period.start.isoformat(),
                                   end=period.end.isoformat()), style="green"))
