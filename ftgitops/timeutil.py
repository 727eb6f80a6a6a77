"""Wall-clock times in IANA zones, with the daylight-saving traps made explicit.

A window is written as local time. At a DST change some local times do not exist (the clock
jumps over them) and some happen twice; guessing would move a window by an hour, so both are
errors unless the author writes the UTC offset.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class TimeProblem(Exception):
    """A time that cannot be placed on the timeline; `code` is the finding code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def zone(name: str) -> ZoneInfo:
    """The IANA zone of that name, or `TimeProblem` FT107."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise TimeProblem(
            "FT107", f"unknown time zone {name!r}: use an IANA name such as Australia/Sydney"
        ) from None


def parse_date(text: str) -> date:
    """A YYYY-MM-DD date that exists, or `TimeProblem` FT106."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise TimeProblem("FT106", f"{text!r} is not a date in the calendar") from None


def parse_datetime(text: str, local_zone: tzinfo) -> datetime:
    """An aware datetime: with its written offset, or placed in `local_zone` if it has none."""
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise TimeProblem("FT106", f"{text!r} is not a time in the calendar") from None
    if parsed.tzinfo is not None:
        return parsed
    return place_local(parsed, local_zone)


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
