"""Read a plan file's YAML with bounded memory and time, whatever the file holds.

A plan file comes from outside (a colleague's e-mail, a USB stick). YAML can be made to explode:
a few lines of nested aliases expand to billions of nodes, ten thousand ``[`` crash the C
composer, a FIFO or ``/dev/zero`` never ends. This module reads only regular files up to
``MAX_FILE_BYTES``, composes with libyaml's fast parser but a Python composer that counts depth,
aliases and (expanded) nodes, refuses complex keys, and turns a date YAML itself would build and
reject (``2023-02-30``) into a ``BadScalar`` that the schema check reports with its line.
Mappings carry the line of every key (``LINE_KEY``/``LINES_KEY``) and any key given twice.
"""
from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from yaml.composer import Composer, ComposerError
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, Event
from yaml.nodes import MappingNode, Node, ScalarNode
from yaml.resolver import Resolver

try:  # libyaml's parser: the same events, five times faster than the pure-Python one
    from yaml._yaml import CParser as _Parser
    _C_PARSER = True
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner
    _C_PARSER = False

    class _Parser(Reader, Scanner, Parser):  # type: ignore[no-redef]  # the pure-Python stand-in for CParser
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)

MAX_FILE_BYTES = 64 * 1024 * 1024  # a transcribed five-year plan is 0.1 MiB, a 50,000-node one 23 MiB
MAX_DEPTH = 64                     # the seed plans nest 15 levels at most
MAX_ALIASES = 100                  # uses of ``*anchor`` in one file
MAX_NODES = 2_000_000              # values in one document, aliases expanded (seeds: 12 500; 50,000 nodes: 1.1 M)

LINE_KEY = "__line__"
LINES_KEY = "__lines__"
TWICE_KEY = "__twice__"            # keys given twice in one mapping: [(key, line), ...]


class PlanFileError(Exception):
    """The file cannot be read as YAML at all; ``line`` is 1-based (0: the file as a whole)."""

    def __init__(self, line: int, field: str, message: str):
        self.line, self.field, self.message = line, field, message
        super().__init__(f"{line}: {field}: {message}")


class BadScalar(str):
    """A scalar YAML would build and reject (``2023-02-30``): kept as text with the reason."""

    reason: str


def read_text(path: Path) -> str:
    """The file's text: a regular file, at most MAX_FILE_BYTES, UTF-8 (a byte-order mark is fine).

    Opened non-blocking and checked on the open descriptor, so a FIFO is refused rather than
    waited on, and a file swapped for a device between the check and the read is refused too.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise PlanFileError(0, "file", "no such file") from None
    except IsADirectoryError:
        raise PlanFileError(0, "file", "is a folder, not a plan file") from None
    except OSError as exc:
        raise PlanFileError(0, "file", f"cannot be read ({exc.strerror})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise PlanFileError(0, "file", "is a folder, not a plan file")
        if not stat.S_ISREG(info.st_mode):
            raise PlanFileError(0, "file", "is not a regular file (a pipe or a device): save the plan to a file")
        if info.st_size > MAX_FILE_BYTES:
            raise PlanFileError(0, "file", f"is larger than the {MAX_FILE_BYTES // 2**20} MiB a plan file may have")
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise PlanFileError(0, "file", f"cannot be read ({exc.strerror})") from None
    finally:
        os.close(fd)
    if len(data) > MAX_FILE_BYTES:
        raise PlanFileError(0, "file", f"is larger than the {MAX_FILE_BYTES // 2**20} MiB a plan file may have")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise PlanFileError(line, "file", "is not UTF-8 text (save it as UTF-8)") from None


class _BoundedComposer(Composer):
    """PyYAML's composer with limits on depth, alias uses, expanded size, and no complex keys."""

    if TYPE_CHECKING:  # supplied by the parser it is mixed with
        def check_event(self, *choices: type[Event]) -> bool: ...
        def peek_event(self) -> Any: ...

    def __init__(self) -> None:
        super().__init__()
        self._depth = 0
        self._aliases = 0
        self._nodes = 0
        self._sizes: dict[str, int] = {}

    def compose_document(self) -> Node | None:
        self._nodes = 0
        self._sizes = {}
        return super().compose_document()

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(AliasEvent):
            event = self.peek_event()
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise ComposerError(None, None, f"more than {MAX_ALIASES} aliases (*name)", event.start_mark)
            if event.anchor in self.anchors and event.anchor not in self._sizes:
                raise ComposerError(None, None, f"alias *{event.anchor} refers to itself", event.start_mark)
            self._count(self._sizes.get(event.anchor, 0), event.start_mark)
            return super().compose_node(parent, index)
        start = self.peek_event()
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise ComposerError(None, None, f"nested more than {MAX_DEPTH} levels deep", start.start_mark)
        before = self._nodes
        self._nodes += 1
        if self._nodes > MAX_NODES:
            self._count(0, start.start_mark)
        node = super().compose_node(parent, index)
        self._depth -= 1
        anchor = getattr(start, "anchor", None)
        if anchor:
            self._sizes[anchor] = self._nodes - before
        return node

    def _count(self, n: int, mark: Any) -> None:
        self._nodes += n
        if self._nodes > MAX_NODES:
            raise ComposerError(None, None, f"more than {MAX_NODES} values (aliases expanded)", mark)

    def compose_mapping_node(self, anchor: Any) -> MappingNode:  # the anchor's name (a dict, say the stubs)
        node = super().compose_mapping_node(anchor)
        for key_node, _ in node.value:
            if not isinstance(key_node, ScalarNode):
                raise ComposerError(None, None, "a key must be plain text, not a list or mapping",
                                    key_node.start_mark)
        return node


