"""Turning checked raw values into typed ones, recording a finding where that fails.

Schema validation has already run, so shapes are right; what can still fail is the calendar:
a date that does not exist, an unknown zone, a local time skipped or repeated at a DST change.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from ftgitops.findings import Finding, JsonPath
from ftgitops.model import Window
from ftgitops.timeutil import TimeProblem, parse_date, parse_datetime, zone


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

    def window(self, raw: dict[str, Any], at: JsonPath, default_zone: ZoneInfo) -> Window | None:
        """A window in its own `tz` or the default zone; None (with findings) if it fails."""
        written_in = (
            self.zone(raw["tz"], (*at, "tz"), default_zone) if "tz" in raw else default_zone
        )
        start = self.datetime(raw["start"], (*at, "start"), written_in)
        end = self.datetime(raw["end"], (*at, "end"), written_in)
        if start is None or end is None:
            return None
        return Window(start, end, written_in)
