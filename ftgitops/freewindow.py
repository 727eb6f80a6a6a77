"""The window `ftgitops new` proposes: the first one of the kind's slots that is free.

Free means what `ftgitops validate` will say of the new file: the conflict engine finds
nothing against it (no freeze, no clash, inside the region's slots) and the notice period is
over. Each candidate is written as the skeleton would be, built through the load stage and
put beside the model, so the proposal is checked by the very rules that will judge it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

from ftgitops.conflicts import find_conflicts
from ftgitops.conflicts.calendar import slot_timeline
from ftgitops.errors import FtgitopsError
from ftgitops.model import AnyItem, Model, Region, Window
from ftgitops.timeutil import TimeProblem, place_local

HORIZON_DAYS = 366  # how far past the notice period: a year of monthly maintenance slots
SLOT_KINDS = {"maintenance": "maintenance", "release": "upgrade"}
EVENING_START_HOUR = 22
EVENING_MINUTES = 120

ItemFor = Callable[[Window], AnyItem | None]


def free_window(
    kind: str, region: Region, model: Model, now: datetime, item_for: ItemFor
) -> Window:
    """The first candidate window with no conflict once `item_for` places the new item in it."""
    for window in candidates(kind, region, now, model.platform.policies.notice_days):
        item = item_for(window)
        if item is not None and is_free(model, item, window, now):
            return window
    raise FtgitopsError(
        f"no free {kind} window in {region.name} within {HORIZON_DAYS} days after the notice "
        "period: every slot is frozen or taken; write the window by hand"
    )


def is_free(model: Model, item: AnyItem, window: Window, now: datetime) -> bool:
    """Whether the engine finds no conflict for the item beside the model's own."""
    trial = Model(model.platform, model.tenants, {**model.items, item.id: item})
    found = find_conflicts(trial, now, window.start, window.end)
    return not any(conflict.involves(item.id) for conflict in found)


def candidates(kind: str, region: Region, now: datetime, notice_days: int) -> Iterator[Window]:
    """The region's slots for the kind once the notice period is over (counted on the wall
    clock, as the policy counts it), or evenings when the region has no such slot."""
    earliest = now.astimezone(region.zone).replace(tzinfo=None) + timedelta(days=notice_days)
    slot_kind = SLOT_KINDS.get(kind)
    if slot_kind and any(slot.kind == slot_kind for slot in region.slots):
        yield from _slots(region, slot_kind, earliest)
    else:
        yield from _evenings(region, earliest)


def _slots(region: Region, slot_kind: str, earliest: datetime) -> Iterator[Window]:
    low = _placed(earliest, region) or earliest.replace(tzinfo=region.zone)
    timeline = slot_timeline(region, low, low + timedelta(days=HORIZON_DAYS), slot_kind)
    for start, end in timeline.spans:
        naive = start.replace(tzinfo=None)
        placed = _placed(naive, region)
        if naive >= earliest and placed is not None:
            yield _lasting(placed, end.timestamp() - start.timestamp(), region)


def _evenings(region: Region, earliest: datetime) -> Iterator[Window]:
    first = earliest.date() + timedelta(days=1)
    for offset in range(HORIZON_DAYS):
        day = first + timedelta(days=offset)
        placed = _placed(datetime(day.year, day.month, day.day, EVENING_START_HOUR), region)
        if placed is not None:
            yield _lasting(placed, EVENING_MINUTES * 60, region)


def _lasting(start: datetime, seconds: float, region: Region) -> Window:
    """A window of real (elapsed) time: aware arithmetic in one zone is wall-clock arithmetic,
    which a daylight-saving change inside the window would stretch or shrink."""
    end = (start.astimezone(UTC) + timedelta(seconds=seconds)).astimezone(region.zone)
    return Window(start, end, region.zone)


def _placed(naive: datetime, region: Region) -> datetime | None:
    """The wall-clock time in the region's zone; None when a daylight-saving change skips or
    repeats it (a file would need an offset: take the next candidate instead)."""
    try:
        return place_local(naive, region.zone)
    except TimeProblem:
        return None
