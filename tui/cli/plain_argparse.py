"""argparse that speaks the UI's language and fails like every other plandesk error.

argparse prints its usage and exits with 2 on a mistake, in English. plandesk's rule is one
line, exit 1, in the UI's language, so ``PlandeskParser.error`` phrases argparse's messages
through the catalog; ``--help`` shows help texts, argument names and section titles from the
catalog too (looked up by their English text: ``help:<text>`` and ``mv:<dest>``), translated
only when help is printed, so a normal run pays nothing for it.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from typing import Any, NoReturn

from tui.i18n import Catalog

EXIT_USAGE = 1

_catalog = Catalog("en")  # the language of the current command line (set by the parser's builder)


def use_catalog(t: Catalog) -> None:
    global _catalog
    _catalog = t


def t(key: str, **values: Any) -> str:
    return _catalog(key, **values)


def translated(text: str | None) -> str | None:
    """A help text in the UI's language (itself if the catalog does not know it)."""
    if not text or text == argparse.SUPPRESS:
        return text
    found = _catalog(f"help:{text}")
    return text if found == f"help:{text}" else found


def bounded_int(low: int, high: int) -> Callable[[str], int]:
    """An argparse ``type``: a whole number within low..high, else a message in the UI's language."""
    def read(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(t("in_arg_not_whole", text=text)) from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(t("in_arg_range", text=text, low=low, high=high))
        return value
    read.__name__ = "int"
    return read


# argparse's own messages (Python 3.11) -> catalog keys; anything else is shown as argparse says it
_MESSAGES: list[tuple[str, str]] = [
    (r"^argument (?P<arg>\S+): invalid choice: (?P<value>.*) \(choose from (?P<choices>.*)\)$", "in_arg_choice"),
    (r"^argument (?P<arg>\S+): expected one argument$", "in_arg_expected_one"),
    (r"^argument (?P<arg>\S+): expected at most one argument$", "in_arg_expected_one"),
    (r"^argument (?P<arg>\S+): invalid (?P<type>\w+) value: (?P<value>.*)$", "in_arg_not_whole_v"),
    (r"^argument (?P<arg>\S+): not allowed with argument (?P<other>\S+)$", "in_arg_not_with"),
    (r"^the following arguments are required: (?P<args>.*)$", "in_arg_required"),
    (r"^one of the arguments (?P<args>.*) is required$", "in_arg_one_of"),
    (r"^unrecognized arguments: (?P<args>.*)$", "in_arg_unknown"),
    (r"^ambiguous option: (?P<arg>\S+) could match (?P<choices>.*)$", "in_arg_ambiguous"),
    (r"^argument (?P<arg>\S+): ignored explicit argument (?P<value>.*)$", "in_arg_no_value"),
    (r"^argument (?P<arg>\S+): (?P<message>.*)$", "in_arg_other"),
]


def phrase(message: str) -> str:
    """argparse's English message in the UI's language."""
    for pattern, key in _MESSAGES:  # compiled only on a mistake: a normal run pays nothing
        if m := re.match(pattern, message):
            return t(key, **m.groupdict())
    return message


def _cells(text: str) -> int:
    """Terminal cells of ``text``: a Chinese character takes two (argparse counts one)."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


class Formatter(argparse.HelpFormatter):
    """The usage line's prefix from the catalog; Chinese help wrapped and aligned by cells."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, t("in_usage") if prefix is None else prefix)

    def _split_lines(self, text: str, width: int) -> list[str]:
        if _cells(text) == len(text):
            return super()._split_lines(text, width)
        lines, line = [], ""
        for token in re.findall(r"[A-Za-z0-9_.,/:;()%'\-]+ ?|\s|.", " ".join(text.split())):
            if line and _cells(line + token.rstrip()) > width:
                lines.append(line.rstrip())
                line = token.lstrip()
            else:
                line += token
        return [*lines, line.rstrip()] if line.strip() else lines

    def _format_action(self, action: argparse.Action) -> str:
        text = super()._format_action(action)
        invocation = self._format_action_invocation(action)
        extra = _cells(invocation) - len(invocation)
        head = " " * self._current_indent + invocation
        if extra and text.startswith(head + "  "):  # pull the help text back to its column
            rest = text[len(head):]
            spaces = len(rest) - len(rest.lstrip(" "))
            if rest.strip() and not rest.startswith(" " * spaces + "\n"):
                text = head + " " * max(2, spaces - extra) + rest[spaces:]
        return text


class PlandeskParser(argparse.ArgumentParser):
    """One line, exit 1, in the UI's language for a mistake; help in the UI's language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        from store.safe_text import visible

        line = visible(f"{self.prog}: {phrase(message)}", one_line=True)
        print(f"{line} ({t('in_arg_see_help', prog=self.prog)})", file=sys.stderr)
        sys.exit(EXIT_USAGE)

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        if _catalog.lang != "en":  # so that a usage error names arguments in the UI's language
            self._translate()
        return super().parse_known_args(args, namespace)

    def format_help(self) -> str:
        self._translate()
        return super().format_help()

    def format_usage(self) -> str:
        self._translate()
        return super().format_usage()

    def _translate(self) -> None:
        """Help texts, argument names and section titles in the UI's language (once)."""
        if getattr(self, "_translated", False):
            return
        self._translated = True
        self.description = translated(self.description)
        for group in self._action_groups:
            group.title = {"positional arguments": t("in_positionals"), "options": t("in_options")}.get(
                group.title or "", group.title)
        for action in self._actions:
            action.help = translated(action.help)
            if _catalog.lang != "en" and not action.choices and action.nargs != 0:
                key = f"mv:{action.dest if action.metavar is None else action.metavar}"
                if isinstance(action.metavar, (str, type(None))) and _catalog(key) != key:
                    action.metavar = _catalog(key)
