"""Read a plan file's YAML with bounded memory and time, whatever the file holds.

A plan file comes from outside (a colleague's e-mail, a USB stick). YAML can be made to explode:
a few lines of nested aliases expand to billions of nodes, ten thousand ``[`` crash the C
composer, a FIFO or ``/dev/zero`` never ends. The file is opened and checked by
``store.plan_file``; this module composes with libyaml's fast parser but a Python composer that
counts depth, aliases and (expanded) nodes, refuses complex keys, and turns a date YAML itself
would build and reject (``2023-02-30``) into a ``BadScalar`` that the schema check reports with
its line. Mappings carry the line of every key (``LINE_KEY``/``LINES_KEY``) and any key given twice.

A plan's top-level ``nodes`` list is handed over one item (chapter) at a time (``read_pieces``):
each item's YAML nodes, with their marks, are dropped once it is built, so a 200,000-node plan
never holds its whole YAML graph and its whole built data at once.
"""
from __future__ import annotations

from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, cast

import yaml
from yaml.composer import Composer, ComposerError
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from store.plan_file import MAX_FILE_BYTES, PlanFile, PlanFileError
from store.problems import Say, say

try:  # libyaml's parser: the same events, five times faster than the pure-Python one
    from yaml._yaml import CParser as _Parser
    _C_PARSER = True
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml.parser import Parser as _Parser  # type: ignore[assignment]  # PyYAML without libyaml: the pure-Python parser
    _C_PARSER = False
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, _Parser):  # type: ignore[no-redef]  # the pure-Python stand-in for CParser
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)  # type: ignore[arg-type]  # a Parser by the mixin, not by the stubs

__all__ = ["MAX_FILE_BYTES", "MAX_DEPTH", "MAX_ALIASES", "MAX_NODES", "LINE_KEY", "LINES_KEY", "TWICE_KEY",
           "PlanFileError", "BadScalar", "StreamedItems", "Piece", "read_pieces"]

MAX_DEPTH = 64                     # the seed plans nest 15 levels at most
MAX_ALIASES = 100                  # uses of ``*anchor`` in one file
MAX_NODES = 2_000_000              # values held at once, aliases expanded (seeds: 12 500; a 2,500-node chapter: 55 000)

LINE_KEY = "__line__"
LINES_KEY = "__lines__"
TWICE_KEY = "__twice__"            # keys given twice in one mapping: [(key, line), ...]

HEAD, ITEM, DOCUMENT = "head", "item", "document"
YAML_FIELD = say("pr_field_yaml")  # where a problem of the file's YAML is said to be, as ``yaml:``
_MERGE_TAG = "tag:yaml.org,2002:merge"
_STR_TAG = "tag:yaml.org,2002:str"


class BadScalar(str):
    """A scalar YAML would build and reject (``2023-02-30``): kept as text with the reason."""

    reason: Say


@dataclass(slots=True)
class StreamedItems:
    """Stands in a document for a top-level list whose items were handed over one by one."""

    count: int = 0          # items in the list
    not_mappings: int = 0   # items that were not a mapping of keys (not handed over)


class Piece(NamedTuple):
    """What ``read_pieces`` hands over: the plan's keys before its streamed list (HEAD), one
    item of that list (ITEM), or the whole document with the list as ``StreamedItems`` (DOCUMENT)."""

    kind: str
    value: Any


class SaidError(ComposerError):
    """A YAML problem plandesk words itself (its own limits, a value its tag cannot hold)."""

    def __init__(self, said: Say, mark: Any) -> None:
        super().__init__(None, None, str(said), mark)
        self.said = said


