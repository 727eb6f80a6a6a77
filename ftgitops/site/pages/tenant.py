"""A tenant's own page: its environments, slots, release waves, incidents, feeds and calendar.

Built from the model as the tenant's filter left it, so it can only show the tenant's own
record and the items that touch it. Slot occurrences come from the region's rules (dateutil
`rrule`), in the region's wall-clock time across daylight-saving changes.
"""

from __future__ import annotations

from datetime import UTC, timedelta

from ftgitops.conflicts.calendar import local_rule
from ftgitops.errors import FtgitopsError
from ftgitops.model import Incident, Region, Release, Tenant, Wave
from ftgitops.plan.maintenance import SKIPPED
from ftgitops.rules.decommission import decommission_due
from ftgitops.site import timefmt
from ftgitops.site.context import SiteContext
from ftgitops.site.pages import monthly, windows
from ftgitops.site.pages.common import anchor, month_of, table
from ftgitops.site.pages.releases import wave_state
from ftgitops.site.pages.words import (
    date_words,
    duration_words,
    environment_word,
    environments_text,
    groups_text,
    product_word,
    status_word,
)
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
    """Each environment: when it went (or goes) live, and when it is decommissioned."""
    days = ctx.model.platform.policies.decommission_days
    due = {d.environment: d.due for d in decommission_due(tenant, days, ctx.now.date())}
    rows = []
    for environment, env in tenant.environments.items():
        if env.decommissioned:
            end = f"Decommissioned on {date_words(env.decommissioned)}"
        elif env.permanent:
            end = "Kept permanently"
        else:
            end = f"Due on {date_words(due[environment])}" if environment in due else "—"
        live = "Live since" if env.go_live <= ctx.now.date() else "Goes live on"
        rows.append((environment_word(environment), f"{live} {date_words(env.go_live)}", end))
    return ["## Environments", "", table(("Environment", "Go-live", "Decommission"), rows), ""]


def next_slots(region: Region, ctx: SiteContext) -> list[str]:
    """Each slot of the region and its next occurrences, local time and UTC. Maintenance
    windows are the planned ones (`pages.monthly`, the same as `ftgitops plan maintenance`):
    a window a freeze skips is not offered, one it moves is shown where it went."""
    lines = []
    now = ctx.now
    planned = [p for p in monthly.ahead(ctx, (region.id,)) if p.action != SKIPPED]
    for slot in region.slots:
        length = timedelta(minutes=slot.minutes)
        if slot.kind == "maintenance":
            pairs = [(p.start, p.end) for p in planned][:NEXT_SLOTS]
        else:
            found = local_rule(slot.rrule, slot.start, region.zone, now, now + SLOT_HORIZON)
            starts = [start for start in found if start > now][:NEXT_SLOTS]
            pairs = [(s, (s.astimezone(UTC) + length).astimezone(region.zone)) for s in starts]
        spans = [timefmt.span(start, end, [region.zone]) for start, end in pairs]
        shown = "; ".join(spans) or "none planned"
        length_words = duration_words(length)
        lines.append(f"- **{name(slot.name)}** ({slot.kind}, {length_words}): {shown}")
    return lines


def wave_line(release: Release, wave: Wave, ctx: SiteContext) -> str:
    when = timefmt.span(wave.window.start, wave.window.end, ctx.zones((wave.region,)))
    link = f"[{name(release.version)} {name(release.title)}](releases.md#{anchor(release.id)})"
    downtime = "service unavailable" if wave.downtime else "no downtime expected"
    state = wave_state(release, wave, ctx)
    return f"- {link}, {environments_text(wave.environments)}: {when} ({downtime}) · {state}"


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
    return ["## Your upgrades", "", *(lines or ["No upgrade is planned for you."]), ""]


def maintenance(ctx: SiteContext) -> list[str]:
    """Maintenance and changes with downtime that touch the tenant and are not over, soonest
    first, with their state (the same windows as the home and maintenance pages; upgrades are
    listed above)."""
    lines = [
        f"- [{windows.title(w)}]({windows.link(w, ctx, 'tenant.md')}): {windows.when(w, ctx)} · "
        f"{windows.state_word(w)}"
        for w in windows.audience_windows(ctx)
        if w.state not in windows.OVER and w.kind != "release-wave"
    ]
    return ["## Your maintenance", "", *(lines or ["No maintenance is planned."]), ""]


def incidents(ctx: SiteContext) -> list[str]:
    """Incidents that touched the tenant (the filter kept no others), newest first."""
    found = [i for i in ctx.model.of_kind(Incident) if i.started and i.started <= ctx.now]
    lines = []
    for incident in sorted(found, key=lambda i: (i.started, i.id), reverse=True):
        regions = incident.targets.regions if incident.targets else ()
        started = timefmt.when(incident.started, ctx.zones(regions, incident.zone))
        target = f"history/{month_of(incident.started)}.md#{anchor(incident.id)}"
        status = status_word(incident.status)
        lines.append(f"- [{name(incident.title)}]({target}): {status}, from {started}")
    return ["## Incidents that touched you", "", *(lines or ["None recorded."]), ""]


def page(ctx: SiteContext) -> str:
    """`tenant.md`: everything this tenant needs on one page."""
    tenant = the_tenant(ctx)
    region = ctx.model.platform.regions[tenant.region]
    product = product_word(tenant.product)
    return "\n".join(
        [
            f"# {name(tenant.name)}",
            "",
            f"Region: {name(region.name)} · Product: {product} · "
            f"{groups_text((tenant.upgrade_group,))}",
            "",
            *environments(tenant, ctx),
            "## Maintenance and upgrade slots",
            "",
            f"Times in {region.zone} and UTC.",
            "",
            *next_slots(region, ctx),
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
