"""`ftgitops deploy` end to end on real git (a bare origin and a clone) with the command
driver's real shell commands, driven by `--now`: due work runs in its window only, failures
roll back and retry in a later run after re-simulation, the record is committed by the bot
and pushed with the file's comments kept, and a second run does nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import midnight
from deploy_helpers import CHG, REL, Place, masked
from gitfixture import clone, commit, git

from ftgitops.validate import validate

BOT = "ftgitops <ftgitops@users.noreply.invalid>"


@pytest.fixture
def place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Place:
    return Place(tmp_path, monkeypatch)


def test_a_change_deploys_when_its_window_opens_not_before(place: Place) -> None:
    before = place.deploy("2026-12-01T09:59")
    assert (before.code, place.calls(), len(place.commits())) == (0, [], 1)
    assert masked(before.out) == (
        "ftgitops deploy at TIME (run RUN): 0 started, 0 succeeded, 0 failed,"
        " 0 interrupted, 0 missed, 0 blocked; 0 waiting, 4 upcoming\n"
    )
    result = place.deploy("2026-12-01T10:00")
    assert result.code == 0, result.out + result.err
    assert place.calls() == ["deploy all 1", "verify all 1"]
    assert masked(result.out) == (
        "CHG-2026-0001 all #1 started: lease pushed\n"
        "CHG-2026-0001 all #1 succeeded: deployed and verified\n"
        "CHG-2026-0001 status: completed (1 of 1 targets succeeded)\n"
        "ftgitops deploy at TIME (run RUN): 1 started, 1 succeeded, 0 failed,"
        " 0 interrupted, 0 missed, 0 blocked; 0 waiting, 3 upcoming\n"
    )
    assert place.log() == [
        "started all 1",
        "status in-progress",
        "deployed all 1 ok",
        "verified all 1 ok",
        "succeeded all 1",
        "status completed",
    ]
    assert place.data()["status"] == "completed"


def test_a_window_that_closed_before_the_run_is_missed_never_run_late(place: Place) -> None:
    result = place.deploy("2026-12-01T12:00")
    assert (result.code, place.calls()) == (1, [])
    window = "Tue 01 Dec 2026 10:00–12:00 GMT (01 Dec 10:00–12:00 UTC)"
    assert result.out.splitlines()[0] == (
        f"CHG-2026-0001 all missed: the window {window} closed first"
    )
    assert (place.log(), place.data()["status"]) == (["missed all"], "approved")
    again = place.deploy("2026-12-01T12:15")
    assert (again.code, place.calls(), len(place.commits())) == (0, [], 2)


def test_the_record_is_pushed_by_the_bot_with_comments_and_layout_kept(place: Place) -> None:
    place.deploy("2026-12-01T10:00")
    assert place.commits() == [
        f"{BOT}: ftgitops deploy: CHG-2026-0001 completed",
        f"{BOT}: ftgitops deploy: CHG-2026-0001:all:1 succeeded",
        f"{BOT}: ftgitops deploy: CHG-2026-0001:all:1 started",
        "Test Author <author@example.com>: base",
    ]
    original = (place.clone / CHG).read_text(encoding="utf-8")
    assert original == place.text()  # the clone is where the origin is
    fixture = (Path(__file__).parent / "fixtures" / "deploy" / CHG).read_text(encoding="utf-8")
    head, tail = masked(place.text()).split("  timeout_minutes: 1\n")
    assert head + "  timeout_minutes: 1\n" == fixture.replace(
        "status: approved  #", "status: completed   #"
    )
    assert tail == (
        "log:\n"
        "  - at: TIME\n    action: started\n    by: ftgitops\n    target: all\n    attempt: 1\n"
        "    key: CHG-2026-0001:all:1\n    run: RUN\n    driver: command\n    expires: TIME\n"
        "    message: re-simulated, nothing blocks\n"
        "  - at: TIME\n    action: status\n    by: ftgitops\n    status: in-progress\n"
        "    run: RUN\n    message: all attempt 1 started\n"
        "  - at: TIME\n    action: deployed\n    by: ftgitops\n    target: all\n    attempt: 1\n"
        "    key: CHG-2026-0001:all:1\n    run: RUN\n    driver: command\n    start: TIME\n"
        "    end: TIME\n    outcome: ok\n    exit_code: 0\n"
        "  - at: TIME\n    action: verified\n    by: ftgitops\n    target: all\n    attempt: 1\n"
        "    key: CHG-2026-0001:all:1\n    run: RUN\n    driver: command\n    start: TIME\n"
        "    end: TIME\n    outcome: ok\n    exit_code: 0\n"
        "  - at: TIME\n    action: succeeded\n    by: ftgitops\n    target: all\n    attempt: 1\n"
        "    key: CHG-2026-0001:all:1\n    run: RUN\n    driver: command\n"
        "  - at: TIME\n    action: status\n    by: ftgitops\n    status: completed\n"
        "    run: RUN\n    message: 1 of 1 targets succeeded\n"
    )
    assert validate(place.clone, midnight("2026-12-02")).findings == []


def test_a_second_run_does_nothing(place: Place) -> None:
    place.deploy("2026-12-01T10:00")
    commits = place.commits()
    again = place.deploy("2026-12-01T10:05")
    assert (again.code, place.calls(), place.commits()) == (
        0,
        ["deploy all 1", "verify all 1"],
        commits,
    )
    assert again.out.endswith("0 interrupted, 0 missed, 0 blocked; 0 waiting, 3 upcoming\n")


def test_a_failing_command_is_rolled_back_and_retried_in_a_later_run(place: Place) -> None:
    place.fail("deploy")
    first = place.deploy("2026-12-01T10:00")
    assert first.code == 1
    assert place.calls() == ["deploy all 1", "rollback all 1"]
    assert place.log() == [
        "started all 1",
        "status in-progress",
        "failed all 1 failed",
        "rolled-back all 1 ok",
    ]
    assert "CHG-2026-0001 all #1 failed: deploy failed (exit 1)" in first.out
    waiting = place.deploy("2026-12-01T10:05")
    assert (waiting.code, len(place.calls())) == (0, 2)
    assert "CHG-2026-0001 all #2 waits: attempt 1 failed; retry from" in waiting.out
    place.heal("deploy")
    retried = place.deploy("2026-12-01T10:15")
    assert retried.code == 0
    assert place.calls()[2:] == ["deploy all 2", "verify all 2"]
    assert place.log()[4:] == [
        "started all 2",
        "deployed all 2 ok",
        "verified all 2 ok",
        "succeeded all 2",
        "status completed",
    ]


def test_a_failing_verification_is_a_failed_deploy(place: Place) -> None:
    place.fail("verify")
    assert place.deploy("2026-12-01T10:00").code == 1
    assert place.calls() == ["deploy all 1", "verify all 1", "rollback all 1"]
    assert place.log()[2:] == ["deployed all 1 ok", "failed all 1 failed", "rolled-back all 1 ok"]
    place.heal("verify")
    assert place.deploy("2026-12-01T10:20").code == 0
    assert place.calls()[3:] == ["deploy all 2", "verify all 2"]


def test_a_retry_stops_when_the_re_simulation_finds_a_conflict(
    place: Place, tmp_path: Path
) -> None:
    place.fail("deploy")
    place.deploy("2026-12-01T10:00")
    other = clone(place.origin, tmp_path / "other")
    text = (other / CHG).read_text(encoding="utf-8").replace("0001", "0002")
    text = text.split("deploy:")[0].replace("downtime: false", "downtime: true")
    (other / "changes/2026/CHG-2026-0002.yaml").write_text(text)
    commit(other, "Another change on the web tier at the same time")
    git(other, "push", "-q", "origin", "main")
    place.heal("deploy")
    blocked = place.deploy("2026-12-01T10:15")
    assert blocked.code == 1
    assert place.calls() == ["deploy all 1", "rollback all 1"]
    assert (
        "CHG-2026-0001 all #2 simulated: changes/2026/CHG-2026-0001.yaml:13:3: error[FT401]:"
        " CHG-2026-0001 and CHG-2026-0002 both touch service web"
    ) in blocked.out
    assert place.log()[-1] == "simulated all 2 blocked"
    commits = place.commits()
    again = place.deploy("2026-12-01T10:30")
    assert (again.code, place.commits(), len(place.calls())) == (1, commits, 2)


def test_attempts_exhausted_end_the_change_failed(place: Place) -> None:
    place.fail("deploy", "rollback")
    for now in ("10:00", "10:15", "10:30", "10:45"):
        place.deploy(f"2026-12-01T{now}")
    assert place.calls() == [f"{a} all {n}" for n in (1, 2, 3) for a in ("deploy", "rollback")]
    assert place.data()["status"] == "failed"
    assert place.log()[-1] == "status failed"
    assert place.data()["log"][-1]["message"] == (
        "0 of 1 targets succeeded; 3 of 3 attempts failed"
    )


def test_uat_runs_before_production_and_a_failed_uat_holds_its_production(
    place: Place,
) -> None:
    git(place.clone, "config", "user.name", "t")
    text = (place.clone / CHG).read_text(encoding="utf-8")
    (place.clone / CHG).write_text(
        text.replace("  timeout_minutes: 1", "  timeout_minutes: 1\n  per: target")
    )
    commit(place.clone, "per target")
    git(place.clone, "push", "-q", "origin", "main")
    place.fail("deployuat")
    result = place.deploy("2026-12-01T10:00")
    assert result.code == 1
    assert place.calls() == [
        "deploy avon-care/uat 1",
        "rollback avon-care/uat 1",
        "deploy brook-staffing/production 1",
        "verify brook-staffing/production 1",
    ]
    assert (
        "CHG-2026-0001 avon-care/production #1 waits: held: UAT first (avon-care/uat)" in result.out
    )
    place.heal("deployuat")
    assert place.deploy("2026-12-01T10:15").code == 0
    assert place.calls()[4:] == [
        "deploy avon-care/uat 2",
        "verify avon-care/uat 2",
        "deploy avon-care/production 1",
        "verify avon-care/production 1",
    ]
    assert place.data()["status"] == "completed"


def test_release_waves_run_in_order_with_the_version_and_wave_statuses(place: Place) -> None:
    git(place.clone, "rm", "-q", CHG)
    commit(place.clone, "Only the release")
    git(place.clone, "push", "-q", "origin", "main")
    for day in ("08", "09", "10"):
        assert place.deploy(f"2026-12-{day}T10:00").code == 0
    assert place.calls() == [
        "deploy REL-2026-0001 wave-1/avon-care/uat 2026.4.0 1",
        "deploy REL-2026-0001 wave-2/avon-care/production 2026.4.0 1",
        "deploy REL-2026-0001 wave-3/brook-staffing/production 2026.4.0 1",
    ]
    data = place.data(REL)
    assert [w.get("status") for w in data["waves"]] == ["completed"] * 3
    assert data["status"] == "completed"


def test_a_dry_run_prints_the_plan_and_changes_nothing(place: Place) -> None:
    result = place.deploy("2026-12-01T10:00", "--dry-run")
    assert result.code == 0
    assert result.out.splitlines() == [
        "dry run at 2026-12-01T10:00:00Z: nothing is run, committed or pushed",
        "1. start CHG-2026-0001 all #1: the window is open",
        '   deploy: echo "deploy $FTGITOPS_TARGET $FTGITOPS_ATTEMPT" >> "$MARKERS/log";'
        ' test ! -e "$MARKERS/fail-deploy$FTGITOPS_ENVIRONMENT"',
        '   verify: echo "verify $FTGITOPS_TARGET $FTGITOPS_ATTEMPT" >> "$MARKERS/log";'
        ' test ! -e "$MARKERS/fail-verify"',
        '   rollback on failure: echo "rollback $FTGITOPS_TARGET $FTGITOPS_ATTEMPT" >>'
        ' "$MARKERS/log"; test ! -e "$MARKERS/fail-rollback"',
        "   with FTGITOPS_ATTEMPT=1 FTGITOPS_ITEM=CHG-2026-0001 FTGITOPS_KEY=CHG-2026-0001:all:1"
        " FTGITOPS_TARGET=all",
        "1 steps, 0 waiting, 3 upcoming",
    ]
    assert (place.calls(), len(place.commits()), git(place.clone, "status", "--short")) == (
        [],
        1,
        "",
    )


def test_no_push_commits_here_only_and_bad_places_are_input_errors(
    place: Place, tmp_path: Path
) -> None:
    assert place.deploy("2026-12-01T10:00", "--no-push").code == 0
    assert len(place.commits()) == 1
    assert git(place.clone, "log", "--format=%s", "-1").strip() == (
        "ftgitops deploy: CHG-2026-0001 completed"
    )
    (place.clone / CHG).write_text("edited\n")
    dirty = place.deploy("2026-12-01T10:00")
    assert (dirty.code, dirty.err) == (
        2,
        f"ftgitops: error: uncommitted changes in {CHG}: commit or discard them first\n",
    )
    git(place.clone, "checkout", "-q", "--", CHG)
    git(place.clone, "remote", "remove", "origin")
    alone = place.deploy("2026-12-01T10:00")
    assert alone.err == (
        "ftgitops: error: no git remote 'origin' to push to: add it or pass --no-push\n"
    )


def test_json_reports_the_events_and_what_waits(place: Place) -> None:
    import json

    place.fail("deploy")
    body = json.loads(place.deploy("2026-12-01T10:00", "--format", "json").out)
    assert body["failed"] is True
    assert [(e["action"], e["target"], e["attempt"]) for e in body["events"]] == [
        ("started", "all", 1),
        ("failed", "all", 1),
        ("rolled-back", "all", 1),
    ]
    assert [(w["kind"], w["target"], w["attempt"]) for w in body["waiting"]] == [
        ("wait", "all", 2),
        ("upcoming", "wave-1/avon-care/uat", 1),
        ("upcoming", "wave-2/avon-care/production", 1),
        ("upcoming", "wave-3/brook-staffing/production", 1),
    ]


def test_a_failing_simulation_blocks_the_start_and_is_logged_once(place: Place) -> None:
    text = (place.clone / CHG).read_text(encoding="utf-8")
    check = '  simulate_command: echo "capacity low"; test ! -e "$MARKERS/fail-simulate"\n'
    (place.clone / CHG).write_text(text.replace("  verify_command:", check + "  verify_command:"))
    commit(place.clone, "Simulate first")
    git(place.clone, "push", "-q", "origin", "main")
    place.fail("simulate")
    blocked = place.deploy("2026-12-01T10:00")
    assert blocked.code == 1
    assert "CHG-2026-0001 all #1 simulated: the simulation failed: simulate failed (exit 1)" in (
        blocked.out
    )
    assert (place.calls(), place.log()) == ([], ["simulated all 1 blocked"])
    assert place.data()["log"][0]["output"] == "capacity low"
    assert (place.deploy("2026-12-01T10:05").code, len(place.commits())) == (1, 3)
    place.heal("simulate")
    assert place.deploy("2026-12-01T10:10").code == 0
    assert place.calls() == ["deploy all 1", "verify all 1"]


def test_each_commands_whole_output_is_kept_in_the_artifacts_folder(
    place: Place, tmp_path: Path
) -> None:
    chosen = tmp_path / "artifacts"
    assert place.deploy("2026-12-01T10:00", "--artifacts", str(chosen)).code == 0
    attempt = chosen / "CHG-2026-0001" / "all" / "attempt-1"
    assert sorted(p.name for p in attempt.iterdir()) == ["deploy.log", "verify.log"]
    assert not (place.clone / ".ftgitops").exists()
    place.deploy("2026-12-01T10:00", "--no-push")  # nothing due: the default folder is made
    assert (place.clone / ".ftgitops" / ".gitignore").read_text().endswith("*\n")


def test_a_decommissioned_environment_is_left_out_of_its_wave_and_said(place: Place) -> None:
    """Brook Staffing's UAT was switched off in November: the UAT wave deploys Avon Care's
    UAT only, and says so in the run's output and in the `started` line pushed to git."""
    git(place.clone, "rm", "-q", CHG)
    tenant = place.clone / "tenants/brook-staffing.yaml"
    tenant.write_text(
        tenant.read_text(encoding="utf-8")
        + "  uat: {go_live: 2025-03-03, decommissioned: 2026-11-02}\n"
    )
    commit(place.clone, "Only the release; Brook's UAT decommissioned")
    git(place.clone, "push", "-q", "origin", "main")
    result = place.deploy("2026-12-08T10:00")
    assert result.code == 0, result
    assert place.calls() == ["deploy REL-2026-0001 wave-1/avon-care/uat 2026.4.0 1"]
    said = "left out: brook-staffing/uat (decommissioned on 2026-11-02)"
    assert f"REL-2026-0001 wave-1/avon-care/uat #1 started: lease pushed; {said}" in result.out
    (started,) = [e for e in place.data(REL)["log"] if e["action"] == "started"]
    assert started["message"] == f"re-simulated, nothing blocks; {said}"


