"""Benchmarks for the pull-request check: conflict detection at scale, and `ftgitops check`.

Run by hand from the project root: `python bench/check.py`. Prints figures; asserts nothing.
The cyclic collector is paused for the whole run, as `ftgitops.main` pauses it for a command
(the engine itself leaves it alone), so the figures are a command's.
Goals (issue 3): 100,000 windows in under 2 s with near n log n growth; `ftgitops check`
on a 10,000-change repository where the pull request changes one file in under 1 s.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from dateutil.rrule import rrulestr

from ftgitops.collector import collector_paused
from ftgitops.conflicts import describe, find_conflicts, shared_labels
from ftgitops.conflicts.occupancy import occupancies
from ftgitops.load.schemas import SchemaSet
from ftgitops.model import (
    Change,
    Maintenance,
    Model,
    Region,
    Release,
    Risk,
    Rollback,
    Targets,
    Wave,
    Window,
)
from ftgitops.validate import validate

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 21, tzinfo=UTC)
WINDOWS_PER_DAY = 10  # constant density: a bigger repository covers more years, not busier days
SHARED_PARTS = ("san", "sql-cluster", "ingress", "aks-primary", "search-cluster")


def example_model() -> Model:
    """The reference repository's platform and tenants, with its items dropped."""
    model = validate(ROOT, NOW, SchemaSet()).model
    if model is None:
        sys.exit("the example repository does not load: run `ftgitops validate`")
    return replace(model, items={})


