"""The message catalog (tui/i18n/): every key in both languages, and every key in use."""
from __future__ import annotations

import ast
import re
from pathlib import Path

from store.loader import NODE_KINDS
from tui.actions import ACTIONS
from tui.i18n import MESSAGES

REPO = Path(__file__).resolve().parents[1]

# Keys the code builds at run time, so no source line spells them out whole: the prefix, and where.
DYNAMIC_PREFIXES = {
    "act_": "a journal entry's action: printouts.print_history, widgets/detail_pane",
    "basis_": "a target's basis (total or yearly increment): indicators_screen.conflict_text",
    "kind_": "a node's kind: widgets/detail_pane",
    "light_": "a traffic light: reports/progress_tables.ledger_state (a task's row in the workbook)",
    "pace_": "an indicator's pace rating (store/pace.py): reports/indicator_tables.pace_text",
    "rp_title_": "a report's kind: reports/common.title",
    "ui_filter_": "a filter's name: controllers/filtering.filter_label",
    "ui_nothing_": "undo or redo: app._step",
    "sd_out_": "why an output path is refused: cli/output.py, cli/cmd_backup.py",
    "sd_bk_": "why a backup cannot be restored: cli/cmd_backup.py",
    "sd_db_": "what went wrong with the database file: app._written, cli",
    "sd_nothing_": "nothing to undo or redo (of a plan): cli/cmd_change.py",
    "sd_f_": "a journal entry's field names: tui/history_text.py",
    "tr_order_": "a node moved up or down among its siblings: tui/history_text.py",
    "sd_why_": "why an undo skipped an item: tui/history_text.py",
    "pg_state_": "a reported progress state: cli/cmd_progress.py, tui/history_text.py",
    "pg_reason_": "why an item has its light: cli/cmd_progress.py",
    "ui_pg_hdr_": "a light's count in the app's header: tui/theme.lights_line",
    "help:": "command-line help texts, keyed by their English: cli/plain_argparse.py",
    "mv:": "command-line argument names (metavars), keyed by their dest: cli/plain_argparse.py",
    "in_db_": "why --db is refused: cli/context.py",
    "lg_p_": "why a ledger workbook row is refused: cli/cmd_ledger.py (problem codes of store/ledger_read.py)",
}
# Keys added ahead of the code that shows them (issue 11, the reporting cycle, merged before its
# screens): remove a key from here once it is used, or from the catalog if it never will be.
NOT_YET_USED = {"pg_col_why", "pg_units_none", "pg_units_of", "pg_inherited"}


def _literals() -> set[str]:
    """Every string constant in the source (the catalog itself aside), f-strings' parts included."""
    found: set[str] = set()
    for path in [*REPO.glob("tui/**/*.py"), *REPO.glob("store/**/*.py")]:
        if path.parent.name == "i18n":  # the catalog itself
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return found


def test_every_key_has_english_and_chinese() -> None:
    from store.problem_texts import ONE_LANGUAGE_VALUES

    for key, pair in MESSAGES.items():
        assert len(pair) == 2, key
        english, chinese = pair
        assert english.strip() and chinese.strip(), key
        left_out = set(ONE_LANGUAGE_VALUES.get(key, ()))  # PyYAML's rarer reasons: English words only
        assert sorted(set(re.findall(r"\{(\w+)", english)) - left_out) == \
            sorted(set(re.findall(r"\{(\w+)", chinese)) - left_out), key


def test_no_key_is_unused() -> None:
    used = _literals() | {f"{a.id}_help" for a in ACTIONS}
    unused = [k for k in MESSAGES if k not in used and not k.startswith(tuple(DYNAMIC_PREFIXES))]
    assert sorted(unused) == sorted(NOT_YET_USED)


def test_dynamic_keys_exist_for_every_value() -> None:
    for kind in NODE_KINDS:
        assert f"kind_{kind}" in MESSAGES, kind
    for light in ("red", "yellow", "green", "done"):
        assert f"light_{light}" in MESSAGES, light
    for which in ("undo", "redo"):
        assert f"ui_nothing_{which}" in MESSAGES


def test_every_error_key_the_code_raises_is_in_the_catalog() -> None:
    """The store raises errors by key (store/error_texts.py, merged into the catalog): a key
    spelled wrong would fail only when a clerk meets that error."""
    from store.error_texts import MESSAGES as ERROR_TEXTS

    raised = {text for text in _literals() if re.fullmatch(r"err_\w+", text)}
    assert raised, "no error key found in the source"
    assert sorted(raised - MESSAGES.keys()) == []
    assert all(key.startswith("err_") and key in MESSAGES for key in ERROR_TEXTS)
