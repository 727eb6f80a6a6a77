"""Rules for one window against the calendar: production downtime in a slot, and freezes.

A hard freeze blocks; a soft freeze warns. An emergency change (or a hotfix) with a written
`freeze_override` reason is let through with a warning that shows the reason; an override
on planned work does not count, because planned work can wait for the freeze to end.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ftgitops.codes import Severity
from ftgitops.conflicts.calendar import Span, Timeline
from ftgitops.conflicts.display import SpanTexts
from ftgitops.conflicts.occupancy import Occupancy
from ftgitops.conflicts.record import KIND_CODES, Conflict, FreezeFacts, SlotFacts, built
from ftgitops.model import Freeze

Stamp = tuple[float, float]  # a window's start and end in POSIX seconds


def outside_slot(
    occupancy: Occupancy,
    at: Stamp,
    slots: Mapping[str, Timeline],
    platform_path: str,
    spans: SpanTexts,
) -> Iterator[Conflict]:
    """Production downtime must sit inside one slot of each region it touches.

    `at` is the window's start and end in POSIX seconds, as the engine already has them.
    """
    if not occupancy.production_downtime:
        return
    start, end = at
    for region in occupancy.targets.regions:
        timeline = slots.get(region)
        if timeline is None or timeline.containing(start, end) is not None:
            continue
        yield built(
            KIND_CODES["outside-slot"],
            "outside-slot",
            Severity.ERROR,
            occupancy.label,
            None,  # second
            SlotFacts(region, spans),
            occupancy.start,
            occupancy.end,
            occupancy.zone,
            (occupancy.path, platform_path),
            None,  # override
            occupancy.json_path,
        )


def in_freezes(
    occupancy: Occupancy,
    at: Stamp,
    freezes: list[tuple[Freeze, Mapping[str, Timeline]]],
    platform_path: str,
    spans: SpanTexts,
) -> Iterator[Conflict]:
    """One conflict per freeze the window falls in, in any region (and tenant) it applies to."""
    start, end = at
    for freeze, by_region in freezes:
        tenants = sorted(set(freeze.tenants) & set(occupancy.targets.tenants))
        if freeze.tenants and not tenants:
            continue
        regions = [r for r in occupancy.targets.regions if r in by_region]
        found = [s for r in regions for s in by_region[r].overlapping(start, end)]
        if found:
            shared = tuple(f"tenant {t}" for t in tenants) or tuple(f"region {r}" for r in regions)
            paths = (occupancy.path, platform_path)
            yield _freeze_conflict(occupancy, freeze, found, shared, paths, spans)


def _freeze_conflict(
    occupancy: Occupancy,
    freeze: Freeze,
    found: list[Span],
    shared: tuple[str, ...],
    paths: tuple[str, ...],
    spans: SpanTexts,
) -> Conflict:
    overridden = _overridden(occupancy)
    ignored = not overridden and occupancy.override is not None
    return Conflict(
        code=KIND_CODES["freeze"],
        kind="freeze",
        severity=Severity.ERROR if freeze.hard and not overridden else Severity.WARNING,
        first=occupancy.label,
        second=freeze.id,
        facts=FreezeFacts(freeze.name, freeze.hard, shared, ignored, spans),
        start=max(occupancy.start, min(s for s, _ in found)),
        end=min(occupancy.end, max(e for _, e in found)),
        zone=occupancy.zone,
        paths=paths,
        override=occupancy.override if overridden else None,
        json_path=occupancy.json_path,
    )


def _overridden(occupancy: Occupancy) -> bool:
    """An emergency (or a hotfix) with a written reason goes ahead in a freeze, warned."""
    return occupancy.emergency and occupancy.override is not None