class _BoundedComposer(Composer):
    """PyYAML's composer with limits on depth, alias uses, expanded size, and no complex keys."""

    if TYPE_CHECKING:  # the parser this composer is mixed with (PlanLoader) gives the events
        def peek_event(self) -> Any: ...
        def get_event(self) -> Any: ...
        def check_event(self, *choices: type) -> bool: ...

    def __init__(self) -> None:
        super().__init__()
        self._depth = 0
        self._aliases = 0
        self._nodes = 0   # values held now, aliases expanded: what MAX_NODES bounds
        self._plain = 0   # values written out in the file (not through an alias), ever
        self._sizes: dict[str, int] = {}

    def compose_document(self) -> Node:
        self._nodes = 0
        self._sizes = {}
        return cast(Node, super().compose_document())

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        event = self.peek_event()
        if event.__class__ is ScalarEvent and event.anchor is None and self._depth < MAX_DEPTH:
            # the common case, what Composer.compose_scalar_node does without its layers of calls
            self.get_event()
            self._plain += 1
            self._count(1, event.start_mark)
            tag = event.tag
            if tag is None or tag == "!":
                tag = _STR_TAG
                value = event.value
                if event.implicit[0]:  # plain: Resolver.resolve's implicit resolvers (a plan has no path resolvers)
                    for candidate, pattern in _IMPLICIT.get(value[:1], ()):
                        if pattern.match(value):
                            tag = candidate
                            break
            scalar: Any = event  # its marks are libyaml's, which the stubs do not take for PyYAML's
            return ScalarNode(tag, scalar.value, scalar.start_mark, scalar.end_mark, style=scalar.style)
        if self.check_event(AliasEvent):
            event = self.peek_event()
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise SaidError(say("pr_yaml_aliases", n=MAX_ALIASES), event.start_mark)
            if event.anchor in self.anchors and event.anchor not in self._sizes:
                raise SaidError(say("pr_yaml_alias_self", name=event.anchor), event.start_mark)
            self._count(self._sizes.get(event.anchor, 0), event.start_mark)
            return cast(Node, super().compose_node(parent, index))
        start = self.peek_event()
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise SaidError(say("pr_yaml_depth", n=MAX_DEPTH), start.start_mark)
        before = self._nodes
        self._plain += 1
        self._count(1, start.start_mark)
        node = cast(Node, super().compose_node(parent, index))
        self._depth -= 1
        anchor = getattr(start, "anchor", None)
        if anchor:
            self._sizes[anchor] = self._nodes - before
        return node

    def _count(self, n: int, mark: Any) -> None:
        self._nodes += n
        if self._nodes > MAX_NODES:
            raise SaidError(say("pr_yaml_values", n=MAX_NODES), mark)

    def compose_mapping_node(self, anchor: Any) -> MappingNode:
        node = super().compose_mapping_node(anchor)
        for key_node, _ in node.value:
            if not isinstance(key_node, ScalarNode):
                raise SaidError(say("pr_yaml_complex_key"), key_node.start_mark)
        return node


