"""Wall-clock times in IANA zones, with the daylight-saving traps made explicit.

A window is written as local time. At a DST change some local times do not exist (the clock
jumps over them) and some happen twice; guessing would move a window by an hour, so both are
errors unless the author writes the UTC offset.
"""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime, timedelta, tzinfo
from importlib import resources
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

FIRST_YEAR, LAST_YEAR = 1970, 2100  # the years a date may be in: what the tool plans for


class TimeProblem(Exception):
    """A time that cannot be placed on the timeline; `code` is the finding code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@functools.cache
def zone_names() -> frozenset[str]:
    """Every IANA zone name, as listed by the tzdata package (the same list on every host).

    The system's zone folder also holds folders (`Asia`), `localtime` (the host's own zone),
    `posixrules` and `right/...` copies; ZoneInfo opens some of them and fails on others, so
    a name is checked against the list first. Read once: the list is package data.
    """
    listed = resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8")
    return frozenset(listed.split()) - {"Factory"}


def zone(name: str) -> ZoneInfo:
    """The IANA zone of that name, or `TimeProblem` FT107."""
    if name not in zone_names():
        raise TimeProblem("FT107", _unknown_zone(name))
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise TimeProblem("FT107", _unknown_zone(name)) from None


def _unknown_zone(name: str) -> str:
    inside = sorted(n for n in zone_names() if n.startswith(f"{name}/"))
    if inside:
        return f"{name!r} is a group of time zones, not one: name a zone such as {inside[0]}"
    return f"unknown time zone {name!r}: use an IANA name such as Australia/Sydney"


def parse_date(text: str) -> date:
    """A YYYY-MM-DD date that exists in 1970-2100, or `TimeProblem` FT106 (FT110)."""
    try:
        parsed = date.fromisoformat(text)
    except ValueError:
        raise TimeProblem("FT106", f"{text!r} is not a date in the calendar") from None
    in_years(parsed, text)
    return parsed


def parse_datetime(text: str, local_zone: tzinfo) -> datetime:
    """An aware datetime: with its written offset, or placed in `local_zone` if it has none."""
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise TimeProblem("FT106", f"{text!r} is not a time in the calendar") from None
    in_years(parsed, text)
    if parsed.tzinfo is not None:
        return parsed
    return place_local(parsed, local_zone)


def in_years(day: date, text: str) -> None:
    """`TimeProblem` FT110 unless the date (or datetime) is in 1970-2100.

    Outside those years a window is a typo, and arithmetic near year 1 or 9999 overflows.
    """
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise TimeProblem(
            "FT110",
            f"{text!r} is outside {FIRST_YEAR}-{LAST_YEAR}: ftgitops plans within those years",
        )


def place_local(naive: datetime, local_zone: tzinfo) -> datetime:
    """A naive wall-clock time placed in a zone; refuses skipped and repeated times."""
    first = naive.replace(tzinfo=local_zone, fold=0)
    second = naive.replace(tzinfo=local_zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return first  # the usual case: one offset, so the time neither is skipped nor repeats
    written = naive.isoformat(timespec="minutes")
    if first.astimezone(UTC).astimezone(local_zone).replace(tzinfo=None) != naive:
        raise TimeProblem(
            "FT302",
            f"{written} does not exist in {local_zone} (the clocks skip it at a "
            "daylight-saving change): pick another time or write the UTC offset",
        )
    if first.utcoffset() != second.utcoffset():
        raise TimeProblem(
            "FT303",
            f"{written} happens twice in {local_zone} (daylight-saving change): write the offset, "
            f"{written}{_offset(first)} (the first) or {written}{_offset(second)} (the second)",
        )
    return first


def wall_clock_between(earlier: datetime, later: datetime, local_zone: tzinfo) -> timedelta:
    """The time between two moments as the local calendar counts it.

    Customers count "7 days' notice" on their calendar: Saturday 23:00 to the next Saturday
    23:00 is seven days even when the clocks changed in between (elapsed: 6 days 23 hours).
    """
    start = earlier.astimezone(local_zone).replace(tzinfo=None)
    return later.astimezone(local_zone).replace(tzinfo=None) - start


def _offset(moment: datetime) -> str:
    delta = moment.utcoffset()
    minutes = int(delta.total_seconds() // 60) if delta is not None else 0
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def abbreviation(moment: datetime) -> str:
    """The zone abbreviation at that moment (AEDT, AEST, GMT, BST)."""
    return moment.tzname() or "UTC"
