"""The record in git: the log lines the deployer writes, and the edit that puts them (and a
status) into an item's file.

Every line names its target, attempt, idempotency key (`item:target:attempt`) and run; a
step's line has its start, end, outcome, exit code and the last lines of its output. A
`Record` is what one commit writes into one file; applying it twice adds nothing the second
time, so a record can be re-applied onto a newer version of the file when a push is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from ftgitops.deploy.drivers import Job, StepResult
from ftgitops.yamledit import append, edit_file, set_value

BY = "ftgitops"
STEP_ACTIONS = {"deploy": "deployed", "verify": "verified", "rollback": "rolled-back"}
IDENTITY = ("action", "target", "attempt", "run", "status")  # what makes a line the same line


def key_of(item: str, target: str, attempt: int) -> str:
    """The idempotency key of an attempt: `CHG-2026-0042:all:1`."""
    return f"{item}:{target}:{attempt}"


def entry(action: str, at: datetime, **fields: Any) -> dict[str, Any]:
    """A log line: `at`, `action`, `by`, then the given fields that are not None, in order."""
    line: dict[str, Any] = {"at": at, "action": action, "by": BY}
    line.update({name: value for name, value in fields.items() if value is not None})
    return line


def job_entry(action: str, at: datetime, job: Job, **fields: Any) -> dict[str, Any]:
    """A line about one attempt: target, attempt, key, run and driver first."""
    return entry(
        action,
        at,
        target=job.target.label,
        attempt=job.attempt,
        key=job.key,
        run=job.run,
        driver=job.config.driver,
        **fields,
    )


def step_entry(job: Job, result: StepResult) -> dict[str, Any]:
    """The line for a driver call: `deployed`, `verified` or `rolled-back` when it went well,
    `failed` (or `rollback-failed`) with what went wrong when not."""
    if result.ok:
        action, message = STEP_ACTIONS[result.action], None
    else:
        action = "rollback-failed" if result.action == "rollback" else "failed"
        message = failure_text(job, result)
    return job_entry(
        action,
        result.end,
        job,
        start=result.start,
        end=result.end,
        outcome=result.outcome,
        exit_code=result.exit_code,
        output=result.output or None,
        message=message,
        deployment=result.deployment,
        task=result.task,
    )


def failure_text(job: Job, result: StepResult) -> str:
    """`deploy failed (exit 3)`, `verify timed out after 30 min`, or the driver's words."""
    if result.message:
        return result.message
    if result.outcome == "timed-out":
        minutes = job.config.timeout.total_seconds() / 60
        return f"{result.action} timed out after {minutes:g} min"
    return f"{result.action} failed (exit {result.exit_code})"


@dataclass
class Record:
    """What one commit writes into one item file: lines to append, the item's status and
    its waves' statuses (by 1-based number) to set."""

    path: str
    entries: list[dict[str, Any]] = field(default_factory=list)
    status: str | None = None
    waves: dict[int, str] = field(default_factory=dict)

    def apply(self, data: CommentedMap) -> None:
        """Edit the document: lines it already holds are not added again."""
        present = {_identity(line) for line in data.get("log") or () if isinstance(line, dict)}
        for line in self.entries:
            if _identity(line) not in present:
                append(data, "log", line)
        if self.status is not None:
            set_value(data, "status", self.status)
        for number, status in self.waves.items():
            set_value(data["waves"][number - 1], "status", status)

    def write(self, root: Path) -> bool:
        """Apply it to the file under `root`, atomically; False when nothing changed."""
        return edit_file(root / self.path, self.apply)


def _identity(line: Any) -> tuple[Any, ...]:
    return tuple(line.get(name) for name in IDENTITY)
