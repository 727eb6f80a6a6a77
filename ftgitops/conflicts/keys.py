"""The target keys of an occupancy: the names under which two windows can collide.

Each key reads as the reviewer will see it in `shared`: `tenant <id> production`,
`service database (apac/primary production)`, `shared san-uk`, `implementer bob`,
`maintenance apac`. Services are keyed per region, site and environment, because the
production database of one region is not the UAT database of another.

`keys_of` lists every key of one window: the plain definition. The engine never builds the
full list (dozens of keys a window); `scopes.shared_keys` builds only the keys a pair shares,
and the tests hold it to this definition.
"""

from __future__ import annotations

from ftgitops.conflicts.graph import Closure
from ftgitops.conflicts.occupancy import Occupancy
from ftgitops.conflicts.sweep import DEPENDENT, DIRECT, NOTICE, PLAIN, WAVE

TENANT, SHARED, IMPLEMENTER, SERVICE, MAINTENANCE = (
    "tenant",
    "shared",
    "implementer",
    "service",
    "maintenance",
)


def service_key(service: str, region: str, site: str, environment: str) -> str:
    return f"{SERVICE} {service} ({region}/{site} {environment})"


def service_of(key: str) -> str:
    """The service a service key names."""
    return key.split(" ", 2)[1]


def keys_of(occupancy: Occupancy, closure: Closure) -> dict[str, int]:
    """Every key the occupancy holds, with its sweep role (a direct role wins a dependent one)."""
    targets = occupancy.targets
    keys: dict[str, int] = {}
    for region in targets.regions:
        for site in targets.sites:
            for environment in targets.environments:
                for service in targets.services:
                    for needed in closure.get(service, ()):
                        keys.setdefault(service_key(needed, region, site, environment), DEPENDENT)
                for service in targets.services:
                    keys[service_key(service, region, site, environment)] = DIRECT
        if occupancy.kind in ("wave", "maintenance"):
            keys[f"{MAINTENANCE} {region}"] = WAVE if occupancy.kind == "wave" else NOTICE
    for tenant in targets.tenants:
        for environment in targets.environments:
            keys[f"{TENANT} {tenant} {environment}"] = PLAIN
    for part in targets.shared:
        keys[f"{SHARED} {part}"] = PLAIN
    for person in occupancy.implementers:
        keys[f"{IMPLEMENTER} {person}"] = PLAIN
    return keys
