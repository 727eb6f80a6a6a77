"""One definition of text: what a value may hold, checked once for every field of a file.

Text is whatever the pages, feeds, calendars and terminals can carry: no control characters
but tab and line feed (no NUL, no ANSI escape, no vertical tab, no DEL, no C1 control) and no
U+FFFE or U+FFFF. YAML refuses them written raw; only a `\\` escape in a double-quoted scalar
(`"\\e[31m"`, `"\\0"`, `"\\x85"`) puts one in a value, so a file without a backslash is not
walked at all and validating stays as fast as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ftgitops.findings import Finding, JsonPath
from ftgitops.load.positions import SourceMap

_NOT_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_ALLOWED = "only tabs and line breaks may appear in text"


def text_findings(relative: str, data: bytes, mapping: dict[str, Any]) -> list[Finding]:
    """FT108 for every key and value of the parsed file that is not text, on its line."""
    if b"\\" not in data:
        return []
    problems = list(_problems(mapping, ()))
    if not problems:
        return []
    source_map = SourceMap(data.decode("utf-8-sig"))  # the file parsed: it decodes
    return [
        Finding("FT108", message, relative, at, *source_map.locate(where, key=key))
        for at, where, key, message in problems
    ]


Problem = tuple[JsonPath, JsonPath, bool, str]  # reported path, located path, a key?, message


def _problems(value: Any, at: JsonPath) -> Iterator[Problem]:
    if isinstance(value, str):
        found = _NOT_TEXT.search(value)
        if found is not None:
            where = f"at character {found.start() + 1}"
            yield at, at, False, f"the text contains {_named(found.group())}, {where}: {_ALLOWED}"
    elif isinstance(value, dict):
        for key, item in value.items():
            found = _NOT_TEXT.search(key)
            if found is not None:  # reported on the mapping: the key is no path to print
                message = f"the key {key!r} contains {_named(found.group())}: {_ALLOWED}"
                yield at, (*at, key), True, message
            yield from _problems(item, (*at, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _problems(item, (*at, index))


def _named(character: str) -> str:
    """`U+001B, a control character`."""
    point = ord(character)
    if 0xD800 <= point <= 0xDFFF:
        kind = "a lone surrogate"
    elif point >= 0xFFFE:
        kind = "a non-character"
    else:
        kind = "a control character"
    return f"U+{point:04X}, {kind}"
