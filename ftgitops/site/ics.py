"""`maintenance.ics`: every public maintenance window and release wave, one subscription.

UIDs come from the item id (and, for a wave, its region, groups and environments), so they
never change. SEQUENCE is the number of git commits that touched the item's file: it only
grows, and a calendar client applies any edit that came with a new commit. Times keep their
IANA zone, with a VTIMEZONE for each that covers every event (icalendar's default stops in
2038); a time written with an offset names no zone a client knows, so it is sent in UTC
(`...Z`) rather than under an invented TZID that clients read as floating time. Only
published work is listed (`rules.publication`). The output has CRLF line ends (RFC 5545).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from ftgitops.model import Maintenance, Release, Wave
from ftgitops.rules.publication import customer_visible
from ftgitops.site.context import SiteContext
from ftgitops.site.pages.common import anchor

PRODID = "-//ftgitops//status site//EN"


def _host(ctx: SiteContext) -> str:
    return urlsplit(ctx.site_url).hostname or "ftgitops.invalid"


def zoned(moment: datetime) -> datetime:
    """The time in its IANA zone as written; a fixed offset (or none) becomes UTC."""
    return moment if isinstance(moment.tzinfo, ZoneInfo) else moment.astimezone(UTC)


def _event(ctx: SiteContext, uid: str, start: datetime, end: datetime, summary: str) -> Event:
    event = Event()
    event.add("uid", f"{uid}@{_host(ctx)}")
    event.add("dtstamp", ctx.now)
    event.add("dtstart", zoned(start))
    event.add("dtend", zoned(end))
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


def events(ctx: SiteContext) -> list[Event]:
    """Every published maintenance window, then every published wave the audience shares."""
    found = [
        maintenance_event(notice, ctx)
        for notice in ctx.model.of_kind(Maintenance)
        if notice.window and customer_visible(notice)
    ]
    for release in ctx.model.of_kind(Release):
        for wave in release.waves if customer_visible(release) else ():
            if customer_visible(wave) and own_wave(wave, ctx):
                found.append(wave_event(release, wave, ctx))
    return found


def calendar(ctx: SiteContext) -> bytes:
    """The whole calendar as RFC 5545 bytes."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    name = " ".join(ctx.model.platform.name.split())  # one line: a header value cannot fold
    cal.add("x-wr-calname", f"{name} maintenance")
    found = events(ctx)
    for event in found:
        cal.add_component(event)
    if found:
        first = min(event.start for event in found).year - 1
        last = max(event.end for event in found).year + 2
        # a VTIMEZONE for every zone named, covering every event (the default ends in 2038)
        cal.add_missing_timezones(date(max(first, 1), 1, 1), date(min(last, 9999), 1, 1))
    data: bytes = cal.to_ical()
    return data
