"""The run's clock: `now` as given at the start of the run, moving on with the time that
really passes, so a command's start and end are true even under a fixed `--now`."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta


class RunClock:
    """`start` plus the elapsed time of a monotonic clock (never the wall clock again)."""

    def __init__(self, start: datetime, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.start = start
        self._monotonic = monotonic
        self._origin = monotonic()

    def now(self) -> datetime:
        """The time now, on the run's clock."""
        return self.start + timedelta(seconds=self._monotonic() - self._origin)
