"""Placeholders left in: a `TODO` marker in a field of an item past draft is an error (FT313).

`ftgitops new` writes `TODO:` wherever only a person can say what goes there. A draft may keep
them; once an item is proposed (or, for a notice, scheduled; an incident has no draft) it is
read by reviewers, the CAB and customers, and a placeholder there is a hole in the record.
The marker is the word `TODO` in capitals, anywhere in a text value; ids like `todo` are
unknown references already (FT201, FT203).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ftgitops.findings import Finding, JsonPath, format_json_path
from ftgitops.model import Model

MARKER = re.compile(r"\bTODO\b")
SHOWN = 60  # characters of the placeholder quoted in the message


def placeholder_findings(model: Model) -> list[Finding]:
    """One finding per field still holding a placeholder, in items past draft."""
    findings = []
    for item in model.items.values():
        if item.status == "draft" or "TODO" not in repr(item.raw):  # repr: C speed, no walk
            continue
        for at, text in _texts(item.raw):
            found = MARKER.search(text)
            if found is None:
                continue
            quoted = text[found.start() :].splitlines()[0]
            quoted = quoted if len(quoted) <= SHOWN else quoted[: SHOWN - 3] + "..."
            message = (
                f"{item.id} is {item.status}, but {format_json_path(at)[2:]} still holds a "
                f"placeholder ({quoted!r}): write what it stands for, or keep the item a draft"
            )
            findings.append(Finding("FT313", message, item.path, at))
    return findings


def _texts(value: Any, at: JsonPath = ()) -> Iterator[tuple[JsonPath, str]]:
    """Every text value in a parsed document, with its path."""
    if isinstance(value, str):
        yield at, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _texts(child, (*at, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _texts(child, (*at, index))
