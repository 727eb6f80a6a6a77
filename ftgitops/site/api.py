"""A JSON API in the shape of Statuspage's public v2 API.

Tools that already read `api/v2/summary.json` from a Statuspage page read this one: all
eight public endpoints (summary, status, components, incidents, incidents/unresolved,
scheduled-maintenances, scheduled-maintenances/upcoming and /active). The component tree is
one group per region holding its services (`<region>-<service>`); a tenant's edition holds
only its region and services (`filter.scope_to_tenant`).

Scheduled maintenances are the audience's customer-visible windows (`ctx.windows`):
maintenance notices, release waves and changes with downtime, with Statuspage's status from
the window's state (an overran window is still `in_progress`; a cancelled one is
`completed`, its last update saying it was cancelled). Each carries its text as updates: the
announcement (the author's text, then where, when and the impact), each recorded update, and
the start and end the clock has passed that no update announced. A wave or change records no
announcement time, so its announcement is dated by its first log entry or its release's first
wave, else the build time if it is still to come.

A component's `updated_at` is when its state last changed, from the items
(`status.Status.changed`); the page's is the latest such change or update.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from ftgitops.model import Incident, Maintenance, Update
from ftgitops.rules.customerwindows import CustomerWindow, WindowState
from ftgitops.site import windowtext
from ftgitops.site.context import SiteContext
from ftgitops.site.links import incident_url, window_url
from ftgitops.site.pages.status import OVERALL_TEXT
from ftgitops.site.status import IMPACT_STATES, State
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
MAINTENANCE_STATUS = {
    WindowState.UPCOMING: "scheduled",
    WindowState.IN_PROGRESS: "in_progress",
    WindowState.OVERRAN: "in_progress",
    WindowState.COMPLETED: "completed",
    WindowState.CANCELLED: "completed",
}
UPDATE_STATUS = {"in-progress": "in_progress", "cancelled": "completed"}
INCIDENT_LIMIT = 50
MAINTENANCE_LIMIT = 50
OPEN = frozenset({WindowState.IN_PROGRESS, WindowState.OVERRAN})


def page_info(ctx: SiteContext) -> dict[str, Any]:
    host = urlsplit(ctx.site_url).hostname or "status"
    return {
        "id": host,
        "name": ctx.model.platform.name,
        "url": ctx.url(""),
        "time_zone": "Etc/UTC",
        "updated_at": iso(last_update(ctx)),
    }


def last_update(ctx: SiteContext) -> datetime:
    """The latest component change or published update up to now (the build time if none)."""
    found = [at for at in ctx.status.changed.values() if at is not None]
    for item in ctx.model.items.values():
        found += [u.at for u in getattr(item, "updates", ()) if u.at <= ctx.now]
    return max(found, default=ctx.now)


def records_begin(ctx: SiteContext) -> datetime:
    """The earliest time the items tell of: the components' `created_at`."""
    found = [w.window.start for w in ctx.windows]
    found += [i.started for i in ctx.model.of_kind(Incident) if i.started is not None]
    return min([at for at in found if at <= ctx.now], default=ctx.now)


def components(ctx: SiteContext) -> list[dict[str, Any]]:
    """One group per region, then its services, in the platform's order."""
    found: list[dict[str, Any]] = []
    platform = ctx.model.platform
    created = records_begin(ctx)
    for position, (region_id, region) in enumerate(platform.regions.items(), start=1):
        children = [f"{region_id}-{s}" for s in platform.services]
        changes = [ctx.status.changed.get((region_id, s)) for s in platform.services]
        changed = max([at for at in changes if at is not None], default=None)
        found.append(
            _component(ctx, f"region-{region_id}", region.name, ctx.status.regions[region_id])
            | {"position": position, "group": True, "components": children}
            | _times(created, changed)
        )
        for index, (service_id, service) in enumerate(platform.services.items(), start=1):
            state = ctx.status.components[(region_id, service_id)]
            found.append(
                _component(ctx, f"{region_id}-{service_id}", service.name, state)
                | {"position": index, "group_id": f"region-{region_id}"}
                | {"description": service.description or None}
                | _times(created, ctx.status.changed.get((region_id, service_id)))
            )
    return found


