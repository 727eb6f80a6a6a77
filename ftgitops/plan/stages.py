"""What a release still has to upgrade in one region, as waves without windows ("stages").

UAT and Training come first, for every upgrade group that has them, groups packed in order
while the wave stays within the policy's tenants per slot; then production, one group a wave,
in group order, so each group runs on the new version before the next is upgraded. What a
started wave already covers (its groups and environments) is not planned again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from ftgitops.errors import FtgitopsError
from ftgitops.model import Model, Region, Tenant, Wave, Window

PRE_PRODUCTION = ("uat", "training")
ENVIRONMENT_NAMES = {"uat": "UAT", "training": "Training", "production": "production"}


class Stage(NamedTuple):
    """One wave to place: a region's groups, environments and the tenants they hold."""

    region: Region
    groups: tuple[int, ...]
    environments: tuple[str, ...]
    tenants: tuple[str, ...]

    @property
    def name(self) -> str:
        """`APAC UAT and Training, groups 1 and 2`, `UK production, group 3`."""
        envs = _and(ENVIRONMENT_NAMES[e] for e in self.environments)
        noun = "group" if len(self.groups) == 1 else "groups"
        return f"{self.region.name} {envs}, {noun} {_and(str(g) for g in self.groups)}"

    def wave(self, window: Window, downtime: bool, status: str) -> Wave:
        return Wave(
            self.name, self.region.id, self.groups, self.environments, window, downtime, status
        )


def _and(words: Iterable[str]) -> str:
    listed = list(words)
    return listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " and " + listed[-1]


def region_stages(model: Model, region: Region, done: Sequence[Wave], per_slot: int) -> list[Stage]:
    """The region's stages: pre-production packs, then production group by group."""
    covered = {
        (group, env)
        for wave in done
        if wave.region == region.id and wave.status != "cancelled"
        for group in wave.groups
        for env in wave.environments
    }
    tenants = sorted(
        (t for t in model.tenants.values() if t.region == region.id),
        key=lambda t: (t.upgrade_group, t.id),
    )
    groups = sorted({t.upgrade_group for t in tenants})

    def due(group: int, envs: Sequence[str]) -> Stage | None:
        wanted = tuple(e for e in envs if (group, e) not in covered)
        members = tuple(
            t.id
            for t in tenants
            if t.upgrade_group == group and any(has_environment(t, e) for e in wanted)
        )
        present = tuple(
            e for e in wanted if any(has_environment(model.tenants[t], e) for t in members)
        )
        if not members:
            return None
        if len(members) > per_slot:
            raise FtgitopsError(
                f"{region.name} group {group} has {len(members)} tenants to upgrade "
                f"({', '.join(present)}), more than policies.upgrade.tenants_per_slot "
                f"({per_slot}) in one slot: split the group or raise the limit"
            )
        return Stage(region, (group,), present, members)

    early = [s for s in (due(g, PRE_PRODUCTION) for g in groups) if s is not None]
    late = [s for s in (due(g, ("production",)) for g in groups) if s is not None]
    return _packed(early, per_slot, covered) + late


def _packed(stages: list[Stage], per_slot: int, covered: set[tuple[int, str]]) -> list[Stage]:
    """Consecutive groups' stages joined while the tenants fit one slot (and no group gets an
    environment a started wave already upgraded)."""
    packed: list[Stage] = []
    for stage in stages:
        last = packed[-1] if packed else None
        envs = tuple(
            e for e in PRE_PRODUCTION if last and e in last.environments + stage.environments
        )
        fits = last is not None and len(last.tenants) + len(stage.tenants) <= per_slot
        groups = (last.groups if last else ()) + stage.groups
        if last is not None and fits and not any((g, e) in covered for g in groups for e in envs):
            packed[-1] = Stage(
                stage.region, last.groups + stage.groups, envs, last.tenants + stage.tenants
            )
        else:
            packed.append(stage)
    return packed


def has_environment(tenant: Tenant, environment: str) -> bool:
    found = tenant.environments.get(environment)
    return found is not None and found.decommissioned is None
