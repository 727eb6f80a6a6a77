"""The command driver with real shell commands: the FTGITOPS_* environment, exit 0 as success,
the output's last lines for the log and all of it in the artifact, a time-out as failure with
the whole process group killed."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from ftgitops.deploy.config import DeployConfig
from ftgitops.deploy.drivers import Job
from ftgitops.deploy.drivers.command import CommandDriver, tail
from ftgitops.deploy.runclock import RunClock
from ftgitops.deploy.targets import Target
from ftgitops.model import Window

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
WINDOW = Window(NOW, NOW + timedelta(hours=2), ZoneInfo("UTC"))
SHOW = "env | grep '^FTGITOPS_' | grep -v ARTIFACTS | sort"


def job(
    tmp_path: Path, config: DeployConfig, target: Target | None = None, version: str | None = None
) -> Job:
    chosen = target or Target("all", "all", WINDOW)
    return Job(
        "CHG-2026-0001",
        chosen,
        2,
        f"CHG-2026-0001:{chosen.label}:2",
        "run-1",
        config,
        tmp_path,
        tmp_path / "artifacts",
        version,
    )


def driver() -> CommandDriver:
    return CommandDriver(RunClock(NOW), {"PATH": "/usr/bin:/bin"})


def test_a_change_wide_command_sees_the_item_attempt_action_key_and_run(tmp_path: Path) -> None:
    result = driver().deploy(job(tmp_path, DeployConfig("command", command=SHOW)))
    assert (result.action, result.outcome, result.exit_code, result.ok) == ("deploy", "ok", 0, True)
    assert result.output == "\n".join(
        [
            "FTGITOPS_ACTION=deploy",
            "FTGITOPS_ATTEMPT=2",
            "FTGITOPS_ITEM=CHG-2026-0001",
            "FTGITOPS_KEY=CHG-2026-0001:all:2",
            "FTGITOPS_RUN=run-1",
            "FTGITOPS_TARGET=all",
        ]
    )
    assert result.artifact == tmp_path / "artifacts" / "deploy.log"
    assert NOW <= result.start <= result.end < NOW + timedelta(seconds=5)


def test_a_per_target_release_command_also_sees_tenant_environment_region_wave_version(
    tmp_path: Path,
) -> None:
    target = Target("wave-2/avon/production", "wave-2", WINDOW, 2, "avon", "production", "uk")
    config = DeployConfig("command", per="target", command="true", verify_command=SHOW)
    result = driver().verify(job(tmp_path, config, target, version="2026.4.0"))
    assert result is not None
    assert result.output.splitlines() == [
        "FTGITOPS_ACTION=verify",
        "FTGITOPS_ATTEMPT=2",
        "FTGITOPS_ENVIRONMENT=production",
        "FTGITOPS_ITEM=CHG-2026-0001",
        "FTGITOPS_KEY=CHG-2026-0001:wave-2/avon/production:2",
        "FTGITOPS_REGION=uk",
        "FTGITOPS_RUN=run-1",
        "FTGITOPS_TARGET=wave-2/avon/production",
        "FTGITOPS_TENANT=avon",
        "FTGITOPS_VERSION=2026.4.0",
        "FTGITOPS_WAVE=2",
    ]


def test_a_non_zero_exit_fails_and_absent_commands_are_not_run(tmp_path: Path) -> None:
    config = DeployConfig("command", command="echo broken; exit 3")
    result = driver().deploy(job(tmp_path, config))
    assert (result.outcome, result.exit_code, result.output, result.ok) == (
        "failed",
        3,
        "broken",
        False,
    )
    chosen = job(tmp_path, config)
    assert (driver().simulate(chosen), driver().verify(chosen), driver().rollback(chosen)) == (
        None,
        None,
        None,
    )
    assert driver().resolve_interrupted(chosen) == (
        "interrupted",
        "attempt 2 was cut short; its outcome is unknown",
    )


def test_a_time_out_is_a_failure_and_kills_the_whole_process_group(tmp_path: Path) -> None:
    late = tmp_path / "late"
    command = f"(sleep 2; echo late > {late}) & echo started; sleep 30"
    config = DeployConfig("command", command=command, timeout=timedelta(seconds=1))
    began = time.monotonic()
    result = driver().deploy(job(tmp_path, config))
    assert (result.outcome, result.exit_code, result.output) == ("timed-out", None, "started")
    assert time.monotonic() - began < 5
    time.sleep(2.5)
    assert not late.exists()


def test_the_log_gets_the_last_lines_cleaned_and_the_artifact_all_of_them(tmp_path: Path) -> None:
    command = (
        "for i in $(seq 1 50); do echo line $i; done; printf '\\033[31mred\\033[0m\\tx\\001\\n\\n'"
    )
    result = driver().deploy(job(tmp_path, DeployConfig("command", command=command)))
    lines = result.output.splitlines()
    assert (len(lines), lines[0], lines[-1]) == (20, "line 32", "red x?")
    assert result.artifact is not None
    assert result.artifact.read_text().count("\n") == 52


def test_a_tail_cuts_long_lines_and_reads_only_the_end_of_a_large_output(tmp_path: Path) -> None:
    path = tmp_path / "out.log"
    path.write_bytes(b"x" * 1_000_000 + b"\n" + b"y" * 500 + b"\n\xff end\n")
    assert tail(path).splitlines()[-2:] == ["y" * 160, "\ufffd end"]