def _times(created: datetime, changed: datetime | None) -> dict[str, str]:
    first = min(created, changed) if changed else created
    return {"created_at": iso(first), "updated_at": iso(changed or first)}


def _component(ctx: SiteContext, key: str, name: str, state: State) -> dict[str, Any]:
    return {
        "id": key,
        "name": name,
        "status": COMPONENT_STATUS[state],
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


def _update(item_id: str, status: str, body: str, at: datetime, what: str) -> dict[str, Any]:
    return {
        "id": f"{item_id}-{what}-{iso(at)}",
        "status": status,
        "body": body,
        "incident_id": item_id,
        "created_at": iso(at),
        "updated_at": iso(at),
        "display_at": iso(at),
        "affected_components": None,
        "deliver_notifications": True,
    }


def _updates(
    item_id: str, updates: tuple[Update, ...], ctx: SiteContext, default: str
) -> list[dict[str, Any]]:
    return [
        _update(item_id, (u.status or default).replace("-", "_"), u.text, u.at, "update")
        for u in updates
        if u.at <= ctx.now
    ]


def _newest_first(updates: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(updates, key=lambda u: (u["display_at"], u["id"]), reverse=True)


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
    updates = _newest_first(_updates(incident.id, incident.updates, ctx, incident.status))
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
        "shortlink": incident_url(ctx, incident),
        "started_at": iso(incident.started),
        "incident_updates": updates,
        "components": _affected(ctx, incident.targets.regions, incident.targets.services),
    }


def announcement(window: CustomerWindow) -> datetime | None:
    """When customers were told, where the record says: a notice's publication; else the
    item's first log entry or (for a wave) its release's first wave, if passed by then."""
    item = window.item
    if isinstance(item, Maintenance) and item.published is not None:
        return item.published
    known: list[datetime] = [entry.at for entry in getattr(item, "log", ())]
    known += [wave.window.start for wave in getattr(item, "waves", ())]
    return min(known, default=None)


def announced(window: CustomerWindow, now: datetime) -> datetime:
    """The announcement's time, never later than the window's start or `now` (see the
    module doc)."""
    told = announcement(window)
    return min([*([told] if told else []), window.window.start, now])


def window_updates(window: CustomerWindow, ctx: SiteContext) -> list[dict[str, Any]]:
    """The announcement, the recorded updates, and the start and end no update announced."""
    key = window.key
    text = windowtext.plain_paragraphs(windowtext.what(window))
    body = "\n\n".join(part for part in (text, windowtext.summary(ctx, window)) if part)
    found = [_update(key, "scheduled", body, announced(window, ctx.now), "scheduled")]
    recorded = getattr(window.item, "updates", ()) if window.wave is None else ()
    found += [
        _update(
            key, UPDATE_STATUS.get(u.status or "", u.status or "scheduled"), u.text, u.at, "update"
        )
        for u in recorded
        if u.at <= ctx.now
    ]
    found += _clock_updates(window, ctx.now, {u.status for u in recorded})
    return _newest_first(found)


def _maintenance_status(update: Update) -> str:
    """A notice update's status in Statuspage's words (`cancelled` is `completed`)."""
    status = update.status or "scheduled"
    return UPDATE_STATUS.get(status, status)


def _clock_updates(window: CustomerWindow, now: datetime, said: set[str | None]) -> Iterator[Any]:
    """`in_progress` at the start and `completed` at the end, as Statuspage posts them."""
    if window.state is WindowState.CANCELLED:
        return
    start, ends = window.window.start, window.ends
    if start <= now and "in-progress" not in said:
        yield _update(window.key, "in_progress", "The work has started.", start, "started")
    finished = window.state is WindowState.COMPLETED and ends <= now
    if finished and not said & {"completed", "cancelled"}:
        yield _update(window.key, "completed", "The work is complete.", ends, "completed")


def maintenance_json(window: CustomerWindow, ctx: SiteContext) -> dict[str, Any]:
    """One customer-visible window in Statuspage's scheduled-maintenance shape."""
    status = MAINTENANCE_STATUS[window.state]
    updates = window_updates(window, ctx)
    over = window.state in (WindowState.COMPLETED, WindowState.CANCELLED)
    return _base(window.key, windowtext.title(window), announced(window, ctx.now), ctx) | {
        "status": status,
        "updated_at": updates[0]["updated_at"],
        "monitoring_at": None,
        "resolved_at": iso(min(window.ends, ctx.now)) if over else None,
        "impact": "maintenance",
        "shortlink": window_url(ctx, window),
        "started_at": iso(window.window.start),
        "scheduled_for": iso(window.window.start),
        "scheduled_until": iso(window.window.end),
        "incident_updates": updates,
        "components": _affected(ctx, window.regions, window.services),
    }


def status_json(ctx: SiteContext) -> dict[str, str]:
    state = ctx.status.overall
    return {"indicator": INDICATOR[state], "description": OVERALL_TEXT[state]}


def recent_incidents(ctx: SiteContext) -> list[Incident]:
    started = [
        i for i in ctx.model.of_kind(Incident) if i.started and i.targets and i.started <= ctx.now
    ]
    return sorted(started, key=lambda i: (i.started, i.id), reverse=True)[:INCIDENT_LIMIT]


def windows_in(ctx: SiteContext, *states: WindowState) -> list[CustomerWindow]:
    """The audience's windows in those states, soonest first."""
    return [w for w in ctx.windows if w.state in states]


def upcoming(ctx: SiteContext, include_open: bool) -> list[CustomerWindow]:
    """Every upcoming window (and, if asked, those in progress), soonest first."""
    states = (WindowState.UPCOMING, *(OPEN if include_open else ()))
    return windows_in(ctx, *states)


def recent_windows(ctx: SiteContext) -> list[CustomerWindow]:
    """The 50 latest windows in any state, latest first."""
    latest = sorted(ctx.windows, key=lambda w: (w.window.start, w.key), reverse=True)
    return latest[:MAINTENANCE_LIMIT]


def _dump(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False).encode("utf-8")


def api_files(ctx: SiteContext) -> dict[str, bytes]:
    """Every file of the JSON API, by path."""
    page = page_info(ctx)
    comps = components(ctx)
    unresolved = [incident_json(i, ctx) for i in ctx.status.incidents if i.targets]

    def maintenances(chosen: list[CustomerWindow]) -> dict[str, Any]:
        return {"page": page, "scheduled_maintenances": [maintenance_json(w, ctx) for w in chosen]}

    planned = maintenances(upcoming(ctx, include_open=True))["scheduled_maintenances"]
    files = {
        "summary.json": {"page": page, "components": comps, "incidents": unresolved}
        | {"scheduled_maintenances": planned, "status": status_json(ctx)},
        "status.json": {"page": page, "status": status_json(ctx)},
        "components.json": {"page": page, "components": comps},
        "incidents.json": {
            "page": page,
            "incidents": [incident_json(i, ctx) for i in recent_incidents(ctx)],
        },
        "incidents/unresolved.json": {"page": page, "incidents": unresolved},
        "scheduled-maintenances.json": maintenances(recent_windows(ctx)),
        "scheduled-maintenances/upcoming.json": maintenances(upcoming(ctx, include_open=False)),
        "scheduled-maintenances/active.json": maintenances(windows_in(ctx, *OPEN)),
    }
    return {f"api/v2/{path}": _dump(data) for path, data in files.items()}
