"""When each tenant's UAT and Training environments are due to be decommissioned.

The one home of the rule behind policy FT307 (overdue) and the internal reports (coming):
UAT and Training are switched off `decommission_days` after production goes live, unless
marked permanent (a paid extra) or already decommissioned. Shown before the date too, so an
account manager sees it coming.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import NamedTuple

from ftgitops.model import Change, Model, Tenant

TEMPORARY = ("uat", "training")
TEMPLATE = "environment-decommission"  # the standard change `plan decommission` writes
GIVEN_UP = ("cancelled", "failed", "rolled-back")


class Due(NamedTuple):
    """One environment that will have to go, and whether its date has passed."""

    tenant: str
    environment: str
    production_live: date
    due: date
    overdue: bool


def decommission_due(tenant: Tenant, days: int, today: date) -> list[Due]:
    """The tenant's UAT and Training environments still running and not permanent."""
    production = tenant.environments.get("production")
    if production is None:
        return []
    due = production.go_live + timedelta(days=days)
    live = production.go_live <= today
    return [
        Due(tenant.id, name, production.go_live, due, live and due < today)
        for name in TEMPORARY
        if (env := tenant.environments.get(name)) and not env.permanent and not env.decommissioned
    ]


def all_due(tenants: Iterable[Tenant], days: int, today: date) -> list[Due]:
    """Every tenant's pending decommissions, soonest first."""
    found = [due for tenant in tenants for due in decommission_due(tenant, days, today)]
    return sorted(found, key=lambda d: (d.due, d.tenant, d.environment))


def planned(model: Model) -> set[tuple[str, str]]:
    """(tenant, environment) pairs a live decommission change (template `TEMPLATE`) is for:
    the FT307 warning is answered by it until the tenant's record says `decommissioned`."""
    found: set[tuple[str, str]] = set()
    for change in model.of_kind(Change):
        if change.raw.get("template") != TEMPLATE or change.status in GIVEN_UP:
            continue
        if change.targets is not None:
            for tenant in change.targets.tenants:
                found.update((tenant, env) for env in change.targets.environments)
    return found
