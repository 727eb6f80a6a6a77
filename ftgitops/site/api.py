"""A JSON API in the shape of Statuspage's public v2 API, a status badge and a banner.

Tools that already read `api/v2/summary.json` from a Statuspage page read this one. The
component tree is one group per region holding its services (`<region>-<service>`).
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from ftgitops.model import Incident, Maintenance
from ftgitops.site.context import SiteContext
from ftgitops.site.pages.common import anchor, month_of
from ftgitops.site.pages.status import OVERALL_TEXT, UPCOMING_DAYS
from ftgitops.site.status import IMPACT_STATES, State, maintenance_end, maintenance_open
from ftgitops.site.timefmt import iso

COMPONENT_STATUS = {
    State.OPERATIONAL: "operational",
    State.UNDER_MAINTENANCE: "under_maintenance",
    State.DEGRADED: "degraded_performance",
    State.PARTIAL_OUTAGE: "partial_outage",
    State.MAJOR_OUTAGE: "major_outage",
}
INDICATOR = {
    State.OPERATIONAL: "none",
    State.UNDER_MAINTENANCE: "maintenance",
    State.DEGRADED: "minor",
    State.PARTIAL_OUTAGE: "major",
    State.MAJOR_OUTAGE: "critical",
}
INCIDENT_LIMIT = 50


def page_info(ctx: SiteContext) -> dict[str, Any]:
    host = urlsplit(ctx.site_url).hostname or "status"
    return {
        "id": host,
        "name": ctx.model.platform.name,
        "url": ctx.url(""),
        "time_zone": "Etc/UTC",
        "updated_at": iso(ctx.now),
    }


def components(ctx: SiteContext) -> list[dict[str, Any]]:
    """One group per region, then its services, in the platform's order."""
    found: list[dict[str, Any]] = []
    platform = ctx.model.platform
    for position, (region_id, region) in enumerate(platform.regions.items(), start=1):
        children = [f"{region_id}-{s}" for s in platform.services]
        found.append(
            _component(ctx, f"region-{region_id}", region.name, ctx.status.regions[region_id])
            | {"position": position, "group": True, "group_id": None, "components": children}
        )
        for index, (service_id, service) in enumerate(platform.services.items(), start=1):
            state = ctx.status.components[(region_id, service_id)]
            found.append(
                _component(ctx, f"{region_id}-{service_id}", service.name, state)
                | {"position": index, "group": False, "group_id": f"region-{region_id}"}
                | {"description": service.description}
            )
    return found


def _component(ctx: SiteContext, key: str, name: str, state: State) -> dict[str, Any]:
    return {
        "id": key,
        "name": name,
        "status": COMPONENT_STATUS[state],
        "created_at": iso(ctx.now),
        "updated_at": iso(ctx.now),
        "position": 0,
        "description": None,
        "showcase": True,
        "start_date": None,
        "group_id": None,
        "page_id": page_info(ctx)["id"],
        "group": False,
        "only_show_if_degraded": False,
    }


def _affected(
    ctx: SiteContext, regions: tuple[str, ...], services: tuple[str, ...]
) -> list[dict[str, Any]]:
    known = ctx.model.platform.services
    return [
        {"id": f"{r}-{s}", "name": known[s].name}
        for r in regions
        for s in services
        if r in ctx.model.platform.regions and s in known
    ]


def _updates(item_id: str, updates: Any, ctx: SiteContext, default: str) -> list[dict[str, Any]]:
    return [
        {
            "id": f"{item_id}-{iso(u.at)}",
            "status": (u.status or default).replace("-", "_"),
            "body": u.text,
            "incident_id": item_id,
            "created_at": iso(u.at),
            "updated_at": iso(u.at),
            "display_at": iso(u.at),
            "affected_components": None,
            "deliver_notifications": True,
        }
        for u in sorted(updates, key=lambda u: u.at, reverse=True)
        if u.at <= ctx.now
    ]


def _base(item_id: str, name: str, created: datetime, ctx: SiteContext) -> dict[str, Any]:
    return {
        "id": item_id,
        "name": name,
        "created_at": iso(created),
        "page_id": page_info(ctx)["id"],
    }


