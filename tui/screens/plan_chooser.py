"""Choose a plan: on the very first run, which one is the bureau's own; later, ``p`` switches.

A bureau whose plan is not listed drafts it from its own document here: the last option asks
for the file, drafts the plan file beside it (or beside the database when that folder cannot
be written), writes the review list next to it, imports the plan and says where both are.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from store import queries as q
from store.errors import PlandeskError
from store.safe_text import visible
from tui.i18n import Catalog
from tui.phrases import error_line
from tui.screens.dialog import Dialog

if TYPE_CHECKING:
    from tui.app import PlanDeskApp

DRAFT_OPTION = "draft"


def draft_beside(source: Path, data_folder: Path, t: Catalog, today: str) -> tuple[Path, Path, str]:
    """Draft ``source`` into ``<name>.yaml`` and ``<name>.review.txt`` beside it (or in the data
    folder if its folder is read-only); returns both paths and the review list's text."""
    from store.draft import draft_file
    from store.files import write_atomically
    from tui.draft_text import review_text

    draft = draft_file(source, t("draft_header", file=source.name, date=today))
    review = review_text(t, draft, source.name)
    for folder in (source.parent, data_folder):
        plan_file, review_file = folder / f"{source.stem}.yaml", folder / f"{source.stem}.review.txt"
        try:
            write_atomically(plan_file, lambda handle: handle.write(draft.yaml_text.encode("utf-8")))
            write_atomically(review_file, lambda handle: handle.write(review.encode("utf-8")))
        except OSError:
            continue
        return plan_file, review_file, review
    raise PlandeskError(t("ui_draft_unwritable", folder=str(data_folder)))


def _plan_option(plan: q.Plan) -> Option:
    label = Text()
    label.append(visible(plan.region, one_line=True), style="bold")
    label.append("  ")
    label.append(visible(plan.title, one_line=True))
    label.append(f"  {plan.period} · {plan.id}", style="dim")
    return Option(label, id=f"plan:{plan.id}")


class PlanChooser(Dialog[str]):
    """Dismisses with the chosen plan's id (``None``: cancelled)."""

    app: PlanDeskApp

    def __init__(self, t: Catalog, plans: list[q.Plan], current: str | None, first_run: bool):
        super().__init__(t)
        self.plans = plans
        self.current = current
        self.first_run = first_run

    def compose(self) -> ComposeResult:
        options = [_plan_option(plan) for plan in self.plans]
        options.append(Option(Text(self.t("ui_draft_option"), style="italic"), id=DRAFT_OPTION))
        with Vertical(id="dialog", classes="wide"):
            heading = self.t("ui_choose_plan") if self.first_run else self.t("ui_switch_plan")
            yield Static(Text(heading, style="bold"), id="chooser-title", markup=False)
            yield OptionList(*options, id="plan-options")
            path = Input(placeholder=self.t("ui_draft_prompt"), id="draft-path")
            path.display = False
            yield path
            status = Static("", id="draft-status", markup=False)
            status.display = False
            yield status

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        for i, plan in enumerate(self.plans):
            if plan.id == self.current:
                options.highlighted = i

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == DRAFT_OPTION:
            path = self.query_one("#draft-path", Input)
            path.display = True
            path.focus()
            return
        self.dismiss((event.option.id or "plan:")[len("plan:"):] or None)

    def _say(self, text: str) -> None:
        status = self.query_one("#draft-status", Static)
        status.display = True
        status.update(Text(visible(text)))  # names a file the clerk typed, a reason read from it

    @on(Input.Submitted, "#draft-path")
    def _draft(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            return
        source = Path(event.value.strip().strip("'\"")).expanduser()
        self._say(self.t("ui_draft_working", file=source.name))
        self._run_draft(source)

    @work(thread=True, exclusive=True, group="draft")
    def _run_draft(self, source: Path) -> None:
        """Drafting reads and writes files only; the import goes through the app's one writer."""
        app = self.app
        try:
            plan_file, review_file, _ = draft_beside(source, Path(app.db_path).parent, self.t,
                                                     app.today.isoformat())
        except (PlandeskError, OSError) as exc:
            reason = error_line(self.t, exc) if isinstance(exc, PlandeskError) else str(exc)
            app.call_from_thread(self._say, self.t("ui_draft_failed", reason=reason))
            return
        app.call_from_thread(self._import, plan_file, review_file)

    def _import(self, plan_file: Path, review_file: Path) -> None:
        from store.importer import import_file

        def imported(reports: list[Any]) -> None:
            plan_id = reports[0].plan_id
            self.plans = self.app.db.read(q.list_plans)
            options = self.query_one(OptionList)
            try:
                options.get_option(f"plan:{plan_id}")
            except Exception:  # not listed yet: list it like the others, chosen with enter
                options.add_option(_plan_option(next(p for p in self.plans if p.id == plan_id)))
            options.highlighted = options.get_option_index(f"plan:{plan_id}")
            options.focus()
            self._say(self.t("ui_draft_done", plan=plan_id, file=str(plan_file), review=str(review_file)))

        self.app.write(lambda conn: import_file(conn, plan_file), shown=imported)

    def action_cancel(self) -> None:
        if self.first_run:
            self.app.exit(0)
        else:
            self.dismiss(None)
