"""RSS 2.0 and Atom feeds: one item per incident update, and per announcement, update, start
and end of each customer-visible window (`ctx.windows`: notices, release waves and changes
with downtime, the same ones every surface lists).

Each item's id is built from the item id (a wave's stable key), what happened and when, so it
never changes between builds and an RSS-to-e-mail service sends each event once. Feeds hold
the latest 100 events. A window's items say what, where and when (each region's local time
and UTC) and whether the service is unavailable, so the e-mail alone is enough to act on.

An item's text is the free text rendered by the site's sanitising renderer (`text.Renderer`):
the RSS `<description>` and the Atom `<content type="html">` carry that cleaned HTML, which
readers render as HTML, never the author's markup escaped once for XML; the channel's RSS
description is HTML escaped for the same reason. Titles are plain text. Each channel links
to the site's home page and names its own URL as `rel=self` (the `.rss` file in RSS, the
`.atom` file in Atom).
"""

from __future__ import annotations

import html as html_text
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from feedgen.feed import FeedGenerator  # type: ignore[import-untyped]

from ftgitops import timetext
from ftgitops.model import Incident
from ftgitops.rules.customerwindows import CustomerWindow, WindowState
from ftgitops.site import windowtext
from ftgitops.site.api import announcement
from ftgitops.site.context import SiteContext
from ftgitops.site.links import html_url, incident_url, window_url
from ftgitops.site.pages.words import joined

CAP = 100
OVER = frozenset({"completed", "cancelled"})
OUTCOME_WORDS = {"failed": "failed", "rolled-back": "was rolled back"}


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
    link = incident_url(ctx, incident)
    scope = (incident.targets.regions, incident.targets.services)
    updates = list(incident.updates)
    for update in updates:
        status = (update.status or "update").capitalize()
        guid = _guid(incident.id, f"update-{update.status}", update.at)
        yield Event(update.at, guid, f"{status}: {incident.title}", update.text, link, *scope)
    postmortem = incident.public_postmortem
    if postmortem is not None:
        guid = _guid(incident.id, "postmortem", postmortem.at)
        title = f"Postmortem: {incident.title}"
        yield Event(postmortem.at, guid, title, postmortem.text, link, *scope)
    if incident.resolved and not any(u.status == "resolved" for u in updates):
        text = f"Resolved at {timetext.utc(incident.resolved)}."
        guid = _guid(incident.id, "resolved", incident.resolved)
        yield Event(incident.resolved, guid, f"Resolved: {incident.title}", text, link, *scope)


def _facts(ctx: SiteContext, window: CustomerWindow) -> str:
    """Where, when and the impact, as Markdown lines (escaped: they are data, not markup)."""
    lines = windowtext.summary(ctx, window).splitlines()
    return "  \n".join(_escape_markdown(line) for line in lines)


def _escape_markdown(line: str) -> str:
    return "".join(f"\\{c}" if c in "\\`*_{}[]<>#|" else c for c in line)


def window_events(window: CustomerWindow, ctx: SiteContext) -> Iterator[Event]:
    """The announcement, each recorded update, and the start and end (or overrun) that no
    update already announced."""
    post = _Poster(window, window_url(ctx, window), _facts(ctx, window))
    told = announcement(window)
    if told is not None and told <= window.window.start:
        text = windowtext.what(window).strip()
        yield post("scheduled", told, "Scheduled", text)
    updates = getattr(window.item, "updates", ()) if window.wave is None else ()
    for update in updates:
        status = (update.status or "update").replace("-", " ").capitalize()
        yield post(f"update-{update.status}", update.at, status, update.text)
    if window.state is WindowState.CANCELLED:
        return
    said = {u.status for u in updates}
    start, end = window.window.start, window.ends
    if "in-progress" not in said:
        started = windowtext.moment(ctx, window, start)
        yield post("started", start, "Started", f"Started at {started}.")
    if window.state is WindowState.OVERRAN:
        planned = window.window.end
        late = windowtext.moment(ctx, window, planned)
        yield post("overran", planned, "Running late", f"Still in progress after {late}.")
    if window.state is WindowState.COMPLETED and not said & OVER:
        outcome = OUTCOME_WORDS.get(window.outcome or "", "")
        word = f"Ended ({outcome})" if outcome else "Completed"
        yield post("completed", end, word, f"{word} at {windowtext.moment(ctx, window, end)}.")


