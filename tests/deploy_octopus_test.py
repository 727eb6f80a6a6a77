"""`ftgitops deploy` with the octopus driver, end to end: real git (a bare origin and a
clone), the CLI, and the test Octopus server on 127.0.0.1 (tests/octopus_server.py) with the
fixture's 12 tenants in 3 upgrade groups. A wave's tenants go as one tenanted deployment per
environment, with the window as RunAt/NoRunAfter; tasks are watched to their end; a failure
holds the next wave until a retry (a new deployment, after re-simulation against Octopus)
succeeds or a person skips the tenant; freezes, HTTP errors, an empty tenant list and guided
failure stop the work with a clear reason; a crash deploys nothing twice; the key never
leaks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import midnight
from deploy_helpers import masked
from gitfixture import git
from octopus_helpers import GROUP_1, Place, octopus_names, place_with, seeded
from octopus_server import Octopus

from ftgitops.validate import validate

TENANTED = "/api/Spaces-1/deployments/create/tenanted/v1"


@pytest.fixture
def octopus() -> Octopus:
    return seeded()


@pytest.fixture
def place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, octopus: Octopus) -> Iterator[Place]:
    with place_with(tmp_path, monkeypatch, octopus) as found:
        yield found


def deployed_to(octopus: Octopus) -> list[tuple[str, list[str]]]:
    """Each tenanted deployment sent: (environment, tenants)."""
    return [(b["EnvironmentName"], b["Tenants"]) for b in octopus.bodies("create/tenanted")]


def test_a_wave_of_three_tenants_is_one_tenanted_call_and_three_tasks_watched_to_success(
    place: Place, octopus: Octopus
) -> None:
    result = place.deploy("2026-12-08T10:00")
    assert result.code == 0, result.out + result.err
    uat, training = octopus.bodies("create/tenanted")
    assert uat == {
        "SpaceIdOrName": "Spaces-1",
        "ProjectName": "FastTrack360",
        "ReleaseVersion": "2026.4.0",
        "EnvironmentName": "UAT",
        "Tenants": GROUP_1,
        "RunAt": "2026-12-08T10:00:00+00:00",
        "NoRunAfter": "2026-12-08T12:00:00+00:00",
    }
    assert (training["EnvironmentName"], training["Tenants"]) == ("Training", GROUP_1[:2])
    assert octopus.calls(contains="ServerTasks-1") == ["GET /api/Spaces-1/tasks/ServerTasks-1"] * 3
    assert octopus.calls()[:9] == [
        "GET /api/spaces?partialName=Default&take=100",
        "GET /api/Spaces-1/projects?partialName=FastTrack360&take=100",
        "GET /api/Spaces-1/environments?partialName=UAT&take=100",
        "GET /api/deploymentfreezes?environmentIds=Environments-2&includeComplete=false"
        "&projectIds=Projects-1&skip=0&take=1000",
        "GET /api/Spaces-1/tenants?partialName=Tenant 1&take=100",
        "GET /api/Spaces-1/tenants?partialName=Tenant 1&skip=2&take=2",  # Page.Next followed
        "GET /api/Spaces-1/tenants?partialName=Tenant 2 (Octopus)&take=100",
        "GET /api/Spaces-1/tenants?partialName=Tenant 3&take=100",
        "POST /api/Spaces-1/releases/create/v1",
    ]
    assert octopus.bodies("releases/create")[0] == {
        "SpaceIdOrName": "Spaces-1",
        "ProjectName": "FastTrack360",
        "ReleaseVersion": "2026.4.0",
        "IgnoreIfAlreadyExists": True,
    }
    assert masked(result.out) == (
        "REL-2026-0001 wave-1/tenant-01/uat #1 started: lease pushed\n"
        "REL-2026-0001 wave-1/tenant-02/uat #1 started: lease pushed\n"
        "REL-2026-0001 wave-1/tenant-03/uat #1 started: lease pushed\n"
        "REL-2026-0001 wave-1/tenant-01/uat #1 succeeded: deployed\n"
        "REL-2026-0001 wave-1/tenant-02/uat #1 succeeded: deployed\n"
        "REL-2026-0001 wave-1/tenant-03/uat #1 succeeded: deployed\n"
        "REL-2026-0001 wave-1/tenant-01/training #1 started: lease pushed\n"
        "REL-2026-0001 wave-1/tenant-02/training #1 started: lease pushed\n"
        "REL-2026-0001 wave-1/tenant-01/training #1 succeeded: deployed\n"
        "REL-2026-0001 wave-1/tenant-02/training #1 succeeded: deployed\n"
        "REL-2026-0001 wave-1 status: completed (5 of 5 targets succeeded)\n"
        "ftgitops deploy at TIME (run RUN): 5 started, 5 succeeded, 0 failed,"
        " 0 interrupted, 0 missed, 0 blocked; 0 waiting, 12 upcoming\n"
    )
    deployed = place.lines("deployed")[1]
    assert {k: deployed[k] for k in ("target", "driver", "outcome", "deployment", "task")} == {
        "target": "wave-1/tenant-02/uat",
        "driver": "octopus",
        "outcome": "ok",
        "deployment": "Deployments-2",
        "task": "ServerTasks-2",
    }
    assert place.waves() == ["completed", None, None, None]
    commits = git(place.origin, "log", "--format=%s", "main").splitlines()
    assert commits[:3] == [
        "ftgitops deploy: REL-2026-0001 wave-1 completed",
        "ftgitops deploy: REL-2026-0001:wave-1/tenant-01/training:1 and 1 more 2 succeeded",
        "ftgitops deploy: REL-2026-0001:wave-1/tenant-01/training:1 and 1 more started",
    ]


def test_a_release_to_12_tenants_in_3_groups_goes_wave_by_wave(
    place: Place, octopus: Octopus
) -> None:
    for now in ("2026-12-08T10:00", "2026-12-09T10:05", "2026-12-10T10:00"):
        result = place.deploy(now)
        assert result.code == 0, result.out + result.err
    names = octopus_names()
    assert deployed_to(octopus) == [
        ("UAT", GROUP_1),
        ("Training", GROUP_1[:2]),
        ("Production", names["1"]),
        ("Production", names["2"]),
        ("Production", names["3"]),
    ]
    runs = [b["RunAt"] for b in octopus.bodies("create/tenanted")]
    assert runs[2:] == [
        "2026-12-09T10:00:00+00:00",
        "2026-12-09T10:05:00+00:00",
        "2026-12-10T10:00:00+00:00",
    ]
    assert place.waves() == ["completed"] * 4
    assert place.data()["status"] == "completed"
    assert validate(place.clone, midnight("2026-12-11")).findings == []


def test_a_failed_task_holds_the_next_wave_and_the_retry_is_a_new_deployment(
    place: Place, octopus: Octopus
) -> None:
    place.deploy("2026-12-08T10:00")
    octopus.script("Tenant 2 (Octopus)", "Queued", "Executing", "Failed", error="Step 2 failed")
    first = place.deploy("2026-12-09T10:00")
    assert first.code == 1
    failed = place.lines("failed")[0]
    assert (failed["target"], failed["task"]) == ("wave-2/tenant-02/production", "ServerTasks-7")
    assert failed["message"] == (
        "task ServerTasks-7 for Tenant 2 (Octopus) in Production ended Failed: Step 2 failed"
    )
    assert failed["output"] == (
        "Deploying to Tenant 2 (Octopus)\nStep 1: Deploy web\nStep 2: Migrate\nError: Step 2 failed"
    )
    held = place.deploy("2026-12-09T10:05")
    assert held.code == 0
    assert masked(held.out).splitlines()[:2] == [
        "REL-2026-0001 wave-2/tenant-02/production #2 waits: attempt 1 failed;"
        " retry from Wed 09 Dec 2026 10:10 GMT",
        "REL-2026-0001 wave-3/tenant-04/production #1 waits: held: wave 2 has a failed target",
    ]
    before = len(octopus.calls())
    retry = place.deploy("2026-12-09T10:11")
    assert retry.code == 0, retry.out
    asked = octopus.calls()[before:]
    assert asked[:4] == [
        "GET /api/spaces?partialName=Default&take=100",
        "GET /api/Spaces-1/projects?partialName=FastTrack360&take=100",
        "GET /api/Spaces-1/projects/Projects-1/releases/2026.4.0",  # the release is there
        "GET /api/Spaces-1/environments?partialName=Production&take=100",
    ]
    looked = [call for call in asked if "/deployments?" in call]
    assert looked == [  # its latest deployment failed: a new one is made
        "GET /api/Spaces-1/deployments?environments=Environments-1&projects=Projects-1"
        "&take=1&tenants=Tenants-11"
    ]
    assert deployed_to(octopus)[2:] == [
        ("Production", octopus_names()["1"]),
        ("Production", ["Tenant 2 (Octopus)"]),
        ("Production", octopus_names()["2"]),
    ]
    assert masked(retry.out).splitlines()[:4] == [
        "REL-2026-0001 wave-2/tenant-02/production #2 started: lease pushed",
        "REL-2026-0001 wave-2/tenant-02/production #2 succeeded: deployed",
        "REL-2026-0001 wave-2 status: completed (3 of 3 targets succeeded)",
        "REL-2026-0001 wave-3/tenant-04/production #1 started: lease pushed",
    ]
    assert place.waves() == ["completed", "completed", "completed", None]


def test_a_tenant_skipped_in_git_with_a_reason_no_longer_holds_the_next_wave(
    place: Place, octopus: Octopus
) -> None:
    place.deploy("2026-12-08T10:00")
    octopus.script("Tenant 2 (Octopus)", "Failed", error="Disk full")
    assert place.deploy("2026-12-09T10:00").code == 1
    # the log is the deployer's, but a person may end a target for good, with the reason
    place.append(
        "  - {at: 2026-12-09T10:03:00Z, action: skipped, by: alice,"
        " target: wave-2/tenant-02/production,"
        " message: The customer stays on 2026.3 until its payroll run ends.}\n"
    )
    result = place.deploy("2026-12-09T10:05")
    assert result.code == 0, result.out
    assert masked(result.out).splitlines()[0] == (
        "REL-2026-0001 wave-2 status: completed (2 of 3 targets succeeded, 1 skipped)"
    )
    assert deployed_to(octopus)[-1] == ("Production", octopus_names()["2"])
