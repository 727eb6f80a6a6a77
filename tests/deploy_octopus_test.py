"""`ftgitops deploy` with the octopus driver, end to end: real git (a bare origin and a
clone), the CLI, and the test Octopus server on 127.0.0.1 (tests/octopus_server.py) with the
fixture's 12 tenants in 3 upgrade groups. A wave's tenants go as one tenanted deployment per
environment, with the window as RunAt/NoRunAfter; tasks are watched to their end; a failure
holds the next wave until a retry (a new deployment, after re-simulation against Octopus)
succeeds or a person skips the tenant; freezes, HTTP errors, an empty tenant list and guided
failure stop the work with a clear reason; a crash deploys nothing twice; the key never
leaks."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import midnight
from deploy_helpers import masked
from gitfixture import git
from octopus_helpers import GROUP_1, Place, octopus_names, place_with, seeded, spawn
from octopus_server import KEY, Octopus

from ftgitops.validate import validate


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
        "REL-2026-0001 wave-1/tenant-01/uat #1 started: lease pushed;"
        " left out: tenant-03/training (decommissioned on 2025-07-02)\n"
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


def test_a_freeze_covering_the_window_stops_the_deploy(place: Place, octopus: Octopus) -> None:
    place.deploy("2026-12-08T10:00")
    octopus.freeze(
        "Payroll week", "2026-12-09T08:00:00+00:00", "2026-12-09T11:00:00+00:00", ("Production",)
    )
    result = place.deploy("2026-12-09T10:00")
    assert result.code == 1
    reason = (
        "the simulation failed: Octopus: the deployment freeze 'Payroll week'"
        " (2026-12-09T08:00:00+00:00 to 2026-12-09T11:00:00+00:00) covers the window"
    )
    assert masked(result.out).splitlines()[0] == (
        f"REL-2026-0001 wave-2/tenant-01/production #1 simulated: {reason}"
    )
    assert [line["message"] for line in place.lines("simulated")] == [reason] * 3
    assert len(deployed_to(octopus)) == 2  # wave 1's two; nothing for wave 2
    assert "succeeded" not in " ".join(place.log()[-3:])


def test_a_tenant_not_connected_to_the_environment_is_blocked_the_others_deploy(
    place: Place, octopus: Octopus
) -> None:
    octopus.tenants["Tenant 3"]["ProjectEnvironments"]["Projects-1"] = ["Environments-1"]
    result = place.deploy("2026-12-08T10:00")
    assert result.code == 1
    assert masked(result.out).splitlines()[0] == (
        "REL-2026-0001 wave-1/tenant-03/uat #1 simulated: the simulation failed: Octopus: the"
        " tenant Tenant 3 is not connected to FastTrack360 in UAT"
    )
    assert deployed_to(octopus)[0] == ("UAT", GROUP_1[:2])


@pytest.mark.parametrize(
    ("fault", "said"),
    [
        (
            {"key": "API-WRONG"},
            "simulated: the simulation failed: Octopus: GET /api/spaces: HTTP 401, the API key"
            " was refused: check OCTOPUS_API_KEY: You must be logged in to perform this action.",
        ),
        (
            {"pattern": "releases/create", "status": 403},
            "failed: Octopus: POST /api/Spaces-1/releases/create/v1: HTTP 403, the API key's"
            " user may not do this: give it the permission: Injected fault 403",
        ),
        (
            {"pattern": "projects$", "status": 404},
            "simulated: the simulation failed: Octopus: GET /api/Spaces-1/projects: HTTP 404,"
            " not found: Injected fault 404",
        ),
        (
            {"pattern": "create/tenanted", "status": 500},
            "failed: Octopus: POST /api/Spaces-1/deployments/create/tenanted/v1: HTTP 500,"
            " Octopus failed: Injected fault 500",
        ),
        (
            {"pattern": "tasks/", "hang": 3.0},
            "failed: Octopus: GET /api/Spaces-1/tasks/ServerTasks-1: Octopus did not answer"
            " within 2 s",
        ),
        (
            {"pattern": "tasks/", "garbage": True},
            "failed: Octopus: GET /api/Spaces-1/tasks/ServerTasks-1: the answer (HTTP 200) is"
            " not JSON",
        ),
    ],
    ids=["401", "403", "404", "500", "hung", "not-json"],
)
def test_http_errors_are_clear_failures_never_a_success(
    place: Place, octopus: Octopus, fault: dict[str, object], said: str
) -> None:
    if "key" in fault:
        octopus.key = str(fault["key"])
    else:
        how = {k: v for k, v in fault.items() if k != "pattern"}
        octopus.fail(str(fault["pattern"]), **how)
    result = place.deploy("2026-12-08T10:00")
    assert result.code == 1
    assert result.out.splitlines()[0].startswith("REL-2026-0001 wave-1/tenant-01/uat #1 ")
    assert said in result.out
    assert not place.lines("succeeded")
    assert place.waves()[0] != "completed"
    assert "completed" not in result.out


def test_an_empty_tenant_list_is_refused_not_sent(place: Place, octopus: Octopus) -> None:
    place.edit("  timeout_minutes: 10", "  timeout_minutes: 10\n  per: change")
    place.edit(
        "groups: [2]\n    environments: [production]", "groups: [2]\n    environments: [uat]"
    )
    assert place.deploy("2026-12-08T10:00").code == 0
    result = place.deploy("2026-12-09T10:05")
    assert result.code == 1
    assert (
        "REL-2026-0001 wave-3 #1 failed: Octopus: no tenant to deploy to: Octopus would deploy"
        " nothing and report no error, so nothing was sent\n"
    ) in result.out
    assert deployed_to(octopus) == [
        ("UAT", GROUP_1),
        ("Training", GROUP_1[:2]),
        ("Production", octopus_names()["1"]),
    ]


def test_a_task_waiting_on_a_person_is_reported_not_waited_on(
    place: Place, octopus: Octopus
) -> None:
    octopus.script("Tenant 1", "Queued", "Executing", interrupted=True)
    result = place.deploy("2026-12-08T10:00")
    assert result.code == 1
    assert (
        "REL-2026-0001 wave-1/tenant-01/uat #1 failed: task ServerTasks-1 for Tenant 1 in UAT"
        " waits for a person (guided failure): answer its interruption in Octopus"
    ) in result.out
    assert octopus.calls(contains="ServerTasks-1") == ["GET /api/Spaces-1/tasks/ServerTasks-1"] * 2
    assert [line["target"] for line in place.lines("succeeded")] == [
        "wave-1/tenant-02/uat",
        "wave-1/tenant-03/uat",
        "wave-1/tenant-01/training",  # Training is not held behind UAT; Production would be
        "wave-1/tenant-02/training",
    ]


def test_a_crash_after_the_deployment_call_is_resolved_by_asking_octopus_never_twice(
    place: Place, octopus: Octopus
) -> None:
    killed = spawn(place.clone, "2026-12-08T10:00", kill_at="during-command")
    killed.communicate(timeout=60)
    assert killed.returncode == -signal.SIGKILL
    assert deployed_to(octopus) == [("UAT", GROUP_1)]
    assert place.log() == [
        "started wave-1/tenant-01/uat 1",
        "started wave-1/tenant-02/uat 1",
        "started wave-1/tenant-03/uat 1",
        "status in-progress",
    ]
    early = place.deploy("2026-12-08T10:10")  # the lease holds: the run may still be at work
    assert "uat #1 waits: attempt 1 is running (lease to Tue 08 Dec 2026 10:35 GMT)" in early.out
    assert deployed_to(octopus) == [("UAT", GROUP_1), ("Training", GROUP_1[:2])]
    late = place.deploy("2026-12-08T10:40")
    assert late.code == 0, late.out
    assert masked(late.out).splitlines()[0] == (
        "REL-2026-0001 wave-1/tenant-01/uat #1 succeeded: Octopus: tenant-01/uat:"
        " task ServerTasks-1 for Tenant 1 in UAT succeeded"
    )
    assert deployed_to(octopus) == [("UAT", GROUP_1), ("Training", GROUP_1[:2])]
    resolved = {line["target"]: line.get("outcome") for line in place.lines("succeeded")}
    assert resolved["wave-1/tenant-03/uat"] == "ok"
    assert place.waves()[0] == "completed"


def test_the_api_key_never_appears_in_output_logs_artifacts_or_git(
    place: Place, octopus: Octopus
) -> None:
    octopus.script("Tenant 1", "Failed", error=f"bad key {KEY} echoed by a step")
    place.deploy("2026-12-08T10:00")
    octopus.fail("create/tenanted", status=500, times=1)
    place.deploy("2026-12-08T10:11")
    octopus.key = "API-ROTATED"
    place.deploy("2026-12-08T10:22")
    seen = "\n".join(place.outputs)
    assert "Injected fault 500" in seen and "HTTP 401" in seen  # the errors were told
    assert KEY not in seen
    history = git(place.origin, "log", "-p", "--all")
    assert "bad key ***" in history and KEY not in history
    for path in (place.clone / ".ftgitops").rglob("*"):
        if path.is_file():
            assert KEY not in path.read_text(encoding="utf-8", errors="replace"), path


def test_a_wave_that_ended_failed_holds_the_rollout_until_its_tenant_is_skipped(
    place: Place, octopus: Octopus
) -> None:
    """Tenant 2's task fails on Wednesday and nobody retries it before wave 2's window ends:
    wave 2 ends `failed`, wave 3 (held all its window) is missed, and the release stays in
    progress. On Thursday wave 3's window is moved, and its run is still held, saying what to
    do; once a person pushes a `skipped` line for Tenant 2, the next run deploys waves 3 and 4
    and the release ends `completed`, wave 2 staying `failed`."""
    place.deploy("2026-12-08T10:00")
    octopus.script("Tenant 2 (Octopus)", "Failed", error="Disk full")
    assert place.deploy("2026-12-09T10:00").code == 1
    closed = place.deploy("2026-12-09T16:05")
    assert closed.code == 1
    assert masked(closed.out).splitlines()[:2] == [
        "REL-2026-0001 wave-2 status: failed (2 of 3 targets succeeded;"
        " wave-2/tenant-02/production: the window closed after 1 failed attempt;"
        " later waves are held until its failed targets are marked skipped with a reason)",
        "REL-2026-0001 wave-3 missed: the window Wed 09 Dec 2026 10:05–16:00 GMT"
        " (09 Dec 10:05–16:00 UTC) closed first",
    ]
    assert (place.waves(), place.data()["status"]) == (
        ["completed", "failed", None, None],
        "in-progress",
    )
    place.edit(
        "{start: 2026-12-09T10:05, end: 2026-12-09T16:00}",
        "{start: 2026-12-10T10:00, end: 2026-12-10T12:00}",
    )
    held = place.deploy("2026-12-10T10:00")
    assert held.code == 0, held.out
    reason = (
        "held: wave 2 failed for wave-2/tenant-02/production: mark it skipped with a reason"
        " to go on (a new wave can deploy it later)"
    )
    assert masked(held.out).splitlines()[:2] == [
        f"REL-2026-0001 wave-3/tenant-04/production #1 waits: {reason}",
        f"REL-2026-0001 wave-3/tenant-05/production #1 waits: {reason}",
    ]
    assert len(deployed_to(octopus)) == 3  # UAT, Training, wave 2: nothing since
    place.append(
        "  - {at: 2026-12-10T10:10:00Z, action: skipped, by: alice,"
        " target: wave-2/tenant-02/production,"
        " message: Tenant 2 moves to the next release after its disk is replaced.}\n"
    )
    result = place.deploy("2026-12-10T10:15")
    assert result.code == 0, result.out
    names = octopus_names()
    assert deployed_to(octopus)[3:] == [("Production", names["2"]), ("Production", names["3"])]
    assert masked(result.out).splitlines()[-2] == (
        "REL-2026-0001 status: completed (3 of 4 waves completed; wave 2 failed:"
        " every failed target skipped)"
    )
    assert (place.waves(), place.data()["status"]) == (
        ["completed", "failed", "completed", "completed"],
        "completed",
    )
    assert validate(place.clone, midnight("2026-12-11")).findings == []
