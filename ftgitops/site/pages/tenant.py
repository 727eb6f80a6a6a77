"""A tenant's own page: its environments, slots, release waves, incidents, feeds and calendar.

Built from the model as the tenant's filter left it, so it can only show the tenant's own
record and the items that touch it. Slot occurrences come from the region's rules (dateutil
`rrule`), in the region's wall-clock time across daylight-saving changes.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from ftgitops.conflicts.calendar import local_rule
from ftgitops.errors import FtgitopsError
from ftgitops.model import Incident, Maintenance, Region, Release, Tenant, Wave
from ftgitops.rules.decommission import decommission_due
from ftgitops.site import timefmt
from ftgitops.site.context import SiteContext
from ftgitops.site.pages.common import anchor, month_of
from ftgitops.site.text import name

NEXT_SLOTS = 3
SLOT_HORIZON = timedelta(days=400)


def the_tenant(ctx: SiteContext) -> Tenant:
    """The tenant the edition is for; an unknown id is an input error."""
    tenant = ctx.model.tenants.get(ctx.audience.tenant or "")
    if tenant is None:
        raise FtgitopsError(f"tenant {ctx.audience.tenant!r} has no file in tenants/")
    return tenant


def environments(tenant: Tenant, ctx: SiteContext) -> list[str]:
    days = ctx.model.platform.policies.decommission_days
    due = {d.environment: d.due for d in decommission_due(tenant, days, ctx.now.date())}
    lines = [
        "## Environments",
        "",
        "| Environment | Go-live | Decommission |",
        "| --- | --- | --- |",
    ]
    for environment, env in tenant.environments.items():
        if env.decommissioned:
            end = f"decommissioned on {env.decommissioned}"
        elif env.permanent:
            end = "permanent"
        else:
            end = f"due on {due[environment]}" if environment in due else "—"
        live = "live since" if env.go_live <= ctx.now.date() else "goes live on"
        lines.append(f"| {environment} | {live} {env.go_live} | {end} |")
    return [*lines, ""]


def next_slots(region: Region, now: datetime) -> list[str]:
    """Each slot of the region and its next occurrences, local time and UTC."""
    lines = []
    for slot in region.slots:
        found = local_rule(slot.rrule, slot.start, region.zone, now, now + SLOT_HORIZON)
        starts = [start for start in found if start > now][:NEXT_SLOTS]
        length = timedelta(minutes=slot.minutes)
        spans = [timefmt.span(s, s.astimezone(UTC) + length, [region.zone]) for s in starts]
        shown = "; ".join(spans) or "none planned"
        lines.append(f"- **{name(slot.name)}** ({slot.kind}, {slot.minutes} minutes): {shown}")
    return lines


def wave_line(release: Release, wave: Wave, ctx: SiteContext) -> str:
    when = timefmt.span(wave.window.start, wave.window.end, ctx.zones((wave.region,)))
    link = f"[{name(release.version)} {name(release.title)}](releases.md#{anchor(release.id)})"
    downtime = " (downtime)" if wave.downtime else ""
    return f"- {link}, {', '.join(wave.environments)}: {when}{downtime}"


def waves(tenant: Tenant, ctx: SiteContext) -> list[str]:
    """Release waves for the tenant's region and upgrade group that have not ended."""
    mine = [
        (wave.window.start, release.id, wave_line(release, wave, ctx))
        for release in ctx.model.of_kind(Release)
        for wave in release.waves
        if wave.region == tenant.region
        and tenant.upgrade_group in wave.groups
        and wave.window.end > ctx.now
        and "cancelled" not in (wave.status, release.status)
    ]
    lines = [line for _, _, line in sorted(mine)]
    return ["## Your upgrades", "", *(lines or ["No upgrade is planned for your group."]), ""]


def maintenance(ctx: SiteContext) -> list[str]:
    """Maintenance windows touching the tenant that have not ended, soonest first."""
    coming = [
        notice
        for notice in ctx.model.of_kind(Maintenance)
        if notice.window
        and notice.window.end > ctx.now
        and notice.status not in ("draft", "cancelled")
    ]
    lines = []
    for notice in sorted(coming, key=lambda m: (m.window.start, m.id)):
        zones = ctx.zones(notice.targets.regions if notice.targets else (), notice.window.zone)
        when = timefmt.span(notice.window.start, notice.window.end, zones)
        lines.append(f"- [{name(notice.title)}](maintenance.md#{anchor(notice.id)}): {when}")
    return ["## Your maintenance", "", *(lines or ["No maintenance is planned."]), ""]


def incidents(ctx: SiteContext) -> list[str]:
    """Incidents that touched the tenant (the filter kept no others), newest first."""
    found = [i for i in ctx.model.of_kind(Incident) if i.started and i.started <= ctx.now]
    lines = []
    for incident in sorted(found, key=lambda i: (i.started, i.id), reverse=True):
        regions = incident.targets.regions if incident.targets else ()
        started = timefmt.when(incident.started, ctx.zones(regions, incident.zone))
        target = f"history/{month_of(incident.started)}.md#{anchor(incident.id)}"
        lines.append(f"- [{name(incident.title)}]({target}): {incident.status}, from {started}")
    return ["## Incidents that touched you", "", *(lines or ["None recorded."]), ""]


def page(ctx: SiteContext) -> str:
    """`tenant.md`: everything this tenant needs on one page."""
    tenant = the_tenant(ctx)
    region = ctx.model.platform.regions[tenant.region]
    return "\n".join(
        [
            f"# {name(tenant.name)}",
            "",
            f"Region: {name(region.name)} · Product: {name(tenant.product)} · "
            f"Upgrade group: {tenant.upgrade_group}",
            "",
            *environments(tenant, ctx),
            "## Maintenance and upgrade slots",
            "",
            f"Times in {region.zone} and UTC.",
            "",
            *next_slots(region, ctx.now),
            "",
            *waves(tenant, ctx),
            *maintenance(ctx),
            *incidents(ctx),
            "## Your feeds and calendar",
            "",
            "These hold only the incidents, maintenance and upgrades that touch you: "
            "[RSS](feeds/status.rss) · [Atom](feeds/status.atom) · "
            "[calendar (iCalendar)](maintenance.ics). All feeds: [Subscribe](subscribe.md).",
            "",
        ]
    )