class PlanLoader(_Parser, _BoundedComposer, SafeConstructor, Resolver):
    """The safe loader plan files are read with (see the module's docstring)."""

    def __init__(self, stream: Any) -> None:
        _Parser.__init__(self, stream)
        _BoundedComposer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)
        self._deferred: yaml.YAMLError | None = None

    def pieces(self, stream_key: str) -> Iterator[Piece]:
        """Every document; one whose top is a plain mapping comes with its ``stream_key`` list
        item by item (see ``Piece``). Errors come in the order a whole-document read finds them:
        the file's YAML first (syntax, limits, complex keys), then building (an unknown tag)."""
        while self.check_node():
            self.get_event()  # the document's start
            self._nodes = 0
            self._sizes = {}
            event = self.peek_event()
            if isinstance(event, MappingStartEvent) and event.anchor is None and event.tag in (None, "!"):
                document = yield from self._stream_mapping(stream_key)
                self.get_event()  # the document's end
                self.anchors = {}
                if self._deferred is not None:
                    raise self._deferred
                yield Piece(DOCUMENT, document)
            else:
                node = self.compose_node(None, None)
                self.get_event()
                self.anchors = {}
                yield Piece(DOCUMENT, self.construct_document(node))

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        if node.__class__ is ScalarNode and node.tag == _STR_TAG:  # text, as construct_yaml_str builds it
            return node.value
        try:
            return SafeConstructor.construct_object(self, node, deep)
        except (ValueError, TypeError, KeyError, OverflowError):  # ``!!int x``, ``!!bool maybe``: PyYAML's own crash
            value = node.value if isinstance(node, ScalarNode) else ""
            value = value if len(value) <= 60 else f"{value[:40]}…"  # 5,000 digits: not a line of them
            tag = str(node.tag).replace("tag:yaml.org,2002:", "!!")  # as the clerk wrote it
            raise SaidError(say("pr_yaml_bad_value", value=value, tag=tag), node.start_mark) from None

    def _build(self, node: Node) -> Any:
        """One value built now, its YAML nodes free to go; a building error waits (``pieces``)."""
        if self._deferred is not None:
            return None
        try:
            return self.construct_document(node)
        except yaml.YAMLError as exc:
            self._deferred = exc
            return None

    def _stream_mapping(self, stream_key: str) -> Generator[Piece, None, dict[Any, Any]]:
        """The document's top mapping, built key by key as ``_construct_mapping`` would build it."""
        start: Any = self.get_event()
        self._depth += 1
        self._plain += 1
        self._count(1, start.start_mark)
        parent = MappingNode(Resolver.DEFAULT_MAPPING_TAG, [], start.start_mark, start.end_mark)
        merged: list[tuple[Any, int, Any]] = []
        explicit: list[tuple[Any, int, Any]] = []
        complex_key: Node | None = None
        streamed: StreamedItems | None = None
        while not self.check_event(MappingEndEvent):
            key_node = self.compose_node(parent, None)
            if (streamed is None and isinstance(key_node, ScalarNode) and key_node.tag == _STR_TAG
                    and key_node.value == stream_key and self._plain_sequence_next()):
                yield Piece(HEAD, _mapping(start.start_mark.line + 1, merged + explicit))
                streamed = StreamedItems()
                yield from self._stream_items(streamed)
                explicit.append((stream_key, key_node.start_mark.line + 1, streamed))
                continue
            value_node = self.compose_node(parent, key_node)
            if not isinstance(key_node, ScalarNode):
                complex_key = complex_key or key_node
                continue
            pair = MappingNode(Resolver.DEFAULT_MAPPING_TAG, [(key_node, value_node)], start.start_mark)
            into = merged if key_node.tag == _MERGE_TAG else explicit
            if self._deferred is None:
                try:
                    self.flatten_mapping(pair)
                except yaml.YAMLError as exc:
                    self._deferred = exc
            for key, value in pair.value if self._deferred is None else ():
                into.append((self._build(key), key.start_mark.line + 1, self._build(value)))
        self.get_event()
        self._depth -= 1
        if complex_key is not None:
            raise SaidError(say("pr_yaml_complex_key"), complex_key.start_mark)
        return _mapping(start.start_mark.line + 1, merged + explicit)

    def _plain_sequence_next(self) -> bool:
        event = self.peek_event()
        return isinstance(event, SequenceStartEvent) and event.anchor is None and event.tag in (None, "!")

    def _stream_items(self, streamed: StreamedItems) -> Iterator[Piece]:
        """Each item built and handed over as soon as it is composed; only the values reached
        through aliases keep counting towards MAX_NODES once an item is handed over."""
        start: Any = self.get_event()
        self._depth += 1
        self._plain += 1
        self._count(1, start.start_mark)
        parent = SequenceNode(Resolver.DEFAULT_SEQUENCE_TAG, [], start.start_mark, start.end_mark)
        while not self.check_event(SequenceEndEvent):
            plain_before = self._plain
            item = self._build(self.compose_node(parent, streamed.count))
            self._nodes -= self._plain - plain_before
            streamed.count += 1
            if isinstance(item, dict):
                if self._deferred is None:
                    yield Piece(ITEM, item)
            else:
                streamed.not_mappings += 1
        self.get_event()
        self._depth -= 1


