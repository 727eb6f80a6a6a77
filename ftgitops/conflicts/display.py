"""Spans of time as a reviewer reads them: local time with its zone abbreviation, and UTC.

Day and month names are English whatever the process locale (strftime's `%a %b` in the C
locale, which the tool never changes), composed by hand: strftime costs three times as much
and the engine names a span for every conflict.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from ftgitops.timeutil import abbreviation

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def moment(at: datetime, zone: ZoneInfo) -> str:
    """`Sat 28 Nov 2026 23:00 AEDT`."""
    local = at.astimezone(zone)
    day = f"{DAYS[local.weekday()]} {_day(local)} {local.year}"
    return f"{day} {_clock(local)} {abbreviation(local)}"


def _day(at: datetime) -> str:
    """`28 Nov` (strftime `%d %b`)."""
    return f"{at.day:02d} {MONTHS[at.month - 1]}"


def _clock(at: datetime) -> str:
    """`23:00` (strftime `%H:%M`)."""
    return f"{at.hour:02d}:{at.minute:02d}"


def span(
    start: datetime,
    end: datetime,
    zone: ZoneInfo,
    named: Callable[[datetime, ZoneInfo], str] = moment,
) -> str:
    """`Sat 28 Nov 2026 23:00 AEDT to Sun 29 Nov 2026 01:00 AEDT (28 Nov 12:00 to 14:00 UTC)`.

    UTC is always beside the local time: reviewers in other regions compare in UTC, and a
    local time alone hides a daylight-saving change inside the span.
    """
    utc_start, utc_end = start.astimezone(UTC), end.astimezone(UTC)
    same_day = utc_start.date() == utc_end.date()
    utc_end_text = _clock(utc_end) if same_day else f"{_day(utc_end)} {_clock(utc_end)}"
    utc_text = f"{_day(utc_start)} {_clock(utc_start)} to {utc_end_text} UTC"
    return f"{named(start, zone)} to {named(end, zone)} ({utc_text})"


class SpanTexts:
    """`span` remembered for one run of the engine.

    Every conflict of a pair names the same overlap, and a window's start or end recurs in
    each overlap it bounds, so formatting each once saves most of the formatting time. Keys
    hold each datetime's `fold`: two datetimes in one zone compare equal on wall time alone,
    and the two 01:30s of a daylight-saving change must not share a text.
    """

    def __init__(self) -> None:
        self.spans: dict[tuple[datetime, int, datetime, int, ZoneInfo], str] = {}
        self.moments: dict[tuple[datetime, int, ZoneInfo], str] = {}

    def __call__(self, start: datetime, end: datetime, zone: ZoneInfo) -> str:
        key = (start, start.fold, end, end.fold, zone)
        text = self.spans.get(key)
        if text is None:
            text = self.spans[key] = span(start, end, zone, self.moment)
        return text

    def moment(self, at: datetime, zone: ZoneInfo) -> str:
        key = (at, at.fold, zone)
        text = self.moments.get(key)
        if text is None:
            text = self.moments[key] = moment(at, zone)
        return text


def listing(names: tuple[str, ...] | list[str], most: int = 3) -> str:
    """`a, b and c`, or `a, b, c and 4 more` when the list is long."""
    shown = list(names[:most])
    rest = len(names) - len(shown)
    if rest > 0:
        return f"{', '.join(shown)} and {rest} more"
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"
