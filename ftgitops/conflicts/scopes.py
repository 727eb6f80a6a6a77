"""Which windows share a target key: a sweep over a few coarse scopes, then the exact keys.

A window in a real fleet holds dozens of target keys (every tenant x environment, every
service x region x site x environment), so sweeping each key on its own means millions of
entries at 100,000 windows. Each window is swept instead under a handful of scopes: its
regions x environments (where every service and tenant key lives), its implementers and its
shared infrastructure. Every key maps to a scope, so two windows that share a key share a
scope; for each pair overlapping in time under a scope, the keys they really share (in
partner roles) are computed from the target factors: the same keys `keys_of` gives, without
building any key the pair does not share. The tests check this against all pairs.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from heapq import heappop, heappush

from ftgitops.conflicts.graph import Closure
from ftgitops.conflicts.keys import IMPLEMENTER, MAINTENANCE, SHARED, TENANT, service_key
from ftgitops.conflicts.occupancy import Occupancy

Stamps = Sequence[tuple[float, float]]
SharedKeys = dict[str, list[str]]  # conflict kind -> keys, unsorted, perhaps repeated


class Scopes:
    """The coarse scopes each window is swept under; every key it holds lies in one of them.

    Service keys lie in their region x environment, tenant keys in their tenant's home
    region x environment; the tenants' regions are remembered per tenant list, since most
    windows list every tenant of a region.
    """

    def __init__(self, tenant_regions: Mapping[str, str]) -> None:
        self.tenant_regions = tenant_regions
        self.places: dict[tuple[str, ...], frozenset[str]] = {}

    def of(self, occupancy: Occupancy) -> set[str]:
        targets = occupancy.targets
        places = self._tenant_places(targets.tenants)
        if targets.sites and targets.services:
            places = places.union(targets.regions)
        scopes = {f"{place} {env}" for place in places for env in targets.environments}
        if occupancy.kind in ("wave", "maintenance"):
            scopes.update([f"{MAINTENANCE} {region}" for region in targets.regions])
        scopes.update([f"{SHARED} {part}" for part in targets.shared])
        scopes.update([f"{IMPLEMENTER} {person}" for person in occupancy.implementers])
        return scopes

    def _tenant_places(self, tenants: tuple[str, ...]) -> frozenset[str]:
        places = self.places.get(tenants)
        if places is None:
            known = self.tenant_regions
            places = frozenset(known.get(tenant, f"{TENANT} {tenant}") for tenant in tenants)
            self.places[tenants] = places
        return places


def candidate_pairs(stamps: Stamps, scopes: Sequence[set[str]]) -> set[tuple[int, int]]:
    """Every pair of indexes (lower first) overlapping in time under at least one scope.

    One pass in start order with a heap of active windows per scope, ordered by end: a
    window that has ended is popped before the next start is compared, so each comparison
    yields a pair that really overlaps and the cost is O(n log n + pairs). Touching ends
    (one window ends when the next starts) do not overlap.
    """
    active: dict[str, list[tuple[float, int]]] = {}
    pairs: set[tuple[int, int]] = set()
    for index in sorted(range(len(stamps)), key=stamps.__getitem__):
        start, end = stamps[index]
        for scope in scopes[index]:
            heap = active.get(scope)
            if heap is None:
                active[scope] = [(end, index)]
                continue
            while heap and heap[0][0] <= start:
                heappop(heap)
            for _, other in heap:
                pairs.add((other, index) if other < index else (index, other))
            heappush(heap, (end, index))
    return pairs


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
