"""`maintenance.ics`: every public maintenance window and release wave, one subscription.

UIDs come from the item id (and, for a wave, its region, groups and environments), so they
never change. SEQUENCE is the number of git commits that touched the item's file: it only
grows, and a calendar client applies any edit that came with a new commit. Times keep their
IANA zone, with a VTIMEZONE for each; the output has CRLF line ends as RFC 5545 requires.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

from icalendar import Calendar, Event

from ftgitops.model import Maintenance, Release, Wave
from ftgitops.site.context import SiteContext
from ftgitops.site.pages.common import anchor

PRODID = "-//ftgitops//status site//EN"


def _host(ctx: SiteContext) -> str:
    return urlsplit(ctx.site_url).hostname or "ftgitops.invalid"


def _event(ctx: SiteContext, uid: str, start: datetime, end: datetime, summary: str) -> Event:
    event = Event()
    event.add("uid", f"{uid}@{_host(ctx)}")
    event.add("dtstamp", ctx.now)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", summary)
    return event


def maintenance_event(notice: Maintenance, ctx: SiteContext) -> Event:
    assert notice.window is not None
    window = notice.window
    event = _event(ctx, notice.id, window.start, window.end, notice.title)
    event.add("description", notice.public_text)
    event.add("url", ctx.page_url("maintenance.md", anchor(notice.id)))
    event.add("status", "CANCELLED" if notice.status == "cancelled" else "CONFIRMED")
    event.add("sequence", ctx.history.get(notice.path, 0))
    return event


def wave_uid(release: Release, wave: Wave) -> str:
    groups = "-".join(str(g) for g in sorted(wave.groups))
    return f"{release.id}-{wave.region}-g{groups}-{'-'.join(sorted(wave.environments))}"


def wave_event(release: Release, wave: Wave, ctx: SiteContext) -> Event:
    summary = f"{release.title} ({wave.name})"
    event = _event(ctx, wave_uid(release, wave), wave.window.start, wave.window.end, summary)
    groups = ", ".join(str(g) for g in wave.groups)
    downtime = "with downtime" if wave.downtime else "no downtime expected"
    event.add(
        "description", f"Upgrade groups {groups}; {', '.join(wave.environments)}; {downtime}."
    )
    event.add("url", ctx.page_url("releases.md", anchor(release.id)))
    cancelled = "cancelled" in (release.status, wave.status)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("sequence", ctx.history.get(release.path, 0))
    return event


def own_wave(wave: Wave, ctx: SiteContext) -> bool:
    """Every wave for the public; in a tenant's edition, only its region's and group's."""
    tenant = ctx.model.tenants.get(ctx.audience.tenant) if ctx.audience.tenant else None
    return tenant is None or (wave.region == tenant.region and tenant.upgrade_group in wave.groups)


def calendar(ctx: SiteContext) -> bytes:
    """The whole calendar as RFC 5545 bytes."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{ctx.model.platform.name} maintenance")
    for notice in ctx.model.of_kind(Maintenance):
        if notice.window and notice.status != "draft":
            cal.add_component(maintenance_event(notice, ctx))
    for release in ctx.model.of_kind(Release):
        if release.status != "draft":
            for wave in release.waves:
                if own_wave(wave, ctx):
                    cal.add_component(wave_event(release, wave, ctx))
    cal.add_missing_timezones()
    data: bytes = cal.to_ical()
    return data
