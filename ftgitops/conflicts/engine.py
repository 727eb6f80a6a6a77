"""The conflict engine: every conflict in the model, a pure function of the model and `now`.

`now` decides what is history: a conflict that is wholly over (its overlap ended at or
before `now`) cannot be rescheduled any more and is not reported.

Pairs are found by one sweep over a few coarse scopes per window (`scopes`, `sweep`); only
the pairs it finds get their shared keys and conflicts built, so the cost grows with the
windows (n log n) and the conflicts found, not with every key of every window.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime, timedelta

from ftgitops.conflicts.calendar import Timeline, freeze_timeline, slot_timeline
from ftgitops.conflicts.collector import collector_paused
from ftgitops.conflicts.display import SpanTexts
from ftgitops.conflicts.graph import dependency_closure
from ftgitops.conflicts.items import Range, overlaps_range, short_notice, wave_order
from ftgitops.conflicts.occupancy import Occupancy, occupancies
from ftgitops.conflicts.pairs import pair_conflicts
from ftgitops.conflicts.record import Conflict, sort_key
from ftgitops.conflicts.rules import in_freezes, outside_slot
from ftgitops.conflicts.scopes import Scopes, shared_keys
from ftgitops.conflicts.sweep import overlapping_pairs
from ftgitops.model import Freeze, Maintenance, Model, Release

MARGIN = timedelta(days=2)
_NONE = Timeline(())


class Schedule:
    """The model's live windows with the calendars they are checked against, built once."""

    def __init__(self, model: Model, now: datetime, horizon_days: int = 90) -> None:
        self.model = model
        self.now = now
        self.spans = SpanTexts()
        self.closure = dependency_closure(model.platform.services)
        self.occupancies = occupancies(model)
        low, high = _bounds(self.occupancies, now, horizon_days)
        regions = model.platform.regions
        self.slots = {rid: slot_timeline(region, low, high) for rid, region in regions.items()}
        self.freezes: list[tuple[Freeze, Mapping[str, Timeline]]] = [
            (
                freeze,
                {
                    rid: freeze_timeline(freeze, regions[rid].zone, low, high)
                    for rid in freeze.regions
                    if rid in regions
                },
            )
            for freeze in model.platform.policies.freezes
        ]
        self.any_freeze = {
            rid: Timeline(
                s for _, by_region in self.freezes for s in by_region.get(rid, _NONE).spans
            )
            for rid in regions
        }

    def check(self, chosen: Sequence[Occupancy]) -> list[Conflict]:
        """Conflicts among the chosen windows, and of each against slots and freezes."""
        platform_path = self.model.platform.path
        stamps = [(o.start.timestamp(), o.end.timestamp()) for o in chosen]
        found = list(self._pairs(chosen, stamps))
        for occupancy, (start, end) in zip(chosen, stamps, strict=True):
            if occupancy.production_downtime:
                found.extend(outside_slot(occupancy, self.slots, platform_path, self.spans))
            if self._maybe_frozen(occupancy, start, end):
                found.extend(in_freezes(occupancy, self.freezes, platform_path, self.spans))
        return found

    def _maybe_frozen(self, occupancy: Occupancy, start: float, end: float) -> bool:
        """A quick test against every freeze at once, so most windows skip the details."""
        return any(
            self.any_freeze[region].overlapping(start, end)
            for region in occupancy.targets.regions
            if region in self.any_freeze
        )

    def _pairs(
        self, chosen: Sequence[Occupancy], stamps: list[tuple[float, float]]
    ) -> Iterator[Conflict]:
        closure = self.closure
        scopes = Scopes({tenant.id: tenant.region for tenant in self.model.tenants.values()})
        swept = [scopes.of(occupancy) for occupancy in chosen]
        for one, other in sorted(overlapping_pairs(stamps, swept)):
            first, second = chosen[one], chosen[other]
            shared = shared_keys(first, second, closure)
            yield from pair_conflicts(first, second, shared, closure, self.spans)


def find_conflicts(
    model: Model, now: datetime, start: datetime | None = None, end: datetime | None = None
) -> list[Conflict]:
    """Every current conflict; with `start`/`end`, only windows that overlap that range."""
    with collector_paused():
        return _current_conflicts(model, now, (start, end))


def _current_conflicts(model: Model, now: datetime, within: Range) -> list[Conflict]:
    schedule = Schedule(model, now)
    chosen = [o for o in schedule.occupancies if overlaps_range(o.start, o.end, within)]
    found = schedule.check(chosen)
    for item in model.items.values():
        if isinstance(item, Release) and not item.ended:
            found.extend(wave_order(item, model, within))
        elif isinstance(item, Maintenance):
            found.extend(short_notice(item, model, within))
    return sorted((c for c in found if c.end is None or c.end > now), key=sort_key)


def _bounds(
    found: Sequence[Occupancy], now: datetime, horizon_days: int
) -> tuple[datetime, datetime]:
    starts = [o.start for o in found] + [now]
    ends = [o.end for o in found] + [now + timedelta(days=horizon_days)]
    return min(starts) - MARGIN, max(ends) + MARGIN
