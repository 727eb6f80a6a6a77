"""What one edition covers: its regions, services and environments, and its windows.

A tenant reads about its own region, its own services and the environments it has; the
public and internal editions cover everything they may see. The customer-visible windows
(`rules.customerwindows`) are computed on the FULL model (a public edition's filtered model
has lost the confidential `tenants` field that scope needs), then kept for the audience:
internal all, a tenant those that `concerns` it, the public those not limited to named
tenants. Each kept window carries the audience's filtered item, so no page can reach a
confidential field through it; a tenant's window names no other tenant, and its regions,
services and environments are the tenant's share (as its items are: `filter.scope_to_tenant`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime

from ftgitops.model import ENVIRONMENTS, Model, Release, Tenant
from ftgitops.rules.customerwindows import CustomerWindow, concerns, customer_windows
from ftgitops.site.audience import Audience
from ftgitops.site.filter import held_environments

Component = tuple[str, str]  # (region id, service id)


@dataclass(frozen=True, slots=True)
class Scope:
    """The regions, services and environments an edition covers, in the platform's order;
    `tenant` is the edition's tenant (None for the public and internal editions)."""

    regions: tuple[str, ...]
    services: tuple[str, ...]
    environments: tuple[str, ...]
    tenant: Tenant | None = None

    def covers(self, region: str, service: str) -> bool:
        """Whether the component (a service in a region) belongs on this edition."""
        return region in self.regions and service in self.services

    def components(self) -> list[Component]:
        """Every (region, service) on this edition, region by region."""
        return [(r, s) for r in self.regions for s in self.services]

    def all_services(self, services: tuple[str, ...]) -> bool:
        """Whether `services` covers every service of this edition (say "All services")."""
        return set(self.services) <= set(services)


def scope_of(seen: Model, audience: Audience, now: datetime) -> Scope:
    """The edition's scope, from its filtered model (which holds only the public services
    for customers, and only the audience's own tenant for a tenant edition)."""
    regions = tuple(seen.platform.regions)
    services = tuple(seen.platform.services)
    tenant = seen.tenants.get(audience.tenant) if audience.tenant else None
    if tenant is None:
        return Scope(regions, services, ENVIRONMENTS)
    own = tuple(s for s in services if not tenant.services or s in tenant.services)
    held = {
        env
        for env, spec in tenant.environments.items()
        if spec.decommissioned is None or spec.decommissioned > now.date()
    }
    environments = tuple(e for e in ENVIRONMENTS if e == "production" or e in held)
    return Scope((tenant.region,), own, environments, tenant)


def audience_windows(
    full: Model, seen: Model, audience: Audience, now: datetime
) -> tuple[CustomerWindow, ...]:
    """The customer-visible windows the audience may see, soonest first, carrying the
    audience's filtered items (see the module doc)."""
    every = customer_windows(full, now)
    if audience.internal:
        return tuple(every)
    tenant = full.tenants.get(audience.tenant) if audience.tenant else None
    kept: list[CustomerWindow] = []
    for window in every:
        if tenant is None and window.tenants:
            continue
        if tenant is not None and not concerns(window, tenant):
            continue
        seen_window = _seen_by(window, seen, tenant)
        if seen_window is not None:
            kept.append(seen_window)
    return tuple(kept)


def _seen_by(window: CustomerWindow, seen: Model, tenant: Tenant | None) -> CustomerWindow | None:
    """The window with the audience's copy of its item (and wave), naming no other tenant;
    None when the audience's model does not hold it (an internal item, a wave out of scope)."""
    item = seen.items.get(window.item.id)
    if item is None or not isinstance(item, type(window.item)):
        return None
    wave = window.wave
    if wave is not None:
        waves = item.waves if isinstance(item, Release) else ()
        wave = next((w for w in waves if w is wave), None)
        if wave is None:
            return None
    if tenant is None:
        return dataclasses.replace(window, item=item, wave=wave)
    held = held_environments(tenant, window.window.start)
    return dataclasses.replace(
        window,
        item=item,
        wave=wave,
        tenants=(tenant.id,) if tenant.id in window.tenants else (),
        regions=tuple(r for r in window.regions if r == tenant.region),
        services=tuple(s for s in window.services if s in seen.platform.services),
        environments=tuple(e for e in window.environments if e in held),
    )
