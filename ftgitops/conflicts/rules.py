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


def outside_slot(
    occupancy: Occupancy, slots: Mapping[str, Timeline], platform_path: str, spans: SpanTexts
) -> Iterator[Conflict]:
    """Production downtime must sit inside one slot of each region it touches."""
    if not occupancy.production_downtime:
        return
    start, end = occupancy.start.timestamp(), occupancy.end.timestamp()
    for region in occupancy.targets.regions:
        timeline = slots.get(region)
        if timeline is None or timeline.containing(start, end) is not None:
            continue
        when = spans(occupancy.start, occupancy.end, occupancy.zone)
        yield Conflict(
            code=KIND_CODES["outside-slot"],
            kind="outside-slot",
            severity=Severity.ERROR,
            first=occupancy.label,
            second=None,
            shared=(f"region {region} production",),
            start=occupancy.start,
            end=occupancy.end,
            zone=occupancy.zone,
            message=(
                f"{occupancy.label} takes production down in {region} from {when}, "
                f"outside the region's maintenance and upgrade slots"
            ),
            paths=(occupancy.path, platform_path),
            json_path=occupancy.json_path,
        )


def in_freezes(
    occupancy: Occupancy,
    freezes: list[tuple[Freeze, Mapping[str, Timeline]]],
    platform_path: str,
    spans: SpanTexts,
) -> Iterator[Conflict]:
    """One conflict per freeze the window falls in, in any region (and tenant) it applies to."""
    start, end = occupancy.start.timestamp(), occupancy.end.timestamp()
    for freeze, by_region in freezes:
        tenants = sorted(set(freeze.tenants) & set(occupancy.targets.tenants))
        if freeze.tenants and not tenants:
            continue
        regions = [r for r in occupancy.targets.regions if r in by_region]
        found = [s for r in regions for s in by_region[r].overlapping(start, end)]
        if found:
            shared = tuple(f"tenant {t}" for t in tenants) or tuple(f"region {r}" for r in regions)
            yield _freeze_conflict(occupancy, freeze, found, shared, spans)._replace(
                paths=(occupancy.path, platform_path)
            )


def _freeze_conflict(
    occupancy: Occupancy,
    freeze: Freeze,
    found: list[Span],
    shared: tuple[str, ...],
    spans: SpanTexts,
) -> Conflict:
    start = max(occupancy.start, min(s for s, _ in found))
    end = min(occupancy.end, max(e for _, e in found))
    overridden = occupancy.emergency and occupancy.override is not None
    severity = Severity.ERROR if freeze.hard and not overridden else Severity.WARNING
    message = (
        f"{occupancy.label} falls in the {'hard' if freeze.hard else 'soft'} freeze "
        f"{freeze.name} ({freeze.id}) for {listing(shared)} "
        f"from {spans(start, end, occupancy.zone)}"
    )
    if overridden:
        message += f"; emergency override: {occupancy.override}"
    elif occupancy.override is not None:
        message += "; a freeze override counts only for an emergency change or a hotfix"
    return Conflict(
        code=KIND_CODES["freeze"],
        kind="freeze",
        severity=severity,
        first=occupancy.label,
        second=freeze.id,
        shared=shared,
        start=start,
        end=end,
        zone=occupancy.zone,
        message=message,
        paths=(occupancy.path,),
        override=occupancy.override if overridden else None,
        json_path=occupancy.json_path,
    )
