"""Words the conflict engine writes often, remembered: spans of time and lists of names.

The texts themselves come from `ftgitops.timetext`; this keeps each one written once a run.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from ftgitops.timetext import moment, span


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
