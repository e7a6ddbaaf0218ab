"""Set a task's responsible unit(s); empty goes back to the units printed in the plan."""
from __future__ import annotations

from rich.text import Text

from store.actions import split_units
from tui.i18n import Catalog
from tui.screens.form_dialog import Field, FormDialog


class UnitDialog(FormDialog[tuple[list[str] | None]]):
    """Dismisses with ``(names,)``, or ``(None,)`` meaning "as printed" (plain ``None``: cancelled)."""

    def __init__(self, t: Catalog, title: str, units: list[str]):
        super().__init__(t, t("k_unit_help"), [Field("units", t("ui_units"), "、".join(units))],
                         subtitle=Text(title))

    def check(self, values: dict[str, str]) -> tuple[list[str] | None]:
        names = split_units(values["units"])
        return (names or None,)