@dataclass(frozen=True, slots=True)
class _Poster:
    """Makes a window's events: its title, link and scope, and the facts below each text."""

    window: CustomerWindow
    link: str
    facts: str

    def __call__(self, what: str, at: datetime, word: str, text: str) -> Event:
        window = self.window
        body = "\n\n".join(part for part in (text, self.facts) if part)
        title = f"{word}: {windowtext.title(window)}"
        guid = _guid(window.key, what, at)
        return Event(at, guid, title, body, self.link, window.regions, window.services)


def events(ctx: SiteContext) -> list[Event]:
    """Every event up to the build time, newest first."""
    found: list[Event] = []
    for incident in ctx.model.of_kind(Incident):
        if incident.started and incident.targets:
            found.extend(incident_events(incident, ctx))
    for window in ctx.windows:
        found.extend(window_events(window, ctx))
    return sorted((e for e in found if e.at <= ctx.now), key=lambda e: (e.at, e.guid), reverse=True)


@dataclass(frozen=True, slots=True)
class Channel:
    """One feed: its file name, title and what it is about."""

    name: str
    title: str
    description: str


def render(
    ctx: SiteContext, channel: Channel, chosen: list[Event], html: dict[str, str]
) -> dict[str, bytes]:
    """`feeds/<name>.rss` and `feeds/<name>.atom` holding the latest events (`html`: each
    event's text already rendered, by guid; an event in several feeds is rendered once)."""
    rss_url = ctx.url(f"feeds/{channel.name}.rss")
    atom_url = ctx.url(f"feeds/{channel.name}.atom")
    feed = FeedGenerator()
    feed.id(atom_url)
    feed.title(channel.title)
    # feedgen takes the RSS <link> from the last link given: the page, after the self link
    feed.link(href=rss_url, rel="self", type="application/rss+xml")
    feed.link(href=html_url(ctx), rel="alternate", type="text/html")
    feed.description(html_text.escape(channel.description))  # RSS readers read it as HTML
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
    feed.subtitle(channel.description)  # the same field, which Atom declares plain text
    feed.link(
        [
            {"href": html_url(ctx), "rel": "alternate", "type": "text/html"},
            {"href": atom_url, "rel": "self", "type": "application/atom+xml"},
        ],
        replace=True,
    )
    return {
        f"feeds/{channel.name}.rss": rss,
        f"feeds/{channel.name}.atom": feed.atom_str(pretty=True),
    }


ABOUT = (
    "every incident update, and each maintenance window and release upgrade that customers "
    "will notice: when it is announced, starts and ends, with where and when in local time "
    "and UTC."
)


def channels(ctx: SiteContext) -> list[tuple[Channel, str, str]]:
    """Every feed, with the region or service its events must touch (`""` for all)."""
    platform = ctx.model.platform
    site = " ".join(platform.name.split())
    regions = joined([r.name for r in platform.regions.values()])
    found = [(Channel("status", f"{site} status", f"{site} in {regions}: {ABOUT}"), "", "")]
    for key, region in platform.regions.items():
        title = f"{site} status: {region.name}"
        found.append(
            (Channel(f"region-{key}", title, f"{site} in {region.name}: {ABOUT}"), key, "")
        )
    for key, service in platform.services.items():
        title = f"{site} status: {service.name}"
        about = (
            f"{service.name} ({service.description.strip()})"
            if service.description
            else service.name
        )
        found.append((Channel(f"service-{key}", title, f"{about} in {regions}: {ABOUT}"), "", key))
    return found


def feeds(ctx: SiteContext) -> dict[str, bytes]:
    """The overall feed, one per region and one per service."""
    every = events(ctx)
    html: dict[str, str] = {}
    files: dict[str, bytes] = {}
    for channel, region, service in channels(ctx):
        chosen = [
            e
            for e in every
            if (not region or region in e.regions) and (not service or service in e.services)
        ]
        files |= render(ctx, channel, chosen, html)
    return files
