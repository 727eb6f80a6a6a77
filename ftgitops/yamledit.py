"""Round-trip edits of a data file: a few values changed, every comment, key order, quote and
indent kept, the file replaced atomically.

The actions (deploy now; notify and plan later) write back into files people also edit by
hand, so a rewrite must read as if a careful person had added the lines: ruamel.yaml's
round trip keeps the rest of the file byte for byte. The indentation is the one setting it
cannot read from a file, so each file is dumped unchanged with the usual styles first and
the one that reproduces it exactly is used for the edit.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarstring import LiteralScalarString

from ftgitops.atomic import write_text
from ftgitops.errors import FtgitopsError

# (mapping, sequence, offset): ftgitops's own style first, then other common ones.
INDENTS = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0), (2, 4, 0), (4, 2, 0))
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
Edit = Callable[[CommentedMap], None]


class Moment(str):
    """A time written as a plain YAML timestamp (`2026-12-01T09:00:05Z`), not quoted."""

    __slots__ = ()


def moment(at: datetime) -> Moment:
    """An aware time as UTC to the second, the form every deployer time is written in."""
    return Moment(at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))


def _represent_moment(representer: RoundTripRepresenter, value: Moment) -> Any:
    return representer.represent_scalar(TIMESTAMP_TAG, str(value))


def _yaml(indent: tuple[int, int, int]) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a long line
    mapping, sequence, offset = indent
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    yaml.representer.add_representer(Moment, _represent_moment)
    return yaml


def _dump(yaml: YAML, data: Any) -> str:
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def _styles(text: str) -> Iterator[tuple[YAML, Any]]:
    """A loader-dumper per indent style with the document it loaded, best guess first."""
    for indent in INDENTS:
        yaml = _yaml(indent)
        yield yaml, yaml.load(text)


def load_round_trip(text: str, name: str) -> tuple[YAML, CommentedMap]:
    """The document, and the YAML instance that dumps it unchanged back to `text` (or, when
    no style does, the first: the edit then also re-indents the file)."""
    try:
        styles = _styles(text)
        first = next(styles)
        for yaml, data in (first, *styles):
            if _dump(yaml, data) == text:
                return _checked(yaml, data, name)
    except YAMLError as error:
        raise FtgitopsError(f"{name}: cannot edit: {error}") from None
    return _checked(*first, name)


def _checked(yaml: YAML, data: Any, name: str) -> tuple[YAML, CommentedMap]:
    if not isinstance(data, CommentedMap):
        raise FtgitopsError(f"{name}: cannot edit: the top level is not a mapping")
    return yaml, data


def edit_text(text: str, edit: Edit, name: str = "<text>") -> str:
    """`text` with `edit` applied to its top-level mapping, everything else kept."""
    yaml, data = load_round_trip(text, name)
    edit(data)
    return _dump(yaml, data)


def edit_file(path: Path, edit: Edit) -> bool:
    """Apply `edit` to the file's top-level mapping and replace the file atomically; False
    (and the file untouched) when the edit changed nothing."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise FtgitopsError(f"cannot read {path}: {error.strerror or error}") from None
    edited = edit_text(text, edit, str(path))
    if edited == text:
        return False
    write_text(path, edited)
    return True


def node(value: Any) -> Any:
    """A plain value as a round-trip node: mappings and lists in block style, text with line
    breaks as a literal block, times (`datetime`) as `Moment`s."""
    if isinstance(value, Mapping):
        mapping = CommentedMap()
        for key, item in value.items():
            mapping[key] = node(item)
        return mapping
    if isinstance(value, list | tuple):
        sequence = CommentedSeq(node(item) for item in value)
        sequence.fa.set_block_style()
        return sequence
    if isinstance(value, datetime):
        return moment(value)
    if isinstance(value, str) and "\n" in value and not isinstance(value, Moment):
        return LiteralScalarString(value)
    return value


def append(mapping: CommentedMap, key: str, value: Any) -> None:
    """Append `value` to the list under `key`, written in block style; a missing key is added
    at the end of the mapping."""
    sequence = mapping.get(key)
    if not isinstance(sequence, CommentedSeq):
        sequence = CommentedSeq()
        mapping[key] = sequence
    sequence.fa.set_block_style()
    sequence.append(node(value))


def set_value(mapping: CommentedMap, key: str, value: Any) -> None:
    """Set `key` in place (its comments stay); a missing key is added at the end."""
    mapping[key] = node(value)
