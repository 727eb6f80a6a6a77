"""Occupancies: each scheduled window of live work (a change, a release wave, a notice).

The conflict rules compare occupancies, not items: a release is several waves, each with
its own region, tenants and window. Ended work (completed, failed, rolled back, cancelled)
and ended waves take no part.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from ftgitops.findings import JsonPath
from ftgitops.model import ENDED, Change, Maintenance, Model, Release, Targets, Wave, Window

PRIMARY_SITE = "primary"


class Occupancy(NamedTuple):
    """One window of work with everything it touches, targets fully expanded."""

    label: str
    item_id: str
    kind: str  # "change" | "wave" | "maintenance"
    path: str
    json_path: JsonPath
    start: datetime
    end: datetime
    zone: ZoneInfo
    targets: Targets
    implementers: tuple[str, ...]
    downtime: bool
    emergency: bool
    override: str | None
    covers: tuple[str, ...] = ()

    @property
    def production_downtime(self) -> bool:
        return self.downtime and "production" in self.targets.environments

    def shifted(self, delta: timedelta) -> Occupancy:
        """The same work moved in time (used to try a candidate slot)."""
        return self._replace(start=self.start + delta, end=self.end + delta)


def occupancies(model: Model) -> list[Occupancy]:
    """Every live window in the model, in item order; windows that end before they start skip."""
    found: list[Occupancy] = []
    for item in model.items.values():
        if item.ended:
            continue
        if isinstance(item, Change):
            if item.window is not None and item.targets is not None:
                found.append(_change(item, item.window, item.targets, model))
        elif isinstance(item, Release):
            found.extend(_waves(item, model))
        elif isinstance(item, Maintenance):
            found.extend(_notice(item, model))
    return [occ for occ in found if occ.end > occ.start]


def region_zone(model: Model, regions: tuple[str, ...], fallback: ZoneInfo) -> ZoneInfo:
    """The zone a span is shown in: the first known region's, else the window's own."""
    known = model.platform.regions
    region = known.get(regions[0]) if regions else None
    if region is not None:
        return region.zone
    return next((known[r].zone for r in regions if r in known), fallback)


def _change(change: Change, window: Window, targets: Targets, model: Model) -> Occupancy:
    """A change's window; built positionally, since changes are most windows and keywords
    made building them a quarter slower."""
    return Occupancy(
        change.id,  # label
        change.id,  # item_id
        "change",  # kind
        change.path,
        ("window",),  # json_path
        window.start,
        window.end,
        region_zone(model, targets.regions, window.zone),
        targets,
        change.implementers,
        change.downtime,
        change.type == "emergency",  # emergency
        change.freeze_override,  # override
    )


def wave_label(release_id: str, index: int) -> str:
    """`REL-2026-0003 wave 2`: waves are numbered from 1 in the order the file lists them."""
    return f"{release_id} wave {index + 1}"


def wave_tenants(model: Model, wave: Wave, environment: str) -> tuple[str, ...]:
    """The tenants a wave upgrades in one environment: its region and groups, if they have it."""
    return tuple(
        tenant.id
        for tenant in model.tenants.values()
        if tenant.region == wave.region
        and tenant.upgrade_group in wave.groups
        and environment in tenant.environments
        and tenant.environments[environment].decommissioned is None
    )


def _wave_targets(model: Model, release: Release, wave: Wave) -> Targets:
    tenants = sorted({t for env in wave.environments for t in wave_tenants(model, wave, env)})
    return Targets(
        regions=(wave.region,),
        sites=(PRIMARY_SITE,),
        services=release.services,
        tenants=tuple(tenants),
        environments=wave.environments,
    )


def _waves(release: Release, model: Model) -> Iterator[Occupancy]:
    for index, wave in enumerate(release.waves):
        if wave.status in ENDED:
            continue
        yield Occupancy(
            label=wave_label(release.id, index),
            item_id=release.id,
            kind="wave",
            path=release.path,
            json_path=("waves", index, "window"),
            start=wave.window.start,
            end=wave.window.end,
            zone=region_zone(model, (wave.region,), wave.window.zone),
            targets=_wave_targets(model, release, wave),
            implementers=release.implementers,
            downtime=wave.downtime,
            emergency=release.release_type == "hotfix",
            override=release.freeze_override,
        )


def _notice(notice: Maintenance, model: Model) -> Iterator[Occupancy]:
    if notice.window is None or notice.targets is None:
        return
    yield Occupancy(
        label=notice.id,
        item_id=notice.id,
        kind="maintenance",
        path=notice.path,
        json_path=("window",),
        start=notice.window.start,
        end=notice.window.end,
        zone=region_zone(model, notice.targets.regions, notice.window.zone),
        targets=notice.targets,
        implementers=(),
        downtime=notice.downtime,
        emergency=False,
        override=None,
        covers=notice.changes,
    )
