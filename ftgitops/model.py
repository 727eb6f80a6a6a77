"""The loaded repository as typed, immutable records: what every later stage reads.

Times are aware datetimes, `all` is expanded, and each item keeps its file path and its raw
mapping (for the site's generic confidentiality filter). Built by `ftgitops.modelbuild`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

ENVIRONMENTS = ("production", "uat", "training")
ENDED = frozenset({"completed", "failed", "rolled-back", "cancelled"})


@dataclass(frozen=True, slots=True)
class Window:
    """A span of time; `zone` is the zone it was written in (and is shown in)."""

    start: datetime
    end: datetime
    zone: ZoneInfo

    def overlaps(self, other: Window) -> bool:
        """True when the spans share time; back-to-back windows do not overlap."""
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Site:
    id: str
    name: str
    role: str


@dataclass(frozen=True, slots=True)
class Slot:
    """A recurring window in which production downtime is allowed."""

    name: str
    kind: str
    rrule: str
    start: time
    minutes: int


@dataclass(frozen=True, slots=True)
class Region:
    id: str
    name: str
    zone: ZoneInfo
    sites: Mapping[str, Site]
    slots: tuple[Slot, ...]


@dataclass(frozen=True, slots=True)
class Service:
    id: str
    name: str
    description: str
    depends_on: tuple[str, ...]
    public: bool


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    email: str
    github: str | None
    roles: tuple[str, ...]
    regions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Freeze:
    """A blackout: one-off (`window`), by rule (`rrule`, `days`) or a month's last business days."""

    id: str
    name: str
    hard: bool
    regions: tuple[str, ...]
    tenants: tuple[str, ...]
    zone: ZoneInfo
    window: Window | None = None
    rrule: str | None = None
    days: int | None = None
    last_business_days: tuple[int, int] | None = None
    on_freeze: str = "skip"  # a planned maintenance window in it: skip | next


@dataclass(frozen=True, slots=True)
class Channel:
    """A `notifications:` entry: an Apprise URL (secrets as `${NAME}`) and its filters; the
    `customers` entry mails tenants' subscribers, the `people` entry people by address."""

    id: str
    url: str
    events: tuple[str, ...]
    regions: tuple[str, ...]
    services: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    customers: bool = False
    people: bool = False


@dataclass(frozen=True, slots=True)
class DeployPolicy:
    """How `ftgitops deploy` retries: attempts per target, and the wait after a failure."""

    max_attempts: int = 3
    backoff_minutes: int = 10


@dataclass(frozen=True, slots=True)
class UpgradePolicy:
    """How `ftgitops plan release` sizes a wave: tenants upgraded in one upgrade slot."""

    tenants_per_slot: int = 6


@dataclass(frozen=True, slots=True)
class Policies:
    notice_days: int
    decommission_days: int
    approvals: Mapping[str, tuple[str, ...]]
    freezes: tuple[Freeze, ...]
    deploy: DeployPolicy = DeployPolicy()
    upgrade: UpgradePolicy = UpgradePolicy()
    dismiss_stale: bool = True
    reminder_minutes: int = 60  # the last reminder before a customer-visible window


@dataclass(frozen=True, slots=True)
class StandardChange:
    """A pre-approved template: what a standard change that follows it may touch.

    None for `regions` and `environments` means all; `approvals` None means the low level's.
    """

    id: str
    name: str
    services: tuple[str, ...] | None
    category: str | None = None
    regions: tuple[str, ...] | None = None
    environments: tuple[str, ...] | None = None
    downtime: bool = False
    max_minutes: int | None = None
    approvals: tuple[str, ...] | None = None


OCTOPUS_ENVIRONMENTS = {"production": "Production", "uat": "UAT", "training": "Training"}


@dataclass(frozen=True, slots=True)
class OctopusSettings:
    """The Octopus Deploy server of `ftgitops.yaml`'s `octopus:` block (never the API key,
    which comes from the environment only)."""

    url: str | None = None
    space: str = "Default"
    project: str | None = None
    environments: Mapping[str, str] = field(default_factory=lambda: dict(OCTOPUS_ENVIRONMENTS))
    poll_seconds: float = 10.0
    timeout_seconds: float = 30.0


@dataclass(frozen=True, slots=True)
class Platform:
    name: str
    regions: Mapping[str, Region]
    services: Mapping[str, Service]
    roles: Mapping[str, str]
    people: Mapping[str, Person]
    policies: Policies
    notifications: tuple[Channel, ...]
    site_url: str | None = None
    support_email: str | None = None
    path: str = "ftgitops.yaml"
    standard_changes: Mapping[str, StandardChange] = field(default_factory=dict)
    octopus: OctopusSettings = OctopusSettings()


