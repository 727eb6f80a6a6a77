"""The lifecycle against the clock: work whose window is over but whose record says it is to come.

A change, notice or release wave still `approved`, `scheduled` or `in-progress` after its
window ended is a warning (FT309) that says how long ago and what to do: record the outcome.
The site would otherwise go on showing it as upcoming. A pure function of the model and `now`;
the pull-request check adds what a new or edited file may record (`check.recording`).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from ftgitops.findings import Finding, JsonPath
from ftgitops.model import ENDED, AnyItem, Change, Maintenance, Model, Release, Window
from ftgitops.timetext import ago, moment

STILL_TO_COME = frozenset({"approved", "scheduled", "in-progress"})
OUTCOMES = {
    "maintenance": "completed, or cancelled if it did not happen",
    "wave": "completed, failed or rolled-back, or cancelled if it did not run",
    "work": "completed, failed or rolled-back, or cancelled if it did not happen",
}


def span_of(item: AnyItem) -> Window | None:
    """The whole time an item's windows cover (a release: first wave start to last wave end)."""
    if isinstance(item, Release):
        if not item.waves:
            return None
        first = min(item.waves, key=lambda w: w.window.start).window
        last = max(item.waves, key=lambda w: w.window.end).window
        return Window(first.start, last.end, last.zone)
    if isinstance(item, Change | Maintenance):
        return item.window
    return None


def is_emergency(item: AnyItem) -> bool:
    """The emergency path: an emergency change or a hotfix release."""
    if isinstance(item, Change):
        return item.type == "emergency"
    return isinstance(item, Release) and item.release_type == "hotfix"


def recorded_after(item: AnyItem) -> str | None:
    """The written reason an item was recorded after its window ended, if any."""
    reason = item.raw.get("recorded_after")
    return reason if isinstance(reason, str) and reason.strip() else None


def overdue_findings(model: Model, now: datetime) -> list[Finding]:
    """FT309 for every item (and release wave) still to come after its window ended."""
    findings: list[Finding] = []
    for item in model.items.values():
        if isinstance(item, Release):
            findings.extend(_release(item, now))
        elif isinstance(item, Change | Maintenance) and item.window is not None:
            outcomes = OUTCOMES["maintenance" if isinstance(item, Maintenance) else "work"]
            findings.extend(_overdue(item.id, item.status, item.window, now, outcomes, item.path))
    return findings


def _release(release: Release, now: datetime) -> Iterator[Finding]:
    for index, wave in enumerate(release.waves):
        own = (
            isinstance(release.raw["waves"][index], dict)
            and "status" in release.raw["waves"][index]
        )
        at: JsonPath = ("waves", index, "status") if own else ("waves", index)
        label = f"{release.id} wave {index + 1}"
        yield from _overdue(
            label, wave.status, wave.window, now, OUTCOMES["wave"], release.path, at
        )
    if (
        release.status in STILL_TO_COME
        and release.waves
        and all(w.status in ENDED for w in release.waves)
    ):
        message = (
            f"{release.id} is still {release.status}, but every wave has ended: record the "
            f"release's outcome ({OUTCOMES['work']})"
        )
        yield Finding("FT309", message, release.path, ("status",))


def _overdue(
    label: str,
    status: str,
    window: Window,
    now: datetime,
    outcomes: str,
    path: str,
    at: JsonPath = ("status",),
) -> Iterator[Finding]:
    if status not in STILL_TO_COME or window.end > now:
        return
    message = (
        f"{label} is still {status}, but its window ended {ago(now - window.end)} "
        f"({moment(window.end, window.zone)}): record the outcome ({outcomes})"
    )
    yield Finding("FT309", message, path, at)
