"""The record of what was sent: a ledger file per item beside the items, and the cursor.

`notified/<year>/<ITEM-ID>.yaml` lists each event sent for the item, to whom (a channel id,
or `<channel>:<tenant>:<email>`, or `<channel>:<person>`), when and by which run: a pair
(event, recipient) in it is never sent again. `notified/cursor.yaml` holds the commit and the
clock the last complete run worked from, so the next one starts there.

Why files of their own and not `notified` lines in the items' `log`: maintenance notices and
incidents have no log (only changes and releases do); a notice sent to forty subscribers
over five events would bury the item's own record under two hundred lines; the recipients
are subscribers' addresses, which the item files must not carry (they are published to the
site through the confidentiality filter, the ledger never is); and an item file that notify
never writes can never give notify an event of its own making.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ftgitops.atomic import write_text
from ftgitops.load.yamlload import LoadError, load_mapping
from ftgitops.yamledit import append, edit_file, moment, set_value

FOLDER = "notified"
CURSOR = f"{FOLDER}/cursor.yaml"
HEAD = "# ftgitops notify's record: each event sent, to whom, once. Written by ftgitops.\n"
YEAR = re.compile(r"^[A-Z]+-(\d{4})-")


def path_of(item: str) -> str:
    """`notified/2026/MNT-2026-0023.yaml`."""
    found = YEAR.match(item)
    return f"{FOLDER}/{found.group(1) if found else 'other'}/{item}.yaml"


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where the last complete run stood: HEAD's commit and its clock."""

    commit: str
    at: datetime


def read_cursor(root: Path) -> Cursor | None:
    """The cursor in the work tree, if there is a readable one."""
    data = _load(root / CURSOR)
    commit, at = data.get("commit"), data.get("at")
    if not isinstance(commit, str) or not isinstance(at, str):
        return None
    return Cursor(commit, datetime.fromisoformat(at.replace("Z", "+00:00")))


def sent(root: Path) -> set[tuple[str, str]]:
    """Every (event key, recipient) the ledger holds."""
    found = set()
    for path in sorted((root / FOLDER).glob("*/*.yaml")):
        for line in _load(path).get("sent") or ():
            if isinstance(line, dict):
                found.add((str(line.get("event")), str(line.get("to"))))
    return found


def _load(path: Path) -> dict[str, Any]:
    try:
        return load_mapping(path.read_bytes())
    except (OSError, LoadError):
        return {}


@dataclass
class Record:
    """Lines one commit adds to one ledger file (`lines`), or the cursor it sets."""

    path: str
    lines: list[dict[str, Any]] = field(default_factory=list)
    cursor: Cursor | None = None

    def write(self, root: Path) -> bool:
        """Apply to the file under `root`, atomically: lines it holds already are not added
        again, so a record can be applied again onto a newer main. False: nothing changed."""
        target = root / self.path
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            first = f"item: {target.stem}\n" if self.lines else "commit: null\n"
            write_text(target, HEAD + first)
        return edit_file(target, self._apply)

    def _apply(self, data: Any) -> None:
        if self.cursor is not None:
            set_value(data, "commit", self.cursor.commit)
            set_value(data, "at", moment(self.cursor.at))
        present = {(line.get("event"), line.get("to")) for line in data.get("sent") or ()}
        for line in self.lines:
            if (line["event"], line["to"]) not in present:
                append(data, "sent", line)


def line(event: str, to: str, at: datetime, run: str) -> dict[str, Any]:
    """A ledger line."""
    return {"at": at, "event": event, "to": to, "run": run}


def records(lines: Iterable[tuple[str, dict[str, Any]]]) -> list[Record]:
    """`(item, line)` pairs as one record per ledger file, in path order."""
    grouped: dict[str, Record] = {}
    for item, entry in lines:
        path = path_of(item)
        grouped.setdefault(path, Record(path)).lines.append(entry)
    return [grouped[path] for path in sorted(grouped)]
