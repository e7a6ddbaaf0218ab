"""Every action of the app in one table: its keys, its words in each language, where it works.

The key bindings of the main screen, the tree and the indicators screen, the footer, the ``?``
help screen and the command palette are all built from ``ACTIONS`` (harlequin builds its keymap
and palette from one list of actions the same way), so adding an action is one entry here plus
its two catalog keys (``<id>`` for the label, ``<id>_help`` for the help line) in ``tui/i18n/``.

A screen's bindings need the clerk's language, but Textual reads ``BINDINGS`` from the class:
``localized(cls, t)`` makes (once per language) a subclass of the same name whose ``BINDINGS``
carry the words in that language. That is plain subclassing, Textual's public way to set bindings.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, TypeVar

from textual.binding import Binding, BindingType
from textual.keys import format_key

from tui.i18n import Catalog

if TYPE_CHECKING:
    from textual.dom import DOMNode

# where an action is bound, and so where the palette runs it
APP = "app"  # everywhere a footer is: bound on the main and the indicators screens
TREE = "tree"  # the task tree (it has the focus on the main screen)
MAIN = "main"  # the main screen
INDICATORS = "indicators"  # the indicators screen


@dataclass(frozen=True)
class Action:
    """One thing the clerk can do: ``id`` is its catalog key (``id`` and ``id + "_help"``)."""

    id: str
    keys: str  # Textual key names, comma separated; the first is the one the help shows first
    action: str  # the Textual action run where it is bound (``app.`` / ``screen.`` prefixes allowed)
    where: str
    footer: bool = False
    palette: bool = True  # offered in the command palette (only the palette's own key is not)
    cli: str | None = None  # the command-line verb that does the same, where there is one
    priority: bool = False  # checked before the focused widget (for keys an input box would take)

    def help_key(self, t: Catalog) -> str:
        """The action's keys as the help screen lists them, in ``t``'s language."""
        return ", ".join(help_key(k, t) for k in self.keys.split(","))


ACTIONS: tuple[Action, ...] = (
    # the task tree
    Action("k_tick", "space", "screen.tick", TREE, footer=True, cli="tick"),
    Action("k_expand", "enter", "toggle_node", TREE),
    Action("k_open_branch", "right", "open_branch", TREE),
    Action("k_close_branch", "left", "close_branch", TREE),
    # the main screen
    Action("k_tick_dialog", "d", "tick_dialog", MAIN, cli="tick"),
    Action("k_report", "r", "report_progress", MAIN, footer=True, cli="progress"),
    Action("k_add", "a", "add_milestone", MAIN),
    Action("k_edit", "e", "edit_milestone", MAIN),
    Action("k_delete", "delete,x", "delete_milestone", MAIN),
    Action("k_unit", "u", "set_unit", MAIN),
    # the task tree itself: the clerk fixes a draft, or a mid-term adjustment (中期调整)
    Action("k_add_node", "A", "add_node", MAIN),
    Action("k_edit_node", "E", "edit_node", MAIN),
    Action("k_move_node_up", "ctrl+up,left_square_bracket", "move_node_up", MAIN),
    Action("k_move_node_down", "ctrl+down,right_square_bracket", "move_node_down", MAIN),
    Action("k_move_node", "M", "move_node", MAIN),
    Action("k_archive_node", "X", "archive_node", MAIN),
    Action("k_search", "slash", "search", MAIN, footer=True),
    Action("k_filter", "f", "filter", MAIN, footer=True),
    Action("k_overdue_only", "o", "overdue_only", MAIN, cli="overdue"),
    Action("k_clear", "escape", "clear_filter", MAIN),
    Action("k_next", "n", "next_overdue", MAIN, footer=True),
    Action("k_date", "t", "app.change_date", MAIN, footer=True),
    Action("k_plan", "p", "app.switch_plan", MAIN, cli="plans"),
    Action("k_indicators", "i", "app.indicators", MAIN, footer=True),
    Action("k_open_all", "asterisk", "open_all", MAIN),
    Action("k_close_all", "minus", "close_all", MAIN),
    Action("k_ledger", "l", "ledger_status", MAIN, cli="ledger"),
    Action("k_write_report", "w", "write_report", MAIN, cli="report"),
    # the indicators screen
    Action("k_record", "r", "record", INDICATORS, footer=True, cli="record"),
    Action("k_tree", "escape,i", "back", INDICATORS, footer=True),
    # everywhere
    Action("k_undo", "ctrl+z", "app.undo", APP, cli="undo"),
    Action("k_redo", "ctrl+y", "app.redo", APP, cli="redo"),
    Action("k_help", "question_mark", "app.help", APP, footer=True),
    Action("k_quit", "q", "app.quit", APP, footer=True),
    Action("k_palette", "ctrl+p", "app.command_palette", APP, palette=False, priority=True),
)

# Keys the help lists that are not actions of ours: Textual's own cursor keys, the dialogs' keys.
KEY_HINTS: dict[str, list[tuple[str, str]]] = {
    TREE: [("↑ ↓", "k_cursor_help")],
    APP: [("ctrl+c, ctrl+q", "k_quit_help")],
    "dialogs": [("enter, esc", "ui_dialog_keys")],
}

# Bound on the App itself, checked first on every screen, dialogs included (no footer shows them).
APP_PRIORITY_KEYS = "ctrl+q,ctrl+c"

BY_ID: dict[str, Action] = {a.id: a for a in ACTIONS}
EN = Catalog("en")


# Keys whose name is a word rather than what the key cap shows: said in the clerk's language
# (the space bar has no label; ctrl, esc, del are printed on every keyboard, Chinese ones too).
_KEY_WORDS = {"space": "key_space"}


def help_key(key: str, t: Catalog = EN) -> str:
    """A key as the help screen and the footer spell it: ``ctrl+z``, ``/``, ``?``, ``空格``."""
    key = key.strip()
    if "+" in key:
        modifiers, name = key.rsplit("+", 1)
        return f"{modifiers}+{help_key(name, t)}"
    return t(_KEY_WORDS[key]) if key in _KEY_WORDS else format_key(key)


def actions_in(*where: str) -> list[Action]:
    return [a for a in ACTIONS if a.where in where]


def bindings(where: tuple[str, ...], t: Catalog) -> list[BindingType]:
    """The Textual bindings of the actions bound ``where``, labelled in ``t``'s language."""
    return [Binding(a.keys, a.action, t(a.id), show=a.footer, priority=a.priority, tooltip=t(f"{a.id}_help"),
                    id=a.id, key_display=_key_display(a, t))
            for a in actions_in(*where)]


