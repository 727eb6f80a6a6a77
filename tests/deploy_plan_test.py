"""The deploy plan, a pure function of the model and `now`: due work in its window and not
before or after, emergencies at once, retries after the back-off while attempts remain,
leases that lapse, UAT before Production, waves held behind a failed wave, statuses summed
up, missed windows logged once."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import TESTS

from ftgitops.deploy.plan import Plan, Step, plan
from ftgitops.load import load_directory
from ftgitops.load.schemas import SchemaSet
from ftgitops.model import Model

FIXTURE = TESTS / "fixtures" / "deploy"
CHG = "changes/2026/CHG-2026-0001.yaml"
REL = "changes/2026/REL-2026-0001.yaml"
DRIVERS = ("command",)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    return root


def edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def log(root: Path, relative: str, *entries: str) -> None:
    """Append log lines (flow mappings, `ftgitops` as `by`) to a file."""
    lines = "".join(f"  - {{{entry}, by: ftgitops}}\n" for entry in entries)
    with (root / relative).open("a", encoding="utf-8") as stream:
        stream.write("log:\n" + lines)


SCHEMAS = SchemaSet()  # compiled once for the module: compiling costs about 0.2 s


def model_of(root: Path) -> Model:
    loaded = load_directory(root, SCHEMAS)
    assert loaded.findings == ()
    assert loaded.model is not None
    return loaded.model


def steps(root: Path, now: str, only: tuple[str, ...] = ("CHG-2026-0001",)) -> list[str]:
    """Each step as `kind item target attempt status: reason`, waits last."""
    found = plan(model_of(root), at(now), DRIVERS, only)
    return [_line(s) for s in (*found.steps, *found.waiting)]


def _line(step: Step) -> str:
    target = step.target.label if step.target else (f"wave-{step.wave}" if step.wave else "-")
    status = f" {step.status}" if step.status else ""
    return f"{step.kind} {step.item} {target} {step.attempt}{status}: {step.reason}"


def test_a_change_is_due_from_its_window_start_until_its_end(repo: Path) -> None:
    assert steps(repo, "2026-12-01T09:59:59") == [
        "upcoming CHG-2026-0001 all 1: the window opens Tue 01 Dec 2026 10:00 GMT"
    ]
    assert steps(repo, "2026-12-01T10:00") == ["start CHG-2026-0001 all 1: the window is open"]
    assert steps(repo, "2026-12-01T11:59:59") == ["start CHG-2026-0001 all 1: the window is open"]
    window = "Tue 01 Dec 2026 10:00–12:00 GMT (01 Dec 10:00–12:00 UTC)"
    assert steps(repo, "2026-12-01T12:00") == [
        f"missed CHG-2026-0001 all 0: the window {window} closed first"
    ]


def test_a_missed_window_is_logged_once_and_a_new_window_is_due_again(repo: Path) -> None:
    log(repo, CHG, "at: 2026-12-01T12:00:30Z, action: missed, target: all")
    assert steps(repo, "2026-12-01T12:15") == []
    edit(repo, CHG, "2026-12-01T10:00", "2026-12-02T10:00")
    edit(repo, CHG, "2026-12-01T12:00", "2026-12-02T12:00")
    assert steps(repo, "2026-12-02T10:00") == ["start CHG-2026-0001 all 1: the window is open"]


def test_an_approved_emergency_starts_at_once_a_scheduled_one_waits(repo: Path) -> None:
    edit(repo, CHG, "type: normal", "type: emergency")
    edit(repo, CHG, "risk:", "justification: The web tier is out of memory.\nrisk:")
    assert steps(repo, "2026-12-01T08:00") == ["start CHG-2026-0001 all 1: the window is open"]
    edit(repo, CHG, "status: approved", "status: scheduled")
    assert steps(repo, "2026-12-01T08:00")[0].startswith("upcoming CHG-2026-0001 all 1: the window")


def test_draft_proposed_and_ended_items_and_items_without_deploy_are_not_planned(
    repo: Path,
) -> None:
    for status in ("draft", "proposed", "completed", "cancelled"):
        edit(repo, CHG, "status: approved", f"status: {status}")
        assert steps(repo, "2026-12-01T10:00") == []
        edit(repo, CHG, f"status: {status}", "status: approved")
    text = (repo / CHG).read_text(encoding="utf-8")
    (repo / CHG).write_text(text.split("deploy:")[0], encoding="utf-8")
    assert steps(repo, "2026-12-01T10:00") == []


def test_a_running_attempt_waits_for_its_lease_then_is_resolved(repo: Path) -> None:
    log(
        repo,
        CHG,
        "at: 2026-12-01T10:00:05Z, action: started, target: all, attempt: 1,"
        " key: 'CHG-2026-0001:all:1', expires: 2026-12-01T10:08:05Z",
    )
    edit(repo, CHG, "status: approved", "status: in-progress")
    assert steps(repo, "2026-12-01T10:08") == [
        "wait CHG-2026-0001 all 1: attempt 1 is running (lease to Tue 01 Dec 2026 10:08 GMT)"
    ]
    assert steps(repo, "2026-12-01T10:08:05") == [
        "resolve CHG-2026-0001 all 1: attempt 1 has no outcome"
    ]


def test_a_failed_attempt_is_retried_after_the_backoff_while_the_window_is_open(
    repo: Path,
) -> None:
    log(
        repo,
        CHG,
        "at: 2026-12-01T10:00:05Z, action: started, target: all, attempt: 1",
        "at: 2026-12-01T10:01:00Z, action: failed, target: all, attempt: 1",
        "at: 2026-12-01T10:02:00Z, action: rolled-back, target: all, attempt: 1",
    )
    edit(repo, CHG, "status: approved", "status: in-progress")
    assert steps(repo, "2026-12-01T10:11:59") == [
        "wait CHG-2026-0001 all 2: attempt 1 failed; retry from Tue 01 Dec 2026 10:12 GMT"
    ]
    assert steps(repo, "2026-12-01T10:12") == ["start CHG-2026-0001 all 2: retry: attempt 1 failed"]
    assert steps(repo, "2026-12-01T12:00") == [
        "close CHG-2026-0001 - 0 rolled-back: 0 of 1 targets succeeded;"
        " the window closed after 1 failed attempt"
    ]


def test_attempts_exhausted_end_the_change_failed_or_rolled_back(repo: Path) -> None:
    entries = []
    for attempt in (1, 2, 3):
        entries += [
            f"at: 2026-12-01T10:{attempt}0:00Z, action: started, target: all, attempt: {attempt}",
            f"at: 2026-12-01T10:{attempt}1:00Z, action: failed, target: all, attempt: {attempt}",
        ]
    log(
        repo,
        CHG,
        *entries,
        "at: 2026-12-01T10:32:00Z, action: rollback-failed, target: all, attempt: 3",
    )
    edit(repo, CHG, "status: approved", "status: in-progress")
    assert steps(repo, "2026-12-01T11:00") == [
        "close CHG-2026-0001 - 0 failed: 0 of 1 targets succeeded; 3 of 3 attempts failed"
    ]


def test_per_target_runs_uat_first_and_production_after_its_uat_succeeded(repo: Path) -> None:
    edit(repo, CHG, "  timeout_minutes: 1", "  timeout_minutes: 1\n  per: target")
    assert steps(repo, "2026-12-01T10:00") == [
        "start CHG-2026-0001 avon-care/uat 1: the window is open",
        "start CHG-2026-0001 brook-staffing/production 1: the window is open",
        "wait CHG-2026-0001 avon-care/production 1: held: UAT first (avon-care/uat)",
    ]
    log(
        repo,
        CHG,
        "at: 2026-12-01T10:00:05Z, action: started, target: avon-care/uat, attempt: 1",
        "at: 2026-12-01T10:01:00Z, action: succeeded, target: avon-care/uat, attempt: 1",
    )
    assert steps(repo, "2026-12-01T10:02") == [
        "close CHG-2026-0001 - 0 in-progress: work started",
        "start CHG-2026-0001 avon-care/production 1: the window is open",
        "start CHG-2026-0001 brook-staffing/production 1: the window is open",
    ]


def test_a_wave_is_held_while_an_earlier_wave_has_a_failed_target(repo: Path) -> None:
    def release(now: str) -> list[str]:
        return steps(repo, now, ("REL-2026-0001",))

    assert release("2026-12-08T10:00") == [
        "start REL-2026-0001 wave-1/avon-care/uat 1: the window is open",
        "upcoming REL-2026-0001 wave-2/avon-care/production 1:"
        " the window opens Wed 09 Dec 2026 10:00 GMT",
        "upcoming REL-2026-0001 wave-3/brook-staffing/production 1:"
        " the window opens Thu 10 Dec 2026 10:00 GMT",
    ]
    log(
        repo,
        REL,
        "at: 2026-12-08T10:00:05Z, action: started, target: wave-1/avon-care/uat, attempt: 1",
        "at: 2026-12-08T10:01:00Z, action: failed, target: wave-1/avon-care/uat, attempt: 1",
    )
    edit(repo, REL, "status: scheduled", "status: in-progress")
    assert release("2026-12-09T10:00")[:2] == [
        "close REL-2026-0001 wave-1 0 failed: 0 of 1 targets succeeded;"
        " the window closed after 1 failed attempt; later waves are held until its failed"
        " targets are marked skipped with a reason",
        "wait REL-2026-0001 wave-2/avon-care/production 1: held: wave 1 has a failed target",
    ]


def wave_status(root: Path, day: str, status: str) -> None:
    """Set the status of the release's wave whose window is on `day` (as a run would)."""
    edit(
        root,
        REL,
        f"{day}T12:00}}\n    downtime: false\n",
        f"{day}T12:00}}\n    downtime: false\n    status: {status}\n",
    )


