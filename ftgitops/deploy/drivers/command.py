"""The command driver, the embedded default: each step is a shell command of the item's
`deploy:` block, run in the repository with the target in `FTGITOPS_*` variables.

Exit 0 is success; anything else, or running past `timeout_minutes`, is failure (the whole
process group is killed). The output goes to the attempt's artifact file as it comes, so a
chatty command costs no memory; the last lines go into the log.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

from ftgitops.deploy.checkpoint import checkpoint
from ftgitops.deploy.drivers import Job, Resolution, StepResult
from ftgitops.deploy.runclock import RunClock

TAIL_LINES = 20
TAIL_LINE_CHARS = 160  # 20 lines of 160 fit the log's 4,000 characters
TAIL_BYTES = 64 * 1024  # read at most this much of the end of an output
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class CommandDriver:
    """Runs the item's commands through the shell; `environ` is the environment they inherit."""

    name = "command"

    def __init__(self, clock: RunClock, environ: Mapping[str, str]) -> None:
        self.clock = clock
        self.environ = environ

    def batch(self, job: Job) -> None:
        """Each command runs for one job: no batches."""
        return None

    def simulate(self, job: Job) -> StepResult | None:
        return self._maybe(job, "simulate", job.config.simulate_command)

    def simulate_batch(self, jobs: Sequence[Job]) -> list[StepResult | None]:
        return [self.simulate(job) for job in jobs]

    def deploy(self, job: Job) -> StepResult:
        assert job.config.command is not None  # the plan skips a block without one
        return self._run(job, "deploy", job.config.command)

    def deploy_batch(self, jobs: Sequence[Job]) -> list[StepResult]:
        return [self.deploy(job) for job in jobs]

    def verify(self, job: Job) -> StepResult | None:
        return self._maybe(job, "verify", job.config.verify_command)

    def rollback(self, job: Job) -> StepResult | None:
        return self._maybe(job, "rollback", job.config.rollback_command)

    def resolve_interrupted(self, job: Job) -> Resolution:
        """A command leaves no trace to ask: the attempt counts as failed."""
        return Resolution(
            "interrupted", f"attempt {job.attempt} was cut short; its outcome is unknown"
        )

    def _maybe(self, job: Job, action: str, command: str | None) -> StepResult | None:
        return None if command is None else self._run(job, action, command)

    def _run(self, job: Job, action: str, command: str) -> StepResult:
        job.artifacts.mkdir(parents=True, exist_ok=True)
        artifact = job.artifacts / f"{action}.log"
        start = self.clock.now()
        with artifact.open("wb") as output:
            process = subprocess.Popen(
                command,
                shell=True,
                cwd=job.root,
                env={**self.environ, **variables(job, action)},
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, killed whole on time-out
            )
            if action == "deploy":
                checkpoint("during-command", self.environ)
            code, outcome = _wait(process, job.config.timeout.total_seconds())
        if action == "deploy":
            checkpoint("after-command", self.environ)
        return StepResult(action, outcome, start, self.clock.now(), code, tail(artifact), artifact)


def _wait(process: subprocess.Popen[bytes], seconds: float) -> tuple[int | None, str]:
    try:
        code = process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return None, "timed-out"
    return code, "ok" if code == 0 else "failed"


def variables(job: Job, action: str) -> dict[str, str]:
    """The `FTGITOPS_*` variables a command sees."""
    target = job.target
    found = {
        "FTGITOPS_ITEM": job.item,
        "FTGITOPS_TARGET": target.label,
        "FTGITOPS_ATTEMPT": str(job.attempt),
        "FTGITOPS_ACTION": action,
        "FTGITOPS_KEY": job.key,
        "FTGITOPS_RUN": job.run,
        "FTGITOPS_ARTIFACTS": str(job.artifacts),
    }
    optional = {
        "FTGITOPS_TENANT": target.tenant,
        "FTGITOPS_ENVIRONMENT": target.environment,
        "FTGITOPS_REGION": target.region,
        "FTGITOPS_WAVE": str(target.wave) if target.wave else None,
        "FTGITOPS_VERSION": job.version,
    }
    found.update({name: value for name, value in optional.items() if value is not None})
    return found


def tail(path: Path) -> str:
    """The last lines of an output as plain text fit for the log: escapes and control
    characters out, each line cut to a readable length, trailing blanks dropped."""
    with path.open("rb") as stream:
        stream.seek(max(0, path.stat().st_size - TAIL_BYTES))
        text = stream.read().decode("utf-8", errors="replace")
    lines = [
        CONTROL.sub("?", ANSI.sub("", line).expandtabs(4)).rstrip()[:TAIL_LINE_CHARS]
        for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    ]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines[-TAIL_LINES:]).strip("\n")
