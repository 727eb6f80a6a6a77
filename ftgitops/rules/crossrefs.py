"""References that exist but do not fit together: FT211 (targets) and FT212 (cause and problems).

The reference layer checks that every id names something; this checks that the things named
agree, which needs the whole model (other files' tenants and incidents):

- FT211: a tenant listed by a change or notice must be in one of its regions; an environment
  listed beside listed tenants must exist for each and not be decommissioned by the window's
  start; each upgrade group of a release wave must have tenants in the wave's region.
- FT212: an incident's `caused_by` and its cause's `problems` must agree. Both are written
  (the incident report names its cause; the change's record lists what it caused, and may
  still be added to after the change ended), so neither is derived: a disagreement is told on
  both files, since either may be the one that is wrong.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from ftgitops.findings import Finding, JsonPath
from ftgitops.model import Change, Incident, Maintenance, Model, Release, Targets, Tenant


def crossref_findings(model: Model) -> list[Finding]:
    """Every FT211 and FT212 finding in the model."""
    findings: list[Finding] = []
    for item in model.items.values():
        if isinstance(item, Change | Maintenance) and item.targets and item.window:
            at: JsonPath = ("targets",) if isinstance(item, Change) else ()
            holder = item.raw.get("targets", {}) if at else item.raw
            day = item.window.start.date()
            for where, message in _targets(holder, item.targets, day, model):
                findings.append(Finding("FT211", message, item.path, (*at, *where)))
        elif isinstance(item, Release) and _regions_known(model):
            findings.extend(_empty_groups(item, model))
    findings.extend(_causes(model))
    return findings


Told = Iterator[tuple[JsonPath, str]]


def _targets(holder: Mapping[str, Any], targets: Targets, day: date, model: Model) -> Told:
    """Listed tenants outside the regions, or without a live listed environment on `day`."""
    if not isinstance(holder.get("tenants"), list):
        return  # `all` expands within the regions, to the environments each tenant has
    listed = isinstance(holder.get("environments"), list)
    for index, tenant_id in enumerate(targets.tenants):
        tenant = model.tenants.get(tenant_id)
        if tenant is None or tenant.region not in model.platform.regions:
            continue  # an unknown tenant or region is told already (FT202, FT204)
        if tenant.region not in targets.regions:
            message = (
                f"tenant {tenant_id} is in region {tenant.region}, which the work does not "
                f"target ({', '.join(targets.regions)}): add the region or remove the tenant"
            )
            yield ("tenants", index), message
        elif listed:
            yield from _environments(tenant, targets, day)


def _environments(tenant: Tenant, targets: Targets, day: date) -> Told:
    for index, name in enumerate(targets.environments):
        environment = tenant.environments.get(name)
        if environment is None:
            yield ("environments", index), f"tenant {tenant.id} has no {name} environment"
        elif environment.decommissioned is not None and environment.decommissioned <= day:
            message = (
                f"tenant {tenant.id}'s {name} environment was decommissioned on "
                f"{environment.decommissioned.isoformat()}, before the window"
            )
            yield ("environments", index), message


def _regions_known(model: Model) -> bool:
    """Whether every tenant's region is known: one with a typo (FT204) could be anyone's."""
    return all(t.region in model.platform.regions for t in model.tenants.values())


def _empty_groups(release: Release, model: Model) -> Iterator[Finding]:
    """Each wave's upgrade groups that no tenant of its region belongs to."""
    for index, wave in enumerate(release.waves):
        present = {t.upgrade_group for t in model.tenants.values() if t.region == wave.region}
        for position, group in enumerate(wave.groups):
            if group not in present:
                message = (
                    f"{release.id} wave {index + 1} upgrades group {group} in {wave.region}, "
                    f"but no tenant of {wave.region} is in group {group}"
                )
                at = ("waves", index, "groups", position)
                yield Finding("FT211", message, release.path, at)


def _causes(model: Model) -> Iterator[Finding]:
    """FT212 on both files for each incident whose cause and whose cause's problems disagree."""
    for incident in model.of_kind(Incident):
        cause = model.items.get(incident.caused_by or "")
        if isinstance(cause, Change | Release) and incident.id not in cause.problems:
            yield from _disagree(incident, cause, f"{cause.id}'s problems do not list it")
    for work in [*model.of_kind(Change), *model.of_kind(Release)]:
        for position, incident_id in enumerate(work.problems):
            incident = model.items.get(incident_id)
            if isinstance(incident, Incident) and incident.caused_by != work.id:
                said = f"is {incident.caused_by}" if incident.caused_by else "is not set"
                why = f"{incident.id}'s caused_by {said}"
                yield from _disagree(incident, work, why, position)


def _disagree(
    incident: Incident, work: Change | Release, why: str, position: int | None = None
) -> Iterator[Finding]:
    if position is None:
        first = f"{incident.id} says it was caused by {work.id}, but {why}"
    else:
        first = f"{work.id} lists {incident.id} among its problems, but {why}"
    message = (
        f"{first}: make {incident.id}'s caused_by and {work.id}'s problems agree "
        f"(set caused_by: {work.id} and list {incident.id} in problems, or neither)"
    )
    on_work: JsonPath = ("problems", position) if position is not None else ("problems",)
    if position is None and not work.problems:
        on_work = ("id",)
    on_incident: JsonPath = ("caused_by",) if incident.caused_by else ("id",)
    yield Finding("FT212", message, incident.path, on_incident)
    yield Finding("FT212", message, work.path, on_work)
