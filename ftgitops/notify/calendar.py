"""The iCalendar attachment of a customer message: the windows it tells of, one event each,
so a subscriber's calendar holds the work (and drops it when it is called off).

The UID is the window's stable key at the site's host, the same for every message about the
window, so a moved window replaces the old entry and a cancelled one is marked so.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from urllib.parse import urlsplit

from icalendar import Calendar, Event

from ftgitops.rules.customerwindows import CustomerWindow, WindowState

NAME = "maintenance.ics"
MIME = "text/calendar"


def calendar(
    windows: Iterable[tuple[CustomerWindow, str, str]], now: datetime, site_url: str | None
) -> bytes:
    """One calendar: each `(window, summary, description)` as an event."""
    host = urlsplit(site_url or "").hostname or "ftgitops.invalid"
    cal = Calendar()
    cal.add("prodid", "-//ftgitops//notify//EN")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    for window, summary, description in windows:
        event = Event()
        event.add("uid", f"{window.key.replace('/', '-')}@{host}")
        event.add("dtstamp", now)
        event.add("dtstart", window.window.start.astimezone(window.window.zone))
        event.add("dtend", window.window.end.astimezone(window.window.zone))
        event.add("summary", summary)
        if description:
            event.add("description", description)
        cancelled = window.state == WindowState.CANCELLED
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        cal.add_component(event)
    return bytes(cal.to_ical())
