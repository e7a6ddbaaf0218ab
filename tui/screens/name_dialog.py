"""Asked once, on the first run of the app: who is working, so the journal names them."""
from __future__ import annotations

from tui.i18n import Catalog
from tui.screens.form_dialog import Field, FormDialog


class NameDialog(FormDialog[str]):
    def __init__(self, t: Catalog):
        super().__init__(t, t("sd_name_title"), [Field("name", t("sd_name_label"))])

    def check(self, values: dict[str, str]) -> str:
        return values["name"].strip()
