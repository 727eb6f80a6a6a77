"""Markdown pieces shared by the page generators: item headings, meta lines, updates."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from ftgitops.model import Incident, Maintenance, Update
from ftgitops.site import timefmt
from ftgitops.site.context import SiteContext
from ftgitops.site.status import IMPACT_STATES, State, maintenance_end
from ftgitops.site.text import name

Row = tuple[str, ...]


def anchor(item_id: str) -> str:
    """The fragment an item is found at on an aggregate page: `inc-2026-0001`."""
    return item_id.lower()


def month_of(moment: datetime) -> str:
    """`2026-11`: the history page an incident lives on (UTC month of its start)."""
    return f"{moment:%Y-%m}"


def regions_shown(ctx: SiteContext) -> list[str]:
    """The regions an edition's status shows: a tenant's own region, else every region."""
    regions = list(ctx.model.platform.regions)
    tenant = ctx.model.tenants.get(ctx.audience.tenant or "")
    return [tenant.region] if tenant is not None and tenant.region in regions else regions


def services_shown(ctx: SiteContext) -> list[str]:
    """The services an edition's status shows: a tenant's own (all when it names none)."""
    services = list(ctx.model.platform.services)
    tenant = ctx.model.tenants.get(ctx.audience.tenant or "")
    if tenant is None or not tenant.services:
        return services
    return [s for s in services if s in tenant.services]


def table(headers: Row, rows: Sequence[Row], css: str = "", row_ids: tuple[str, ...] = ()) -> str:
    """An HTML table that fits any width: it scrolls inside its own box, and on a narrow
    screen each row becomes a card whose cells are labelled by their column (`data-label`).
    Cells are HTML already escaped by the caller. One line: a raw HTML block for Markdown."""
    head = "".join(f'<th scope="col">{h}</th>' for h in headers)
    body = []
    for n, row in enumerate(rows):
        row_id = f' id="{row_ids[n]}"' if n < len(row_ids) and row_ids[n] else ""
        cells = "".join(f'<td data-label="{h}">{c}</td>' for h, c in zip(headers, row, strict=True))
        body.append(f"<tr{row_id}>{cells}</tr>")
    classes = f"ft-table {css}".strip()
    return (
        f'<div class="{classes}"><table class="ft-grid"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def heading(level: int, title: str, item_id: str) -> str:
    """A Markdown heading with the item's anchor (`attr_list`); the title is escaped, so it
    can add no attribute of its own."""
    return f"{'#' * level} {name(title)} {{#{anchor(item_id)}}}"


def badge(state: State) -> str:
    """A state as a coloured label whose text says it (colour is never the only signal)."""
    return f'<span class="ft-state" data-state="{state.slug}">{state.label}</span>'


def told(items: Sequence[Update], now: datetime) -> list[Update]:
    """The updates said by `now`, newest first: one dated later is not said yet (as in the
    feeds, the API and `rules.customerwindows`), so a page never shows the future."""
    return sorted((u for u in items if u.at <= now), key=lambda u: u.at, reverse=True)


def updates(items: tuple[Update, ...], ctx: SiteContext, regions: tuple[str, ...]) -> str:
    """The timestamped updates said by build time, newest first."""
    zones = ctx.zones(regions)
    blocks = []
    for update in told(items, ctx.now):
        status = (update.status or "update").replace("-", " ").capitalize()
        when = timefmt.when(update.at, zones)
        blocks.append(f"**{status}** · {when}\n\n{ctx.text.block(update.text)}")
    return "\n\n".join(blocks)


def incident_block(incident: Incident, ctx: SiteContext, level: int = 2) -> str:
    """One incident: heading with its anchor, impact, scope, times and updates."""
    targets = incident.targets
    regions = targets.regions if targets else ()
    zones = ctx.zones(regions, incident.zone)
    state = IMPACT_STATES.get(incident.impact, State.DEGRADED)
    lines = [
        heading(level, incident.title, incident.id),
        "",
        f"{badge(state)} · {incident.status.capitalize()} · {incident.id}",
        "",
        f"Regions: {ctx.region_names(regions)}  ",
        f"Services: {ctx.service_names(targets.services if targets else ())}  ",
    ]
    if incident.started:
        lines.append(f"Started: {timefmt.when(incident.started, zones)}  ")
    if incident.resolved and incident.resolved <= ctx.now:
        lines.append(f"Resolved: {timefmt.when(incident.resolved, zones)}  ")
    lines += ["", updates(incident.updates, ctx, regions), ""]
    return "\n".join(lines + (internal_notes(incident, ctx) if ctx.audience.internal else []))


def internal_notes(incident: Incident, ctx: SiteContext) -> list[str]:
    """What only the internal edition shows: the cause and the postmortem."""
    notes = [f"Caused by: {name(incident.caused_by)}", ""] if incident.caused_by else []
    if incident.postmortem:
        notes += ["**Postmortem**", "", ctx.text.block(incident.postmortem), ""]
    return notes


def maintenance_block(notice: Maintenance, ctx: SiteContext, level: int = 3) -> str:
    """One maintenance notice: heading, window in local time and UTC, scope, text, updates."""
    targets = notice.targets
    regions = targets.regions if targets else ()
    lines = [heading(level, notice.title, notice.id), ""]
    if notice.window:
        zones = ctx.zones(regions, notice.window.zone)
        end = maintenance_end(notice) or notice.window.end
        lines.append(f"When: {timefmt.span(notice.window.start, end, zones)}  ")
    lines += [
        f"Regions: {ctx.region_names(regions)}  ",
        f"Services: {ctx.service_names(targets.services if targets else ())}  ",
        f"Environments: {name(', '.join(targets.environments)) if targets else ''}  ",
        f"Downtime: {'yes' if notice.downtime else 'no'} · Status: {notice.status} · {notice.id}",
        "",
        ctx.text.block(notice.public_text),
        "",
    ]
    if notice.updates:
        lines += [updates(notice.updates, ctx, regions), ""]
    return "\n".join(lines)
