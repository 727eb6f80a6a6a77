"""What a deploy run should do at `now`: a pure function of the model, the clock and the
drivers at hand.

Due work is a change or release wave that is approved, scheduled or in progress, whose
window is open (start <= now < end; an approved emergency change does not wait for its
start). Each target is decided on its own (`decide`), then held back where order demands it
(UAT before Production for a tenant; no wave while an earlier wave of the release has a
failed target), then each change or wave is summed up: a missed window, or a status to set.
A wave that ended failed keeps holding the later waves until a person skips its failed
targets; the release's own status waits until no wave is left to run (`_release_close`).
The run takes the steps one at a time in the order `ORDER` gives and plans again after each.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from ftgitops.deploy.config import DeployConfig, config_of
from ftgitops.deploy.state import PENDING, TargetState, states_of
from ftgitops.deploy.targets import Target, targets_of
from ftgitops.deploy.verdict import FINE, Verdict, decide, hold, sum_up
from ftgitops.model import ENDED, Change, DeployPolicy, Model, Release

DUE = frozenset({"approved", "scheduled", "in-progress"})
ORDER = ("resolve", "close", "missed", "start", "skip")  # the order steps are taken in
WAITS = ("wait", "upcoming")  # not yet: held, backing off, leased elsewhere; window to come


@dataclass(frozen=True, slots=True)
class Step:
    """One thing to do (or, for `wait` and `upcoming`, not yet): `resolve` an attempt cut
    short, `close` a change, release or wave (set `status`), log a `missed` window, `start`
    an attempt, `skip` an item the run cannot deploy (`failing` when its deploy block is
    wrong)."""

    kind: str
    item: str
    path: str
    target: Target | None = None
    attempt: int = 0
    status: str | None = None
    wave: int | None = None
    reason: str = ""
    failing: bool = False
    blocked: str | None = None  # start: the last blocking re-simulation of this attempt


@dataclass(frozen=True, slots=True)
class Plan:
    """The steps in the order they are taken, and what waits (with why)."""

    now: datetime
    steps: tuple[Step, ...]
    waiting: tuple[Step, ...] = field(default=())

    @property
    def next(self) -> Step | None:
        """The first step to take, or None when nothing is left to do now."""
        return next((s for s in self.steps if s.kind != "skip"), None)

    def items(self) -> set[str]:
        """Every item with a step or a wait: the only ones a later plan in the run can touch."""
        return {s.item for s in (*self.steps, *self.waiting)}


def plan(
    model: Model, now: datetime, drivers: Collection[str], only: Collection[str] | None = None
) -> Plan:
    """The plan at `now`, for every item with a `deploy:` block (or `only` those ids)."""
    policy = model.platform.policies.deploy
    chosen = model.items.values() if only is None else (model.items[i] for i in sorted(only))
    steps: list[Step] = []
    for item in chosen:
        if isinstance(item, Change | Release) and item.deploy and item.status in DUE:
            steps += _item_steps(item, model, now, policy, drivers)
    ranked = sorted(
        (s for s in steps if s.kind not in WAITS),
        key=lambda s: (ORDER.index(s.kind), s.target.window.start if s.target else now, s.item),
    )
    return Plan(now, tuple(ranked), tuple(s for s in steps if s.kind in WAITS))


def _item_steps(
    item: Change | Release,
    model: Model,
    now: datetime,
    policy: DeployPolicy,
    drivers: Collection[str],
) -> list[Step]:
    assert item.deploy is not None
    config = config_of(item.deploy)
    targets = targets_of(item, config.per, model, now.date())
    problem = config.problem() or (
        None if config.driver in drivers else f"the {config.driver} driver is not available yet"
    )
    if problem is None and any(e.action == "started" and e.target is None for e in item.log):
        problem = "started outside ftgitops deploy (a started line without a target): left alone"
    if problem is not None:
        open_now = any(t.window.start <= now < t.window.end for t in targets)
        failing = config.problem() is not None
        skip = Step("skip", item.id, item.path, reason=problem, failing=failing)
        return [skip] if open_now else []
    states = states_of(item.log)
    verdicts = _verdicts(item, targets, states, now, policy, config)
    return list(_steps(item, targets, states, verdicts))


def _verdicts(
    item: Change | Release,
    targets: list[Target],
    states: dict[str, TargetState],
    now: datetime,
    policy: DeployPolicy,
    config: DeployConfig,
) -> dict[str, Verdict]:
    at_once = isinstance(item, Change) and item.type == "emergency" and item.status != "scheduled"
    waves = item.waves if isinstance(item, Release) else ()
    verdicts: dict[str, Verdict] = {}
    for target in targets:
        wave_status = waves[target.wave - 1].status if target.wave else None
        state = states.get(target.label, PENDING)
        verdicts[target.label] = decide(target, state, now, policy, at_once, wave_status)
    return hold(targets, verdicts, states, {n: w.status for n, w in enumerate(waves, start=1)})


def _steps(
    item: Change | Release,
    targets: list[Target],
    states: dict[str, TargetState],
    verdicts: dict[str, Verdict],
) -> Iterator[Step]:
    for target in targets:
        verdict = verdicts[target.label]
        if verdict.kind in ("start", "resolve", "wait", "upcoming"):
            blocked = states.get(target.label, PENDING).blocked
            yield Step(
                verdict.kind,
                item.id,
                item.path,
                target,
                verdict.attempt,
                reason=verdict.reason,
                blocked=blocked,
            )
    yield from _units(item, targets, states, verdicts)


def _units(
    item: Change | Release,
    targets: list[Target],
    states: dict[str, TargetState],
    verdicts: dict[str, Verdict],
) -> Iterator[Step]:
    """Per change or wave: a missed window to log, or the status it has come to."""
    units: dict[str, list[Target]] = {}
    for target in targets:
        units.setdefault(target.unit, []).append(target)
    closing = False
    for unit, members in units.items():
        wave = members[0].wave
        current = item.waves[wave - 1].status if isinstance(item, Release) and wave else item.status
        if current in ENDED:
            continue
        summary = sum_up(
            [(t.label, verdicts[t.label]) for t in members],
            [states.get(t.label, PENDING) for t in members],
        )
        if summary.missed:
            last = states.get(unit, PENDING).missed
            if last is None or last < members[0].window.end:
                reason = summary.reason
                yield Step("missed", item.id, item.path, members[0], wave=wave, reason=reason)
        elif summary.status is not None and summary.status != current:
            closing = True
            reason = summary.reason + _later_held(item, wave, summary.status)
            yield Step("close", item.id, item.path, status=summary.status, wave=wave, reason=reason)
    if isinstance(item, Release) and not closing:
        yield from _release_close(item, units, verdicts, states)


def _later_held(item: Change | Release, wave: int | None, status: str) -> str:
    """`; later waves are held ...` when a wave ends failed with waves still to run."""
    if not isinstance(item, Release) or not wave or status not in ("failed", "rolled-back"):
        return ""
    if all(w.status in ENDED for w in item.waves[wave:]):
        return ""
    return "; later waves are held until its failed targets are marked skipped with a reason"


def _release_close(
    item: Release,
    units: dict[str, list[Target]],
    verdicts: dict[str, Verdict],
    states: dict[str, TargetState],
) -> Iterator[Step]:
    """The release's own status, from its waves', decided once no wave is left to run (every
    wave not cancelled has ended).

    A wave that ended failed does not end the release: it holds the later waves, and a person
    may still resolve its failed targets (a `skipped` line with the reason, the issue's rule)
    the morning after, and the rollout goes on. So the release ends only when nothing is left
    to run: `completed` when every wave completed or had each target that did not succeed
    skipped (the release reached every tenant it was meant to, less those a person chose to
    leave out, with the reason in git); otherwise `failed`, or `rolled-back` when every wave
    left unresolved rolled back. A wave's own status stays what its window came to.
    """
    live = [(n, w) for n, w in enumerate(item.waves, start=1) if w.status != "cancelled"]
    started = any(s.attempts for s in states.values())
    if not live or any(w.status not in ENDED for _, w in live):
        if started and item.status in ("approved", "scheduled"):
            yield Step(
                "close", item.id, item.path, status="in-progress", reason="the first wave started"
            )
        return
    bad = [(n, w.status) for n, w in live if w.status in ("failed", "rolled-back")]
    unresolved = [(n, s) for n, s in bad if not _resolved(units.get(f"wave-{n}", []), verdicts)]
    if unresolved:
        status = "failed" if any(s == "failed" for _, s in unresolved) else "rolled-back"
        which = ", ".join(f"wave {n} ended {s}" for n, s in unresolved)
        reason = f"{which}: not every failed target skipped"
    elif bad:
        which = ", ".join(f"wave {n} {s}" for n, s in bad)
        done = f"{len(live) - len(bad)} of {len(live)} waves completed"
        status, reason = "completed", f"{done}; {which}: every failed target skipped"
    else:
        status, reason = "completed", f"all {len(live)} waves completed"
    if status != item.status:
        yield Step("close", item.id, item.path, status=status, reason=reason)


def _resolved(members: list[Target], verdicts: dict[str, Verdict]) -> bool:
    """Whether every target of a wave that ended failed succeeded or was skipped."""
    return bool(members) and all(verdicts[t.label].kind in FINE for t in members)