class Fleet:
    """Scheduled work shaped like the example repository's, on its platform and tenants.

    As in `changes/`: most changes target every tenant of one region (some every region),
    often every environment, one to three services (a few, most), one or two of the
    region's engineers, now and then shared infrastructure; production work in the evening,
    other work in office hours. Every week a release upgrades each region's groups in
    waves in the upgrade slots; every month a notice covers each region's maintenance slot.
    Drawn at random, windows clash often (about 1.6 conflicts a window, far more than a
    change board leaves); `one_at_a_time` gives the planned calendar with few conflicts.
    The bench times both, since the engine's cost grows with windows and with conflicts.
    """

    def __init__(self, model: Model, seed: int) -> None:
        self.model, self.rng = model, random.Random(seed)
        self.services = sorted(model.platform.services)
        self.regions = sorted(model.platform.regions.values(), key=lambda r: r.id)
        self.people = {
            r.id: [
                p.id
                for p in model.platform.people.values()
                if r.id in p.regions and "engineer" in p.roles
            ]
            for r in self.regions
        }
        self.tenants = {
            r.id: sorted(t.id for t in model.tenants.values() if t.region == r.id)
            for r in self.regions
        }

    def at(self, day: date, hour: int, region: Region) -> datetime:
        minute = self.rng.choice((0, 0, 30))
        return datetime(day.year, day.month, day.day, hour, minute, tzinfo=region.zone)

    def targets(self, regions: list[Region], production: bool) -> Targets:
        rng, ids = self.rng, [r.id for r in regions]
        tenants = [t for rid in ids for t in self.tenants[rid]]
        if rng.random() > 0.7:
            tenants = sorted(rng.sample(tenants, rng.randint(1, min(5, len(tenants)))))
        count = rng.choices((1, 2, 3, 7), (50, 30, 15, 5))[0]
        environments = ("production", "uat", "training") if rng.random() < 0.5 else ("uat",)
        shared = (f"{rng.choice(SHARED_PARTS)}-{ids[0]}",) if rng.random() < 0.4 else ()
        return Targets(
            regions=tuple(ids),
            sites=("primary", "dr") if rng.random() < 0.4 else ("primary",),
            services=tuple(sorted(rng.sample(self.services, count))),
            tenants=tuple(tenants),
            environments=("production",) if production else environments,
            shared=shared,
        )

    def change(self, number: int, day: date) -> Change:
        rng = self.rng
        regions = self.regions if rng.random() < 0.15 else [rng.choice(self.regions)]
        production = rng.random() < 0.35
        start = self.at(day, rng.randint(19, 22) if production else rng.randint(9, 16), regions[0])
        length = rng.choice((60, 60, 120, 120, 180, 240))
        item_id = f"CHG-{day.year}-{number:06d}"
        people = self.people[regions[0].id]
        return Change(
            id=item_id,
            kind="change",
            title="Synthetic change",
            status="scheduled",
            visibility="internal",
            path=f"changes/{day.year}/{item_id}.yaml",
            raw={},
            category="infrastructure",
            owner=people[0],
            implementers=tuple(rng.sample(people, rng.choice((1, 2, 2)))),
            window=Window(start, start + timedelta(minutes=length), regions[0].zone),
            targets=self.targets(regions, production),
            downtime=rng.random() < 0.25,
            risk=Risk(2, 2, None, ()),
            rollback=Rollback("Undo it.", True, None),
        )

    def release(self, number: int, monday: date) -> Release:
        """Per region, a UAT wave on Tuesday and the production wave on Thursday, at 20:00."""
        waves = tuple(
            self.wave(region, environment, monday + timedelta(days=days))
            for region in self.regions
            for environment, days in (("uat", 1), ("production", 3))
        )
        item_id = f"REL-{monday.year}-{number:06d}"
        return Release(
            id=item_id,
            kind="release",
            title="Synthetic release",
            status="scheduled",
            visibility="public",
            path=f"changes/{monday.year}/{item_id}.yaml",
            raw={},
            owner="isla",
            implementers=("isla", self.rng.choice(self.people[self.regions[0].id])),
            services=tuple(sorted(self.rng.sample(self.services, 3))),
            waves=waves,
        )

    def wave(self, region: Region, environment: str, day: date) -> Wave:
        start = self.at(day, 20, region)
        window = Window(start, start + timedelta(hours=3), region.zone)
        return Wave(
            f"{region.id} {environment}",
            region.id,
            (1, 2, 3),
            (environment,),
            window,
            environment == "production",
            "scheduled",
        )

    def notices(self, number: int, month: date) -> Iterator[Maintenance]:
        """Each region's maintenance notice for the month, in its maintenance slot."""
        for index, region in enumerate(self.regions):
            slot = next(slot for slot in region.slots if slot.kind == "maintenance")
            rule = rrulestr(slot.rrule, dtstart=datetime.combine(month, slot.start))
            local = rule.after(datetime.combine(month, slot.start), inc=True)
            if local is None:
                continue
            start = local.replace(tzinfo=region.zone)
            item_id = f"MNT-{month.year}-{number + index:06d}"
            yield Maintenance(
                id=item_id,
                kind="maintenance",
                title="Synthetic maintenance",
                status="scheduled",
                visibility="public",
                raw={},
                path=f"changes/{month.year}/{item_id}.yaml",
                published=start - timedelta(days=14),
                window=Window(start, start + timedelta(minutes=slot.minutes), region.zone),
                targets=Targets(
                    (region.id,),
                    ("primary", "dr"),
                    tuple(self.services),
                    tuple(self.tenants[region.id]),
                    ("production", "uat", "training"),
                ),
            )


