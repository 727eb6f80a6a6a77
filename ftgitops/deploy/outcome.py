"""What a deploy run did, event by event, and what waits for a later run."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ftgitops.deploy.plan import Step


@dataclass(frozen=True, slots=True)
class Event:
    """One thing the run did, for the report; `failing` ones make the exit code 1."""

    item: str
    target: str | None
    attempt: int
    action: str
    message: str
    failing: bool = False


@dataclass
class Outcome:
    """What a run did, and what waits for a later one."""

    run: str
    now: datetime
    events: list[Event] = field(default_factory=list)
    waiting: tuple[Step, ...] = ()

    @property
    def failed(self) -> bool:
        return any(event.failing for event in self.events)
