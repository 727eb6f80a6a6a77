"""The waves of a release: UAT and Training first, then production group by group, each wave
in one of its region's upgrade slots, spread over the given weeks.

A pure function of the loaded model and `now`. A wave holds at most the policy's
`upgrade.tenants_per_slot` tenants, so it fits its slot; groups are never split (a group too
large for a slot is an error to fix in the tenant records or the policy). Each wave goes in
the first upgrade slot, from its share of the weeks on, that the conflict engine finds free
with the wave added (no freeze, no clash with other work or a maintenance notice), that no
maintenance window of the region touches (its slot, or where `plan maintenance` moves one out
of a freeze, whether or not the notice is written yet), and that is at
least the policy's notice days away. Waves already started or ended are kept as they are.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple

from ftgitops.conflicts import find_conflicts
from ftgitops.conflicts.calendar import Span, Timeline, slot_timeline
from ftgitops.conflicts.occupancy import wave_label
from ftgitops.errors import FtgitopsError
from ftgitops.model import Model, Region, Release, Wave, Window
from ftgitops.plan.maintenance import plan_maintenance
from ftgitops.plan.stages import Stage, has_environment, region_stages
from ftgitops.timetext import date_line
from ftgitops.timeutil import TimeProblem, place_local

DEFAULT_WEEKS = 4
STARTED = frozenset({"in-progress", "completed", "failed", "rolled-back", "cancelled"})


class PlannedWave(NamedTuple):
    """One wave of the plan: `kept` from the file, or new."""

    number: int
    wave: Wave
    tenants: tuple[str, ...]
    kept: bool


class ReleasePlan(NamedTuple):
    release: Release
    waves: list[PlannedWave]
    start: date | None  # the first day of the weeks (None: when the notice period ends)
    weeks: int

    @property
    def kept(self) -> int:
        return sum(1 for wave in self.waves if wave.kept)


def plan_release(
    model: Model,
    release_id: str,
    now: datetime,
    start: date | None = None,
    weeks: int = DEFAULT_WEEKS,
) -> ReleasePlan:
    """The release's waves: its started ones kept, the rest planned afresh."""
    release = find_release(model, release_id)
    kept = kept_waves(release, now)
    done = release.waves[:kept]
    waves = [PlannedWave(i + 1, w, _tenants_of(model, w), True) for i, w in enumerate(done)]
    tps = model.platform.policies.upgrade.tenants_per_slot
    new: list[Wave] = []
    for region in model.platform.regions.values():
        stages = region_stages(model, region, done, tps)
        low = _first_moment(model, region, now, start)
        trial = replace(release, waves=tuple(done))
        new += _placed(model, trial, region, stages, (now, low, low + timedelta(weeks=weeks)))
    new.sort(key=lambda w: (w.window.start, w.region))
    for index, wave in enumerate(new, start=len(done) + 1):
        waves.append(PlannedWave(index, wave, _tenants_of(model, wave), False))
    return ReleasePlan(release, waves, start, weeks)


def _first_moment(model: Model, region: Region, now: datetime, start: date | None) -> datetime:
    """Where the region's weeks begin: midnight of `start` on its clock, or (by default) when
    the notice period from now ends, so the weeks are all usable."""
    if start is not None:
        return datetime.combine(start, time(0), tzinfo=region.zone)
    local = now.astimezone(region.zone)
    return local + timedelta(days=model.platform.policies.notice_days)


def find_release(model: Model, release_id: str) -> Release:
    item = model.items.get(release_id)
    if not isinstance(item, Release):
        raise FtgitopsError(f"{release_id}: no such release in changes/")
    if item.ended:
        raise FtgitopsError(f"{release_id} is {item.status}: there is nothing left to plan")
    return item


def kept_waves(release: Release, now: datetime) -> int:
    """How many leading waves have started (a status of their own past `scheduled`, or their
    window has begun): they stay as they are. A started wave after an unstarted one would be
    renumbered by a new plan, which the deployer's records name by number: refused."""
    started = [_started(release, index, now) for index in range(len(release.waves))]
    kept = started.index(False) if False in started else len(started)
    if any(started[kept:]):
        late = kept + started[kept:].index(True) + 1
        raise FtgitopsError(
            f"{release.id}: wave {late} has started but wave {kept + 1} before it has not: "
            "edit the waves by hand"
        )
    return kept


def _started(release: Release, index: int, now: datetime) -> bool:
    raw = release.raw.get("waves", [])
    status = raw[index].get("status") if index < len(raw) else None
    return status in STARTED or release.waves[index].window.start <= now


def _tenants_of(model: Model, wave: Wave) -> tuple[str, ...]:
    return tuple(
        tenant.id
        for tenant in sorted(model.tenants.values(), key=lambda t: (t.upgrade_group, t.id))
        if tenant.region == wave.region
        and tenant.upgrade_group in wave.groups
        and any(has_environment(tenant, env) for env in wave.environments)
    )


