"""The status home, in the shape customers know from Statuspage, Instatus and cState.

From the top: the overall banner and a subscribe button; the incidents open now (state,
start, duration, latest update); the windows customers will feel, upcoming and in progress
(maintenance, release waves and changes with downtime: `pages.windows`), each with its start
and end in local time and UTC; then the components grouped by region, each with its state and
90-day uptime bar. Plain HTML and Markdown: it reads the same with JavaScript off, and its
blocks reflow on a phone. A tenant's edition shows only its region and its services.
"""

from __future__ import annotations

from datetime import timedelta

from ftgitops.model import Incident, Update
from ftgitops.rules.customerwindows import CustomerWindow, WindowState
from ftgitops.site import permalinks, timefmt
from ftgitops.site.context import SiteContext
from ftgitops.site.pages import uptime, windows
from ftgitops.site.pages.common import badge, regions_shown, services_shown
from ftgitops.site.pages.words import duration_words, services_text, status_word
from ftgitops.site.status import IMPACT_STATES, State
from ftgitops.site.text import name
from ftgitops.timetext import ago

UPCOMING_DAYS = 30
OVERALL_TEXT = {
    State.OPERATIONAL: "All systems operational",
    State.UNDER_MAINTENANCE: "Scheduled maintenance in progress",
    State.DEGRADED: "Degraded performance",
    State.PARTIAL_OUTAGE: "Partial outage",
    State.MAJOR_OUTAGE: "Major outage",
}
SUBSCRIBE = "[Subscribe to updates](subscribe.md){ .md-button .md-button--primary .ft-subscribe }"
OPEN = (WindowState.UPCOMING, WindowState.IN_PROGRESS, WindowState.OVERRAN)


def overall(ctx: SiteContext) -> str:
    """The banner: one element whose id and `data-state` tests and scripts can rely on."""
    state = ctx.status.overall
    stamp = timefmt.when(ctx.now, [])
    return (
        f'<div id="overall-status" class="ft-overall" data-state="{state.slug}">'
        f"<strong>{OVERALL_TEXT[state]}</strong> <small>as of {stamp}</small></div>"
    )


def incident_link(incident: Incident, ctx: SiteContext) -> str:
    """Where the home page links for an incident's whole story: its permanent page."""
    return permalinks.href(ctx, "index.md", permalinks.incident_path(incident.id))


def latest(incident: Incident, ctx: SiteContext) -> list[str]:
    """The latest update published by `now`: its state, when (how long ago), and its text."""
    published = [u for u in incident.updates if u.at <= ctx.now]
    if not published:
        return []
    update: Update = max(published, key=lambda u: u.at)
    zones = ctx.zones(incident.targets.regions if incident.targets else (), incident.zone)
    stamp = f"{timefmt.when(update.at, zones)}, {ago(ctx.now - update.at)}"
    head = f"**Latest update: {status_word(update.status or 'update')}** · {stamp}"
    return [head, "", ctx.text.block(update.text), ""]


def incident_card(incident: Incident, ctx: SiteContext) -> list[str]:
    """One open incident: title, impact, state, start, duration so far, scope, latest update."""
    targets = incident.targets
    regions = targets.regions if targets else ()
    state = IMPACT_STATES.get(incident.impact, State.DEGRADED)
    started = incident.started or ctx.now
    since = timefmt.when(started, ctx.zones(regions, incident.zone))
    services = services_text(targets.services if targets else (), ctx.model.platform.services)
    return [
        f"### [{name(incident.title)}]({incident_link(incident, ctx)})",
        "",
        f"{badge(state)} {status_word(incident.status)}  ",
        f"Started {since} · for {duration_words(ctx.now - started)}  ",
        f"Affects: {' · '.join(p for p in (ctx.region_names(regions), services) if p)}",
        "{: .ft-card-meta }",
        "",
        *latest(incident, ctx),
    ]


def active_incidents(ctx: SiteContext) -> list[str]:
    """The incidents open now, newest first; nothing when none is."""
    found = sorted(ctx.status.incidents, key=lambda i: (i.started or ctx.now, i.id), reverse=True)
    if not found:
        return []
    lines = ["## Active incidents", ""]
    for incident in found:
        lines += incident_card(incident, ctx)
    return lines


def window_card(window: CustomerWindow, ctx: SiteContext) -> list[str]:
    """One window: title, state, start and end (local and UTC), where, and its impact."""
    link = windows.link(window, ctx)
    return [
        f"[**{windows.title(window)}**]({link}) {windows.state_badge(window)}  ",
        f"{windows.kind_word(window)}: {windows.when(window, ctx)}  ",
        f"{windows.where(window, ctx)} · {windows.impact(window)}",
        "{: .ft-card }",
        "",
    ]


def upcoming(ctx: SiteContext) -> list[str]:
    """Windows in progress, and those starting in the next 30 days, soonest first."""
    horizon = ctx.now + timedelta(days=UPCOMING_DAYS)
    shown = [
        w for w in windows.audience_windows(ctx) if w.state in OPEN and w.window.start <= horizon
    ]
    lines = ["## Maintenance and upgrades", ""]
    for window in shown:
        lines += window_card(window, ctx)
    if not shown:
        lines += [f"None planned in the next {UPCOMING_DAYS} days.", ""]
    return [*lines, "[All maintenance, past and planned](maintenance.md)", ""]


def component(ctx: SiteContext, region: str, service: str, bars: uptime.Bars) -> str:
    """A component: its name and state, its 90-day figure and bar."""
    cell = ctx.status.components[(region, service)]
    label = name(ctx.model.platform.services[service].name)
    return (
        f'<li class="ft-component" id="component-{region}-{service}" data-state="{cell.slug}">'
        f'<p class="ft-component-head"><strong>{label}</strong> '
        f'<span class="ft-state" data-state="{cell.slug}">{cell.label}</span></p>'
        f"{bars.summary(region, service)}</li>"
    )


def region_block(ctx: SiteContext, region: str, services: list[str], bars: uptime.Bars) -> str:
    """A region's components, as one raw HTML block (no script needed to read it)."""
    state = ctx.status.regions[region]
    items = "".join(component(ctx, region, s, bars) for s in services)
    return (
        f'<section class="ft-region" id="region-{region}" data-state="{state.slug}">'
        f'<h3>{ctx.region_names((region,))} <span class="ft-state" data-state="{state.slug}">'
        f'{state.label}</span></h3><ul class="ft-components">{items}</ul>'
        f"{bars.axis()}</section>"
    )


def components(ctx: SiteContext) -> list[str]:
    """Every shown component by region, with the bars' legend."""
    services = services_shown(ctx)
    bars = uptime.Bars(ctx)
    lines = ["## Components", "", uptime.legend(), ""]
    for region in regions_shown(ctx):
        lines += [region_block(ctx, region, services, bars), ""]
    return lines


def status_markdown(ctx: SiteContext) -> str:
    """The whole status block, for the home page (links are relative to the site root)."""
    parts = [overall(ctx), "", SUBSCRIBE, ""]
    parts += active_incidents(ctx) + upcoming(ctx) + components(ctx)
    parts.append("[Incident history and uptime](history/index.md)")
    return "\n".join(parts) + "\n"
