"""Where each target stands, read from the item's log: the log is the only state there is.

A target's attempts are numbered from 1; each begins with a `started` entry (the lease) and
ends with `succeeded`, `failed` or `interrupted`, perhaps followed by `rolled-back` or
`rollback-failed`. An attempt without an end is running, or was cut short: its lease says
which. A person may end a target for good with a `skipped` line and the reason (`message`;
without one the line does not count): it then holds nothing back. Other lines a person
wrote, and lines about other attempts, do not move a target.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from ftgitops.model import LogEntry


class Phase(StrEnum):
    """Where a target's latest attempt is."""

    PENDING = "pending"  # never started
    RUNNING = "running"  # started, no outcome yet
    SUCCEEDED = "succeeded"
    FAILED = "failed"  # failed or interrupted; a later run may retry
    SKIPPED = "skipped"  # a person gave up on it, with a reason, in git


@dataclass(frozen=True, slots=True)
class TargetState:
    """A target's latest attempt; `since` is the time of its latest line (a retry waits for
    the back-off from there), `expires` a running attempt's lease."""

    attempts: int = 0
    phase: Phase = Phase.PENDING
    since: datetime | None = None
    expires: datetime | None = None
    rolled_back: bool | None = None
    blocked: str | None = None  # the latest re-simulation that blocked, since the last attempt
    missed: datetime | None = None  # when a missed window was last logged for it
    skipped: str | None = None  # why a person skipped it


PENDING = TargetState()
ENDS = {"succeeded": Phase.SUCCEEDED, "failed": Phase.FAILED, "interrupted": Phase.FAILED}


def states_of(log: Iterable[LogEntry]) -> dict[str, TargetState]:
    """Each target's state by label (targets without a line are `PENDING`)."""
    states: dict[str, TargetState] = {}
    for entry in log:
        if entry.target is not None:
            before = states.get(entry.target, PENDING)
            states[entry.target] = _step(before, entry)
    return states


def _step(state: TargetState, entry: LogEntry) -> TargetState:
    action, at = entry.action, entry.at
    if action == "missed":
        return replace(state, missed=at)
    if action == "simulated":
        return replace(state, blocked=entry.message or "")
    if action == "skipped" and entry.message:  # without a reason it does not count
        skipped = entry.message
        return replace(state, phase=Phase.SKIPPED, since=at, expires=None, skipped=skipped)
    if state.phase is Phase.SKIPPED:
        return state
    if entry.attempt is None or entry.attempt < state.attempts:
        return state
    if action == "started":
        return TargetState(entry.attempt, Phase.RUNNING, at, entry.expires, missed=state.missed)
    if entry.attempt != state.attempts:
        return state
    if action in ENDS:
        return replace(state, phase=ENDS[action], since=at, expires=None)
    if action in ("rolled-back", "rollback-failed"):
        return replace(state, since=at, rolled_back=action == "rolled-back")
    return replace(state, since=at) if action in ("deployed", "verified") else state
