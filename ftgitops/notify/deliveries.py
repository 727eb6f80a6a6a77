"""The run's deliveries: each recipient with the events it has not had yet, in order.

The ledger's (event, recipient) pairs are left out, so a re-run, a retry or a run after a
crash sends only what is missing, and a failed channel gets again exactly what it lacked.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from ftgitops.model import Channel, Model
from ftgitops.notify.events import Event, wanted
from ftgitops.notify.recipients import Customers, Recipient, for_channel, owners


@dataclass
class Delivery:
    """One recipient's events this run; `error` says why sending failed."""

    recipient: Recipient
    events: list[Event]
    error: str | None = None
    sent: bool = False


@dataclass
class Planner:
    """Works out the deliveries of a list of events against HEAD's model at `now`."""

    model: Model
    now: datetime
    already: set[tuple[str, str]] = field(default_factory=set)

    def plan(self, events: Sequence[Event]) -> list[Delivery]:
        found: list[Delivery] = []
        for channel in self.model.platform.notifications:
            if channel.customers:
                found += self._customers(channel, events)
            elif channel.people:
                found += self._people(channel, events)
            else:
                recipient = Recipient(channel.id, channel)
                found += self._delivery(
                    recipient, [e for e in events if for_channel(channel, e, self.model)]
                )
        return found

    def _delivery(self, recipient: Recipient, events: Iterable[Event]) -> list[Delivery]:
        fresh = [e for e in events if (e.key, recipient.key) not in self.already]
        fresh.sort(key=lambda e: (e.at, e.key))
        return [Delivery(recipient, fresh)] if fresh else []

    def _people(self, channel: Channel, events: Sequence[Event]) -> list[Delivery]:
        people = self.model.platform.people
        by_person: dict[str, list[Event]] = {}
        for event in events:
            if event.team and wanted(channel.events, event.name) and event.name == "conflict":
                for person in owners(self.model, event):
                    by_person.setdefault(person, []).append(event)
        found: list[Delivery] = []
        for person, chosen in sorted(by_person.items()):
            recipient = Recipient(f"{channel.id}:{person}", channel, people[person].email)
            found += self._delivery(recipient, chosen)
        return found

    def _customers(self, channel: Channel, events: Sequence[Event]) -> list[Delivery]:
        scope = Customers(self.model, self.now)
        mine = [e for e in events if e.customers and wanted(channel.events, e.name)]
        found: list[Delivery] = []
        for tenant in self.model.tenants.values():
            concerning = [e for e in mine if scope.concern(e, tenant)]
            for subscriber in tenant.subscribers:
                key = f"{channel.id}:{tenant.id}:{subscriber.email}"
                recipient = Recipient(key, channel, subscriber.email, tenant.id)
                found += self._delivery(
                    recipient, [e for e in concerning if scope.takes(subscriber, e)]
                )
        return found