Bounds = tuple[datetime, datetime, datetime]  # now, where the weeks begin, where they end


def _placed(
    model: Model, release: Release, region: Region, stages: list[Stage], bounds: Bounds
) -> list[Wave]:
    """Each stage in turn in its first free slot from its share of the weeks on; where there
    is none, the free one after the previous wave nearest to that share. A stage never takes
    a slot so late that a later stage would find no free slot after it (`_deadlines`)."""
    now, low, high = bounds
    slots = list(upgrade_slots(model, region, now, low, high))
    free = [[w for w in (_free(model, release, st, s, now) for s in slots) if w] for st in stages]
    deadlines = _deadlines(release, region, stages, free, (low, high))
    placed: list[Wave] = []
    after = low
    for number, (options, deadline) in enumerate(zip(free, deadlines, strict=True)):
        ideal = low + (high - low) * number / len(stages)
        usable = [w for w in options if after <= w.window.start <= deadline]
        later = [w for w in usable if w.window.start >= ideal]
        wave = later[0] if later else usable[-1]  # a deadline keeps one usable
        placed.append(wave)
        after = wave.window.end
    return placed


def _deadlines(
    release: Release,
    region: Region,
    stages: list[Stage],
    free: list[list[Wave]],
    span: tuple[datetime, datetime],
) -> list[datetime]:
    """The latest start each stage may take so that every later stage still has a free slot
    after it, worked back from the last stage; an error when some stage has none."""
    deadlines: list[datetime] = []
    limit: datetime | None = None
    for stage, options in zip(stages[::-1], free[::-1], strict=True):
        fitting = [w for w in options if limit is None or w.window.end <= limit]
        if not fitting:
            low, high = (moment.astimezone(region.zone) for moment in span)
            raise FtgitopsError(
                f"{release.id}: no free {region.name} upgrade slot for '{stage.name}' "
                f"(wave {len(stages) - len(deadlines)} of {len(stages)} in {region.name}) "
                f"from {date_line(low)} to {date_line(high)}: give more --weeks or another "
                "--start"
            )
        limit = fitting[-1].window.start
        deadlines.append(limit)
    return deadlines[::-1]


def _free(model: Model, release: Release, stage: Stage, slot: Span, now: datetime) -> Wave | None:
    """The stage's wave in the slot, if the conflict engine finds nothing against it beside
    the release's kept waves (the release's other new waves never clash with it: waves of
    one release are not compared, and their order is kept by placing them in turn)."""
    start, end = slot
    wave = stage.wave(Window(start, end, stage.region.zone), _downtime(release), _status(release))
    trial = replace(release, waves=(*release.waves, wave))
    items = {**model.items, release.id: trial}
    found = find_conflicts(Model(model.platform, model.tenants, items), now, start, end)
    label = wave_label(release.id, len(trial.waves) - 1)
    return None if any(label in (c.first, c.second) for c in found) else wave


def _downtime(release: Release) -> bool:
    """A release whose waves all run without downtime (a service patch) keeps it that way."""
    raw = release.raw.get("waves", [])
    return not raw or any(wave.get("downtime", True) for wave in raw)


def _status(release: Release) -> str:
    """A new wave is `scheduled`: said in the file only where the release's status, which a
    wave has by default, would say otherwise (`in-progress`)."""
    return release.status if release.status != "in-progress" else "scheduled"


def upgrade_slots(
    model: Model, region: Region, now: datetime, low: datetime, high: datetime
) -> Iterator[Span]:
    """The region's upgrade slots within [low, high) that the notice period allows (counted on
    the wall clock, as the policy counts it), clear of its maintenance windows, and whose local
    start and end a file can name without an offset."""
    zone = region.zone
    notice = timedelta(days=model.platform.policies.notice_days)
    earliest = now.astimezone(zone).replace(tzinfo=None) + notice
    maintenance = maintenance_timeline(model, region, now, low, high)
    for start, end in slot_timeline(region, low, high, kind="upgrade").spans:
        if start < low or end > high or start.replace(tzinfo=None) < earliest:
            continue
        if maintenance.touches(start.timestamp(), end.timestamp()):
            continue
        if _nameable(start, region) and _nameable(end, region):
            yield start, end


def maintenance_timeline(
    model: Model, region: Region, now: datetime, low: datetime, high: datetime
) -> Timeline:
    """The region's maintenance slots, and where `plan maintenance` moves a window that a
    freeze displaces (`on_freeze: next`), whether or not its notice is written yet."""
    spans = slot_timeline(region, low, high, kind="maintenance").spans
    months = (high.astimezone(UTC) - now).days // 28 + 2
    moved = [(p.start, p.end) for p in plan_maintenance(model, now, months, [region.id])]
    return Timeline([*spans, *moved])


def _nameable(moment: datetime, region: Region) -> bool:
    local = moment.astimezone(region.zone)
    try:
        return place_local(local.replace(tzinfo=None), region.zone) == local
    except TimeProblem:
        return False
