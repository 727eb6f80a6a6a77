"""The driver interface: what the reconciler asks of a way of deploying.

A driver simulates, deploys, verifies and rolls back one target's attempt (`Job`), and
resolves an attempt a crash cut short. Some systems fan out themselves (one Octopus
deployment reaches many tenants): such a driver gives the jobs it can take together the same
`batch` key, and the reconciler then simulates and deploys them in one call each
(`simulate_batch`, `deploy_batch`), under one lease. The command driver (`command`) runs
shell commands one job at a time; the Octopus driver (`octopus`) batches a wave's tenants of
one environment.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import NamedTuple, Protocol

from ftgitops.deploy.config import DeployConfig
from ftgitops.deploy.targets import Target
from ftgitops.model import OctopusSettings


@dataclass(frozen=True, slots=True)
class Job:
    """One attempt at one target: what every driver call is about.

    `key` is the idempotency key (`item:target:attempt`), `run` the run's id, `root` the
    repository the run works in and `artifacts` the folder for this attempt's full outputs;
    `octopus` the platform's Octopus settings and `names` the covered tenants' Octopus names.
    """

    item: str
    target: Target
    attempt: int
    key: str
    run: str
    config: DeployConfig
    root: Path
    artifacts: Path
    version: str | None = None  # a release's version
    octopus: OctopusSettings = field(default_factory=OctopusSettings)
    names: Mapping[str, str] = field(default_factory=dict)  # tenant id -> its Octopus name


@dataclass(frozen=True, slots=True)
class StepResult:
    """How one driver call went: `outcome` ok, failed or timed-out; the last lines of its
    output (the whole output is in `artifact`); `message` what went wrong, when the driver
    can say it better than an exit code; the Octopus `deployment` and `task` it made."""

    action: str
    outcome: str
    start: datetime
    end: datetime
    exit_code: int | None = None
    output: str = ""
    artifact: Path | None = None
    message: str | None = None
    deployment: str | None = None
    task: str | None = None

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"


class Resolution(NamedTuple):
    """What became of an attempt found without an outcome: `interrupted` (unknown, counted
    as failed), `succeeded`, `failed`, or `running` (leave it be)."""

    outcome: str
    message: str


class Driver(Protocol):
    """A way of deploying. `simulate`, `verify` and `rollback` return None when the item
    asks for none. `batch` is None for a job that goes alone; jobs with the same key may go
    together to `simulate_batch` and `deploy_batch`, which answer per job, in order."""

    name: str

    def batch(self, job: Job) -> Hashable | None: ...

    def simulate(self, job: Job) -> StepResult | None: ...

    def simulate_batch(self, jobs: Sequence[Job]) -> list[StepResult | None]: ...

    def deploy(self, job: Job) -> StepResult: ...

    def deploy_batch(self, jobs: Sequence[Job]) -> list[StepResult]: ...

    def verify(self, job: Job) -> StepResult | None: ...

    def rollback(self, job: Job) -> StepResult | None: ...

    def resolve_interrupted(self, job: Job) -> Resolution: ...
