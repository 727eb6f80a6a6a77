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


def span(start: datetime, end: datetime, zones: Iterable[ZoneInfo]) -> str:
    """A window: `when(start) to when(end)`."""
    listed = zones_once(zones)
    return f"{when(start, listed)} to {when(end, listed)}"
