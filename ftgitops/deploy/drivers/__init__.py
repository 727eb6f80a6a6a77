"""The driver interface: what the reconciler asks of a way of deploying.

A driver simulates, deploys, verifies and rolls back one target's attempt (`Job`), and
resolves an attempt a crash cut short. The command driver (`command`) runs shell commands;
the Octopus driver comes with its own issue and plugs in here with the same five calls.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import NamedTuple, Protocol

from ftgitops.deploy.config import DeployConfig
from ftgitops.deploy.targets import Target


@dataclass(frozen=True, slots=True)
class Job:
    """One attempt at one target: what every driver call is about.

    `key` is the idempotency key (`item:target:attempt`), `run` the run's id, `root` the
    repository the run works in and `artifacts` the folder for this attempt's full outputs.
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


@dataclass(frozen=True, slots=True)
class StepResult:
    """How one driver call went: `outcome` ok, failed or timed-out; the last lines of its
    output (the whole output is in `artifact`)."""

    action: str
    outcome: str
    start: datetime
    end: datetime
    exit_code: int | None = None
    output: str = ""
    artifact: Path | None = None

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
    asks for none."""

    name: str

    def simulate(self, job: Job) -> StepResult | None: ...

    def deploy(self, job: Job) -> StepResult: ...

    def verify(self, job: Job) -> StepResult | None: ...

    def rollback(self, job: Job) -> StepResult | None: ...

    def resolve_interrupted(self, job: Job) -> Resolution: ...
