"""Who and what the work in a pull request touches: services, and customers per region.

Counts are safe to show anywhere; tenant names are confidential and only the internal report
shows them. Work that has ended (completed, failed, rolled back, cancelled) is left out: the
reviewer wants to know what merging this will still do.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import NamedTuple

from ftgitops.model import AnyItem, Model, Release, Service, Targets, Tenant


class Impact(NamedTuple):
    """Services targeted, services that depend on them, and tenant environments touched."""

    services: tuple[str, ...]
    dependents: tuple[str, ...]
    counts: tuple[tuple[str, str, int], ...]  # (region, environment, tenants), sorted
    tenants: tuple[str, ...]  # tenant names: internal output only

    @property
    def tenant_count(self) -> int:
        return len(self.tenants)


def affected(items: Iterable[AnyItem], model: Model) -> Impact:
    """The combined impact of the items (each tenant environment counted once)."""
    services: set[str] = set()
    touched: set[tuple[str, str]] = set()
    for item in items:
        if item.ended:
            continue
        services.update(_services(item))
        touched.update(_tenant_environments(item, model.tenants))
    counts = Counter((model.tenants[t].region, env) for t, env in touched)
    names = sorted({model.tenants[t].name for t, _ in touched})
    return Impact(
        services=tuple(sorted(services)),
        dependents=tuple(sorted(dependents_of(services, model.platform.services) - services)),
        counts=tuple(sorted((region, env, n) for (region, env), n in counts.items())),
        tenants=tuple(names),
    )


def dependents_of(services: Iterable[str], catalogue: Mapping[str, Service]) -> set[str]:
    """Every service that depends, directly or through others, on one of `services`."""
    users: dict[str, set[str]] = {}
    for service in catalogue.values():
        for needed in service.depends_on:
            users.setdefault(needed, set()).add(service.id)
    found: set[str] = set()
    pending = list(services)
    while pending:
        for user in users.get(pending.pop(), ()):
            if user not in found:
                found.add(user)
                pending.append(user)
    return found


def _services(item: AnyItem) -> tuple[str, ...]:
    if isinstance(item, Release):
        return item.services
    targets: Targets | None = getattr(item, "targets", None)
    return targets.services if targets else ()


def _tenant_environments(item: AnyItem, tenants: Mapping[str, Tenant]) -> Iterator[tuple[str, str]]:
    if isinstance(item, Release):
        for wave in item.waves:
            in_wave = (
                t.id
                for t in tenants.values()
                if t.region == wave.region and t.upgrade_group in wave.groups
            )
            yield from _live(in_wave, wave.environments, tenants)
        return
    targets: Targets | None = getattr(item, "targets", None)
    if targets is not None:
        yield from _live(targets.tenants, targets.environments, tenants)


def _live(
    tenant_ids: Iterable[str], environments: Iterable[str], tenants: Mapping[str, Tenant]
) -> Iterator[tuple[str, str]]:
    """The tenant environments that exist and are not decommissioned."""
    wanted = tuple(environments)
    for tenant_id in tenant_ids:
        tenant = tenants.get(tenant_id)
        if tenant is None:
            continue
        for name in wanted:
            env = tenant.environments.get(name)
            if env is not None and env.decommissioned is None:
                yield tenant_id, name