def incident_json(incident: Incident, ctx: SiteContext) -> dict[str, Any]:
    """One incident in Statuspage's shape; impact from the incident's impact."""
    assert incident.started is not None and incident.targets is not None
    updates = _updates(incident.id, incident.updates, ctx, incident.status)
    resolved = incident.resolved if incident.resolved and incident.resolved <= ctx.now else None
    monitoring = [u.at for u in incident.updates if u.status == "monitoring" and u.at <= ctx.now]
    impact = {State.DEGRADED: "minor", State.PARTIAL_OUTAGE: "major"}.get(
        IMPACT_STATES.get(incident.impact, State.DEGRADED), "critical"
    )
    return _base(incident.id, incident.title, incident.started, ctx) | {
        "status": "resolved" if resolved else incident.status,
        "updated_at": updates[0]["updated_at"] if updates else iso(incident.started),
        "monitoring_at": iso(min(monitoring)) if monitoring else None,
        "resolved_at": iso(resolved) if resolved else None,
        "impact": impact,
        "shortlink": ctx.page_url(f"history/{month_of(incident.started)}.md", anchor(incident.id)),
        "started_at": iso(incident.started),
        "incident_updates": updates,
        "components": _affected(ctx, incident.targets.regions, incident.targets.services),
    }


def maintenance_json(notice: Maintenance, ctx: SiteContext) -> dict[str, Any]:
    """One maintenance window in Statuspage's scheduled-maintenance shape."""
    assert notice.window is not None and notice.targets is not None
    end = maintenance_end(notice) or notice.window.end
    if maintenance_open(notice, ctx.now):
        status = "in_progress"
    else:
        status = "scheduled" if ctx.now < notice.window.start else "completed"
    created = notice.published or notice.window.start
    updates = _updates(notice.id, notice.updates, ctx, notice.status)
    return _base(notice.id, notice.title, created, ctx) | {
        "status": status,
        "updated_at": updates[0]["updated_at"] if updates else iso(created),
        "monitoring_at": None,
        "resolved_at": iso(end) if status == "completed" else None,
        "impact": "maintenance",
        "shortlink": ctx.page_url("maintenance.md", anchor(notice.id)),
        "started_at": iso(notice.window.start),
        "scheduled_for": iso(notice.window.start),
        "scheduled_until": iso(notice.window.end),
        "incident_updates": updates,
        "components": _affected(ctx, notice.targets.regions, notice.targets.services),
    }


def status_json(ctx: SiteContext) -> dict[str, str]:
    state = ctx.status.overall
    return {"indicator": INDICATOR[state], "description": OVERALL_TEXT[state]}


def recent_incidents(ctx: SiteContext) -> list[Incident]:
    started = [
        i for i in ctx.model.of_kind(Incident) if i.started and i.targets and i.started <= ctx.now
    ]
    return sorted(started, key=lambda i: (i.started, i.id), reverse=True)[:INCIDENT_LIMIT]


def upcoming(ctx: SiteContext, include_open: bool) -> list[Maintenance]:
    """Windows starting in the next 30 days (and, if asked, those in progress), soonest first."""
    horizon = ctx.now + timedelta(days=UPCOMING_DAYS)
    found = [
        m
        for m in ctx.model.of_kind(Maintenance)
        if m.window
        and m.targets
        and m.status not in ("draft", "cancelled")
        and (ctx.now < m.window.start <= horizon or (include_open and maintenance_open(m, ctx.now)))
    ]
    return sorted(found, key=lambda m: (m.window.start, m.id))


def _dump(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False).encode("utf-8")


def api_files(ctx: SiteContext) -> dict[str, bytes]:
    """Every file of the JSON API, by path."""
    page = page_info(ctx)
    comps = components(ctx)
    open_incidents = [incident_json(i, ctx) for i in ctx.status.incidents if i.targets]
    planned = [maintenance_json(m, ctx) for m in upcoming(ctx, include_open=True)]
    return {
        "api/v2/summary.json": _dump(
            {"page": page, "components": comps, "incidents": open_incidents}
            | {"scheduled_maintenances": planned, "status": status_json(ctx)}
        ),
        "api/v2/status.json": _dump({"page": page, "status": status_json(ctx)}),
        "api/v2/components.json": _dump({"page": page, "components": comps}),
        "api/v2/incidents.json": _dump(
            {"page": page, "incidents": [incident_json(i, ctx) for i in recent_incidents(ctx)]}
        ),
        "api/v2/scheduled-maintenances/upcoming.json": _dump(
            {
                "page": page,
                "scheduled_maintenances": [
                    maintenance_json(m, ctx) for m in upcoming(ctx, include_open=False)
                ],
            }
        ),
    }
