"""An item's `deploy:` block as a typed record, with the defaults the schema describes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

DEFAULT_TIMEOUT_MINUTES = 30
LEASE_MARGIN = timedelta(minutes=5)  # for the git round trips around the commands
STEPS_UNDER_LEASE = 3  # deploy, verify, rollback: what may run between lease and record


@dataclass(frozen=True, slots=True)
class DeployConfig:
    """How an item is deployed: the driver, one run per change (or wave) or per target (the
    default for octopus), the command driver's commands, the time-out per command (or per
    Octopus deployment), and what Octopus is to deploy."""

    driver: str
    per: str = "change"
    timeout: timedelta = timedelta(minutes=DEFAULT_TIMEOUT_MINUTES)
    command: str | None = None
    simulate_command: str | None = None
    verify_command: str | None = None
    rollback_command: str | None = None
    project: str | None = None  # octopus: the project (default `octopus.project`)
    version: str | None = None  # octopus: the release version (default the release's)
    environment: str | None = None  # octopus: one environment name for every target

    @property
    def lease(self) -> timedelta:
        """How long a `started` entry holds its target: long enough for every command that
        may follow it to time out, and the record to be pushed."""
        return STEPS_UNDER_LEASE * self.timeout + LEASE_MARGIN

    def problem(self) -> str | None:
        """Why the block cannot be run (a command driver without a command), or None."""
        if self.driver == "command" and not self.command:
            return "deploy.command is missing: the command driver needs one"
        return None


def config_of(raw: Mapping[str, Any]) -> DeployConfig:
    """The typed block from a schema-checked mapping."""
    return DeployConfig(
        driver=raw["driver"],
        per=raw.get("per", "target" if raw["driver"] == "octopus" else "change"),
        timeout=timedelta(minutes=raw.get("timeout_minutes", DEFAULT_TIMEOUT_MINUTES)),
        command=raw.get("command"),
        simulate_command=raw.get("simulate_command"),
        verify_command=raw.get("verify_command"),
        rollback_command=raw.get("rollback_command"),
        project=raw.get("project"),
        version=raw.get("version"),
        environment=raw.get("environment"),
    )