@dataclass(frozen=True, slots=True)
class Environment:
    name: str
    go_live: date
    permanent: bool
    decommissioned: date | None


@dataclass(frozen=True, slots=True)
class Subscriber:
    email: str
    name: str | None
    events: tuple[str, ...]
    services: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Tenant:
    id: str
    name: str
    region: str
    product: str
    upgrade_group: int
    account_manager: str | None
    services: tuple[str, ...]
    environments: Mapping[str, Environment]
    subscribers: tuple[Subscriber, ...]
    path: str
    octopus_tenant: str | None = None  # its name in Octopus, when not `name`

    @property
    def octopus_name(self) -> str:
        return self.octopus_tenant or self.name


@dataclass(frozen=True, slots=True)
class Targets:
    """What a piece of work touches, with every `all` expanded."""

    regions: tuple[str, ...]
    sites: tuple[str, ...]
    services: tuple[str, ...]
    tenants: tuple[str, ...]
    environments: tuple[str, ...]
    shared: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Risk:
    likelihood: int
    impact: int
    treatment: str | None
    controls: tuple[str, ...]

    @property
    def score(self) -> int:
        return self.likelihood * self.impact


@dataclass(frozen=True, slots=True)
class Rollback:
    plan: str
    tested: bool
    max_minutes: int | None


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One line of an item's intervention log; the deployer's lines name the target, the
    attempt and its idempotency key, and a `started` line when its lease lapses."""

    at: datetime
    action: str
    by: str | None
    message: str | None
    target: str | None = None
    attempt: int | None = None
    key: str | None = None
    run: str | None = None
    expires: datetime | None = None
    status: str | None = None


@dataclass(frozen=True, slots=True)
class Update:
    """A timestamped public update on an incident or maintenance window."""

    at: datetime
    status: str | None
    text: str


@dataclass(frozen=True, slots=True)
class Item:
    """What every change-like file has: id, kind, title, status, audience, file."""

    id: str
    kind: str
    title: str
    status: str
    visibility: str
    path: str
    raw: Mapping[str, Any] = field(repr=False, compare=False)

    @property
    def ended(self) -> bool:
        return self.status in ENDED


@dataclass(frozen=True, slots=True)
class Work(Item):
    """What changes and releases share: people, risk, rollback, deployment and the log."""

    owner: str = ""
    implementers: tuple[str, ...] = ()
    risk: Risk | None = None
    rollback: Rollback | None = None
    justification: str | None = None
    freeze_override: str | None = None
    deploy: Mapping[str, Any] | None = None
    problems: tuple[str, ...] = ()
    log: tuple[LogEntry, ...] = ()


@dataclass(frozen=True, slots=True)
class Change(Work):
    category: str = ""
    type: str = "normal"
    window: Window | None = None
    targets: Targets | None = None
    downtime: bool = False
    public_summary: str | None = None
    related: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Wave:
    name: str
    region: str
    groups: tuple[int, ...]
    environments: tuple[str, ...]
    window: Window
    downtime: bool
    status: str


@dataclass(frozen=True, slots=True)
class Release(Work):
    release_type: str = "enhancement"
    version: str = ""
    services: tuple[str, ...] = ()
    notes: Mapping[str, Any] = field(default_factory=dict)
    waves: tuple[Wave, ...] = ()
    fixes_incidents: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Maintenance(Item):
    owner: str = ""
    published: datetime | None = None
    window: Window | None = None
    targets: Targets | None = None
    downtime: bool = True
    public_text: str = ""
    changes: tuple[str, ...] = ()
    updates: tuple[Update, ...] = ()


@dataclass(frozen=True, slots=True)
class Incident(Item):
    severity: str = "sev3"
    security: bool = False
    started: datetime | None = None
    resolved: datetime | None = None
    zone: ZoneInfo | None = None
    targets: Targets | None = None
    impact: str = "degraded"
    owner: str | None = None
    caused_by: str | None = None
    updates: tuple[Update, ...] = ()
    postmortem: str | None = None  # the internal review (confidential)
    public_postmortem: Update | None = None  # what customers are told, from `at` on


AnyItem = Change | Release | Maintenance | Incident


@dataclass(frozen=True, slots=True)
class Model:
    """The whole repository: the platform, tenants by id and items by id, sorted."""

    platform: Platform
    tenants: Mapping[str, Tenant]
    items: Mapping[str, AnyItem]

    def of_kind(self, kind: type[Item]) -> list[Any]:
        """Every item of one record type, in id order."""
        return [item for item in self.items.values() if isinstance(item, kind)]
