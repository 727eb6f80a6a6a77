"""Incident pages: the open incidents, the history by month, and a permanent page per incident.

The permanent page (`incidents/inc-2026-0001/`, `permalinks.incident_url`) is what feeds,
e-mails and the API link to: state, duration, affected components (region and service names),
the timeline of updates and, once written and when the audience may read it, the postmortem.
It is HTML (`htmlpage`), built without the Markdown pipeline. A month of history lists that
month's incidents, one line each with the anchor old links point at, and links to their pages.
"""

from __future__ import annotations

from collections import defaultdict

from ftgitops.model import Incident
from ftgitops.site import timefmt
from ftgitops.site.context import SiteContext
from ftgitops.site.htmlpage import HtmlPage
from ftgitops.site.pages.common import anchor, badge, incident_block, month_of, told
from ftgitops.site.pages.history import index_page
from ftgitops.site.pages.words import month_name
from ftgitops.site.permalinks import href, incident_path, work_path
from ftgitops.site.status import IMPACT_STATES, State
from ftgitops.site.text import name
from ftgitops.timetext import duration

INDEX = "history/index.md"
ACTIVE = "incidents.md"


def started(ctx: SiteContext) -> list[Incident]:
    """Incidents that had started by the build time, newest first."""
    found = [i for i in ctx.model.of_kind(Incident) if i.started and i.started <= ctx.now]
    return sorted(found, key=lambda i: (i.started, i.id), reverse=True)


def by_month(ctx: SiteContext) -> dict[str, list[Incident]]:
    """Started incidents grouped by the UTC month they started in, newest month first."""
    months: dict[str, list[Incident]] = defaultdict(list)
    for incident in started(ctx):
        assert incident.started is not None
        months[month_of(incident.started)].append(incident)
    return dict(sorted(months.items(), reverse=True))


def month_path(incident: Incident) -> str:
    assert incident.started is not None
    return f"history/{month_of(incident.started)}.md"


def state_of(incident: Incident) -> State:
    return IMPACT_STATES.get(incident.impact, State.DEGRADED)


def lasted(incident: Incident, ctx: SiteContext) -> str:
    """`54 minutes`, or `ongoing, 2 hours so far` while it is open at build time."""
    assert incident.started is not None
    if incident.resolved is not None and incident.resolved <= ctx.now:
        return duration(incident.resolved - incident.started)
    return f"ongoing, {duration(ctx.now - incident.started)} so far"


def components(incident: Incident, ctx: SiteContext) -> list[str]:
    """`Asia Pacific: Identity, Web`: each affected region with the affected services."""
    targets = incident.targets
    if targets is None:
        return []
    services = ctx.service_names(targets.services) or "no public service"
    return [f"{ctx.region_names((region,))}: {services}" for region in targets.regions]


def active_page(ctx: SiteContext) -> str:
    """`incidents.md`: every incident open at build time, with all its updates."""
    blocks = [
        f"{incident_block(i, ctx)}\n"
        f'<p><a href="{href(ctx, ACTIVE, incident_path(i.id))}">Incident page</a></p>\n'
        for i in ctx.status.incidents
    ]
    body = "\n".join(blocks) if blocks else "No incident is open.\n"
    return f"# Active incidents\n\n{body}\n[Incident history](history/index.md)\n"


def month_line(incident: Incident, ctx: SiteContext, here: str) -> str:
    """One incident on its month's page: the anchor, a link to its page, state, start,
    duration and the components."""
    assert incident.started is not None
    zones = ctx.zones(incident.targets.regions if incident.targets else (), incident.zone)
    link = href(ctx, here, incident_path(incident.id))
    return (
        f'<li id="{anchor(incident.id)}"><a href="{link}">{name(incident.title)}</a> '
        f"{badge(state_of(incident))} {timefmt.when(incident.started, zones)} · "
        f"{lasted(incident, ctx)} · {'; '.join(components(incident, ctx))}</li>"
    )


def month_page(ctx: SiteContext, month: str, incidents: list[Incident]) -> str:
    """`history/<yyyy-mm>.md`: that month's incidents, one line and one anchor each."""
    here = f"history/{month}.md"
    lines = "\n".join(month_line(i, ctx, here) for i in incidents)
    return (
        f"# Incidents in {month_name(month)}\n\n[All months](index.md)\n\n"
        f'<ol class="ft-incidents">\n{lines}\n</ol>\n'
    )


def history_index(ctx: SiteContext, months: dict[str, list[Incident]]) -> str:
    """`history/index.md`: uptime, then every month in range (`pages.history`)."""
    return index_page(ctx, {month: len(items) for month, items in months.items()})


def pages(ctx: SiteContext) -> dict[str, str]:
    """Every incident page by its path in the docs tree."""
    months = by_month(ctx)
    found = {ACTIVE: active_page(ctx), INDEX: history_index(ctx, months)}
    for month, incidents in months.items():
        found[f"history/{month}.md"] = month_page(ctx, month, incidents)
    return found


