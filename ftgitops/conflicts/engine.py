"""The conflict engine: every conflict in the model, a pure function of the model and `now`.

`now` decides what is history: a conflict that is wholly over (its overlap ended at or
before `now`) cannot be rescheduled any more. It is still reported, marked `past` and as a
warning: live work whose windows clashed and were never recorded as done is itself news
(and a new file recorded after the event is checked against what it ran beside).

Pairs are found by one sweep over a few coarse scopes per window (`scopes`, `sweep`); only
the pairs it finds get their conflict kinds worked out and conflicts built, so the cost grows
with the windows (n log n) and the conflicts found, not with every key of every window. The
words of a conflict (its shared labels and message) are written when a reader asks
(`describe`). `find_conflicts` returns the schedule with the conflicts (`Found`), so that
`suggest_slots` looks for free slots on it instead of building it again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from math import inf

from ftgitops.codes import Severity
from ftgitops.conflicts.calendar import Timeline, freeze_timeline, slot_timeline
from ftgitops.conflicts.graph import dependency_closure
from ftgitops.conflicts.items import Range, short_notice, wave_order
from ftgitops.conflicts.occupancy import Occupancy, occupancies
from ftgitops.conflicts.pairs import pair_conflicts
from ftgitops.conflicts.record import Conflict, Wording
from ftgitops.conflicts.rules import in_freezes, outside_slot
from ftgitops.conflicts.scopes import Scopes
from ftgitops.conflicts.sweep import Stamps, overlapping_pairs
from ftgitops.model import Freeze, Maintenance, Model, Release

MARGIN = timedelta(days=2)
HORIZON_DAYS = 90  # how far past `now` the calendars reach: where a free slot is looked for
_NONE = Timeline(())

Dated = tuple[float, float, Conflict]  # a conflict with its start and end in POSIX seconds


class Schedule:
    """The model's live windows with the calendars they are checked against, built once.

    Each window's start and end are converted to POSIX seconds once (`stamps`): converting
    an aware datetime costs as much as a dozen float comparisons, and the sweep, the
    calendars and the final order and filter all compare instants.
    """

    def __init__(self, model: Model, now: datetime) -> None:
        self.model = model
        self.now = now
        self.wording = Wording(dependency_closure(model.platform.services))
        self.occupancies = occupancies(model)
        self.stamps = stamps_of(self.occupancies)
        low, high = _bounds(self.occupancies, self.stamps, now)
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
        return [conflict for _, _, conflict in self.dated(chosen, stamps_of(chosen))]

    def dated(self, chosen: Sequence[Occupancy], stamps: Stamps) -> list[Dated]:
        """`check`, given the windows' `stamps`, each conflict with its own start and end."""
        platform_path, spans = self.model.platform.path, self.wording.spans
        found = self._pairs(chosen, stamps)
        for occupancy, at in zip(chosen, stamps, strict=True):
            if occupancy.production_downtime:
                for conflict in outside_slot(occupancy, at, self.slots, platform_path, spans):
                    found.append((*at, conflict))
            if self._maybe_frozen(occupancy, at):
                frozen = in_freezes(occupancy, at, self.freezes, platform_path, spans)
                found.extend(map(dated, frozen))
        return found

    def _maybe_frozen(self, occupancy: Occupancy, at: tuple[float, float]) -> bool:
        """A quick test against every freeze at once, so most windows skip the details."""
        for region in occupancy.targets.regions:
            timeline = self.any_freeze.get(region)
            if timeline is not None and timeline.touches(*at):
                return True
        return False

    def _pairs(self, chosen: Sequence[Occupancy], stamps: Stamps) -> list[Dated]:
        """The conflicts of each pair the sweep finds, dated by the pair's overlap."""
        scopes = Scopes({tenant.id: tenant.region for tenant in self.model.tenants.values()})
        swept = [scopes.of(occupancy) for occupancy in chosen]
        found: list[Dated] = []
        for one, other in overlapping_pairs(stamps, swept):  # in time order: little to sort
            conflicts = pair_conflicts(chosen[one], chosen[other], self.wording)
            if conflicts:
                (start, end), (other_start, other_end) = stamps[one], stamps[other]
                start, end = max(start, other_start), min(end, other_end)
                for conflict in conflicts:
                    found.append((start, end, conflict))
        return found


def stamps_of(chosen: Iterable[Occupancy]) -> Stamps:
    """Each window's start and end in POSIX seconds."""
    return [(o.start.timestamp(), o.end.timestamp()) for o in chosen]


def dated(conflict: Conflict) -> Dated:
    """The conflict with its start and end in POSIX seconds; an open side is unbounded."""
    start, end = conflict.start, conflict.end
    return (start.timestamp() if start else -inf, end.timestamp() if end else inf, conflict)


class Found(list[Conflict]):
    """The current conflicts in order, with the schedule they were found on.

    A list, so readers filter, count and compare it as one; `schedule` lets `suggest_slots`
    reuse the run (building the schedule is most of its cost).
    """

    __slots__ = ("schedule",)

    def __init__(self, conflicts: Iterable[Conflict], schedule: Schedule) -> None:
        super().__init__(conflicts)
        self.schedule = schedule


def find_conflicts(
    model: Model, now: datetime, start: datetime | None = None, end: datetime | None = None
) -> Found:
    """Every conflict of live work, past ones marked; with `start`/`end`, only windows that
    overlap that range."""
    schedule = Schedule(model, now)
    within = (start, end)
    found = schedule.dated(*_within(schedule, within))
    for item in model.items.values():
        if isinstance(item, Release) and not item.ended:
            found.extend(map(dated, wave_order(item, model, within)))
        elif isinstance(item, Maintenance):
            found.extend(map(dated, short_notice(item, model, within)))
    current = now.timestamp()
    found.sort(key=_order)
    return Found([c if end > current else _past(c) for _, end, c in found], schedule)


def _past(conflict: Conflict) -> Conflict:
    """A conflict whose overlap is over: a warning, since nothing can be moved any more."""
    return replace(conflict, severity=Severity.WARNING, past=True)


def _within(schedule: Schedule, within: Range) -> tuple[list[Occupancy], Stamps]:
    """The windows that share time with the range (an open side is unbounded), and stamps."""
    start, end = within
    if start is None and end is None:
        return list(schedule.occupancies), schedule.stamps
    low = start.timestamp() if start is not None else -inf
    high = end.timestamp() if end is not None else inf
    stamps = schedule.stamps
    picked = [i for i, (begins, ends) in enumerate(stamps) if ends > low and begins < high]
    return [schedule.occupancies[i] for i in picked], [stamps[i] for i in picked]


def _order(entry: Dated) -> tuple[float, str, str, str]:
    """Conflicts in time order, then by the sides, so output is stable.

    POSIX seconds order instants as their UTC ISO texts would; a conflict without a time
    comes first.
    """
    start, _, conflict = entry
    return (start, conflict.first, conflict.second or "", conflict.kind)


def _bounds(found: Sequence[Occupancy], stamps: Stamps, now: datetime) -> tuple[datetime, datetime]:
    """The first start and the last end, of the windows and of now to the horizon."""
    low, high = now, now + timedelta(days=HORIZON_DAYS)
    if found:
        starts, ends = [start for start, _ in stamps], [end for _, end in stamps]
        first, last = starts.index(min(starts)), ends.index(max(ends))
        low, high = min(found[first].start, low), max(found[last].end, high)
    return low - MARGIN, high + MARGIN
