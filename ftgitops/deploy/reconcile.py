"""The deploy run: catch up with main, then take the plan's steps one at a time, planning
again after each, until nothing is left to do now.

A start is re-simulated first (main fetched; the item's validation, conflicts and policy on
it; the driver's own simulation): if anything blocks, `simulated` is logged with the reason
and nothing runs. Otherwise the lease, a `started` entry with the attempt's key, is pushed
before the driver is called; a refused push means another run holds the target, and the run
plans again. What the driver did is then recorded and pushed, whatever it takes. Each target
gets at most one attempt per run: a retry waits for a later run.

A driver that fans out itself (Octopus) takes the starts it can batch together (one wave's
tenants in one environment) in one call: they are re-simulated together, leased in one
commit, deployed in one call and recorded in one commit, each with its own lines.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from ftgitops.deploy.checkpoint import checkpoint
from ftgitops.deploy.config import config_of
from ftgitops.deploy.current import Current
from ftgitops.deploy.drivers import Driver, Job, StepResult
from ftgitops.deploy.outcome import Event, Outcome
from ftgitops.deploy.plan import Plan, Step, plan
from ftgitops.deploy.record import Record, entry, failure_text, job_entry, key_of, step_entry
from ftgitops.deploy.runclock import RunClock
from ftgitops.deploy.session import Session
from ftgitops.deploy.state import PENDING, states_of
from ftgitops.model import Change, Model, Release

MAX_TAKES = 3  # how often one step may come up in a run (lost races), before it is left
MAX_RELOADS = 100  # how often a run follows main moving on under it before it stops doing so
RESOLVED = {"interrupted": "unknown", "succeeded": "ok", "failed": "failed"}  # the line's outcome


class Reconciler:
    """One run over one clone; `drivers` by name, `artifacts` where outputs are kept."""

    def __init__(
        self,
        session: Session,
        clock: RunClock,
        drivers: Mapping[str, Driver],
        artifacts: Path,
        run: str,
    ) -> None:
        self.session = session
        self.root = session.root
        self.clock = clock
        self.drivers = drivers
        self.artifacts = artifacts
        self.outcome = Outcome(run, clock.start)
        self.current = Current(self.root)
        self.only: set[str] | None = None
        self.finished: set[tuple[str, str]] = set()  # (item, target) attempted in this run
        self.takes: Counter[tuple[Any, ...]] = Counter()
        self.skipped: set[str] = set()
        self.reloads = 0
        self.latest: Plan | None = None

    def run(self) -> Outcome:
        """Sync, then take steps until none is left; what happened, and what waits."""
        self.session.sync()
        self._load()
        while (step := self._next()) is not None:
            self._take(step)
        final = plan(self.model, self.clock.now(), self.drivers, self.only)
        self.outcome.waiting = final.waiting
        return self.outcome

    def _next(self) -> Step | None:
        current: Plan = plan(self.model, self.clock.now(), self.drivers, self.only)
        self.latest = current
        if self.only is None:
            self.only = current.items()
        for step in current.steps:
            if step.kind == "skip":
                self._skip(step)
                continue
            label = step.target.label if step.target else None
            if step.kind == "start" and (step.item, label) in self.finished:
                continue
            key = _key(step)
            if self.takes[key] < MAX_TAKES:
                self.takes[key] += 1
                return step
        return None

    def _take(self, step: Step) -> None:
        takers: dict[str, Callable[[Step], None]] = {
            "resolve": self._resolve,
            "close": self._close,
            "missed": self._missed,
            "start": self._start,
        }
        takers[step.kind](step)

    # The steps.

    def _close(self, step: Step) -> None:
        item, now, label = self.model.items[step.item], self.clock.now(), _unit(step.wave)
        status = step.status or ""
        line = entry("status", now, target=label, status=status, run=self.outcome.run)
        record = Record(item.path, [{**line, "message": step.reason}])
        if step.wave:
            record.waves[step.wave] = status
        else:
            record.status = status
        where = f"{item.id} {label}" if label else item.id
        if self._claim(record, f"ftgitops deploy: {where} {status}"):
            failing = status in ("failed", "rolled-back")
            self._event(step.item, label, 0, "status", f"{status} ({step.reason})", failing)

    def _missed(self, step: Step) -> None:
        assert step.target is not None
        item, unit = self.model.items[step.item], step.target.unit
        line = entry("missed", self.clock.now(), target=unit, run=self.outcome.run)
        record = Record(item.path, [{**line, "message": step.reason}])
        if self._claim(record, f"ftgitops deploy: {item.id} {unit} missed its window"):
            self._event(step.item, unit, 0, "missed", step.reason, failing=True)

    def _resolve(self, step: Step) -> None:
        job = self._job(step)
        resolution = self._driver(job).resolve_interrupted(job)
        if resolution.outcome == "running":
            self.finished.add((job.item, job.target.label))
            return
        outcome = RESOLVED[resolution.outcome]
        line = job_entry(
            resolution.outcome, self.clock.now(), job, outcome=outcome, message=resolution.message
        )
        message = f"ftgitops deploy: {job.key} {resolution.outcome}"
        if not self._claim(Record(self._path(job), [line]), message):
            return
        failing = resolution.outcome != "succeeded"
        self._event(
            job.item, job.target.label, job.attempt, line["action"], resolution.message, failing
        )
        if failing:
            lines = self._roll_back(job)
            if lines:
                self._keep(Record(self._path(job), lines), f"ftgitops deploy: {job.key} rollback")

    def _start(self, step: Step) -> None:
        if self.session.moved() and self.reloads < MAX_RELOADS:
            self.reloads += 1
            self.takes[_key(step)] -= 1  # not a try: main moved on, so plan again on it
            self._load()
            return
        pairs = self._untaken(self._batch(step))
        if not pairs:
            return
        jobs = self._cleared(pairs)
        if not jobs:
            return
        if not self._claim(self._lease(jobs), f"ftgitops deploy: {_keys(jobs)} started"):
            return  # another run holds the target: plan again
        for job in jobs:
            self.finished.add((job.item, job.target.label))
            said = _left_out(job)
            self._event(job.item, job.target.label, job.attempt, "started", f"lease pushed{said}")
        checkpoint("after-lease", self.session.environ)
        lines = self._attempt(jobs)
        ends = [line["action"] for line in lines if line["action"] in ("succeeded", "failed")]
        outcome = _tally(ends) if len(jobs) > 1 else (lines[-1]["action"] if lines else "recorded")
        self._keep(Record(self._path(jobs[0]), lines), f"ftgitops deploy: {_keys(jobs)} {outcome}")

    # Their parts.

    def _batch(self, step: Step) -> list[tuple[Step, Job]]:
        """The step's job, and the other starts of the plan its driver takes in the same call."""
        first = self._job(step)
        driver = self._driver(first)
        key = driver.batch(first)
        found = [(step, first)]
        if key is None or self.latest is None:
            return found
        for other in self.latest.steps:
            if other is step or other.kind != "start" or other.item != step.item:
                continue
            if other.target is None or (other.item, other.target.label) in self.finished:
                continue
            job = self._job(other)
            if self._driver(job) is driver and driver.batch(job) == key:
                self.takes[_key(other)] += 1
                found.append((other, job))
        return found

    def _untaken(self, pairs: list[tuple[Step, Job]]) -> list[tuple[Step, Job]]:
        """The jobs the file as it is now does not hold yet (a guard: the plan was made on it,
        but a lease is never written twice)."""
        self._refresh(self._path(pairs[0][1]))
        item = self.model.items[pairs[0][1].item]
        assert isinstance(item, Change | Release)
        states = states_of(item.log)
        return [
            (step, job)
            for step, job in pairs
            if states.get(job.target.label, PENDING).attempts < job.attempt
        ]

    def _cleared(self, pairs: list[tuple[Step, Job]]) -> list[Job]:
        """The jobs nothing blocks; the others are logged `simulated` (once per reason) in one
        commit. The item's own re-check first, then the driver's simulation."""
        item = self.model.items[pairs[0][1].item]
        assert isinstance(item, Change | Release)
        blocked: list[tuple[Step, Job, str, StepResult | None]] = []
        checked: list[tuple[Step, Job]] = []
        for step, job in pairs:
            reasons = self.current.simulation.blockers(item, job.target)
            if reasons:
                blocked.append((step, job, "; ".join(reasons), None))
            else:
                checked.append((step, job))
        results = self._driver(pairs[0][1]).simulate_batch([job for _, job in checked])
        cleared = []
        for (step, job), simulated in zip(checked, results, strict=True):
            if simulated is not None and not simulated.ok:
                reason = f"the simulation failed: {failure_text(job, simulated)}"
                blocked.append((step, job, reason, simulated))
            else:
                cleared.append(job)
        return cleared if self._blocked(blocked) else []

    def _blocked(self, blocked: list[tuple[Step, Job, str, StepResult | None]]) -> bool:
        """Log the blocked starts; False when another run pushed first (start nothing then)."""
        lines = []
        for step, job, reason, result in blocked:
            self.finished.add((job.item, job.target.label))
            self._event(job.item, job.target.label, job.attempt, "simulated", reason, failing=True)
            if reason == step.blocked:
                continue  # logged already, by an earlier run
            output = result.output if result is not None else None
            lines.append(
                job_entry(
                    "simulated",
                    self.clock.now(),
                    job,
                    outcome="blocked",
                    output=output or None,
                    message=reason,
                )
            )
        if not lines:
            return True
        jobs = [job for _, job, _, _ in blocked]
        message = f"ftgitops deploy: {_keys(jobs)} blocked"
        return self._claim(Record(self._path(jobs[0]), lines), message)

    def _lease(self, jobs: list[Job]) -> Record:
        """The `started` entries, and the status moved to in-progress where it is not yet."""
        now, item = self.clock.now(), self.model.items[jobs[0].item]
        message = "re-simulated, nothing blocks"
        record = Record(
            item.path,
            [
                job_entry(
                    "started",
                    now,
                    job,
                    expires=now + job.config.lease,
                    message=message + _left_out(job),
                )
                for job in jobs
            ],
        )
        job = jobs[0]
        moved = f"{job.target.label} attempt {job.attempt} started"
        if item.status in ("approved", "scheduled"):
            record.status = "in-progress"
            record.entries.append(
                entry("status", now, status="in-progress", run=job.run, message=moved)
            )
        wave = job.target.wave
        if isinstance(item, Release) and wave and item.raw["waves"][wave - 1].get("status") is None:
            record.waves[wave] = "in-progress"
        return record

    def _attempt(self, jobs: list[Job]) -> list[dict[str, Any]]:
        """Deploy (all in one call where the driver batches), then per job verify; on failure
        roll back. The log lines of it all."""
        results = self._driver(jobs[0]).deploy_batch(jobs)
        lines: list[dict[str, Any]] = []
        for job, result in zip(jobs, results, strict=True):
            lines += self._after(job, result)
        return lines

    def _after(self, job: Job, deployed: StepResult) -> list[dict[str, Any]]:
        driver = self._driver(job)
        done = [deployed]
        if deployed.ok:
            verified = driver.verify(job)
            done += [verified] if verified is not None else []
        lines = [step_entry(job, result) for result in done]
        failed = next((result for result in done if not result.ok), None)
        label, attempt = job.target.label, job.attempt
        if failed is None:
            lines.append(job_entry("succeeded", self.clock.now(), job))
            said = "deployed and verified" if len(done) > 1 else "deployed"
            self._event(job.item, label, attempt, "succeeded", said)
            return lines
        self._event(job.item, label, attempt, "failed", failure_text(job, failed), failing=True)
        return lines + self._roll_back(job)

    def _roll_back(self, job: Job) -> list[dict[str, Any]]:
        result = self._driver(job).rollback(job)
        if result is None:
            return []
        line = step_entry(job, result)
        self._event(job.item, job.target.label, job.attempt, line["action"], "", not result.ok)
        return [line]

    def _claim(self, record: Record, message: str) -> bool:
        if self.session.claim(record, message):
            self._refresh(record.path)
            return True
        self._load()
        return False

    def _keep(self, record: Record, message: str) -> None:
        adopted = self.session.adopted
        self.session.keep(record, message)
        if self.session.adopted != adopted:
            self._load()  # the push went in on top of others' commits: read them all
        else:
            self._refresh(record.path)

    # The model the plan reads.

    @property
    def model(self) -> Model:
        return self.current.model

    def _load(self) -> None:
        self.current.load(self.clock.now())
        self.only = None

    def _refresh(self, path: str) -> None:
        self.current.refresh(path, self.clock.now())

    def _job(self, step: Step) -> Job:
        item = self.model.items[step.item]
        assert isinstance(item, Change | Release) and item.deploy and step.target
        target, attempt = step.target, step.attempt
        folder = self.artifacts / item.id / target.label.replace("/", "_") / f"attempt-{attempt}"
        version = item.version if isinstance(item, Release) else None
        key = key_of(item.id, target.label, attempt)
        config = config_of(item.deploy)
        tenants = self.model.tenants
        names = {t: tenants[t].octopus_name for t, _ in target.covers if t in tenants}
        octopus = self.model.platform.octopus
        return Job(
            item.id,
            target,
            attempt,
            key,
            self.outcome.run,
            config,
            self.root,
            folder,
            version,
            octopus,
            names,
        )

    def _driver(self, job: Job) -> Driver:
        return self.drivers[job.config.driver]

    def _path(self, job: Job) -> str:
        return self.model.items[job.item].path

    def _skip(self, step: Step) -> None:
        if step.item not in self.skipped:
            self.skipped.add(step.item)
            self._event(step.item, None, 0, "skipped", step.reason, step.failing)

    def _event(
        self,
        item: str,
        target: str | None,
        attempt: int,
        action: str,
        message: str,
        failing: bool = False,
    ) -> None:
        self.outcome.events.append(Event(item, target, attempt, action, message, failing))


def _unit(wave: int | None) -> str | None:
    return f"wave-{wave}" if wave else None


def _key(step: Step) -> tuple[Any, ...]:
    label = step.target.label if step.target else None
    return (step.kind, step.item, label, step.attempt, step.wave, step.status)


def _keys(jobs: list[Job]) -> str:
    """`CHG-2026-0001:all:1`, or for a batch the first key and how many more."""
    more = f" and {len(jobs) - 1} more" if len(jobs) > 1 else ""
    return jobs[0].key + more


def _tally(ends: list[str]) -> str:
    """`2 succeeded, 1 failed`."""
    counts = Counter(ends)
    return ", ".join(f"{counts[end]} {end}" for end in ("succeeded", "failed") if counts[end])


def _left_out(job: Job) -> str:
    """`; left out: albion/training (decommissioned on 2026-10-14)`, or nothing."""
    gone = job.target.left_out
    return f"; left out: {', '.join(gone)}" if gone else ""
