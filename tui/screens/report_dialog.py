"""Write a report from inside the app: pick the kind (annual year, mid-term, final), the format
and the file, and the main screen writes it in a worker (``tui/controllers/reporting.py``).

Compact one-row widgets so the whole form fits an 80x24 terminal. The file name follows the
choices until the clerk types one of their own; a relative name is taken inside ``folder`` (the
database's folder, which the dialog names).
"""
from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Select, Static

from store import queries as q
from store.report import ANNUAL, FINAL, MIDTERM
from store.safe_text import visible
from tui.i18n import Catalog

# each kind: its catalog keys (in the list, in the file name)
KINDS = {ANNUAL: ("ui_report_annual", "ui_report_annual_file"),
         MIDTERM: ("ui_report_midterm", "ui_report_midterm_file"),
         FINAL: ("ui_report_final", "ui_report_final_file")}
# every file format of ``plandesk report`` (``rich`` is the terminal's, not a file's), its label key
FORMATS = {"docx": "ui_report_fmt_docx", "xlsx": "ui_report_fmt_xlsx", "html": "ui_report_fmt_html",
           "md": "ui_report_fmt_md", "csv": "ui_report_fmt_csv", "json": "ui_report_fmt_json",
           "text": "ui_report_fmt_text"}
FIRST_FORMAT = "docx"
EXTENSIONS = {"text": "txt"}


@dataclass(frozen=True)
class ReportChoice:
    kind: str
    year: int  # the annual report's year (ignored by mid-term and final)
    fmt: str
    path: Path


def default_year(plan: q.Plan, today: date) -> int:
    """Last year's report is the one a bureau writes in spring; else this year's, inside the plan."""
    if plan.start_year <= today.year - 1 <= plan.end_year:
        return today.year - 1
    return min(max(today.year, plan.start_year), plan.end_year)


def file_name(plan: q.Plan, kind: str, year: int, fmt: str, t: Catalog) -> str:
    """``<plan id> <kind> <years>.<ext>``: the kind in the clerk's language, the years it covers."""
    if kind == MIDTERM:
        years = f"{plan.start_year}-{(plan.start_year + plan.end_year) // 2}"
    elif kind == FINAL:
        years = f"{plan.start_year}-{plan.end_year}"
    else:
        years = str(year)
    return f"{plan.id} {t(KINDS[kind][1])} {years}.{EXTENSIONS.get(fmt, fmt)}"


class ReportDialog(ModalScreen[ReportChoice | None]):
    CSS_PATH = "dialog.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "k_close")]
    DEFAULT_CSS = """
    ReportDialog #report-choices { height: auto; }
    ReportDialog .report-column { height: auto; margin-right: 2; }
    ReportDialog #kind-column { width: 24; }
    ReportDialog #year-column { width: 8; }
    ReportDialog #format-column { width: 26; margin-right: 0; }
    ReportDialog #report-folder { color: $text-muted; }
    """

    def __init__(self, t: Catalog, plan: q.Plan, today: date, folder: Path):
        super().__init__()
        self.t, self.plan, self.folder = t, plan, folder
        self.year = default_year(plan, today)
        self._default_name = file_name(plan, ANNUAL, self.year, FIRST_FORMAT, t)

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(id="dialog"):
            title = Text(visible(t("ui_report_title", plan=self.plan.title), one_line=True), style="bold")
            yield Static(title, id="dialog-title", markup=False)
            with Horizontal(id="report-choices"):
                with Vertical(id="kind-column", classes="report-column"):
                    yield Static(t("ui_report_kind"), markup=False)
                    yield Select([(t(keys[0]), k) for k, keys in KINDS.items()], value=ANNUAL, allow_blank=False,
                                 compact=True, id="report-kind")
                with Vertical(id="year-column", classes="report-column"):
                    yield Static(t("ui_report_year"), markup=False)
                    yield Input(str(self.year), compact=True, id="report-year")
                with Vertical(id="format-column", classes="report-column"):
                    yield Static(t("ui_report_format"), markup=False)
                    yield Select([(t(key), f) for f, key in FORMATS.items()], value=FIRST_FORMAT,
                                 allow_blank=False, compact=True, id="report-format")
            yield Static(t("ui_report_path"), classes="field-label", markup=False)
            yield Input(self._default_name, compact=True, id="report-path")
            yield Static(Text(t("ui_report_folder", folder=visible(str(self.folder), one_line=True)),
                              overflow="fold"), id="report-folder", markup=False)
            yield Static("", id="dialog-message", markup=False)
            with Horizontal(id="dialog-buttons"):
                yield Button(t("ui_save"), variant="primary", id="save")
                yield Button(t("ui_cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#report-kind", Select).focus()

    def _kind(self) -> str:
        return str(self.query_one("#report-kind", Select).value)

    def _fmt(self) -> str:
        return str(self.query_one("#report-format", Select).value)

    @on(Select.Changed)
    @on(Input.Changed, "#report-year")
    def _choices_changed(self) -> None:
        """The year matters to the annual report only; the file name follows until typed over."""
        kind = self._kind()
        year_box = self.query_one("#report-year", Input)
        year_box.disabled = kind != ANNUAL
        with contextlib.suppress(ValueError):  # half typed: keep the last whole year
            self.year = int(year_box.value)
        path_box = self.query_one("#report-path", Input)
        name = file_name(self.plan, kind, self.year, self._fmt(), self.t)
        if path_box.value == self._default_name:
            path_box.value = name
        self._default_name = name

    def check(self) -> ReportChoice | str:
        """The choice, or why it cannot be written (shown in place; the dialog stays open)."""
        t, plan = self.t, self.plan
        kind = self._kind()
        year = self.year
        if kind == ANNUAL:
            text = self.query_one("#report-year", Input).value.strip()
            if not text.isdigit() or not plan.start_year <= int(text) <= plan.end_year:
                return t("ui_report_bad_year", period=plan.period)
            year = int(text)
        typed = self.query_one("#report-path", Input).value.strip()
        if not typed:
            return t("sd_out_empty")
        path = Path(typed).expanduser()
        return ReportChoice(kind, year, self._fmt(), path if path.is_absolute() else self.folder / path)

    def refuse(self, message: str) -> None:
        self.query_one("#dialog-message", Static).update(Text(visible(message), style="bold red", overflow="fold"))

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        result = self.check()
        if isinstance(result, str):
            self.refuse(result)
            return
        self.dismiss(result)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
