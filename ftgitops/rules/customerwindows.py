"""Customer-visible windows: the one answer to "when will customers feel our work?".

Customers feel three kinds of planned work, and every surface that warns them (the status
site's home, maintenance page, feeds, calendar, API and banner, and the notifications) must
list the same ones with the same state:

- a maintenance notice (always: a notice exists to be read);
- a release wave with downtime;
- a change with downtime.

Only published work counts (`rules.publication`), so a draft never reaches a customer. Each
window's state comes from its window, the clock and the recorded outcome, never from the
plan's word alone: a window that ended says so even when nobody edited its status. Seen from
a moment before the record was written (a build or a test with an earlier `--now`), what was
not yet known does not count: updates dated after `now` are ignored, and an outcome counts
only once the window has started.

- `cancelled`: the item (or the release, or the wave) was cancelled;
- `upcoming`: its start is still to come;
- `completed`: an outcome was recorded (completed, failed or rolled back: `outcome` tells
  which), or the window ended with nothing recorded against it (maintenance is done when its
  time is up unless someone says otherwise, as on Statuspage);
- `in-progress`: it is open now;
- `overran`: its planned end has passed while the record still says it is in progress.

Scope: `concerns(window, tenant)` says whether a tenant feels it (its region, its upgrade
group for a wave, its named tenants for a change or notice, a service and an environment it
has). It needs the full model's targets (a tenant edition's filtered copy keeps only its own
tenant in `targets.tenants`, which gives the same answer for that tenant).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from ftgitops.model import Change, Maintenance, Model, Release, Targets, Tenant, Wave, Window
from ftgitops.rules.publication import customer_visible

OUTCOMES = frozenset({"completed", "failed", "rolled-back"})


class WindowState(StrEnum):
    """Where a customer-visible window stands at a moment."""

    UPCOMING = "upcoming"
    IN_PROGRESS = "in-progress"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    OVERRAN = "overran"

    @property
    def label(self) -> str:
        """`In progress`: for readers."""
        return self.value.capitalize().replace("-", " ")


@dataclass(frozen=True, slots=True)
class CustomerWindow:
    """One window customers will feel, with what it touches and where it stands at `now`.

    `key` is stable across edits of everything but the item's id and the wave's name, so it
    can name a calendar event (UID), a feed entry and a sent notification. `tenants` is empty
    when the window is not limited to named tenants; `groups` is empty unless it is a wave.
    """

    key: str
    kind: str  # maintenance | release-wave | change
    item: Maintenance | Release | Change
    wave: Wave | None
    window: Window
    regions: tuple[str, ...]
    services: tuple[str, ...]
    environments: tuple[str, ...]
    groups: tuple[int, ...]
    tenants: tuple[str, ...]
    downtime: bool
    status: str  # the recorded status (the wave's own, else its release's)
    state: WindowState
    ends: datetime  # when it really ended (a completion update), else the planned end

    @property
    def outcome(self) -> str | None:
        """`completed`, `failed` or `rolled-back` once recorded; None before."""
        done = self.state is WindowState.COMPLETED
        return self.status if done and self.status in OUTCOMES else None

    @property
    def production(self) -> bool:
        """Whether production is touched: what the public status page is about."""
        return "production" in self.environments


def state_of(status: str, window: Window, ends: datetime, now: datetime) -> WindowState:
    """The state from the recorded status, the window and the clock (see the module doc)."""
    if status == "cancelled":
        return WindowState.CANCELLED
    if now < window.start:
        return WindowState.UPCOMING
    if status in OUTCOMES:
        return WindowState.COMPLETED
    if now < ends:
        return WindowState.IN_PROGRESS
    return WindowState.OVERRAN if status == "in-progress" else WindowState.COMPLETED


def known_status(status: str, start: datetime, now: datetime) -> str:
    """A recorded status as known at `now`, for pages that show the record rather than a
    window's state (the internal home, the change calendar): an outcome recorded for a window
    that had not started by then was not known yet, so the work still reads as scheduled."""
    return "scheduled" if status in OUTCOMES and now < start else status


def wave_key(release: Release, wave: Wave) -> str:
    """`REL-2026-0001/apac-production-group-1`: the release id and the wave's name (a second
    wave of the same name gets `-2`, and so on, in the order the file lists them)."""
    slug = _slug(wave.name)
    same = [w for w in release.waves if _slug(w.name) == slug]
    rank = next(n for n, w in enumerate(same, start=1) if w is wave)
    return f"{release.id}/{slug}" + (f"-{rank}" if rank > 1 else "")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _maintenance(notice: Maintenance, now: datetime) -> CustomerWindow | None:
    if notice.window is None or notice.targets is None or not customer_visible(notice):
        return None
    told = [u for u in notice.updates if u.at <= now]  # an update dated later is not said yet
    closing = [u.at for u in told if u.status in ("completed", "cancelled")]
    ends = min([*closing, notice.window.end])
    status = notice.status
    if status != "cancelled" and any(u.status == "cancelled" for u in told):
        status = "cancelled"
    named = _named(notice.raw.get("tenants"))
    return _targeted(
        notice, notice.window, notice.targets, named, notice.downtime, status, ends, now
    )


def _waves(release: Release, now: datetime) -> Iterator[CustomerWindow]:
    if not customer_visible(release):
        return
    for wave in release.waves:
        if not wave.downtime or not customer_visible(wave):
            continue
        status = "cancelled" if release.status == "cancelled" else wave.status
        yield CustomerWindow(
            key=wave_key(release, wave),
            kind="release-wave",
            item=release,
            wave=wave,
            window=wave.window,
            regions=(wave.region,),
            services=release.services,
            environments=wave.environments,
            groups=wave.groups,
            tenants=(),
            downtime=True,
            status=status,
            state=state_of(status, wave.window, wave.window.end, now),
            ends=wave.window.end,
        )


def _change(change: Change, now: datetime) -> CustomerWindow | None:
    if not change.downtime or change.window is None or change.targets is None:
        return None
    if not customer_visible(change):
        return None
    named = _named(change.raw["targets"].get("tenants"))
    window = change.window
    return _targeted(change, window, change.targets, named, True, change.status, window.end, now)


def _targeted(
    item: Maintenance | Change,
    window: Window,
    targets: Targets,
    named: bool,
    downtime: bool,
    status: str,
    ends: datetime,
    now: datetime,
) -> CustomerWindow:
    """The window of a notice or a change: its scope is its targets (tenants only when the
    file names them, rather than `all`)."""
    return CustomerWindow(
        key=item.id,
        kind=item.kind,
        item=item,
        wave=None,
        window=window,
        regions=targets.regions,
        services=targets.services,
        environments=targets.environments,
        groups=(),
        tenants=targets.tenants if named else (),
        downtime=downtime,
        status=status,
        state=state_of(status, window, ends, now),
        ends=ends,
    )


def _named(tenants: object) -> bool:
    """Whether a `tenants` value names tenants (a list), rather than `all` or nothing."""
    return isinstance(tenants, list)


def customer_windows(model: Model, now: datetime) -> list[CustomerWindow]:
    """Every customer-visible window in the model, soonest first (then by key)."""
    found: list[CustomerWindow] = []
    for item in model.items.values():
        if isinstance(item, Maintenance):
            notice = _maintenance(item, now)
            found += [notice] if notice else []
        elif isinstance(item, Release):
            found += _waves(item, now)
        elif isinstance(item, Change):
            change = _change(item, now)
            found += [change] if change else []
    return sorted(found, key=lambda w: (w.window.start, w.key))


def concerns(window: CustomerWindow, tenant: Tenant) -> bool:
    """Whether the tenant feels the window: region, group, named tenants, services, and an
    environment the tenant has (not decommissioned before the window starts)."""
    if tenant.region not in window.regions:
        return False
    if window.groups and tenant.upgrade_group not in window.groups:
        return False
    if window.tenants and tenant.id not in window.tenants:
        return False
    if tenant.services and not set(tenant.services) & set(window.services):
        return False
    return any(_has(tenant, env, window.window.start) for env in window.environments)


def _has(tenant: Tenant, environment: str, at: datetime) -> bool:
    if environment == "production":
        return True
    held = tenant.environments.get(environment)
    if held is None:
        return False
    return held.decommissioned is None or held.decommissioned > at.date()