def _key_display(action: Action, t: Catalog) -> str | None:
    """The footer's name for the action's first key where Textual's own would be a word of English."""
    first = action.keys.split(",")[0].strip()
    return help_key(first, t) if first.rsplit("+", 1)[-1] in _KEY_WORDS else None


def app_bindings() -> list[BindingType]:
    """The App's own bindings: quit from anywhere, and the palette key (so that Textual does not
    add its own, English one); no footer shows these, so their labels need no language."""
    return [Binding(APP_PRIORITY_KEYS, "quit", EN("k_quit"), show=False, priority=True),
            Binding("ctrl+p", "command_palette", EN("k_palette"), show=False, priority=True)]


N = TypeVar("N", bound="DOMNode")


def localized(cls: type[N], t: Catalog) -> type[N]:
    """``cls`` with its bindings labelled in ``t``'s language (``cls`` names its ``ACTIONS_WHERE``)."""
    return _localized(cls, t.lang)


@cache
def _localized(cls: type[N], lang: str) -> type[N]:
    if lang == "en":
        return cls
    where: tuple[str, ...] = getattr(cls, "ACTIONS_WHERE", ())  # each bindable class names it
    namespace = {"BINDINGS": bindings(where, Catalog(lang)), "__module__": cls.__module__,
                 "__qualname__": cls.__qualname__, "__doc__": cls.__doc__}
    return type(cls.__name__, (cls,), namespace)


Section = tuple[str, list[tuple[str, str]]]  # heading, (keys as shown, what they do)


def help_sections(t: Catalog) -> list[Section]:
    """What the ``?`` screen lists: every action of the table, by where it works, and the hints."""

    def hints(where: str) -> list[tuple[str, str]]:
        return [(keys, t(key)) for keys, key in KEY_HINTS.get(where, [])]

    def rows(*where: str) -> list[tuple[str, str]]:
        return [(a.help_key(t), t(f"{a.id}_help")) for a in actions_in(*where)]

    return [
        (t("ui_where_tree"), hints(TREE) + rows(TREE, MAIN)),
        (t("ui_where_indicators"), rows(INDICATORS)),
        (t("ui_where_everywhere"), rows(APP) + hints(APP)),
        (t("ui_where_dialogs"), hints("dialogs")),
    ]
