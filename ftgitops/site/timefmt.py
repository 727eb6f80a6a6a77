"""Times as readers need them: each region's local time with its zone abbreviation, and UTC."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from ftgitops.timeutil import abbreviation


def local(moment: datetime, zone: ZoneInfo) -> str:
    """`Sat 28 Nov 2026 23:00 AEDT`."""
    there = moment.astimezone(zone)
    return f"{there:%a %d %b %Y %H:%M} {abbreviation(there)}"


def utc(moment: datetime) -> str:
    """`Sat 28 Nov 2026 12:00 UTC`."""
    return f"{moment.astimezone(UTC):%a %d %b %Y %H:%M} UTC"


def iso(moment: datetime) -> str:
    """ISO 8601 in UTC with a Z, for `<time datetime>` and JSON."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def zones_once(zones: Iterable[ZoneInfo]) -> list[ZoneInfo]:
    """The zones in order, each once."""
    seen: list[ZoneInfo] = []
    for zone in zones:
        if zone not in seen:
            seen.append(zone)
    return seen


def when(moment: datetime, zones: Iterable[ZoneInfo]) -> str:
    """An HTML `<time>`: every local time given, then UTC (`23:00 AEDT · 12:00 UTC`)."""
    shown = [local(moment, zone) for zone in zones_once(zones) if str(zone) != "UTC"]
    text = " · ".join([*shown, utc(moment)])
    return f'<time datetime="{iso(moment)}">{text}</time>'


def local_range(start: datetime, end: datetime, zone: ZoneInfo) -> str:
    """`Tue 12 Jan 2027 20:00–22:00 AEDT`; the end's day when it differs, each abbreviation
    when the clocks change in between (`Sun 05 Apr 2026 01:00 AEDT–04:00 AEST`)."""
    first, last = start.astimezone(zone), end.astimezone(zone)
    head = f"{first:%a %d %b %Y %H:%M}"
    tail = f"{last:%H:%M}" if first.date() == last.date() else f"{last:%a %d %b %H:%M}"
    before, after = abbreviation(first), abbreviation(last)
    if before == after:
        return f"{head}–{tail} {after}"
    return f"{head} {before}–{tail} {after}"


def utc_range(start: datetime, end: datetime) -> str:
    """`12 Jan 09:00–11:00 UTC`."""
    first, last = start.astimezone(UTC), end.astimezone(UTC)
    tail = f"{last:%H:%M}" if first.date() == last.date() else f"{last:%d %b %H:%M}"
    return f"{first:%d %b %H:%M}–{tail} UTC"


def span(start: datetime, end: datetime, zones: Iterable[ZoneInfo]) -> str:
    """A window in every local zone given, then in UTC, as one element with machine times."""
    shown = [local_range(start, end, zone) for zone in zones_once(zones) if str(zone) != "UTC"]
    text = " · ".join(shown)
    text = f"{text} ({utc_range(start, end)})" if text else utc_range(start, end)
    return f'<span class="ft-when" data-start="{iso(start)}" data-end="{iso(end)}">{text}</span>'
