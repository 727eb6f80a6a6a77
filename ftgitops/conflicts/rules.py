"""Rules for one window against the calendar: production downtime in a slot, and freezes.

A hard freeze blocks; a soft freeze warns. An emergency change (or a hotfix) with a written
`freeze_override` reason is let through with a warning that shows the reason; an override
on planned work does not count, because planned work can wait for the freeze to end.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ftgitops.codes import Severity
from ftgitops.conflicts.calendar import Span, Timeline
from ftgitops.conflicts.display import SpanTexts, listing
from ftgitops.conflicts.occupancy import Occupancy
from ftgitops.conflicts.record import KIND_CODES, Conflict
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
        wording = _OutsideSlot(occupancy, region, spans)
        yield Conflict(
            code=KIND_CODES["outside-slot"],
            kind="outside-slot",
            severity=Severity.ERROR,
            first=occupancy.label,
            second=None,
            shared=wording,
            start=occupancy.start,
            end=occupancy.end,
            zone=occupancy.zone,
            message=wording,
            paths=(occupancy.path, platform_path),
            json_path=occupancy.json_path,
        )


class _OutsideSlot:
    """How production downtime outside a region's slots reads, written when first read."""

    __slots__ = ("occupancy", "region", "spans")

    def __init__(self, occupancy: Occupancy, region: str, spans: SpanTexts) -> None:
        self.occupancy, self.region, self.spans = occupancy, region, spans

    def shared(self, conflict: Conflict) -> tuple[str, ...]:
        return (f"region {self.region} production",)

    def message(self, conflict: Conflict) -> str:
        occupancy = self.occupancy
        when = self.spans(occupancy.start, occupancy.end, occupancy.zone)
        return (
            f"{occupancy.label} takes production down in {self.region} from {when}, "
            f"outside the region's maintenance and upgrade slots"
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
    start = max(occupancy.start, min(s for s, _ in found))
    end = min(occupancy.end, max(e for _, e in found))
    overridden = _overridden(occupancy)
    severity = Severity.ERROR if freeze.hard and not overridden else Severity.WARNING
    wording = _InFreeze(occupancy, freeze, shared, (start, end), spans)
    return Conflict(
        code=KIND_CODES["freeze"],
        kind="freeze",
        severity=severity,
        first=occupancy.label,
        second=freeze.id,
        shared=wording,
        start=start,
        end=end,
        zone=occupancy.zone,
        message=wording,
        paths=paths,
        override=occupancy.override if overridden else None,
        json_path=occupancy.json_path,
    )


def _overridden(occupancy: Occupancy) -> bool:
    """An emergency (or a hotfix) with a written reason goes ahead in a freeze, warned."""
    return occupancy.emergency and occupancy.override is not None


class _InFreeze:
    """How work in a freeze reads, with an override's reason; written when first read."""

    __slots__ = ("freeze", "labels", "occupancy", "span", "spans")

    def __init__(
        self,
        occupancy: Occupancy,
        freeze: Freeze,
        labels: tuple[str, ...],
        span: Span,
        spans: SpanTexts,
    ) -> None:
        self.occupancy, self.freeze, self.labels = occupancy, freeze, labels
        self.span, self.spans = span, spans

    def shared(self, conflict: Conflict) -> tuple[str, ...]:
        return self.labels

    def message(self, conflict: Conflict) -> str:
        occupancy, freeze = self.occupancy, self.freeze
        message = (
            f"{occupancy.label} falls in the {'hard' if freeze.hard else 'soft'} freeze "
            f"{freeze.name} ({freeze.id}) for {listing(self.labels)} "
            f"from {self.spans(*self.span, occupancy.zone)}"
        )
        if _overridden(occupancy):
            message += f"; emergency override: {occupancy.override}"
        elif occupancy.override is not None:
            message += "; a freeze override counts only for an emergency change or a hotfix"
        return message
