"""Component states at a moment: each service in each region, each region, and overall.

A component is a service in a region. Its state is the worst of the active incidents that
affect it (by their impact) and the customer-visible windows (`rules.customerwindows`: the
same ones every surface lists) open at `now` in production: maintenance notices, release waves
and changes with downtime. Only declared targets count: a dependency's outage is shown by its
own incident, not inferred. Each component also knows when its state last changed (`changed`),
from the items' own times, never the build time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import IntEnum

from ftgitops.model import Incident, Maintenance, Model, Release, Wave
from ftgitops.rules.customerwindows import CustomerWindow, WindowState
from ftgitops.rules.publication import customer_visible

MAINTENANCE_OVER = frozenset({"completed", "cancelled"})


class State(IntEnum):
    """Component states, least to most severe."""

    OPERATIONAL = 0
    UNDER_MAINTENANCE = 1
    DEGRADED = 2
    PARTIAL_OUTAGE = 3
    MAJOR_OUTAGE = 4

    @property
    def slug(self) -> str:
        """`partial-outage`: for `data-state` and CSS classes."""
        return self.name.lower().replace("_", "-")

    @property
    def label(self) -> str:
        """`Partial outage`: for readers."""
        return self.name.capitalize().replace("_", " ")


IMPACT_STATES = {
    "degraded": State.DEGRADED,
    "partial-outage": State.PARTIAL_OUTAGE,
    "major-outage": State.MAJOR_OUTAGE,
}

Component = tuple[str, str]
OPEN_STATES = frozenset({WindowState.IN_PROGRESS, WindowState.OVERRAN})
INSTANT = timedelta(microseconds=1)


@dataclass(frozen=True, slots=True)
class Span:
    """A time a component was in a state because of one item (`end` None: still open)."""

    start: datetime
    end: datetime | None
    state: State

    def holds(self, at: datetime) -> bool:
        return self.start <= at and (self.end is None or at < self.end)


@dataclass(frozen=True, slots=True)
class Status:
    """The states at `now`, and the incidents and windows open then."""

    now: datetime
    components: dict[Component, State]
    regions: dict[str, State]
    overall: State
    incidents: tuple[Incident, ...]
    maintenance: tuple[Maintenance, ...]
    waves: tuple[tuple[Release, Wave], ...]
    # The customer-visible windows open at `now` in production, soonest first.
    windows: tuple[CustomerWindow, ...] = ()
    # When each component's state last changed (None: never, as far as the items tell).
    changed: dict[Component, datetime | None] = field(default_factory=dict)


def incident_open(incident: Incident, now: datetime) -> bool:
    """Started and not yet resolved at `now`."""
    if incident.started is None or incident.started > now:
        return False
    return incident.resolved is None or now < incident.resolved


def maintenance_end(notice: Maintenance) -> datetime | None:
    """When the window really closed: its first completed update, else its planned end."""
    closing = [u.at for u in notice.updates if u.status in MAINTENANCE_OVER]
    planned = notice.window.end if notice.window else None
    return min(closing) if closing else planned


def maintenance_open(notice: Maintenance, now: datetime) -> bool:
    """Published, in its window at `now`, not cancelled or completed early, in production."""
    if notice.window is None or notice.status == "cancelled" or not customer_visible(notice):
        return False
    end = maintenance_end(notice)
    in_production = notice.targets is None or "production" in notice.targets.environments
    return in_production and notice.window.start <= now and end is not None and now < end


def wave_open(release: Release, wave: Wave, now: datetime) -> bool:
    """A published production wave with downtime in its window at `now`."""
    if release.status == "cancelled" or wave.status in ("cancelled", "completed"):
        return False
    if not (customer_visible(release) and customer_visible(wave)):
        return False
    in_window = wave.window.start <= now < wave.window.end
    return in_window and wave.downtime and "production" in wave.environments


def _raise(states: dict[Component, State], cells: Iterable[Component], state: State) -> None:
    for cell in cells:
        if cell in states and states[cell] < state:
            states[cell] = state


def window_span(window: CustomerWindow, now: datetime) -> Span | None:
    """When a production window held its components under maintenance; None if it never did
    (cancelled, or not in production). One that overran is still open; one whose outcome was
    recorded inside its planned time closed at its last log entry (else it is taken as never
    open, rather than closed at the build time)."""
    if window.state is WindowState.CANCELLED or not window.production:
        return None
    if window.state is WindowState.OVERRAN:
        return Span(window.window.start, None, State.UNDER_MAINTENANCE)
    end = window.ends
    if window.state is WindowState.COMPLETED and end > now:
        logged = [e.at for e in getattr(window.item, "log", ()) if e.at <= now]
        end = max([window.window.start, *logged])
    return Span(window.window.start, end, State.UNDER_MAINTENANCE)


def incident_span(incident: Incident, now: datetime) -> Span | None:
    """From start to resolution, at its impact's state; None before it started."""
    if incident.started is None or incident.started > now:
        return None
    end = incident.resolved if incident.resolved and incident.resolved <= now else None
    return Span(incident.started, end, IMPACT_STATES.get(incident.impact, State.DEGRADED))


def state_at(spans: Sequence[Span], at: datetime) -> State:
    return max((s.state for s in spans if s.holds(at)), default=State.OPERATIONAL)


def last_change(spans: Sequence[Span], now: datetime) -> datetime | None:
    """The latest span boundary up to `now` at which the state really changed."""
    bounds = sorted({b for s in spans for b in (s.start, s.end) if b and b <= now}, reverse=True)
    return next((b for b in bounds if state_at(spans, b) != state_at(spans, b - INSTANT)), None)


def _spread(
    found: dict[Component, list[Span]],
    span: Span | None,
    regions: Iterable[str],
    services: Iterable[str],
) -> None:
    if span is None:
        return
    for cell in ((r, s) for r in regions for s in services):
        if cell in found:
            found[cell].append(span)


def compute(model: Model, now: datetime, windows: Sequence[CustomerWindow] = ()) -> Status:
    """Every component's state at `now` and when it last changed, from the model's incidents
    and the audience's customer-visible windows."""
    platform = model.platform
    spans: dict[Component, list[Span]] = {
        (r, s): [] for r in platform.regions for s in platform.services
    }
    for window in windows:
        _spread(spans, window_span(window, now), window.regions, window.services)
    for incident in model.of_kind(Incident):
        if incident.targets is not None:
            targets = incident.targets
            _spread(spans, incident_span(incident, now), targets.regions, targets.services)
    states = {cell: state_at(found, now) for cell, found in spans.items()}
    regions = {
        region: max((states[(region, s)] for s in platform.services), default=State.OPERATIONAL)
        for region in platform.regions
    }
    overall = max(regions.values(), default=State.OPERATIONAL)
    incidents = tuple(i for i in model.of_kind(Incident) if incident_open(i, now))
    opened = tuple(w for w in windows if w.production and w.state in OPEN_STATES)
    notices = tuple(w.item for w in opened if isinstance(w.item, Maintenance))
    waves = tuple(
        (w.item, w.wave) for w in opened if isinstance(w.item, Release) and w.wave is not None
    )
    changed = {cell: last_change(found, now) for cell, found in spans.items()}
    return Status(now, states, regions, overall, incidents, notices, waves, opened, changed)
