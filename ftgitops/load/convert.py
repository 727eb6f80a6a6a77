"""Turning checked raw values into typed ones, recording a finding where that fails.

Schema validation has already run, so shapes are right; what can still fail is the calendar:
a date that does not exist or is outside 1970-2100, an unknown zone, a local time skipped or
repeated at a DST change, a recurrence rule the domain does not allow, a window longer than
the tool allows.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from ftgitops.findings import Finding, JsonPath
from ftgitops.model import Window
from ftgitops.recurrence import read_rule
from ftgitops.timeutil import TimeProblem, parse_date, parse_datetime, zone

LONGEST_WINDOW = timedelta(days=31)  # a change, a maintenance window or a release wave
LONGEST_FREEZE = timedelta(days=366)  # a one-off freeze may cover a year


class Converter:
    """Converts values of one file; `findings` collects what failed, `ok` says if none did."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.findings: list[Finding] = []

    @property
    def ok(self) -> bool:
        return not self.findings

    def _fail(self, problem: TimeProblem, at: JsonPath) -> None:
        self.findings.append(Finding(problem.code, problem.message, self.path, at))

    def zone(self, name: str, at: JsonPath, fallback: ZoneInfo) -> ZoneInfo:
        try:
            return zone(name)
        except TimeProblem as problem:
            self._fail(problem, at)
            return fallback

    def date(self, text: str, at: JsonPath) -> date | None:
        try:
            return parse_date(text)
        except TimeProblem as problem:
            self._fail(problem, at)
            return None

    def datetime(self, text: str, at: JsonPath, local: ZoneInfo) -> datetime | None:
        try:
            return parse_datetime(text, local)
        except TimeProblem as problem:
            self._fail(problem, at)
            return None

    def rule(self, text: str, at: JsonPath, start: time = time(0)) -> str | None:
        """The recurrence rule when the domain allows it and it can be read, else None."""
        try:
            read_rule(text, start)
        except TimeProblem as problem:
            self._fail(problem, at)
            return None
        return text

    def window(
        self,
        raw: dict[str, Any],
        at: JsonPath,
        default_zone: ZoneInfo,
        longest: timedelta = LONGEST_WINDOW,
    ) -> Window | None:
        """A window in its own `tz` or the default zone, at most `longest`; None (with
        findings) if it fails."""
        written_in = (
            self.zone(raw["tz"], (*at, "tz"), default_zone) if "tz" in raw else default_zone
        )
        start = self.datetime(raw["start"], (*at, "start"), written_in)
        end = self.datetime(raw["end"], (*at, "end"), written_in)
        if start is None or end is None:
            return None
        if end - start > longest:
            message = f"the window lasts {_days(end - start)}; the limit is {longest.days} days"
            self._fail(TimeProblem("FT312", message), (*at, "end"))
            return None
        return Window(start, end, written_in)


def _days(length: timedelta) -> str:
    """`45 days` or `31 days 2 hours`: how long a window lasts, to the hour."""
    hours = length.seconds // 3600
    more = f" {hours} hour{'s' if hours > 1 else ''}" if hours else ""
    return f"{length.days:,} days{more}"
