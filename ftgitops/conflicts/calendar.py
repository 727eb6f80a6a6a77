"""Recurring windows on the timeline: a region's allowed slots and its freezes.

Rules are evaluated in wall-clock time in the region's zone (so "23:00 on the last Saturday"
stays 23:00 across daylight-saving changes); a slot then lasts its minutes of real time.
Rules count from 1 January 2000 (`recurrence.ANCHOR`), so an INTERVAL keeps its phase
whatever range is asked for, and name days only (`recurrence.read_rule`), so a range of N days
holds at most N occurrences of a rule.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from ftgitops.errors import FtgitopsError
from ftgitops.model import Freeze, Region
from ftgitops.recurrence import read_rule
from ftgitops.timeutil import TimeProblem

Span = tuple[datetime, datetime]


class Timeline:
    """Occurrences sorted by start, searchable in O(log n)."""

    def __init__(self, spans: Iterable[Span]) -> None:
        self.spans = sorted(spans)
        self.starts = [start.timestamp() for start, _ in self.spans]
        self.ends = [end.timestamp() for _, end in self.spans]
        self.longest = max((e - s for s, e in zip(self.starts, self.ends, strict=True)), default=0)

    def containing(self, start: float, end: float) -> Span | None:
        """An occurrence that holds all of [start, end), if one does."""
        index = bisect_right(self.starts, start) - 1
        while index >= 0 and self.starts[index] >= start - self.longest:
            if self.ends[index] >= end:
                return self.spans[index]
            index -= 1
        return None

    def touches(self, start: float, end: float) -> bool:
        """Whether any occurrence shares time with [start, end) (`overlapping`, no list)."""
        index = bisect_left(self.starts, end) - 1
        while index >= 0 and self.starts[index] > start - self.longest:
            if self.ends[index] > start:
                return True
            index -= 1
        return False

    def overlapping(self, start: float, end: float) -> list[Span]:
        """Every occurrence that shares time with [start, end); touching ends do not count."""
        index = bisect_left(self.starts, end) - 1
        found = []
        while index >= 0 and self.starts[index] > start - self.longest:
            if self.ends[index] > start:
                found.append(self.spans[index])
            index -= 1
        return found[::-1]


def local_rule(
    rule: str, at: time, zone: ZoneInfo, low: datetime, high: datetime
) -> list[datetime]:
    """The rule's occurrences at local time `at` between `low` and `high`, placed in `zone`."""
    try:
        recurrence = read_rule(rule, at)
    except TimeProblem as problem:  # the loader refuses such a rule first (FT311)
        raise FtgitopsError(f"ftgitops.yaml: {problem.message}") from None
    naive_low = low.astimezone(zone).replace(tzinfo=None) - timedelta(days=1)
    naive_high = high.astimezone(zone).replace(tzinfo=None) + timedelta(days=1)
    return [
        moment.replace(tzinfo=zone) for moment in recurrence.between(naive_low, naive_high, True)
    ]


def slot_timeline(
    region: Region, low: datetime, high: datetime, kind: str | None = None
) -> Timeline:
    """Every occurrence of every slot of the region (of one `kind`, when given: maintenance
    or upgrade) that can touch [low, high]."""
    spans = []
    for slot in (s for s in region.slots if kind is None or s.kind == kind):
        for start in local_rule(slot.rrule, slot.start, region.zone, low, high):
            end = (start.astimezone(UTC) + timedelta(minutes=slot.minutes)).astimezone(region.zone)
            spans.append((start, end))
    return Timeline(spans)


def freeze_timeline(freeze: Freeze, zone: ZoneInfo, low: datetime, high: datetime) -> Timeline:
    """The freeze's occurrences as seen in one region's zone (whole local days for rules)."""
    return Timeline(_freeze_spans(freeze, zone, low, high))


def _freeze_spans(freeze: Freeze, zone: ZoneInfo, low: datetime, high: datetime) -> Iterator[Span]:
    if freeze.window is not None:
        yield freeze.window.start, freeze.window.end
    if freeze.rrule is not None:
        for start in local_rule(freeze.rrule, time(0), zone, low, high):
            yield start, _midnight(start.date() + timedelta(days=freeze.days or 1), zone)
    if freeze.last_business_days is not None:
        month, count = freeze.last_business_days
        for year in range(low.year - 1, high.year + 2):
            days = last_business_days(year, month, count)
            yield _midnight(days[0], zone), _midnight(days[-1] + timedelta(days=1), zone)


def last_business_days(year: int, month: int, count: int) -> list[date]:
    """The month's last `count` weekdays (Monday to Friday), oldest first."""
    day = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    found: list[date] = []
    while len(found) < count:
        if day.weekday() < 5:
            found.append(day)
        day -= timedelta(days=1)
    return found[::-1]


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone)
