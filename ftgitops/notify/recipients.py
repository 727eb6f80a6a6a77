"""Who gets which event: the channels by their filters, each tenant's subscribers by what
concerns that tenant (and their own filters), and people by address for conflict alerts.

A recipient is keyed as the ledger records it: the channel id; `<channel>:<tenant>:<email>`
for a subscriber; `<channel>:<person>` for a person.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from ftgitops.model import AnyItem, Channel, Incident, Model, Release, Subscriber, Tenant
from ftgitops.notify.channels import addressed
from ftgitops.notify.events import Event, wanted
from ftgitops.rules.customerwindows import CustomerWindow, concerns, customer_windows
from ftgitops.site.audience import Audience
from ftgitops.site.filter import sees


@dataclass(frozen=True, slots=True)
class Recipient:
    """One addressee: its ledger key, the channel that reaches it, the address an e-mail
    entry is sent to, and for a subscriber the tenant whose view its messages are made from."""

    key: str
    channel: Channel
    email: str | None = None
    tenant: str | None = None

    @property
    def customer(self) -> bool:
        return self.tenant is not None

    def url(self, filled: str) -> str:
        """The channel's filled URL, addressed to this recipient alone where it has one."""
        return addressed(filled, self.email) if self.email else filled


def item_of(model: Model, event: Event) -> AnyItem | None:
    """The item an event is about (a wave's release), if HEAD still has it."""
    return model.items.get(event.item.split("/", 1)[0])


def _regions(item: AnyItem) -> set[str]:
    if isinstance(item, Release):
        return {wave.region for wave in item.waves}
    targets = getattr(item, "targets", None)
    return set(targets.regions) if targets else set()


def _services(item: AnyItem) -> set[str]:
    if isinstance(item, Release):
        return set(item.services)
    targets = getattr(item, "targets", None)
    return set(targets.services) if targets else set()


def _people(item: AnyItem) -> list[str]:
    owner = getattr(item, "owner", None)
    return [p for p in (owner, *getattr(item, "implementers", ())) if p]


def for_channel(channel: Channel, event: Event, model: Model) -> bool:
    """Whether a team channel takes the event: its events, regions, services and roles."""
    item = item_of(model, event)
    if item is None or not event.team or not wanted(channel.events, event.name):
        return False
    if channel.regions and not _regions(item) & set(channel.regions):
        return False
    if channel.services and not _services(item) & set(channel.services):
        return False
    if channel.roles:
        people = model.platform.people
        roles = {r for p in _people(item) if p in people for r in people[p].roles}
        return bool(roles & set(channel.roles))
    return True


def owners(model: Model, event: Event) -> list[str]:
    """The owners of a conflict's items (both sides), each once."""
    found = [getattr(model.items.get(i or ""), "owner", None) for i in (event.item, event.other)]
    return list(dict.fromkeys(p for p in found if p and p in model.platform.people))


class Customers:
    """Which customer events reach which tenant: the scope of windows at `now` and of
    incidents, each tenant judged on its own."""

    def __init__(self, model: Model, now: datetime) -> None:
        self.model = model
        self.windows: Mapping[str, CustomerWindow] = {
            w.key: w for w in customer_windows(model, now)
        }

    def concern(self, event: Event, tenant: Tenant) -> bool:
        """Whether the event is about something the tenant feels, and may see."""
        item = item_of(self.model, event)
        if not event.customers or item is None:
            return False
        if isinstance(item, Incident):
            return sees(item, Audience("tenant", tenant.id), self.model)
        window = self.windows.get(event.window or "")
        return window is not None and concerns(window, tenant)

    def takes(self, subscriber: Subscriber, event: Event) -> bool:
        """The subscriber's own filters: kinds of item (`events`) and services."""
        item = item_of(self.model, event)
        assert item is not None
        kind = "release" if isinstance(item, Release) else item.kind
        if subscriber.events and kind not in subscriber.events:
            return False
        return not subscriber.services or bool(_services(item) & set(subscriber.services))
