"""`maintenance.ics`: every customer-visible window of the edition, one subscription.

The events are the audience's customer-visible windows (`ctx.windows`: maintenance notices,
release waves and changes with downtime, the same ones every surface lists), cancelled ones
marked CANCELLED. UIDs are the windows' stable keys (`MNT-2026-0001`; a wave's is its release
id and wave name, `REL-2026-0005/uk-production-group-2`, which survives edits of its window,
groups or environments). SEQUENCE is the number of git commits that touched the item's file:
it only grows, and a calendar client applies any edit that came with a new commit. The
description is what, where, when (local time and UTC) and the impact, with the YAML block's
soft line breaks joined (icalendar folds long lines as RFC 5545 asks). Times keep their
IANA zone, with a VTIMEZONE for each that covers every event (icalendar's default stops in
2038); a time written with an offset names no zone a client knows, so it is sent in UTC
(`...Z`) rather than under an invented TZID that clients read as floating time. The output
has CRLF line ends (RFC 5545).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from ftgitops.rules.customerwindows import CustomerWindow, WindowState
from ftgitops.site import windowtext
from ftgitops.site.context import SiteContext
from ftgitops.site.links import window_url

PRODID = "-//ftgitops//status site//EN"


def _host(ctx: SiteContext) -> str:
    return urlsplit(ctx.site_url).hostname or "ftgitops.invalid"


def zoned(moment: datetime) -> datetime:
    """The time in its IANA zone as written; a fixed offset (or none) becomes UTC."""
    return moment if isinstance(moment.tzinfo, ZoneInfo) else moment.astimezone(UTC)


def window_event(window: CustomerWindow, ctx: SiteContext) -> Event:
    """One window as a VEVENT."""
    event = Event()
    event.add("uid", f"{window.key}@{_host(ctx)}")
    event.add("dtstamp", ctx.now)
    event.add("dtstart", zoned(window.window.start))
    event.add("dtend", zoned(window.window.end))
    event.add("summary", windowtext.title(window))
    what = windowtext.plain_paragraphs(windowtext.what(window))
    facts = windowtext.summary(ctx, window)
    event.add("description", f"{what}\n\n{facts}" if what else facts)
    event.add("url", window_url(ctx, window))
    cancelled = window.state is WindowState.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "OPAQUE" if window.downtime else "TRANSPARENT")
    event.add("sequence", ctx.history.get(window.item.path, 0))
    return event


def events(ctx: SiteContext) -> list[Event]:
    """Every window the audience may see, soonest first."""
    return [window_event(window, ctx) for window in ctx.windows]


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