_IMPLICIT: dict[str, list[tuple[str, Any]]] = PlanLoader.yaml_implicit_resolvers
assert None not in _IMPLICIT and not PlanLoader.yaml_path_resolvers  # what the fast path in compose_node relies on

# the composer's own methods, not the C parser's compose_* (which know no limits)
for _name in ("get_node", "get_single_node", "check_node", "compose_document", "compose_node",
              "compose_scalar_node", "compose_sequence_node", "compose_mapping_node"):
    setattr(PlanLoader, _name, getattr(_BoundedComposer, _name, getattr(Composer, _name)))


def _mapping(line: int, pairs: list[tuple[Any, int, Any]]) -> dict[Any, Any]:
    """A mapping that remembers the line of itself and of each key, and any key given twice."""
    mapping: dict[Any, Any] = {}
    lines: dict[Any, int] = {}
    twice: list[tuple[Any, int]] = []
    for key, key_line, value in pairs:
        if key in mapping:
            twice.append((key, key_line))
        mapping[key] = value
        lines[key] = key_line
    mapping[LINE_KEY] = line
    mapping[LINES_KEY] = lines
    if twice:
        mapping[TWICE_KEY] = twice
    return mapping


def _construct_mapping(loader: PlanLoader, node: MappingNode) -> dict[Any, Any]:
    """``_mapping`` of a YAML mapping (merge keys ``<<`` resolved first, as PyYAML does)."""
    loader.flatten_mapping(node)
    return _mapping(node.start_mark.line + 1, [
        (loader.construct_object(key_node, deep=True), key_node.start_mark.line + 1,
         loader.construct_object(value_node, deep=True)) for key_node, value_node in node.value])


def _construct_timestamp(loader: PlanLoader, node: ScalarNode) -> Any:
    """A date as YAML reads it; one that does not exist stays text, marked, for a clear message."""
    try:
        return SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        bad = BadScalar(node.value)
        bad.reason = say("pr_not_real_date", value=node.value)
        return bad


# cast: the stubs take only yaml.Loader / yaml.CLoader as the constructor's first argument
PlanLoader.add_constructor(Resolver.DEFAULT_MAPPING_TAG, cast(Any, _construct_mapping))
PlanLoader.add_constructor("tag:yaml.org,2002:timestamp", cast(Any, _construct_timestamp))


def _error_line(exc: yaml.YAMLError, source: PlanFile, text: str | None) -> int:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is not None:
        return int(mark.line) + 1
    position = getattr(exc, "position", None)  # a ReaderError: a character YAML does not allow
    if isinstance(position, int):  # libyaml counts the file's bytes, PyYAML's own reader characters
        return source.line_at(position) if text is None else text[:position].count("\n") + 1
    return 0


def read_pieces(path: Path, stream_key: str = "nodes") -> Iterator[Piece]:
    """Every YAML document in the plan file at ``path`` as ``Piece``s (``stream_key``'s items one
    by one); a file or YAML problem becomes a PlanFileError with its line."""
    with PlanFile(path) as source:
        text = None if _C_PARSER else source.text()
        loader = PlanLoader(source if text is None else text)
        try:
            yield from loader.pieces(stream_key)
        except yaml.YAMLError as exc:
            from store.yaml_reasons import yaml_reason

            raise PlanFileError(_error_line(exc, source, text), YAML_FIELD, yaml_reason(exc)) from None
        except RecursionError:  # pragma: no cover - MAX_DEPTH keeps far below Python's limit
            raise PlanFileError(0, YAML_FIELD, say("pr_yaml_nested")) from None
        finally:
            loader.dispose()
