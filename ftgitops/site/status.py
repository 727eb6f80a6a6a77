"""Component states at a moment: each service in each region, each region, and overall.

A component is a service in a region. Its state is the worst of the active incidents that
affect it (by their impact) and the maintenance windows and release waves with downtime that
are open at `now` in production. Only declared targets count: a dependency's outage is shown
by its own incident, not inferred.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum

from ftgitops.model import Incident, Maintenance, Model, Release, Wave
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


def compute(model: Model, now: datetime) -> Status:
    """Every component's state at `now`, from the items the model holds."""
    platform = model.platform
    states = {(r, s): State.OPERATIONAL for r in platform.regions for s in platform.services}
    incidents = tuple(i for i in model.of_kind(Incident) if incident_open(i, now))
    notices = tuple(m for m in model.of_kind(Maintenance) if maintenance_open(m, now))
    waves = tuple(
        (release, wave)
        for release in model.of_kind(Release)
        for wave in release.waves
        if wave_open(release, wave, now)
    )
    for notice in notices:
        if notice.targets is not None:
            cells = [(r, s) for r in notice.targets.regions for s in notice.targets.services]
            _raise(states, cells, State.UNDER_MAINTENANCE)
    for release, wave in waves:
        _raise(states, [(wave.region, s) for s in release.services], State.UNDER_MAINTENANCE)
    for incident in incidents:
        if incident.targets is not None:
            cells = [(r, s) for r in incident.targets.regions for s in incident.targets.services]
            _raise(states, cells, IMPACT_STATES.get(incident.impact, State.DEGRADED))
    regions = {
        region: max((states[(region, s)] for s in platform.services), default=State.OPERATIONAL)
        for region in platform.regions
    }
    overall = max(regions.values(), default=State.OPERATIONAL)
    return Status(now, states, regions, overall, incidents, notices, waves)
