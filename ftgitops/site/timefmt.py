"""Times in pages: machine-readable `<time>` and `<span>` elements around `timetext`'s words."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from ftgitops.timetext import iso_utc, local_range, moment, utc, utc_range

iso = iso_utc  # ISO 8601 in UTC with a Z, for `<time datetime>` and JSON


def zones_once(zones: Iterable[ZoneInfo]) -> list[ZoneInfo]:
    """The zones in order, each once."""
    seen: list[ZoneInfo] = []
    for zone in zones:
        if zone not in seen:
            seen.append(zone)
    return seen


def when(at: datetime, zones: Iterable[ZoneInfo]) -> str:
    """An HTML `<time>`: every local time given, then UTC (`23:00 AEDT · 12:00 UTC`)."""
    shown = [moment(at, zone) for zone in zones_once(zones) if str(zone) != "UTC"]
    text = " · ".join([*shown, utc(at)])
    return f'<time datetime="{iso(at)}">{text}</time>'


def span(start: datetime, end: datetime, zones: Iterable[ZoneInfo]) -> str:
    """A window in every local zone given, then in UTC, as one element with machine times."""
    local = [zone for zone in zones_once(zones) if str(zone) != "UTC"]
    text = " · ".join(local_range(start, end, zone) for zone in local)
    year = start.astimezone(local[0]).year if local else None
    text = f"{text} ({utc_range(start, end, year=year)})" if text else utc_range(start, end)
    return f'<span class="ft-when" data-start="{iso(start)}" data-end="{iso(end)}">{text}</span>'
