"""The monthly maintenance notices for the next months, from each region's maintenance slot.

A pure function of the loaded model and `now`: which windows are due, which already have a
notice, which are too close to give notice for, and which a hard freeze skips or moves. Writing
the files is `ftgitops.plan.write`'s job; this module only decides.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from dateutil.relativedelta import relativedelta

from ftgitops.conflicts.calendar import Span, Timeline, freeze_timeline, slot_timeline
from ftgitops.model import Freeze, Maintenance, Model, Region
from ftgitops.timetext import date_line
from ftgitops.timeutil import wall_clock_between

NEW = "new"
EXISTS = "exists"
TOO_LATE = "too-late"
SKIPPED = "skipped"
MOVED = "moved"
MOVE_LIMIT = 10  # weeks a window may move past its slot before it is given up


class Planned(NamedTuple):
    """One maintenance window of the plan and what becomes of it."""

    region: Region
    slot_start: datetime  # the slot's occurrence, before any move
    start: datetime
    end: datetime
    action: str  # new | moved (both written) | exists | too-late | skipped
    note: str

    @property
    def writable(self) -> bool:
        return self.action in (NEW, MOVED)


def plan_maintenance(
    model: Model, now: datetime, months: int = 3, region_ids: Iterable[str] | None = None
) -> list[Planned]:
    """Every maintenance slot occurrence from `now` to `months` calendar months ahead."""
    wanted = set(region_ids) if region_ids is not None else set(model.platform.regions)
    planned: list[Planned] = []
    for region in model.platform.regions.values():
        if region.id in wanted:
            planned.extend(_region_plan(model, region, now, months))
    return planned


def _region_plan(model: Model, region: Region, now: datetime, months: int) -> list[Planned]:
    high = (now.astimezone(region.zone) + relativedelta(months=months)).astimezone(UTC)
    reach = high + timedelta(weeks=MOVE_LIMIT + 1)
    freezes = [
        (f, freeze_timeline(f, region.zone, now, reach))
        for f in model.platform.policies.freezes
        if f.hard and region.id in f.regions
    ]
    spans = slot_timeline(region, now, high, kind="maintenance").spans
    return [
        _decide(model, region, now, span, freezes)
        for span in spans
        if now <= span[0].astimezone(UTC) < high
    ]


def _decide(
    model: Model, region: Region, now: datetime, span: Span, freezes: list[tuple[Freeze, Timeline]]
) -> Planned:
    start, end = span
    existing = _existing(model, region, start, end)
    if existing:
        return Planned(region, start, start, end, EXISTS, f"notice {existing} exists")
    frozen = _frozen_by(freezes, start, end)
    note = ""
    if frozen is not None:
        if frozen.on_freeze != "next":
            return Planned(region, start, start, end, SKIPPED, f"in freeze {frozen.id}: skipped")
        moved = _after_freeze(region, freezes, span)
        if moved is None:
            return Planned(
                region, start, start, end, SKIPPED, f"in freeze {frozen.id}: no free week"
            )
        note = f"in freeze {frozen.id}: moved from {date_line(start)} to the next free slot"
        existing = _existing(model, region, *moved)
        if existing:
            return Planned(region, start, *moved, EXISTS, f"{note}; notice {existing} exists")
        start, end = moved
    notice = timedelta(days=model.platform.policies.notice_days)
    given = wall_clock_between(now, start, region.zone)
    if given < notice:
        late = f"{model.platform.policies.notice_days} days' notice can no longer be given"
        return Planned(region, span[0], start, end, TOO_LATE, f"{note}; {late}" if note else late)
    return Planned(region, span[0], start, end, MOVED if note else NEW, note)


def _existing(model: Model, region: Region, start: datetime, end: datetime) -> str | None:
    """The id of a maintenance notice of the region whose window overlaps, if there is one."""
    for notice in model.of_kind(Maintenance):
        window, targets = notice.window, notice.targets
        if window is None or (targets is not None and region.id not in targets.regions):
            continue
        if window.start < end and start < window.end:
            return str(notice.id)
    return None


def _frozen_by(
    freezes: list[tuple[Freeze, Timeline]], start: datetime, end: datetime
) -> Freeze | None:
    for freeze, timeline in freezes:
        if timeline.touches(start.timestamp(), end.timestamp()):
            return freeze
    return None


def _after_freeze(
    region: Region, freezes: list[tuple[Freeze, Timeline]], span: Span
) -> Span | None:
    """The region's next slot (maintenance or upgrade, where downtime is allowed) that holds a
    window as long as this one, out of every hard freeze. A notice already there is the moved
    window written by an earlier run (or the next month's own): the caller leaves it alone."""
    start, end = span
    length = end.astimezone(UTC) - start.astimezone(UTC)
    reach = start + timedelta(weeks=MOVE_LIMIT)
    for slot_start, slot_end in slot_timeline(region, start, reach).spans:
        moved_end = (slot_start.astimezone(UTC) + length).astimezone(region.zone)
        if slot_start <= start or moved_end > slot_end:
            continue
        if _frozen_by(freezes, slot_start, moved_end) is None:
            return slot_start, moved_end
    return None
