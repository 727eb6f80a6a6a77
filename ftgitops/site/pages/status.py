"""The status page: overall state, each region and each service, what is open now."""

from __future__ import annotations

from datetime import timedelta

from ftgitops.model import Maintenance
from ftgitops.site import timefmt
from ftgitops.site.context import SiteContext
from ftgitops.site.pages.common import anchor
from ftgitops.site.status import State
from ftgitops.site.text import name

UPCOMING_DAYS = 30
OVERALL_TEXT = {
    State.OPERATIONAL: "All systems operational",
    State.UNDER_MAINTENANCE: "Scheduled maintenance in progress",
    State.DEGRADED: "Degraded performance",
    State.PARTIAL_OUTAGE: "Partial outage",
    State.MAJOR_OUTAGE: "Major outage",
}


def overall(ctx: SiteContext) -> str:
    """The banner: one element whose id and `data-state` tests and scripts can rely on."""
    state = ctx.status.overall
    stamp = timefmt.when(ctx.now, [])
    return (
        f'<div id="overall-status" class="ft-overall" data-state="{state.slug}">'
        f"<strong>{OVERALL_TEXT[state]}</strong> <small>as of {stamp}</small></div>"
    )


def region_table(ctx: SiteContext, region_id: str) -> str:
    """A region's services and their states, as a plain HTML table (no script needed)."""
    region = ctx.model.platform.regions[region_id]
    state = ctx.status.regions[region_id]
    rows = []
    for service_id, service in ctx.model.platform.services.items():
        cell = ctx.status.components[(region_id, service_id)]
        rows.append(
            f'<tr class="ft-component" id="component-{region_id}-{service_id}" '
            f'data-state="{cell.slug}"><th scope="row">{name(service.name)}</th>'
            f'<td><span class="ft-state" data-state="{cell.slug}">{cell.label}</span></td></tr>'
        )
    return "\n".join(
        [
            f'<section class="ft-region" id="region-{region_id}" data-state="{state.slug}">',
            f'<h2>{name(region.name)} <span class="ft-state" '
            f'data-state="{state.slug}">{state.label}</span></h2>',
            f"<p>Times in {name(str(region.zone))}</p>",
            '<table class="ft-components"><thead><tr><th scope="col">Service</th>'
            '<th scope="col">State</th></tr></thead><tbody>',
            *rows,
            "</tbody></table></section>",
        ]
    )


def open_now(ctx: SiteContext) -> list[str]:
    """Links to the incidents open now (with their pages) and the windows in progress."""
    lines = []
    for incident in ctx.status.incidents:
        lines.append(f"- [{name(incident.title)}](incidents.md#{anchor(incident.id)})")
    for notice in ctx.status.maintenance:
        lines.append(f"- In progress: [{name(notice.title)}](maintenance.md#{anchor(notice.id)})")
    return ["## Happening now", "", *(lines or ["Nothing is in progress."]), ""]


def upcoming(ctx: SiteContext) -> list[str]:
    """Maintenance starting in the next 30 days."""
    horizon = ctx.now + timedelta(days=UPCOMING_DAYS)
    lines = []
    for notice in sorted(ctx.model.of_kind(Maintenance), key=lambda m: m.window.start):
        window = notice.window
        if window and ctx.now < window.start <= horizon and notice.status != "cancelled":
            zones = ctx.zones(notice.targets.regions if notice.targets else (), window.zone)
            link = f"[{name(notice.title)}](maintenance.md#{anchor(notice.id)})"
            lines.append(f"- {link}: {timefmt.when(window.start, zones)}")
    return ["## Upcoming maintenance", "", *(lines or ["None in the next 30 days."]), ""]


def status_markdown(ctx: SiteContext) -> str:
    """The whole status block, for the home page (links are relative to the site root)."""
    parts = [overall(ctx), ""]
    for region_id in ctx.model.platform.regions:
        parts += [region_table(ctx, region_id), ""]
    parts += open_now(ctx) + upcoming(ctx)
    parts.append("[Incident history and uptime](history/index.md)")
    return "\n".join(parts) + "\n"
