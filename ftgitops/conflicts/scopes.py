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
WAVE_AND_NOTICE = frozenset({("wave", "maintenance"), ("maintenance", "wave")})


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
    when both work on it; two dependents of one service share nothing. One pass over what
    the two have in common gives every kind, building no key they do not share.
    """
    a, b = one.targets, other.targets
    regions = [r for r in a.regions if r in b.regions]
    envs = [e for e in a.environments if e in b.environments]
    same = [f"{TENANT} {t} {env}" for t in a.tenants if t in b.tenants for env in envs]
    same += [f"{SHARED} {part}" for part in a.shared if part in b.shared]
    through: list[str] = []
    keys = {
        "same-target": same,
        "dependency": through,
        "same-implementer": [
            f"{IMPLEMENTER} {p}" for p in one.implementers if p in other.implementers
        ],
    }
    if (one.kind, other.kind) in WAVE_AND_NOTICE:
        keys["wave-maintenance"] = [f"{MAINTENANCE} {region}" for region in regions]
    places = [
        (r, site, env) for r in regions for site in a.sites if site in b.sites for env in envs
    ]
    if places:
        for service, both in _paired_services(a.services, b.services, closure):
            (same if both else through).extend([service_key(service, *at) for at in places])
    return keys


def shared_kinds(one: Occupancy, other: Occupancy, closure: Closure) -> list[str]:
    """The conflict kinds of two overlapping windows, without building a key.

    A kind is listed when `shared_keys` finds it a key, in the same order; the keys
    themselves are built only when a conflict's words are read (`describe`). A release wave and a
    maintenance notice are one kind of conflict only: the wave overlaps the maintenance,
    which needs a region in common.
    """
    a, b = one.targets, other.targets
    if (one.kind, other.kind) in WAVE_AND_NOTICE:
        return ["wave-maintenance"] if _meets(a.regions, b.regions) else []
    envs = _meets(a.environments, b.environments)
    places = envs and _meets(a.regions, b.regions) and _meets(a.sites, b.sites)
    direct, through = _service_links(a.services, b.services, closure) if places else (False, False)
    kinds = []
    if direct or (envs and _meets(a.tenants, b.tenants)) or _meets(a.shared, b.shared):
        kinds.append("same-target")
    if through:
        kinds.append("dependency")
    if _meets(one.implementers, other.implementers):
        kinds.append("same-implementer")
    return kinds


def _meets(one: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Whether the two hold an item in common (a loop: `any()` over a generator costs 3-4 times
    as much on these short tuples, and it runs several times for every pair the sweep finds)."""
    for item in one:  # noqa: SIM110
        if item in other:
            return True
    return False


def _service_links(
    one: tuple[str, ...], other: tuple[str, ...], closure: Closure
) -> tuple[bool, bool]:
    """Whether `_paired_services` pairs a service directly (both work on it), and whether
    through a dependency (one side works on it, the other needs it), building no set."""
    direct = through = False
    for service in one:
        if service in other:
            direct = True
        elif not through:
            through = _needed_by(service, other, closure)
    if not through:
        for service in other:
            if service not in one and _needed_by(service, one, closure):
                return direct, True
    return direct, through


def _needed_by(service: str, users: tuple[str, ...], closure: Closure) -> bool:
    """Whether any of `users` depends on the service, directly or through others."""
    for user in users:  # noqa: SIM110 (as in `_meets`)
        if service in closure.get(user, ()):
            return True
    return False


def _paired_services(
    one: tuple[str, ...], other: tuple[str, ...], closure: Closure
) -> Iterator[tuple[str, bool]]:
    """Services both touch where one side at least works on it, and whether both do."""
    for service in one:
        if service in other:
            yield service, True
        elif _needed_by(service, other, closure):
            yield service, False
    yield from ((s, False) for s in other if s not in one and _needed_by(s, one, closure))