def test_a_wave_that_ended_failed_holds_later_waves_until_its_failures_are_skipped(
    repo: Path,
) -> None:
    """The issue's rule after the window: the release stays in progress, the next wave waits
    and says what to do, and a `skipped` line with the reason lets it start in its window."""
    log(
        repo,
        REL,
        "at: 2026-12-08T10:00:05Z, action: started, target: wave-1/avon-care/uat, attempt: 1",
        "at: 2026-12-08T10:01:00Z, action: failed, target: wave-1/avon-care/uat, attempt: 1",
    )
    edit(repo, REL, "status: scheduled", "status: in-progress")
    wave_status(repo, "2026-12-08", "failed")
    held = (
        "held: wave 1 failed for wave-1/avon-care/uat: mark it skipped with a reason to go on"
        " (a new wave can deploy it later)"
    )
    assert steps(repo, "2026-12-09T10:00", ("REL-2026-0001",)) == [
        f"wait REL-2026-0001 wave-2/avon-care/production 1: {held}",
        "upcoming REL-2026-0001 wave-3/brook-staffing/production 1:"
        " the window opens Thu 10 Dec 2026 10:00 GMT",
    ]
    with (repo / REL).open("a", encoding="utf-8") as stream:
        stream.write(
            "  - {at: 2026-12-09T09:00:00Z, action: skipped, by: alice,"
            " target: wave-1/avon-care/uat, message: UAT is rebuilt this week.}\n"
        )
    assert steps(repo, "2026-12-09T10:00", ("REL-2026-0001",))[0] == (
        "start REL-2026-0001 wave-2/avon-care/production 1: the window is open"
    )


