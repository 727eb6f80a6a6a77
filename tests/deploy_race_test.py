"""No double deploy and no lost record: three `ftgitops deploy` processes on three clones of
one origin start each target once; a process killed (SIGKILL) at each step in turn, then run
again, deploys each target once per attempt, loses no log line and leaves a valid
repository."""

from __future__ import annotations

import signal
import time
from collections import Counter
from pathlib import Path

import pytest
from conftest import midnight
from deploy_helpers import CHG, Place, spawn
from gitfixture import clone, commit, git

from ftgitops.deploy.checkpoint import STEPS
from ftgitops.validate import validate


@pytest.fixture
def place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Place:
    return Place(tmp_path, monkeypatch)


def per_target(place: Place, pause: str) -> None:
    """The change deployed per tenant environment, each deploy taking `pause` seconds."""
    path = place.clone / CHG
    text = path.read_text(encoding="utf-8")
    text = text.replace("  command: echo", f"  command: sleep {pause}; echo")
    path.write_text(text.replace("  timeout_minutes: 1", "  timeout_minutes: 1\n  per: target"))
    commit(place.clone, "Deploy per target")
    git(place.clone, "push", "-q", "origin", "main")


def deploys(place: Place) -> Counter[str]:
    return Counter(line for line in place.calls() if line.startswith("deploy "))


TENANT = """\
# yaml-language-server: $schema=../schemas/tenant.schema.json
id: {id}
name: {id}
region: uk
product: end-to-end
upgrade_group: 1
environments:
  production: {{go_live: 2025-06-02}}
  uat: {{go_live: 2025-03-03, permanent: true}}
"""


def test_three_concurrent_runs_on_three_clones_start_each_target_exactly_once(
    place: Place, tmp_path: Path
) -> None:
    for number in range(4):
        tenant = f"care-{number}"
        (place.clone / "tenants" / f"{tenant}.yaml").write_text(TENANT.format(id=tenant))
    per_target(place, "0.2")  # 11 targets: 5 UAT, then 6 Production
    clones = [place.clone, *(clone(place.origin, tmp_path / f"other-{n}") for n in (1, 2))]
    runs = [spawn(root, "2026-12-01T10:00") for root in clones]
    results = [run.communicate(timeout=180) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], results
    tenants = ["avon-care", *(f"care-{n}" for n in range(4))]
    targets = [f"{t}/uat" for t in tenants] + [f"{t}/production" for t in tenants]
    targets.append("brook-staffing/production")
    assert deploys(place) == {f"deploy {target} 1": 1 for target in targets}
    keys = Counter(e["key"] for e in place.data()["log"] if e["action"] == "started")
    assert keys == {f"CHG-2026-0001:{target}:1": 1 for target in targets}
    assert place.data()["status"] == "completed"
    assert sum(1 for run in results if " started: lease pushed" in run[0]) >= 2  # they shared
    git(place.clone, "pull", "-q", "--ff-only", "origin", "main")  # what the others pushed
    assert validate(place.clone, midnight("2026-12-02")).findings == []


def _wait_for(place: Place, line: str) -> None:
    """An orphaned command finishes on its own: wait until it has written its line."""
    deadline = time.monotonic() + 10
    while line not in place.calls() and time.monotonic() < deadline:
        time.sleep(0.05)


@pytest.mark.parametrize("step", STEPS)
def test_a_run_killed_at_any_step_then_run_again_repeats_no_attempt_and_loses_no_line(
    place: Place, step: str
) -> None:
    killed = spawn(place.clone, "2026-12-01T10:00", kill_at=step)
    killed.communicate(timeout=60)
    assert killed.returncode == -signal.SIGKILL
    if step == "during-command":
        _wait_for(place, "deploy all 1")
    pushed = place.log()
    assert pushed[0] == "started all 1"  # the lease went out before the driver was called
    assert place.deploy("2026-12-01T10:05").code == 0  # the lease holds: nobody touches it
    for now in ("2026-12-01T10:09", "2026-12-01T10:20"):
        place.deploy(now)
    final = place.log()
    assert final[: len(pushed)] == pushed  # nothing that was pushed is lost
    attempts = Counter(line for line in place.calls() if line.startswith("deploy"))
    assert max(attempts.values()) == 1  # no attempt runs twice
    if step == "before-push":  # the record committed here went out with the next run
        assert place.calls() == ["deploy all 1", "verify all 1"]
        assert final == [
            "started all 1",
            "status in-progress",
            "deployed all 1 ok",
            "verified all 1 ok",
            "succeeded all 1",
            "status completed",
        ]
    else:  # cut short: interrupted, rolled back, retried in a later run
        first = ["deploy all 1"] if step != "after-lease" else []
        assert place.calls() == [*first, "rollback all 1", "deploy all 2", "verify all 2"]
        assert final == [
            "started all 1",
            "status in-progress",
            "interrupted all 1 unknown",
            "rolled-back all 1 ok",
            "started all 2",
            "deployed all 2 ok",
            "verified all 2 ok",
            "succeeded all 2",
            "status completed",
        ]
    assert git(place.clone, "status", "--short") == ""
    assert validate(place.clone, midnight("2026-12-02")).findings == []


def test_an_unpushed_record_that_conflicts_with_main_is_replayed_onto_it(
    place: Place, tmp_path: Path
) -> None:
    killed = spawn(place.clone, "2026-12-01T10:00", kill_at="before-push")
    killed.communicate(timeout=60)
    other = clone(place.origin, tmp_path / "other")
    with (other / CHG).open("a", encoding="utf-8") as stream:
        stream.write("  - {at: 2026-12-01T10:01Z, action: note, by: bob, message: Watching it.}\n")
    commit(other, "A note while the deploy runs")
    git(other, "push", "-q", "origin", "main")
    assert place.deploy("2026-12-01T10:05").code == 0
    assert place.log() == [
        "started all 1",
        "status in-progress",
        "note",
        "deployed all 1 ok",
        "verified all 1 ok",
        "succeeded all 1",
        "status completed",
    ]
    assert place.commits()[1] == (
        "ftgitops <ftgitops@users.noreply.invalid>: ftgitops deploy: replay the record of an"
        " earlier run"
    )
    assert place.calls() == ["deploy all 1", "verify all 1"]
    assert validate(place.clone, midnight("2026-12-02")).findings == []