def fleet_model(base: Model, count: int, planned: bool, seed: int = 42) -> Model:
    """`count` live windows, ten a day from `NOW`: releases and notices, the rest changes.

    `planned` moves each change to after the previous one in its regions ends, as a change
    board would, so that few conflicts are left; otherwise they stay where drawn.
    """
    fleet, first = Fleet(base, seed), NOW.date() + timedelta(days=1)
    days = count // WINDOWS_PER_DAY
    items: list[Change | Release | Maintenance] = []
    for offset in range(0, days - 7, 7):
        items.append(fleet.release(offset, first + timedelta(days=offset - first.weekday() + 7)))
    for months in range(days * 12 // 366):
        items.extend(fleet.notices(2 * months, _month(first, months)))
    taken = sum(len(i.waves) if isinstance(i, Release) else 1 for i in items)
    spread = count - taken
    changes = [fleet.change(n, first + timedelta(days=n * days // spread)) for n in range(spread)]
    items.extend(one_at_a_time(changes) if planned else changes)
    return replace(base, items={item.id: item for item in items})


def one_at_a_time(changes: list[Change]) -> list[Change]:
    """The changes moved so that no two overlap in a region, keeping their order and length."""
    free: dict[str, datetime] = {}
    moved = []
    for change in sorted(changes, key=lambda c: c.window.start if c.window else NOW):
        window, targets = change.window, change.targets
        if window is None or targets is None:
            continue
        start = max([window.start, *(free.get(region, NOW) for region in targets.regions)])
        end = start + (window.end - window.start)
        free.update((region, end) for region in targets.regions)
        moved.append(replace(change, window=Window(start, end, window.zone)))
    return moved


def _month(first: date, months: int) -> date:
    index = first.month - 1 + months
    return date(first.year + index // 12, index % 12 + 1, 1)


def time_conflicts(model: Model, repeat: int = 3, read: bool = False) -> tuple[float, float, int]:
    """The best of `repeat` runs of the whole `find_conflicts`: wall and CPU seconds, count.

    CPU seconds are printed too because other work on a shared machine stretches the wall
    time of a single-threaded run without changing the work it does. The engine words each
    conflict's `shared` labels and `message` when first read; `read` reads them all, as
    `ftgitops validate` and the reports do, so the deferred cost is measured too.
    """
    wall, cpu, found = float("inf"), float("inf"), 0
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        conflicts = find_conflicts(model, NOW)
        if read:
            sum(len(describe(c)) + len(shared_labels(c)) for c in conflicts)
        found = len(conflicts)
        del conflicts  # freeing the records is part of the cost, as it always was here
        wall = min(wall, time.perf_counter() - started)
        cpu = min(cpu, time.process_time() - cpu_started)
    return wall, cpu, found


def bench_conflicts() -> None:
    base = example_model()
    for planned, placement in ((False, "as drawn"), (True, "planned")):
        figures = {}
        for count in (10_000, 100_000):
            model = fleet_model(base, count, planned)
            windows = len(occupancies(model))
            wall, cpu, found = time_conflicts(model)
            figures[count] = (wall, cpu)
            print(
                f"conflicts, {placement:>8}: {windows:>7,} windows  {wall:6.3f} s  "
                f"(CPU {cpu:6.3f} s; {found:,} conflicts found)"
            )
        wall, cpu, _ = time_conflicts(model, 2, read=True)
        print(
            f"conflicts, {placement:>8}: {windows:>7,} windows  {wall:6.3f} s  "
            f"(CPU {cpu:6.3f} s) with every message and shared label read"
        )
        (wall_10k, cpu_10k), (wall_100k, cpu_100k) = figures[10_000], figures[100_000]
        print(
            f"conflicts, {placement:>8}: growth 10k -> 100k: x{wall_100k / wall_10k:.1f} "
            f"(CPU x{cpu_100k / cpu_10k:.1f}; linear x10.0, n log n x12.5)"
        )


# ---------------------------------------------------------------------------------------
# FOR THE CHECK ENGINEER (issue 3, points 4-7): `ftgitops check --base REF` on a
# 10,000-change repository where the pull request changes one file (goal: under 1 s).
# Replace the body of this function with the measurement and print one line, like
# `check:    10,000 changes, 1 changed  0.000 s`.
# ---------------------------------------------------------------------------------------
def bench_check_large_repository() -> None:
    """Cold, warm and edited-again figures at 1,000 and 10,000 changes (bench/check_pr.py)."""
    from check_pr import measure  # bench/ is on sys.path[0] when this script is run

    for count in (1_000, 10_000):
        measure(count)


if __name__ == "__main__":
    with collector_paused():
        bench_conflicts()
        bench_check_large_repository()
