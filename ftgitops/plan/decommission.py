"""The decommission changes due: one standard change per UAT or Training environment that
production has outlived by the policy's days, in the region's first window the conflict engine
finds free (`freewindow`: no freeze, no conflict with notices or other work, notice respected).

Pure: the model and `now` in, the plan out; each planned change is placed in the model before
the next is, so two of them never share a window. A change already planned for the
environment (template `environment-decommission`, not cancelled) answers it, and FT307 with it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

from ftgitops.errors import FtgitopsError
from ftgitops.freewindow import free_window
from ftgitops.load import documents as docs
from ftgitops.load.itembuild import Expander
from ftgitops.load.pipeline import build_fresh
from ftgitops.model import AnyItem, Model, Region, Tenant, Window
from ftgitops.newitem import MAX_NUMBER, wall_clock
from ftgitops.rules.decommission import TEMPLATE, Due, all_due, planned
from ftgitops.skeleton import Draft, render_decommission


class Decommission(NamedTuple):
    """One environment to switch off, and the free window found for it."""

    tenant: Tenant
    region: Region
    due: Due
    window: Window


def plan_decommissions(model: Model, now: datetime) -> list[Decommission]:
    """Every overdue UAT or Training environment without a decommission change yet."""
    today = now.astimezone(UTC).date()
    answered = planned(model)
    days = model.platform.policies.decommission_days
    found: list[Decommission] = []
    for due in all_due(model.tenants.values(), days, today):
        if due.due > today or (due.tenant, due.environment) in answered:
            continue
        tenant = model.tenants[due.tenant]
        region = model.platform.regions[tenant.region]
        stand_in = f"CHG-{now.year}-{MAX_NUMBER + 1 + len(found)}"
        plan = _placed(model, Decommission(tenant, region, due, _NO_WINDOW), stand_in, now)
        found.append(plan)
        item = trial_item(model, plan, stand_in, now)
        if item is not None:
            model = Model(model.platform, model.tenants, {**model.items, item.id: item})
    return found


_NO_WINDOW = Window(
    datetime.min.replace(tzinfo=UTC), datetime.min.replace(tzinfo=UTC), ZoneInfo("UTC")
)


def _placed(model: Model, plan: Decommission, stand_in: str, now: datetime) -> Decommission:
    """The plan in the region's first window where its change conflicts with nothing."""

    def item_for(window: Window) -> AnyItem | None:
        return trial_item(model, plan._replace(window=window), stand_in, now)

    return plan._replace(window=free_window("change", plan.region, model, now, item_for))


def trial_item(model: Model, plan: Decommission, item_id: str, now: datetime) -> AnyItem | None:
    """The change the file would load as, to check its window with the conflict engine."""
    path, text = decommission_file(model, plan, item_id, now)
    document, _ = docs.parse(path, text.encode("utf-8"))
    if document is None:
        return None
    item, _ = build_fresh(document, Expander(model.platform, model.tenants))
    return item


def decommission_file(
    model: Model, plan: Decommission, item_id: str, now: datetime
) -> tuple[str, str]:
    """The path and complete text of the decommission change `item_id`."""
    region, zone, due = plan.region, plan.region.zone, plan.due
    env_name = "UAT" if due.environment == "uat" else due.environment.capitalize()
    draft = Draft(
        item_id=item_id,
        kind="change",
        path=f"changes/{item_id[4:8]}/{item_id}.yaml",
        title=f"Decommission the {env_name} environment of {plan.tenant.name}",
        region=region.id,
        zone=str(zone),
        now=now.astimezone(zone).isoformat(timespec="minutes"),
        window_start=wall_clock(plan.window.start, zone),
        window_end=wall_clock(plan.window.end, zone),
    )
    text = (
        f"Switch off and delete the {due.environment} environment of {plan.tenant.id}:\n"
        f"production went live on {due.production_live.isoformat()}, so it was due for\n"
        f"decommission on {due.due.isoformat()}. Its databases are backed up to the region's\n"
        f"backup vault first (standard change {TEMPLATE})."
    )
    owner = engineer(model, region)
    return draft.path, render_decommission(draft, owner, plan.tenant.id, due.environment, text)


def engineer(model: Model, region: Region) -> str:
    """The first person (by id) with the engineer role in the region: who switches it off."""
    for person in sorted(model.platform.people.values(), key=lambda p: p.id):
        if region.id in person.regions and "engineer" in person.roles:
            return person.id
    raise FtgitopsError(f"no engineer in region {region.id} to carry out a decommission")
