"""A file's fields as one compact HTML definition list, every key and value escaped.

The internal edition shows every field of every change; written as HTML (not a YAML code
block in Markdown) the thousands of them cost MkDocs no Markdown parsing and no syntax
highlighting. Each tag is still read three times (Markdown's raw HTML scan, MkDocs' anchor
scan, the search index), so the list stays compact: a mapping of short values and lists of
them reads as one line (`regions: apac, uk; services: web`), a list of short values as a
comma list; free text keeps a `<dd>` or `<li>` of its own, so no separator is ambiguous.
Values are written with `text.plain`: newlines kept as `&#10;` (shown under `white-space:
pre-line`), so the block has no blank line that could end Markdown's raw HTML block early.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from ftgitops.site.text import plain

FIELDS_CLASS = "ft-fields"
# Longer strings, or strings holding a separator, get a line (or a list item) of their own.
MAX_TOKEN = 40
SEPARATORS = (",", ";", "\n")


def field_list(data: Mapping[Any, Any]) -> str:
    """`<dl class="ft-fields">` with a `<dt>` and `<dd>` per field, in the file's order."""
    rows = "".join(
        f"<dt>{text(key)}</dt><dd>{value_html(value)}</dd>" for key, value in data.items()
    )
    return f'<dl class="{FIELDS_CLASS}">{rows}</dl>'


def value_html(value: Any) -> str:
    """A field's value: short values inline, anything longer or nested as HTML."""
    if isinstance(value, Mapping):
        if all(is_flat(v) for v in value.values()):
            return "; ".join(f"{text(key)}: {flat(v)}" for key, v in value.items()) or "{}"
        return field_list(value)
    if isinstance(value, list | tuple) and not is_flat(value):
        return "<ol>" + "".join(f"<li>{value_html(v)}</li>" for v in value) + "</ol>"
    return flat(value)


def is_token(value: Any) -> bool:
    """A plain value that reads unambiguously between `, ` and `; ` separators."""
    if isinstance(value, str):
        return len(value) <= MAX_TOKEN and not any(mark in value for mark in SEPARATORS)
    return not isinstance(value, Mapping | list | tuple)


def is_flat(value: Any) -> bool:
    """A token or a list of tokens: fits on one line inside another value."""
    return is_token(value) or (isinstance(value, list | tuple) and all(map(is_token, value)))


def flat(value: Any) -> str:
    """A plain value, or a list of tokens as `a, b` (`[]` when empty)."""
    if isinstance(value, list | tuple):
        return ", ".join(text(v) for v in value) or "[]"
    return text(value)


def text(value: Any) -> str:
    """A plain value as YAML would write it, escaped, newlines kept as `&#10;` (`text.plain`)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.isoformat()
    return plain(str(value))