def test_the_release_is_decided_when_no_wave_is_left_to_run(repo: Path) -> None:
    def release() -> list[str]:
        return steps(repo, "2026-12-11T10:00", ("REL-2026-0001",))

    log(
        repo,
        REL,
        "at: 2026-12-09T10:00:05Z, action: started, target: wave-2/avon-care/production,"
        " attempt: 1",
        "at: 2026-12-09T10:01:00Z, action: failed, target: wave-2/avon-care/production, attempt: 1",
    )
    edit(repo, REL, "status: scheduled", "status: in-progress")
    wave_status(repo, "2026-12-08", "completed")
    wave_status(repo, "2026-12-09", "failed")
    assert release() == [  # wave 3 missed: still to run once its window moves
        "missed REL-2026-0001 wave-3/brook-staffing/production 0:"
        " the window Thu 10 Dec 2026 10:00–12:00 GMT (10 Dec 10:00–12:00 UTC) closed first"
    ]
    wave_status(repo, "2026-12-10", "completed")
    assert release() == [
        "close REL-2026-0001 - 0 failed: wave 2 ended failed: not every failed target skipped"
    ]
    edit(repo, REL, "    status: failed\n", "    status: rolled-back\n")
    assert release() == [
        "close REL-2026-0001 - 0 rolled-back: wave 2 ended rolled-back:"
        " not every failed target skipped"
    ]
    with (repo / REL).open("a", encoding="utf-8") as stream:
        stream.write(
            "  - {at: 2026-12-09T13:00:00Z, action: skipped, by: alice,"
            " target: wave-2/avon-care/production, message: Avon Care stays on 2026.3.}\n"
        )
    assert release() == [
        "close REL-2026-0001 - 0 completed: 2 of 3 waves completed; wave 2 rolled-back:"
        " every failed target skipped"
    ]


