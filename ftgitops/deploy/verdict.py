"""Each target's verdict at `now`, the holds that order targets, and a change's or wave's sum.

A verdict is what the target needs now: `start` (an attempt, numbered), `resolve` (an
attempt whose lease lapsed without an outcome), `wait` (with why: a back-off, a hold, a
lease), `upcoming` (its window is still to open), or an end: `done`, `failed` (for good),
`unstarted` (the window closed first), `cancelled` (a cancelled wave) or `skipped` (a person
gave up on it in git, with the reason). Missed windows are never run late, and a retry comes
only from a later run, after the back-off, while the window is open and attempts remain.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from ftgitops.deploy.state import PENDING, Phase, TargetState
from ftgitops.deploy.targets import Target
from ftgitops.model import DeployPolicy
from ftgitops.timetext import local_range, moment, utc_range

ENDS = frozenset({"done", "failed", "unstarted", "cancelled", "skipped"})
FINE = ("done", "skipped")  # ends that hold nothing back
BEFORE_PRODUCTION = {"uat": "UAT", "training": "Training"}
SHOWN = 3  # failed targets a hold names before it counts the rest


@dataclass(frozen=True, slots=True)
class Verdict:
    kind: str
    attempt: int = 0
    reason: str = ""
    rolled_back: bool | None = None


@dataclass(frozen=True, slots=True)
class Summary:
    """Where a change or wave has come to: a status to set (or None), or a missed window."""

    status: str | None
    missed: bool = False
    reason: str = ""


def window_text(target: Target) -> str:
    """`Tue 01 Dec 2026 20:00–23:00 AEDT (01 Dec 09:00–12:00 UTC)`."""
    window = target.window
    local = local_range(window.start, window.end, window.zone)
    return f"{local} ({utc_range(window.start, window.end)})"


def decide(
    target: Target,
    state: TargetState,
    now: datetime,
    policy: DeployPolicy,
    at_once: bool,
    wave_status: str | None,
) -> Verdict:
    """The target's verdict at `now`: a wave that ended ends its targets too, but a target
    that succeeded stays done and one a person skipped stays skipped, so that a failed wave
    holds later waves back only by its targets that did neither."""
    if state.phase is Phase.SKIPPED:
        return Verdict("skipped", state.attempts, f"skipped: {state.skipped}")
    if wave_status in ("failed", "rolled-back") and state.phase is Phase.SUCCEEDED:
        return Verdict("done", state.attempts, f"attempt {state.attempts} succeeded")
    if wave_status in ("completed", "failed", "rolled-back", "cancelled"):
        ended = {"completed": "done", "failed": "failed", "rolled-back": "failed"}
        return Verdict(ended.get(wave_status, "cancelled"), reason=f"the wave is {wave_status}")
    if state.phase is Phase.SUCCEEDED:
        return Verdict("done", state.attempts, f"attempt {state.attempts} succeeded")
    if state.phase is Phase.RUNNING:
        return _running(target, state, now)
    if state.phase is Phase.FAILED:
        return _after_failure(target, state, now, policy)
    if now >= target.window.end:
        return Verdict("unstarted", reason=f"the window {window_text(target)} closed first")
    if not at_once and now < target.window.start:
        opens = moment(target.window.start, target.window.zone)
        return Verdict("upcoming", 1, f"the window opens {opens}")
    return Verdict("start", 1, "the window is open")


def _running(target: Target, state: TargetState, now: datetime) -> Verdict:
    """A run may still be at work until its lease lapses; after that it is resolved."""
    tried = state.attempts
    if state.expires is not None and now < state.expires:
        until = moment(state.expires, target.window.zone)
        return Verdict("wait", tried, f"attempt {tried} is running (lease to {until})")
    return Verdict("resolve", tried, f"attempt {tried} has no outcome")


def _after_failure(
    target: Target, state: TargetState, now: datetime, policy: DeployPolicy
) -> Verdict:
    tried, rolled_back = state.attempts, state.rolled_back
    if tried >= policy.max_attempts:
        reason = f"{tried} of {policy.max_attempts} attempts failed"
        return Verdict("failed", tried, reason, rolled_back)
    if now >= target.window.end:
        reason = f"the window closed after {tried} failed attempt{'s' * (tried > 1)}"
        return Verdict("failed", tried, reason, rolled_back)
    retry = (state.since or now) + timedelta(minutes=policy.backoff_minutes)
    if now < retry:
        when = moment(retry, target.window.zone)
        return Verdict("wait", tried + 1, f"attempt {tried} failed; retry from {when}")
    return Verdict("start", tried + 1, f"retry: attempt {tried} failed")


def hold(
    targets: Sequence[Target],
    verdicts: dict[str, Verdict],
    states: dict[str, TargetState],
    waves: Mapping[int, str | None],
) -> dict[str, Verdict]:
    """The verdicts with starts held back: behind an earlier wave with a failed target (until
    it succeeds or is skipped; `waves` gives each wave's status, to tell a wave that ended
    failed, whose targets only a skip resolves now), and a tenant's Production behind its UAT
    and Training."""
    troubled: dict[int, list[str]] = {}
    for target in targets:
        if target.wave and _troubled(verdicts[target.label], states, target.label):
            troubled.setdefault(target.wave, []).append(target.label)
    uat: dict[str, list[tuple[str, str]]] = {}
    for target in targets:
        for tenant, environment in target.covers:
            if environment in BEFORE_PRODUCTION:
                uat.setdefault(tenant, []).append((target.label, environment))
    held = dict(verdicts)
    for target in targets:
        if verdicts[target.label].kind == "start":
            reason = _held(target, troubled, waves, uat, verdicts)
            if reason:
                held[target.label] = replace(verdicts[target.label], kind="wait", reason=reason)
    return held


def _troubled(verdict: Verdict, states: dict[str, TargetState], label: str) -> bool:
    failing = states.get(label, PENDING).phase is Phase.FAILED
    return verdict.kind in ("failed", "unstarted") or failing


def _held(
    target: Target,
    troubled: dict[int, list[str]],
    waves: Mapping[int, str | None],
    uat: dict[str, list[tuple[str, str]]],
    verdicts: dict[str, Verdict],
) -> str | None:
    earlier = [wave for wave in sorted(troubled) if target.wave and wave < target.wave]
    if earlier:
        return _held_by(earlier[0], waves.get(earlier[0]), troubled[earlier[0]])
    tenants = sorted(tenant for tenant, env in target.covers if env == "production")
    waiting = {
        (label, environment)
        for tenant in tenants
        for label, environment in uat.get(tenant, ())
        if label != target.label and verdicts[label].kind not in FINE
    }
    if not waiting:
        return None
    names = " and ".join(
        BEFORE_PRODUCTION[e] for e in BEFORE_PRODUCTION if (e in {w[1] for w in waiting})
    )
    return f"held: {names} first ({', '.join(sorted({w[0] for w in waiting}))})"


def _held_by(wave: int, status: str | None, labels: Sequence[str]) -> str:
    """Why a later wave waits: while the earlier wave's window is open a retry may still
    succeed; once the wave ended failed, only a person can let the rollout go on."""
    if status not in ("failed", "rolled-back"):
        return f"held: wave {wave} has a failed target"
    shown = ", ".join(labels[:SHOWN])
    if len(labels) > SHOWN:
        shown += f" and {len(labels) - SHOWN} more"
    them = "it" if len(labels) == 1 else "them"
    ended = "rolled back" if status == "rolled-back" else status
    return (
        f"held: wave {wave} {ended} for {shown}: mark {them} skipped with a reason to go on"
        f" (a new wave can deploy {them} later)"
    )


def sum_up(members: Sequence[tuple[str, Verdict]], states: Sequence[TargetState]) -> Summary:
    """A change's or wave's status from its targets' verdicts, by target label."""
    live = [(label, v) for label, v in members if v.kind != "cancelled"]
    if not live:
        return Summary(None)
    if any(v.kind not in ENDS for _, v in live):
        started = any(s.attempts for s in states)
        return Summary("in-progress" if started else None, reason="work started")
    if all(v.kind == "unstarted" for _, v in live):
        return Summary(None, missed=True, reason=live[0][1].reason)
    done = sum(v.kind == "done" for _, v in live)
    skipped = sum(v.kind == "skipped" for _, v in live)
    if done + skipped == len(live):
        also = f", {skipped} skipped" if skipped else ""
        return Summary("completed", reason=f"{done} of {len(live)} targets succeeded{also}")
    failed = [v for _, v in live if v.kind == "failed"]
    rolled_back = not done and len(failed) == len(live) and all(v.rolled_back for v in failed)
    named = len(live) > 1
    reasons = [
        f"{label}: {v.reason}" if named else v.reason for label, v in live if v.kind not in FINE
    ]
    reason = f"{done} of {len(live)} targets succeeded; " + "; ".join(reasons)
    return Summary("rolled-back" if rolled_back else "failed", reason=reason)
