"""What notify sends: an event with a stable key, and the names channels filter on.

The key names the event, never the run: the same merge or the same moment always gives the
same key, so the ledger can tell whether a recipient has had it, whichever run asks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

LIFECYCLE = {
    "proposed": "proposed",
    "approved": "approved",
    "scheduled": "scheduled",
    "in-progress": "started",
    "completed": "completed",
    "failed": "failed",
    "rolled-back": "rolled-back",
    "cancelled": "cancelled",
}
INCIDENT = ("incident-opened", "incident-updated", "incident-resolved")
# What a channel's `events` value stands for beyond its own name.
ALIASES: Mapping[str, tuple[str, ...]] = {"incident": INCIDENT}


@dataclass(frozen=True, slots=True)
class Event:
    """One thing to tell: `name` picks the template, `item` the ledger file and the page.

    `team` events go to the channels (and people), `customers` events to subscribers; an
    event may be both (incidents, reminders, a window's start and end). `window` is the
    customer window's key for window events; `other` the second item of a conflict.
    """

    key: str
    name: str
    item: str
    at: datetime
    team: bool = True
    customers: bool = False
    window: str | None = None
    other: str | None = None
    detail: Mapping[str, str] = field(default_factory=dict)


def wanted(names: Iterable[str], event: str) -> bool:
    """Whether a filter's `events` list takes the event name (aliases expanded)."""
    return any(name == event or event in ALIASES.get(name, ()) for name in names)


def ledger_item(event: Event) -> str:
    """The item whose ledger file records the event: a wave's release, else the item."""
    return event.item.split("/", 1)[0]
