"""Scopes a window is swept under, and the exact target keys two overlapping windows share.

A window in a real fleet holds dozens of target keys (every tenant x environment, every
service x region x site x environment: about 40 in the example repository), so sweeping
each key on its own means millions of entries at 100,000 windows. Each window is swept
instead under a handful of scopes: its regions x environments (where every service and
tenant key lies), its implementers and its shared infrastructure. Every key lies in a scope,
so two windows that share a key share a scope; for each pair the sweep finds, the keys both
really hold (in partner roles) are computed from the target factors: the keys `keys_of`
gives, without building any key the pair does not share. The tests check both against all
pairs of `keys_of` entries.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ftgitops.conflicts.graph import Closure
from ftgitops.conflicts.keys import IMPLEMENTER, MAINTENANCE, SHARED, TENANT, service_key
from ftgitops.conflicts.occupancy import Occupancy

SharedKeys = dict[str, list[str]]  # conflict kind -> keys, unsorted, perhaps repeated


class Scopes:
    """The coarse scopes each window is swept under; every key it holds lies in one of them.

    Service keys lie in their region x environment, tenant keys in their tenant's home
    region x environment. Windows of one kind with the same regions, tenants, environments,
    shared parts and people have the same scopes (most list every tenant of a region), so
    each such set is built once.
    """

    def __init__(self, tenant_regions: Mapping[str, str]) -> None:
        self.tenant_regions = tenant_regions
        self.known: dict[tuple[object, ...], frozenset[str]] = {}

    def of(self, occupancy: Occupancy) -> frozenset[str]:
        targets = occupancy.targets
        signature = (
            targets.regions,
            bool(targets.sites and targets.services),
            targets.tenants,
            targets.environments,
            targets.shared,
            occupancy.implementers,
            occupancy.kind in ("wave", "maintenance"),
        )
        scopes = self.known.get(signature)
        if scopes is None:
            scopes = self.known[signature] = self._build(occupancy)
        return scopes

    def _build(self, occupancy: Occupancy) -> frozenset[str]:
        targets, known = occupancy.targets, self.tenant_regions
        places = {known.get(tenant, f"{TENANT} {tenant}") for tenant in targets.tenants}
        if targets.sites and targets.services:
            places.update(targets.regions)
        scopes = {f"{place} {env}" for place in places for env in targets.environments}
        if occupancy.kind in ("wave", "maintenance"):
            scopes.update(f"{MAINTENANCE} {region}" for region in targets.regions)
        scopes.update(f"{SHARED} {part}" for part in targets.shared)
        scopes.update(f"{IMPLEMENTER} {person}" for person in occupancy.implementers)
        return frozenset(scopes)


def shared_keys(one: Occupancy, other: Occupancy, closure: Closure) -> SharedKeys:
    """The keys both windows hold in partner roles (what `keys_of` pairs), by conflict kind.

    A service key is a dependency when one side only needs the service and a same-target key
    when both work on it; two dependents of one service share nothing.
    """
    a, b = one.targets, other.targets
    regions, envs = _common(a.regions, b.regions), _common(a.environments, b.environments)
    places = [(r, site, env) for r in regions for site in _common(a.sites, b.sites) for env in envs]
    same = [f"{TENANT} {tenant} {env}" for tenant in _common(a.tenants, b.tenants) for env in envs]
    same += [f"{SHARED} {part}" for part in _common(a.shared, b.shared)]
    through: list[str] = []
    if places:
        for service, direct in _paired_services(a.services, b.services, closure):
            (same if direct else through).extend(service_key(service, *at) for at in places)
    by_kind = {
        "same-target": same,
        "dependency": through,
        "same-implementer": [
            f"{IMPLEMENTER} {person}" for person in _common(one.implementers, other.implementers)
        ],
    }
    if {one.kind, other.kind} == {"wave", "maintenance"}:
        by_kind["wave-maintenance"] = [f"{MAINTENANCE} {region}" for region in regions]
    return by_kind


def _common(one: tuple[str, ...], other: tuple[str, ...]) -> list[str]:
    return [item for item in one if item in other]


def _paired_services(
    one: tuple[str, ...], other: tuple[str, ...], closure: Closure
) -> Iterator[tuple[str, bool]]:
    """Services both touch where one side at least works on it, and whether both do."""
    needs_one, needs_other = _needed(one, closure), _needed(other, closure)
    for service in one:
        if service in other:
            yield service, True
        elif service in needs_other:
            yield service, False
    yield from ((s, False) for s in needs_one if s in other and s not in one)


def _needed(services: tuple[str, ...], closure: Closure) -> set[str]:
    return {needed for service in services for needed in closure.get(service, ())}