def test_a_failed_wave_holds_the_next_one_after_its_window_until_a_skip_is_pushed(
    place: Place,
) -> None:
    """Issue 11, point 3, after the window: wave 2 fails for Avon Care (Cedar Homes goes
    fine) and its window ends; the wave is `failed`, the release stays in progress, and the
    next day's run holds wave 3 and says what to do. Alice pushes a `skipped` line with the
    reason; the next run deploys wave 3 and the release ends `completed`, with wave 2 still
    `failed` (what its window came to) and the skip in the log."""
    git(place.clone, "rm", "-q", CHG)
    (place.clone / "tenants/cedar-homes.yaml").write_text(
        "# yaml-language-server: $schema=../schemas/tenant.schema.json\n"
        "id: cedar-homes\nname: Cedar Homes\nregion: uk\nproduct: end-to-end\nupgrade_group: 1\n"
        "environments:\n  production: {go_live: 2025-06-02}\n",
        encoding="utf-8",
    )
    release = place.clone / REL
    release.write_text(
        release.read_text(encoding="utf-8").replace(
            '>> "$MARKERS/log"', '>> "$MARKERS/log"; test ! -e "$MARKERS/fail-$FTGITOPS_TENANT"'
        ),
        encoding="utf-8",
    )
    commit(place.clone, "Only the release; Cedar Homes joins group 1")
    git(place.clone, "push", "-q", "origin", "main")
    assert place.deploy("2026-12-08T10:00").code == 0
    place.fail("avon-care")
    assert place.deploy("2026-12-09T10:00").code == 1
    closed = place.deploy("2026-12-09T12:05")
    assert closed.code == 1
    assert closed.out.splitlines()[0] == (
        "REL-2026-0001 wave-2 status: failed (1 of 2 targets succeeded;"
        " wave-2/avon-care/production: the window closed after 1 failed attempt;"
        " later waves are held until its failed targets are marked skipped with a reason)"
    )
    data = place.data(REL)
    assert ([w.get("status") for w in data["waves"]], data["status"]) == (
        ["completed", "failed", None],
        "in-progress",
    )
    held = place.deploy("2026-12-10T10:00")
    assert held.code == 0
    assert masked(held.out) == (
        "REL-2026-0001 wave-3/brook-staffing/production #1 waits: held: wave 2 failed for"
        " wave-2/avon-care/production: mark it skipped with a reason to go on"
        " (a new wave can deploy it later)\n"
        "ftgitops deploy at TIME (run RUN): 0 started, 0 succeeded, 0 failed, 0 interrupted,"
        " 0 missed, 0 blocked; 1 waiting, 0 upcoming\n"
    )
    alice = clone(place.origin, place.tmp / "alice")
    with (alice / REL).open("a", encoding="utf-8") as stream:
        stream.write(
            "  - {at: 2026-12-10T10:10:00Z, action: skipped, by: alice,"
            " target: wave-2/avon-care/production,"
            " message: Avon Care stays on 2026.3 until its payroll run ends.}\n"
        )
    commit(alice, "Skip Avon Care's production in wave 2")
    git(alice, "push", "-q", "origin", "main")
    result = place.deploy("2026-12-10T10:15")
    assert result.code == 0, result.out
    assert masked(result.out).splitlines() == [
        "REL-2026-0001 wave-3/brook-staffing/production #1 started: lease pushed",
        "REL-2026-0001 wave-3/brook-staffing/production #1 succeeded: deployed",
        "REL-2026-0001 wave-3 status: completed (1 of 1 targets succeeded)",
        "REL-2026-0001 status: completed (2 of 3 waves completed; wave 2 failed:"
        " every failed target skipped)",
        "ftgitops deploy at TIME (run RUN): 1 started, 1 succeeded, 0 failed, 0 interrupted,"
        " 0 missed, 0 blocked; 0 waiting, 0 upcoming",
    ]
    assert place.calls() == [
        f"deploy REL-2026-0001 {target} 2026.4.0 1"
        for target in (
            "wave-1/avon-care/uat",
            "wave-2/avon-care/production",
            "wave-2/cedar-homes/production",
            "wave-3/brook-staffing/production",
        )
    ]
    data = place.data(REL)
    assert ([w.get("status") for w in data["waves"]], data["status"]) == (
        ["completed", "failed", "completed"],
        "completed",
    )
    assert place.log(REL)[10:] == [
        "status wave-2 failed",
        "skipped wave-2/avon-care/production",
        "started wave-3/brook-staffing/production 1",
        "deployed wave-3/brook-staffing/production 1 ok",
        "succeeded wave-3/brook-staffing/production 1",
        "status wave-3 completed",
        "status completed",
    ]
    assert validate(place.clone, midnight("2026-12-11")).findings == []
