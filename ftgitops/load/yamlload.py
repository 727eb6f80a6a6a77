"""Safe, strict YAML loading: libyaml's speed without YAML 1.1's surprises.

PyYAML's `CSafeLoader` resolves plain scalars by YAML 1.1 rules, so `23:00` becomes the
number 1380, `no` becomes false and `2026-11-28` a date. The loader here resolves only
YAML 1.2 core forms (true/false, null, numbers), keeps everything else as text, and refuses
what would make a data file ambiguous or dangerous: duplicate keys, anchors and aliases,
over-deep nesting, huge files, non-UTF-8 bytes and a top level that is not a mapping.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

import yaml

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 64
MAX_DIGITS = 18  # no field takes a larger number; Python refuses to read past 4,300 digits

_CORE_INT = r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"
_CORE_INT_MATCH = re.compile(_CORE_INT).match
_TAG = "tag:yaml.org,2002:"
_STR, _INT, _BOOL, _NULL, _MAP, _SEQ = (
    _TAG + t for t in ("str", "int", "bool", "null", "map", "seq")
)
_DEFAULT_TAGS = {yaml.ScalarNode: _STR, yaml.SequenceNode: _SEQ, yaml.MappingNode: _MAP}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


class LoadError(Exception):
    """A file that cannot be loaded; carries a finding code and a 1-based position."""

    def __init__(self, code: str, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.column = column


class _Position(NamedTuple):
    line: int
    column: int


def _position(mark: Any) -> _Position:
    if mark is None:
        return _Position(1, 1)
    return _Position(mark.line + 1, mark.column + 1)


class StrictLoader(yaml.CSafeLoader):
    """libyaml's parser with YAML 1.2 core scalars, no duplicate keys and no aliases."""

    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012 - PyYAML's own class table

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
        """PyYAML's `Resolver.resolve` less what this loader never registers (path and
        wildcard resolvers): libyaml calls it for every node, so it is on the hot path."""
        if kind is yaml.ScalarNode and implicit[0]:
            for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                if regexp.match(value):
                    return str(tag)
        return _DEFAULT_TAGS[kind]

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.constructed_objects:
            line, column = _position(node.start_mark)
            raise LoadError(
                "FT006", "aliases (*name) are not allowed: write the value out", line, column
            )
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[object] = set()
        for key_node, _value in node.value:
            line, column = _position(key_node.start_mark)
            if key_node.tag != "tag:yaml.org,2002:str":
                message = (
                    f"the key {key_node.value!r} must be text: quote it"
                    if isinstance(key_node, yaml.ScalarNode)
                    else "a list or mapping cannot be a key: keys must be text"
                )
                raise LoadError("FT009", message, line, column)
            key = key_node.value
            if key in seen:
                raise LoadError(
                    "FT005", f"duplicate key {key!r}: YAML would keep only the last", line, column
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _add_core_resolvers() -> None:
    """YAML 1.2 core schema: booleans, null, integers and floats; all else stays text."""
    resolvers = (
        ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
        ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
        ("tag:yaml.org,2002:int", _CORE_INT, "-+0123456789"),
        (
            "tag:yaml.org,2002:float",
            r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
            "-+0123456789.",
        ),
    )
    for tag, pattern, first in resolvers:
        StrictLoader.add_implicit_resolver(tag, re.compile(pattern), list(first))


_add_core_resolvers()
_CORE_TAGS = ("str", "bool", "null", "int", "float", "map", "seq")
StrictLoader.yaml_constructors = {
    f"tag:yaml.org,2002:{tag}": yaml.SafeLoader.yaml_constructors[f"tag:yaml.org,2002:{tag}"]
    for tag in _CORE_TAGS
}


def _refuse_tag(loader: StrictLoader, node: yaml.Node) -> Any:
    line, column = _position(node.start_mark)
    raise LoadError("FT004", f"the tag {node.tag!r} is not allowed: write plain YAML", line, column)


def _timestamp_as_text(loader: StrictLoader, node: yaml.ScalarNode) -> str:
    return str(loader.construct_scalar(node))


StrictLoader.add_constructor(None, _refuse_tag)
StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


def _construct_core_int(loader: StrictLoader, node: yaml.ScalarNode) -> int:
    return _core_int(str(loader.construct_scalar(node)), node)


def _core_int(text: str, node: yaml.Node) -> int:
    """YAML 1.2 ints: `0o17` is octal, `012` is twelve, and underscores are not digits.

    A literal of more than `MAX_DIGITS` digits is refused (FT101) where it stands.
    """
    if len(text) > MAX_DIGITS:  # the sign and 0o or 0x prefix count only on the slow path
        _refuse_long(text, node)
    if text.startswith("0o"):
        return int(text[2:], 8)
    return int(text, 0) if text.startswith("0x") else int(text, 10)


def _refuse_long(text: str, node: yaml.Node) -> None:
    digits = len(text.lstrip("+-").removeprefix("0o").removeprefix("0x"))
    if digits > MAX_DIGITS:
        line, column = _position(node.start_mark)
        shown = f"{text[:12]}..." if len(text) > 15 else text
        raise LoadError(
            "FT101",
            f"the number {shown} has {digits:,} digits; no field takes more than {MAX_DIGITS}",
            line,
            column,
        )


StrictLoader.add_constructor("tag:yaml.org,2002:int", _construct_core_int)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        line_start = data.rfind(b"\n", 0, error.start) + 1
        column = len(data[line_start : error.start].decode("utf-8", errors="replace")) + 1
        raise LoadError(
            "FT002",
            f"byte 0x{data[error.start]:02x} is not UTF-8: save the file as UTF-8",
            line,
            column,
        ) from None


def _may_nest_too_deep(data: bytes) -> bool:
    """A cheap test on an upper bound of the nesting: block levels need indentation (or a
    `- `, `? `, `: ` prefix), two levels a column at most, and flow levels need brackets.

    The bound is `2 * (widest line prefix + 2) + brackets`; rather than measure every line's
    prefix, one regex search asks whether any line's prefix is wider than the bound allows.
    """
    brackets = data.count(b"[") + data.count(b"{")
    widest_allowed = (MAX_DEPTH - 4 - brackets) // 2
    if widest_allowed < 0:
        return True
    return re.search(rb"(?m)^[ \-?:]{%d}" % (widest_allowed + 1), data) is not None


def _scan_events(
    text: str, loader: type[yaml.CSafeLoader | yaml.SafeLoader] = yaml.CSafeLoader
) -> None:
    """The exact check, on libyaml's event stream (no recursion): depth and anchors."""
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
            line, column = _position(event.start_mark)
            raise LoadError(
                "FT006",
                f"anchors (&{event.anchor}) are not allowed: write the value out",
                line,
                column,
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                line, column = _position(event.start_mark)
                raise LoadError("FT007", f"nesting is deeper than {MAX_DEPTH} levels", line, column)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


class _Unusual(Exception):
    """A node the fast construction leaves to `StrictLoader`, whose checks are the reference."""


def _plain(node: yaml.Node) -> Any:
    """The value of a node made only of core scalars, text-keyed mappings and sequences."""
    tag = node.tag
    if isinstance(node, yaml.ScalarNode):
        value = node.value
        if tag == _STR:
            return value
        if tag == _INT and _CORE_INT_MATCH(value):
            return _core_int(value, node)
        if tag == _BOOL and value in _BOOLS:
            return _BOOLS[value]
        if tag == _NULL:
            return None
    elif isinstance(node, yaml.MappingNode) and tag == _MAP:
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if key_node.tag != _STR or not isinstance(key_node, yaml.ScalarNode) or key in mapping:
                raise _Unusual
            mapping[key] = _plain(value_node)
        return mapping
    elif isinstance(node, yaml.SequenceNode) and tag == _SEQ:
        return [_plain(item) for item in node.value]
    raise _Unusual


def _construct(text: str) -> Any:
    """libyaml composes the nodes and `_plain` builds the values, several times faster than
    PyYAML's constructor; anything else (floats, tags, duplicate or non-text keys) goes
    through `StrictLoader`, so every value and every refusal is exactly its own."""
    node = yaml.compose(text, Loader=StrictLoader)
    try:
        return None if node is None else _plain(node)
    except _Unusual:
        return yaml.load(text, Loader=StrictLoader)


def _reader_position(text: str, offset: int) -> _Position:
    """Line and column of a reader error; libyaml counts its offset in UTF-8 bytes."""
    before = text.encode("utf-8")[:offset].decode("utf-8", errors="ignore")
    return _Position(before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1)


def _syntax_error(error: yaml.YAMLError, text: str) -> LoadError:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line, column = _position(mark)
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    message = f"{context}: {problem}" if context else str(problem)
    if isinstance(error, yaml.reader.ReaderError):
        character = error.character if isinstance(error.character, str) else chr(error.character)
        message = f"the character {character!r} is not allowed in YAML"
        line, column = _reader_position(text, error.position)
    return LoadError("FT004", f"YAML syntax: {message}", line, column)


_LIBYAML_NESTING = "maximum nesting depth"


def _nesting_error(text: str, error: yaml.YAMLError) -> None:
    """Raise FT007 where the nesting passes our limit, when libyaml stopped at its own first.

    libyaml 0.2.6 (in PyYAML 6.0.4's wheels) refuses 1,000 flow levels while still scanning
    ahead, before it hands out the 65th event; PyYAML's own parser has no such limit and
    reaches the exact place (only on this failure path, so its pace does not matter).
    """
    _scan_events(text, yaml.SafeLoader)
    line, column = _position(getattr(error, "problem_mark", None))
    raise LoadError("FT007", f"nesting is deeper than {MAX_DEPTH} levels", line, column)


def load_mapping(data: bytes) -> dict[str, Any]:
    """Parse one data file's bytes into a mapping, or raise `LoadError`."""
    if len(data) > MAX_BYTES:
        raise LoadError(
            "FT003", f"the file is {len(data):,} bytes; the limit is {MAX_BYTES:,} (1 MiB)"
        )
    text = _decode(data)
    try:
        if b"&" in data or _may_nest_too_deep(data):
            _scan_events(text)
        document = _construct(text)
    except yaml.YAMLError as error:
        if _LIBYAML_NESTING in str(getattr(error, "problem", "")):
            _nesting_error(text, error)
        raise _syntax_error(error, text) from None
    except RecursionError:
        raise LoadError("FT007", f"nesting is deeper than {MAX_DEPTH} levels") from None
    if not isinstance(document, dict):
        found = "nothing" if document is None else f"a {type(document).__name__}"
        raise LoadError("FT008", f"the file must be a mapping of fields, not {found}")
    return document