def test_a_release_is_completed_when_its_last_wave_is(repo: Path) -> None:
    for wave in ("2026-12-08", "2026-12-09"):
        edit(
            repo,
            REL,
            f"{wave}T12:00}}\n    downtime: false\n",
            f"{wave}T12:00}}\n    downtime: false\n    status: completed\n",
        )
    log(
        repo,
        REL,
        "at: 2026-12-10T10:00:05Z, action: started, target: wave-3/brook-staffing/production,"
        " attempt: 1",
        "at: 2026-12-10T10:01:00Z, action: succeeded, target: wave-3/brook-staffing/production,"
        " attempt: 1",
    )
    edit(repo, REL, "status: scheduled", "status: in-progress")
    assert steps(repo, "2026-12-10T10:02", ("REL-2026-0001",)) == [
        "close REL-2026-0001 wave-3 0 completed: 1 of 1 targets succeeded"
    ]
    edit(
        repo,
        REL,
        "T12:00}\n    downtime: false\nrisk",
        "T12:00}\n    downtime: false\n    status: completed\nrisk",
    )
    assert steps(repo, "2026-12-10T10:02", ("REL-2026-0001",)) == [
        "close REL-2026-0001 - 0 completed: all 3 waves completed"
    ]


def test_an_item_whose_driver_is_not_here_is_skipped_while_its_window_is_open(repo: Path) -> None:
    edit(repo, CHG, "  driver: command", "  driver: octopus")
    found: Plan = plan(model_of(repo), at("2026-12-01T10:00"), DRIVERS)
    assert [(s.kind, s.reason, s.failing) for s in found.steps] == [
        ("skip", "the octopus driver is not available yet", False)
    ]
    assert found.next is None
    assert plan(model_of(repo), at("2026-12-01T09:00"), DRIVERS).steps == ()
    edit(repo, CHG, "  driver: octopus\n  command: ", "  driver: command\n  simulate_command: ")
    found = plan(model_of(repo), at("2026-12-01T10:00"), DRIVERS)
    assert [(s.kind, s.reason, s.failing) for s in found.steps] == [
        ("skip", "deploy.command is missing: the command driver needs one", True)
    ]


def test_an_item_started_outside_the_deployer_is_left_alone(repo: Path) -> None:
    log(repo, CHG, "at: 2026-12-01T10:00Z, action: started, message: By hand")
    edit(repo, CHG, "status: approved", "status: in-progress")
    found = plan(model_of(repo), at("2026-12-01T10:30"), DRIVERS, ("CHG-2026-0001",))
    reason = "started outside ftgitops deploy (a started line without a target): left alone"
    assert [(s.kind, s.reason, s.failing) for s in found.steps] == [("skip", reason, False)]
    assert plan(model_of(repo), at("2026-12-01T12:30"), DRIVERS).steps == ()


def test_production_waits_for_uat_and_training_and_a_skipped_one_holds_nothing(
    repo: Path,
) -> None:
    edit(repo, CHG, "  timeout_minutes: 1", "  timeout_minutes: 1\n  per: target")
    edit(repo, CHG, "environments: [uat, production]", "environments: [uat, training, production]")
    edit(
        repo,
        "tenants/avon-care.yaml",
        "  uat: {go_live: 2025-03-03, permanent: true}",
        "  uat: {go_live: 2025-03-03, permanent: true}\n"
        "  training: {go_live: 2025-03-03, permanent: true}",
    )
    assert steps(repo, "2026-12-01T10:00")[-1] == (
        "wait CHG-2026-0001 avon-care/production 1:"
        " held: UAT and Training first (avon-care/training, avon-care/uat)"
    )
    log(
        repo,
        CHG,
        "at: 2026-12-01T10:00:05Z, action: started, target: avon-care/uat, attempt: 1",
        "at: 2026-12-01T10:01:00Z, action: succeeded, target: avon-care/uat, attempt: 1",
        "at: 2026-12-01T10:00:05Z, action: started, target: avon-care/training, attempt: 1",
        "at: 2026-12-01T10:01:00Z, action: failed, target: avon-care/training, attempt: 1",
    )
    edit(repo, CHG, "status: approved", "status: in-progress")
    assert steps(repo, "2026-12-01T10:02")[-1] == (
        "wait CHG-2026-0001 avon-care/production 1: held: Training first (avon-care/training)"
    )
    with (repo / CHG).open("a", encoding="utf-8") as stream:
        stream.write(
            "  - {at: 2026-12-01T10:03:00Z, action: skipped, target: avon-care/training}\n"
        )
    assert steps(repo, "2026-12-01T10:04")[-1].endswith("held: Training first (avon-care/training)")
    with (repo / CHG).open("a", encoding="utf-8") as stream:  # without a reason it did not count
        stream.write(
            "  - {at: 2026-12-01T10:03:00Z, action: skipped, by: bob, target: avon-care/training,"
            " message: Training is rebuilt next week.}\n"
        )
    assert steps(repo, "2026-12-01T10:04") == [
        "start CHG-2026-0001 avon-care/production 1: the window is open",
        "start CHG-2026-0001 brook-staffing/production 1: the window is open",
    ]
