"""RSS 2.0 and Atom feeds: one item per incident update, maintenance notice, start and end.

Each item's id is built from the item id, what happened and when, so it never changes between
builds and an RSS-to-e-mail service sends each event once. Feeds hold the latest 100 events.

An item's text is the free text rendered by the site's sanitising renderer (`text.Renderer`):
the RSS `<description>` and the Atom `<content type="html">` carry that cleaned HTML, which
readers render as HTML, never the author's markup escaped once for XML; the channel's RSS
description (the feed's title) is HTML escaped for the same reason. Titles are plain text.
"""

from __future__ import annotations

import html as html_text
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from feedgen.feed import FeedGenerator  # type: ignore[import-untyped]

from ftgitops import timetext
from ftgitops.model import Incident, Maintenance
from ftgitops.site.context import SiteContext
from ftgitops.site.pages.common import anchor, month_of
from ftgitops.site.status import MAINTENANCE_OVER

CAP = 100


@dataclass(frozen=True, slots=True)
class Event:
    """Something subscribers are told about, once."""

    at: datetime
    guid: str
    title: str
    text: str  # Markdown, rendered and cleaned when written
    link: str
    regions: tuple[str, ...]
    services: tuple[str, ...]


def _guid(item_id: str, what: str, at: datetime) -> str:
    return f"urn:ftgitops:{item_id}:{what}:{at.astimezone(UTC):%Y%m%dT%H%M%SZ}"


def incident_events(incident: Incident, ctx: SiteContext) -> Iterator[Event]:
    """Each update, plus a resolution when no update says resolved."""
    assert incident.started is not None and incident.targets is not None
    link = ctx.page_url(f"history/{month_of(incident.started)}.md", anchor(incident.id))
    scope = (incident.targets.regions, incident.targets.services)
    updates = list(incident.updates)
    for update in updates:
        status = (update.status or "update").capitalize()
        guid = _guid(incident.id, f"update-{update.status}", update.at)
        yield Event(update.at, guid, f"{status}: {incident.title}", update.text, link, *scope)
    if incident.resolved and not any(u.status == "resolved" for u in updates):
        text = f"Resolved at {timetext.utc(incident.resolved)}."
        guid = _guid(incident.id, "resolved", incident.resolved)
        yield Event(incident.resolved, guid, f"Resolved: {incident.title}", text, link, *scope)


def maintenance_events(notice: Maintenance, ctx: SiteContext) -> Iterator[Event]:
    """The notice, each update, and the start and end unless an update already said so."""
    assert notice.window is not None and notice.targets is not None
    link = ctx.page_url("maintenance.md", anchor(notice.id))
    scope = (notice.targets.regions, notice.targets.services)
    when = f"{timetext.utc(notice.window.start)} to {timetext.utc(notice.window.end)}"
    if notice.published:
        guid = _guid(notice.id, "scheduled", notice.published)
        text = f"{when}\n\n{notice.public_text}"
        yield Event(notice.published, guid, f"Scheduled: {notice.title}", text, link, *scope)
    for update in notice.updates:
        status = (update.status or "update").replace("-", " ").capitalize()
        guid = _guid(notice.id, f"update-{update.status}", update.at)
        yield Event(update.at, guid, f"{status}: {notice.title}", update.text, link, *scope)
    said = {u.status for u in notice.updates}
    if notice.status != "cancelled" and "in-progress" not in said:
        guid = _guid(notice.id, "started", notice.window.start)
        yield Event(notice.window.start, guid, f"Started: {notice.title}", when, link, *scope)
    if notice.status != "cancelled" and not said & MAINTENANCE_OVER:
        guid = _guid(notice.id, "completed", notice.window.end)
        yield Event(notice.window.end, guid, f"Completed: {notice.title}", when, link, *scope)


def events(ctx: SiteContext) -> list[Event]:
    """Every event up to the build time, newest first."""
    found: list[Event] = []
    for incident in ctx.model.of_kind(Incident):
        if incident.started and incident.targets:
            found.extend(incident_events(incident, ctx))
    for notice in ctx.model.of_kind(Maintenance):
        if notice.window and notice.targets and notice.status != "draft":
            found.extend(maintenance_events(notice, ctx))
    return sorted((e for e in found if e.at <= ctx.now), key=lambda e: (e.at, e.guid), reverse=True)


def render(
    ctx: SiteContext, name: str, title: str, chosen: list[Event], html: dict[str, str]
) -> dict[str, bytes]:
    """`feeds/<name>.rss` and `feeds/<name>.atom` holding the latest events (`html`: each
    event's text already rendered, by guid; an event in several feeds is rendered once)."""
    feed = FeedGenerator()
    feed.id(ctx.url(f"feeds/{name}.atom"))
    feed.title(title)
    feed.link(href=ctx.url(""), rel="alternate")
    feed.link(href=ctx.url(f"feeds/{name}.atom"), rel="self")
    feed.description(html_text.escape(title))  # RSS readers take descriptions as HTML
    feed.language("en")
    feed.updated(ctx.now)
    feed.lastBuildDate(ctx.now)
    for event in chosen[:CAP]:
        entry = feed.add_entry(order="append")
        entry.id(event.guid)
        entry.guid(event.guid, permalink=False)
        entry.title(event.title)
        entry.link(href=event.link)
        if event.guid not in html:
            html[event.guid] = ctx.text.html(event.text)
        entry.content(html[event.guid], type="html")
        entry.published(event.at)
        entry.updated(event.at)
    rss = feed.rss_str(pretty=True)
    feed.subtitle(title)  # the same field, which Atom declares plain text
    return {f"feeds/{name}.rss": rss, f"feeds/{name}.atom": feed.atom_str(pretty=True)}


def feeds(ctx: SiteContext) -> dict[str, bytes]:
    """The overall feed, one per region and one per service."""
    every = events(ctx)
    html: dict[str, str] = {}
    site = ctx.model.platform.name
    files = render(ctx, "status", f"{site} status", every, html)
    platform = ctx.model.platform
    for region_id, region in platform.regions.items():
        chosen = [e for e in every if region_id in e.regions]
        files |= render(ctx, f"region-{region_id}", f"{site} status: {region.name}", chosen, html)
    for service_id, service in platform.services.items():
        chosen = [e for e in every if service_id in e.services]
        title = f"{site} status: {service.name}"
        files |= render(ctx, f"service-{service_id}", title, chosen, html)
    return files