class PlanLoader(_Parser, _BoundedComposer, SafeConstructor, Resolver):
    """The safe loader plan files are read with (see the module's docstring)."""

    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        _BoundedComposer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)


# the composer's own methods, not the C parser's compose_* (which know no limits)
for _name in ("get_node", "get_single_node", "check_node", "compose_document", "compose_node",
              "compose_scalar_node", "compose_sequence_node", "compose_mapping_node"):
    setattr(PlanLoader, _name, getattr(_BoundedComposer, _name, getattr(Composer, _name)))


def _construct_mapping(loader: PlanLoader, node: Node) -> dict[Any, Any]:
    """A mapping that remembers the line of itself and of each key, and any key given twice."""
    assert isinstance(node, MappingNode)  # registered for the mapping tag only
    loader.flatten_mapping(node)
    mapping: dict[Any, Any] = {}
    lines: dict[Any, int] = {}
    twice: list[tuple[Any, int]] = []
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if key in mapping:
            twice.append((key, line))
        mapping[key] = loader.construct_object(value_node, deep=True)
        lines[key] = line
    mapping[LINE_KEY] = node.start_mark.line + 1
    mapping[LINES_KEY] = lines
    if twice:
        mapping[TWICE_KEY] = twice
    return mapping


def _construct_timestamp(loader: PlanLoader, node: Node) -> Any:
    """A date as YAML reads it; one that does not exist stays text, marked, for a clear message."""
    assert isinstance(node, ScalarNode)  # registered for the timestamp tag only
    try:
        return SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        bad = BadScalar(node.value)
        bad.reason = f"{node.value} is not a real date"
        return bad


for _tag, _construct in ((Resolver.DEFAULT_MAPPING_TAG, _construct_mapping),
                         ("tag:yaml.org,2002:timestamp", _construct_timestamp)):
    PlanLoader.add_constructor(_tag, _construct)  # type: ignore[type-var]  # the stubs know only PyYAML's loaders


def _error_line(exc: yaml.YAMLError, text: str) -> int:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is not None:
        return int(mark.line) + 1
    position = getattr(exc, "position", None)  # a ReaderError: a character YAML does not allow
    if isinstance(position, int):  # libyaml counts UTF-8 bytes, PyYAML's own reader characters
        if _C_PARSER:
            return text.encode("utf-8")[:position].count(b"\n") + 1
        return text[:position].count("\n") + 1
    return 0


def load_documents(text: str) -> Iterator[Any]:
    """Every YAML document in ``text``; a YAML problem becomes a PlanFileError with its line."""
    loader = PlanLoader(text)
    try:
        while loader.check_node():  # check_data and get_data, which the stubs leave untyped
            yield loader.construct_document(loader.get_node())
    except yaml.YAMLError as exc:
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        if isinstance(exc, yaml.reader.ReaderError):
            code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or " ")
            reason = f"character U+{code:04X} is not allowed in a YAML file"
        raise PlanFileError(_error_line(exc, text), "yaml", reason) from None
    except RecursionError:  # pragma: no cover - MAX_DEPTH keeps far below Python's limit
        raise PlanFileError(0, "yaml", "nested too deeply") from None
    finally:
        loader.dispose()
