"""The conflict record every stage reads, its finding codes, and its translation to findings."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from math import inf
from typing import NamedTuple
from zoneinfo import ZoneInfo

from ftgitops.codes import Severity
from ftgitops.findings import Finding, JsonPath

KIND_CODES = {
    "same-target": "FT401",
    "dependency": "FT402",
    "outside-slot": "FT403",
    "freeze": "FT404",
    "same-implementer": "FT405",
    "wave-maintenance": "FT406",
    "wave-order": "FT407",
    "short-notice": "FT408",
}


class Conflict(NamedTuple):
    """Two pieces of work (or one and a rule) that must not happen as scheduled.

    `first` and `second` are item ids, a release wave as `REL-2026-0003 wave 2` (1-based), or
    the freeze id; `start`/`end` is the overlap, shown in `zone` and in UTC.
    """

    code: str
    kind: str
    severity: Severity
    first: str
    second: str | None
    shared: tuple[str, ...]
    start: datetime | None
    end: datetime | None
    zone: ZoneInfo | None
    message: str
    paths: tuple[str, ...]
    override: str | None = None
    json_path: JsonPath = ()

    def involves(self, item_id: str) -> bool:
        """Whether an item (or one of a release's waves) is one side of the conflict."""
        return any(
            side is not None and (side == item_id or side.startswith(item_id + " "))
            for side in (self.first, self.second)
        )


def as_findings(conflicts: Sequence[Conflict]) -> list[Finding]:
    """One finding per conflict, on the first side's file at its window (or notice) field."""
    return [
        Finding(c.code, c.message, c.paths[0], c.json_path or ("window",), severity=c.severity)
        for c in conflicts
    ]


def sort_key(item: Conflict) -> tuple[float, str, str, str]:
    """Conflicts in time order, then by the sides, so output is stable.

    POSIX seconds order instants as their UTC ISO texts would, at a fraction of the cost;
    a conflict without a time comes first.
    """
    start = item.start.timestamp() if item.start else -inf
    return (start, item.first, item.second or "", item.kind)