def timeline(incident: Incident, ctx: SiteContext) -> str:
    """The updates said by build time, newest first, as an ordered timeline."""
    zones = ctx.zones(incident.targets.regions if incident.targets else (), incident.zone)
    rows = []
    for update in told(incident.updates, ctx.now):
        status = name((update.status or "update").replace("-", " ").capitalize())
        rows.append(
            f'<li><p class="ft-timeline-head"><strong>{status}</strong> · '
            f"{timefmt.when(update.at, zones)}</p>{ctx.text.block(update.text)}</li>"
        )
    if not rows:
        return "<p>No update has been posted.</p>"
    return f'<ol class="ft-timeline">{"".join(rows)}</ol>'


def facts(incident: Incident, ctx: SiteContext) -> list[str]:
    """Started, resolved and duration; the affected components."""
    assert incident.started is not None
    zones = ctx.zones(incident.targets.regions if incident.targets else (), incident.zone)
    rows = [("Started", timefmt.when(incident.started, zones))]
    if incident.resolved is not None and incident.resolved <= ctx.now:
        rows.append(("Resolved", timefmt.when(incident.resolved, zones)))
    rows.append(("Duration", lasted(incident, ctx)))
    affected = "".join(f"<li>{line}</li>" for line in components(incident, ctx))
    rows.append(("Affected", f'<ul class="ft-affected">{affected}</ul>'))
    cells = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    return [f'<dl class="ft-facts">{cells}</dl>']


def internal_facts(incident: Incident, ctx: SiteContext, here: str) -> list[str]:
    """What only the internal edition shows: severity, owner and the change that caused it."""
    if not ctx.audience.internal:
        return []
    people = ctx.model.platform.people
    owner = incident.owner
    if owner is not None and owner in people:
        owner = people[owner].name
    lines = [f"Severity: {name(incident.severity)}", f"Owner: {name(owner or 'none')}"]
    if incident.caused_by:
        cause = incident.caused_by
        target = href(ctx, here, work_path(cause))
        link = f'<a href="{target}">{name(cause)}</a>' if cause in ctx.model.items else name(cause)
        lines.append(f"Caused by: {link}")
    return [f"<p>{' · '.join(lines)}</p>"]


def postmortems(incident: Incident, ctx: SiteContext) -> list[str]:
    """The published postmortem (from its `published` time on), and, where the edition may
    read it (the confidential filter leaves it only in the internal one), the internal review."""
    found = []
    public = incident.public_postmortem
    if public is not None and public.at <= ctx.now:
        zones = ctx.zones(incident.targets.regions if incident.targets else (), incident.zone)
        found += [
            '<h2 id="postmortem">Postmortem</h2>',
            f'<p class="ft-timeline-head">Published {timefmt.when(public.at, zones)}</p>',
            ctx.text.block(public.text),
        ]
    if incident.postmortem:
        found += ['<h2 id="review">Internal review</h2>', ctx.text.block(incident.postmortem)]
    return found


def incident_page(incident: Incident, ctx: SiteContext) -> HtmlPage:
    """`incidents/<id>/`: the incident's permanent page."""
    here = incident_path(incident.id)
    status = name(incident.status.capitalize())
    body = [
        f'<div class="ft-item" id="{anchor(incident.id)}" data-state="{state_of(incident).slug}">',
        f"<p>{badge(state_of(incident))} {status} · {name(incident.id)}</p>",
        *facts(incident, ctx),
        *internal_facts(incident, ctx, here),
        '<h2 id="updates">Updates</h2>',
        timeline(incident, ctx),
    ]
    body += postmortems(incident, ctx)
    back = href(ctx, here, month_path(incident), anchor(incident.id))
    body += [
        f'<p class="ft-back"><a href="{back}">Incidents that month</a> · '
        f'<a href="{href(ctx, here, INDEX)}">Incident history</a></p>',
        "</div>",
    ]
    return HtmlPage(incident.title, "\n".join(body), search_summary(incident, ctx))


def search_summary(incident: Incident, ctx: SiteContext) -> str:
    """`INC-2026-0001 · Partial outage · APAC: API`, plain text (the index escapes it)."""
    platform, targets = ctx.model.platform, incident.targets
    places = []
    if targets is not None:
        services = ", ".join(
            platform.services[s].name for s in targets.services if s in platform.services
        )
        for region in targets.regions:
            known = platform.regions.get(region)
            places.append(f"{known.name if known else region}: {services}")
    return " · ".join(
        [incident.id, state_of(incident).label, *(["; ".join(places)] if places else [])]
    )


def item_pages(ctx: SiteContext) -> dict[str, HtmlPage]:
    """The permanent page of every incident that has started, by docs path."""
    return {incident_path(i.id): incident_page(i, ctx) for i in started(ctx)}
