"""What a deployment acts on: an item's targets, in the order they run.

With `per: change` a change is one target (`all`) and a release one target per wave
(`wave-N`, 1-based); with `per: target` each tenant environment is one
(`tenant/environment`, for a release `wave-N/tenant/environment`), UAT first, then Training,
then Production, each by upgrade group and tenant. A target `covers` the tenant
environments it deploys, which is how UAT-before-Production is read across targets.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from ftgitops.model import Change, Model, Release, Tenant, Window

ENVIRONMENT_ORDER = {"uat": 0, "training": 1, "production": 2}
Pair = tuple[str, str]  # (tenant, environment)


@dataclass(frozen=True, slots=True)
class Target:
    """One thing a driver is called for; `unit` is the change (`all`) or wave (`wave-N`) it
    belongs to, which is where a missed window and a wave's status are recorded."""

    label: str
    unit: str
    window: Window
    wave: int | None = None
    tenant: str | None = None
    environment: str | None = None
    region: str | None = None
    covers: frozenset[Pair] = frozenset()
    # The unit's tenant environments left out, with why (`albion/training decommissioned on
    # 2026-10-14`): said once, on the unit's first target, when it starts.
    left_out: tuple[str, ...] = ()


def targets_of(item: Change | Release, per: str, model: Model, today: date) -> list[Target]:
    """The item's targets in the order they run; a change without a window has none."""
    if isinstance(item, Release):
        found = []
        for number, wave in enumerate(item.waves, start=1):
            tenants = _wave_tenants(model, wave.region, wave.groups)
            pairs = _pairs(tenants, wave.environments, today)
            unit = _split(f"wave-{number}", wave.window, pairs, per, model, number, wave.region)
            gone = left_out(tenants, wave.environments, today)
            found += [replace(unit[0], left_out=gone), *unit[1:]] if unit and gone else unit
        return found
    if item.window is None or item.targets is None:
        return []
    tenants = [model.tenants[t] for t in item.targets.tenants if t in model.tenants]
    pairs = _pairs(tenants, item.targets.environments, today)
    return _split("all", item.window, pairs, per, model, None, None)


def _wave_tenants(model: Model, region: str, groups: tuple[int, ...]) -> list[Tenant]:
    return [t for t in model.tenants.values() if t.region == region and t.upgrade_group in groups]


def _pairs(tenants: list[Tenant], environments: tuple[str, ...], today: date) -> list[Pair]:
    """The tenant environments that exist today, in the order they run."""
    found = [
        (tenant, name) for tenant in tenants for name in environments if _live(tenant, name, today)
    ]
    found.sort(key=lambda p: (ENVIRONMENT_ORDER.get(p[1], 9), p[0].upgrade_group, p[0].id))
    return [(tenant.id, name) for tenant, name in found]


def left_out(tenants: list[Tenant], environments: tuple[str, ...], today: date) -> tuple[str, ...]:
    """A wave's tenant environments left out because they were decommissioned (a tenant that
    never had one is not news, and goes unsaid)."""
    found = []
    for tenant in sorted(tenants, key=lambda t: (t.upgrade_group, t.id)):
        for name in environments:
            environment = tenant.environments.get(name)
            gone = environment.decommissioned if environment is not None else None
            if gone is not None and gone <= today:
                found.append(f"{tenant.id}/{name} (decommissioned on {gone})")
    return tuple(found)


def _live(tenant: Tenant, name: str, today: date) -> bool:
    environment = tenant.environments.get(name)
    gone = environment.decommissioned if environment else None
    return environment is not None and (gone is None or gone > today)


def _split(
    unit: str,
    window: Window,
    pairs: list[Pair],
    per: str,
    model: Model,
    wave: int | None,
    region: str | None,
) -> list[Target]:
    if per != "target":
        return [Target(unit, unit, window, wave, region=region, covers=frozenset(pairs))]
    prefix = "" if wave is None else f"{unit}/"
    return [
        Target(
            f"{prefix}{tenant}/{environment}",
            unit,
            window,
            wave,
            tenant,
            environment,
            model.tenants[tenant].region,
            frozenset({(tenant, environment)}),
        )
        for tenant, environment in pairs
    ]
