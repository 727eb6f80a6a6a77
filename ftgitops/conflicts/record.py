"""The conflict record every stage reads, its finding codes, and its translation to findings."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Final, Protocol
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

FIELDS = (
    "code",
    "kind",
    "severity",
    "first",
    "second",
    "shared",
    "start",
    "end",
    "zone",
    "message",
    "paths",
    "override",
    "json_path",
)


class Wording(Protocol):
    """Writes a conflict's `shared` labels or its `message` from the parts it was found from."""

    def shared(self, conflict: Conflict) -> tuple[str, ...]: ...

    def message(self, conflict: Conflict) -> str: ...


class Conflict:
    """Two pieces of work (or one and a rule) that must not happen as scheduled.

    `first` and `second` are item ids, a release wave as `REL-2026-0003 wave 2` (1-based), or
    the freeze id; `start`/`end` is the overlap, shown in `zone` and in UTC.

    `shared` and `message` are given as text, or as the `Wording` that writes them on first
    use: a fleet of 100,000 windows has some 160,000 conflicts, and formatting every label and
    sentence cost the engine more than finding them, while most runs read a few or only count.
    Equality and hashing are on the fields, as they were when the record was a NamedTuple,
    and the fields are read-only to the type checker (`Final`), as they were then.
    """

    __slots__ = (
        "_message",
        "_shared",
        "code",
        "end",
        "first",
        "json_path",
        "kind",
        "override",
        "paths",
        "second",
        "severity",
        "start",
        "zone",
    )

    def __init__(
        self,
        code: str,
        kind: str,
        severity: Severity,
        first: str,
        second: str | None,
        shared: tuple[str, ...] | Wording,
        start: datetime | None,
        end: datetime | None,
        zone: ZoneInfo | None,
        message: str | Wording,
        paths: tuple[str, ...],
        override: str | None = None,
        json_path: JsonPath = (),
    ) -> None:
        self.code: Final = code
        self.kind: Final = kind
        self.severity: Final = severity
        self.first: Final = first
        self.second: Final = second
        self._shared = shared
        self.start: Final = start
        self.end: Final = end
        self.zone: Final = zone
        self._message = message
        self.paths: Final = paths
        self.override: Final = override
        self.json_path: Final = json_path

    @property
    def shared(self) -> tuple[str, ...]:
        """The targets both sides hold, as the reviewer reads them."""
        shared = self._shared
        if not isinstance(shared, tuple):
            shared = self._shared = shared.shared(self)
        return shared

    @property
    def message(self) -> str:
        """One sentence naming both sides, what they share and when."""
        message = self._message
        if not isinstance(message, str):
            message = self._message = message.message(self)
        return message

    def involves(self, item_id: str) -> bool:
        """Whether an item (or one of a release's waves) is one side of the conflict."""
        return any(
            side is not None and (side == item_id or side.startswith(item_id + " "))
            for side in (self.first, self.second)
        )

    def _values(self) -> tuple[object, ...]:
        """Every field in declaration order, the words written out."""
        return tuple(getattr(self, name) for name in FIELDS)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Conflict):
            return NotImplemented
        return self is other or self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in FIELDS)
        return f"Conflict({shown})"


def as_findings(conflicts: Sequence[Conflict]) -> list[Finding]:
    """One finding per conflict, on the first side's file at its window (or notice) field."""
    return [
        Finding(c.code, c.message, c.paths[0], c.json_path or ("window",), severity=c.severity)
        for c in conflicts
    ]
