"""Times as people read them, in plain text: the one place a time is written as words.

`Sat 28 Nov 2026 23:00 AEDT`: English day and month names whatever the process locale,
composed by hand (strftime costs three times as much, and the conflict engine names a span
for every conflict). The local time always comes with its zone's abbreviation, and UTC is
always beside it: a local time alone hides a daylight-saving change.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from ftgitops.timeutil import abbreviation

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_month(at: datetime) -> str:
    """`28 Nov` (strftime `%d %b`)."""
    return f"{at.day:02d} {MONTHS[at.month - 1]}"


def clock(at: datetime) -> str:
    """`23:00` (strftime `%H:%M`)."""
    return f"{at.hour:02d}:{at.minute:02d}"


def date_line(at: datetime) -> str:
    """`Sat 28 Nov 2026` (strftime `%a %d %b %Y`)."""
    return f"{DAYS[at.weekday()]} {day_month(at)} {at.year}"


def moment(at: datetime, zone: ZoneInfo) -> str:
    """`Sat 28 Nov 2026 23:00 AEDT`."""
    local = at.astimezone(zone)
    return f"{date_line(local)} {clock(local)} {abbreviation(local)}"


def utc(at: datetime) -> str:
    """`Sat 28 Nov 2026 12:00 UTC`."""
    there = at.astimezone(UTC)
    return f"{date_line(there)} {clock(there)} UTC"


def span(
    start: datetime,
    end: datetime,
    zone: ZoneInfo,
    named: Callable[[datetime, ZoneInfo], str] = moment,
) -> str:
    """`Sat 28 Nov 2026 23:00 AEDT to Sun 29 Nov 2026 01:00 AEDT (28 Nov 12:00 to 14:00 UTC)`:
    the reviewer's form, each end in full (`named` may remember them)."""
    utc_part = utc_range(start, end, " to ", start.astimezone(zone).year)
    return f"{named(start, zone)} to {named(end, zone)} ({utc_part})"


def local_range(start: datetime, end: datetime, zone: ZoneInfo) -> str:
    """`Tue 12 Jan 2027 20:00–22:00 AEDT`, the customer's compact form; the end's day when it
    differs (and its year when that differs), and each abbreviation when the clocks change in
    between (`Sun 05 Apr 2026 01:00 AEDT–04:00 AEST`)."""
    first, last = start.astimezone(zone), end.astimezone(zone)
    head = f"{date_line(first)} {clock(first)}"
    if first.date() == last.date():
        tail = clock(last)
    elif first.year == last.year:
        tail = f"{DAYS[last.weekday()]} {day_month(last)} {clock(last)}"
    else:
        tail = f"{date_line(last)} {clock(last)}"
    before, after = abbreviation(first), abbreviation(last)
    if before == after:
        return f"{head}–{tail} {after}"
    return f"{head} {before}–{tail} {after}"


def utc_range(start: datetime, end: datetime, joiner: str = "–", year: int | None = None) -> str:
    """`12 Jan 09:00–11:00 UTC`; the end's day when it differs. Beside a local time of `year`
    the short form reads as that year; when the range leaves that year (or its own first
    year) each end gives its year: `31 Dec 2026 23:00–01 Jan 2027 01:00 UTC`."""
    first, last = start.astimezone(UTC), end.astimezone(UTC)
    if first.year != last.year or first.year != (year or first.year):
        return f"{_dated(first)}{joiner}{_dated(last)} UTC"
    tail = clock(last) if first.date() == last.date() else f"{day_month(last)} {clock(last)}"
    return f"{day_month(first)} {clock(first)}{joiner}{tail} UTC"


def _dated(at: datetime) -> str:
    """`01 Jan 2027 01:00`."""
    return f"{day_month(at)} {at.year} {clock(at)}"


def iso_utc(at: datetime) -> str:
    """`2026-12-04T09:00:00Z`: an instant for machines (JSON, `<time datetime>`, feeds)."""
    return at.astimezone(UTC).isoformat().replace("+00:00", "Z")


def ago(elapsed: timedelta) -> str:
    """`40 minutes ago`, `5 hours ago`, `3 days ago`: rounded down to the largest unit that
    reads naturally (hours below two days, minutes below two hours)."""
    minutes = int(elapsed.total_seconds() // 60)
    if minutes < 120:
        count, unit = minutes, "minute"
    elif minutes < 48 * 60:
        count, unit = minutes // 60, "hour"
    else:
        count, unit = minutes // (24 * 60), "day"
    return f"{count} {unit}{'s' * (count != 1)} ago"


def duration(elapsed: timedelta) -> str:
    """`54 minutes`, `2 hours 5 minutes`, `3 days 4 hours`: the two largest units, rounded
    down to the minute (`under a minute` below one)."""
    minutes = int(elapsed.total_seconds() // 60)
    if minutes < 1:
        return "under a minute"
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    units = [(days, "day"), (hours, "hour"), (minutes, "minute")]
    shown = [(n, unit) for n, unit in units if n][:2]
    if days and not hours:
        shown = [(days, "day")]
    return " ".join(f"{n} {unit}{'s' * (n != 1)}" for n, unit in shown)
