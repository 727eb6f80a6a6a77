"""The next free slot: where a piece of work in conflict could move to instead.

Candidates are the starts of the allowed slots of the work's first region, from `now` to
the schedule's horizon, that are long enough; the nearest to the planned start wins if the
moved work has no conflict there (with other windows, slots or freezes). A release moves as
a whole (every live wave by the same amount); `REL-... wave N` moves one wave. A public
notice moved now must still give the policy's notice, so it cannot start before
`now + notice_days`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta

from ftgitops.conflicts.engine import HORIZON_DAYS, Schedule
from ftgitops.conflicts.occupancy import Occupancy
from ftgitops.model import Window


def next_free_slot(schedule: Schedule, item_id: str) -> Window | None:
    """The nearest conflict-free window of the same length in an allowed slot, or None."""
    moving = [o for o in schedule.occupancies if item_id in (o.label, o.item_id)]
    if not moving:
        return None
    anchor = min(moving, key=lambda o: o.start)
    labels = {o.label for o in moving}
    others = [o for o in schedule.occupancies if o.label not in labels]
    for start in _candidates(schedule, anchor):
        delta = start - anchor.start
        shifted = [o.shifted(delta) for o in moving]
        if not _conflicts(schedule, shifted, others):
            return Window(start, start + (anchor.end - anchor.start), anchor.zone)
    return None


def _candidates(schedule: Schedule, anchor: Occupancy) -> Iterator[datetime]:
    regions = anchor.targets.regions
    timeline = schedule.slots.get(regions[0]) if regions else None
    if timeline is None:
        return
    now = schedule.now
    earliest = now
    if anchor.kind == "maintenance":
        earliest = now + timedelta(days=schedule.model.platform.policies.notice_days)
    latest = now + timedelta(days=HORIZON_DAYS)
    length = anchor.end - anchor.start
    starts = [
        start
        for start, end in timeline.spans
        if earliest <= start and start + length <= latest and end - start >= length
    ]
    yield from sorted(starts, key=lambda s: (abs(s - anchor.start), s))


def _conflicts(
    schedule: Schedule, shifted: Sequence[Occupancy], others: Sequence[Occupancy]
) -> bool:
    low = min(o.start for o in shifted)
    high = max(o.end for o in shifted)
    nearby = [o for o in others if o.start < high and o.end > low]
    labels = {o.label for o in shifted}
    found = schedule.check([*shifted, *nearby])
    return any(c.first in labels or c.second in labels for c in found)
