"""The conflict record every stage reads: facts only, with the facts its words are written from.

A fleet of 100,000 windows has some 160,000 conflicts and most runs only count or filter
them, so a record holds no text: `describe` writes the message and the shared labels from
the record's `facts` when a reader asks. Each rule leaves its own kind of facts (a pair of
windows, a region's slots, a freeze, a release's waves, a notice's lead time).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from ftgitops.codes import Severity
from ftgitops.conflicts.display import SpanTexts
from ftgitops.conflicts.graph import Closure
from ftgitops.conflicts.occupancy import Occupancy
from ftgitops.findings import JsonPath

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

Labels = dict[str, tuple[str, ...]]  # conflict kind -> shared labels, as first written


class Wording:
    """What one run's pair conflicts are worded with: the dependency graph a dependency is
    read through, and the words already written (span texts; each pair's labels by kind,
    keyed by the pair's window labels, which name one window each in a model)."""

    __slots__ = ("closure", "labels", "spans")

    def __init__(self, closure: Closure) -> None:
        self.closure = closure
        self.spans = SpanTexts()
        self.labels: dict[tuple[str, str], Labels] = {}


@dataclass(frozen=True, slots=True)
class PairFacts:
    """Two overlapping windows, `first` named first; every conflict of the pair shares them.

    `wording` belongs to the run that found them and takes no part in equality.
    """

    first: Occupancy
    second: Occupancy
    wording: Wording = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class SlotFacts:
    """Production downtime outside the allowed slots of one region."""

    region: str
    spans: SpanTexts = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class FreezeFacts:
    """Work in a freeze: the freeze's name and force, for whom, and whether an override was
    written where it does not count (planned work)."""

    name: str
    hard: bool
    labels: tuple[str, ...]
    override_ignored: bool
    spans: SpanTexts = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class WaveOrderFacts:
    """A production wave that starts before a UAT wave of the same tenants has ended."""

    tenants: tuple[str, ...]
    production: tuple[datetime, datetime]
    uat: tuple[datetime, datetime]


@dataclass(frozen=True, slots=True)
class NoticeFacts:
    """A public notice given less time than the policy asks, and whether that is excused."""

    given: timedelta
    days: int
    emergency: bool
    regions: tuple[str, ...]


Facts = PairFacts | SlotFacts | FreezeFacts | WaveOrderFacts | NoticeFacts


@dataclass(frozen=True, slots=True, repr=False)
class Conflict:
    """Two pieces of work (or one and a rule) that must not happen as scheduled.

    `first` and `second` are item ids, a release wave as `REL-2026-0003 wave 2` (1-based), or
    the freeze id; `start`/`end` is the overlap, shown in `zone` and in UTC. Its words come
    from `describe` and `shared_labels` (module `describe`); `repr` shows them too, so a
    failing test reads as it did when the record held its text.
    """

    code: str
    kind: str
    severity: Severity
    first: str
    second: str | None
    facts: Facts
    start: datetime | None
    end: datetime | None
    zone: ZoneInfo | None
    paths: tuple[str, ...]
    override: str | None = None
    json_path: JsonPath = ()
    past: bool = False  # the overlap ended before `now`: reported, but it can only be recorded

    def involves(self, item_id: str) -> bool:
        """Whether an item (or one of a release's waves) is one side of the conflict."""
        return any(
            side is not None and (side == item_id or side.startswith(item_id + " "))
            for side in (self.first, self.second)
        )

    def __repr__(self) -> str:
        from ftgitops.conflicts.describe import describe, shared_labels  # it reads this record

        shown = {
            "code": self.code,
            "kind": self.kind,
            "severity": self.severity,
            "first": self.first,
            "second": self.second,
            "shared": shared_labels(self),
            "start": self.start,
            "end": self.end,
            "zone": self.zone,
            "message": describe(self),
            "paths": self.paths,
            "override": self.override,
            "json_path": self.json_path,
            "past": self.past,
        }
        return f"Conflict({', '.join(f'{name}={value!r}' for name, value in shown.items())})"


# Each field's slot, set directly: what `Conflict(...)` does, at half the cost (see `built`).
(
    _set_code,
    _set_kind,
    _set_severity,
    _set_first,
    _set_second,
    _set_facts,
    _set_start,
    _set_end,
    _set_zone,
    _set_paths,
    _set_override,
    _set_json_path,
    _set_past,
) = (getattr(Conflict, f.name).__set__ for f in fields(Conflict))
_new = object.__new__


def built(
    code: str,
    kind: str,
    severity: Severity,
    first: str,
    second: str | None,
    facts: Facts,
    start: datetime | None,
    end: datetime | None,
    zone: ZoneInfo | None,
    paths: tuple[str, ...],
    override: str | None,
    json_path: JsonPath,
    past: bool = False,
) -> Conflict:
    """`Conflict(...)` with every field given, for the engine's hot loops.

    A frozen dataclass's `__init__` sets each field through `object.__setattr__`, which looks
    the name up on the class each time; setting the slots through their descriptors costs
    half as much, and the engine builds a record per conflict (160,000 at 100,000 windows).
    The tests hold it equal to the constructor.
    """
    conflict: Conflict = _new(Conflict)
    _set_code(conflict, code)
    _set_kind(conflict, kind)
    _set_severity(conflict, severity)
    _set_first(conflict, first)
    _set_second(conflict, second)
    _set_facts(conflict, facts)
    _set_start(conflict, start)
    _set_end(conflict, end)
    _set_zone(conflict, zone)
    _set_paths(conflict, paths)
    _set_override(conflict, override)
    _set_json_path(conflict, json_path)
    _set_past(conflict, past)
    return conflict
