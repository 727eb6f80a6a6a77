"""Customer-visible windows: which work customers feel, its state at a moment, and for whom."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from ftgitops.load import load_directory
from ftgitops.model import Model
from ftgitops.rules.customerwindows import (
    WindowState,
    concerns,
    customer_windows,
    known_status,
    wave_key,
)


def model_of(repo: Path) -> Model:
    loaded = load_directory(repo)
    assert not loaded.findings, loaded.findings
    return loaded.model


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new))


def with_wave_downtime(repo: Path) -> Path:
    release = repo / "changes/2026/REL-2026-0001.yaml"
    replace_in(release, "    downtime: false\n", "    downtime: true\n")
    return release


def test_every_kind_is_listed_soonest_first(repo: Path) -> None:
    with_wave_downtime(repo)
    found = customer_windows(model_of(repo), at("2026-11-01T00:00"))
    assert [(w.key, w.kind, w.state) for w in found] == [
        ("CHG-2026-0001", "change", WindowState.COMPLETED),
        ("MNT-2026-0001", "maintenance", WindowState.UPCOMING),
        ("REL-2026-0001/apac-group-1", "release-wave", WindowState.UPCOMING),
        ("REL-2026-0001/uk-group-2", "release-wave", WindowState.UPCOMING),
    ]


def test_waves_without_downtime_and_unpublished_work_are_not_windows(repo: Path) -> None:
    assert [w.key for w in customer_windows(model_of(repo), at("2026-11-01T00:00"))] == [
        "CHG-2026-0001",
        "MNT-2026-0001",
    ]
    replace_in(repo / "changes/2026/MNT-2026-0001.yaml", "status: scheduled", "status: draft")
    assert [w.key for w in customer_windows(model_of(repo), at("2026-11-01T00:00"))] == [
        "CHG-2026-0001"
    ]


@pytest.mark.parametrize(
    ("now", "state"),
    [
        ("2026-11-28T11:59", WindowState.UPCOMING),  # 22:59 in Sydney
        ("2026-11-28T12:00", WindowState.IN_PROGRESS),  # 23:00 in Sydney: the window opens
        ("2026-11-28T13:59", WindowState.IN_PROGRESS),
        ("2026-11-28T14:00", WindowState.COMPLETED),  # ended, nothing recorded: done
    ],
)
def test_a_notice_state_follows_the_clock(repo: Path, now: str, state: WindowState) -> None:
    (notice,) = [w for w in customer_windows(model_of(repo), at(now)) if w.kind == "maintenance"]
    assert notice.state == state
    assert notice.outcome is None


def test_a_completion_update_ends_the_window_early(repo: Path) -> None:
    path = repo / "changes/2026/MNT-2026-0001.yaml"
    path.write_text(
        path.read_text()
        + "updates:\n  - at: 2026-11-29T00:10\n    status: completed\n    text: All done.\n"
    )
    (notice,) = [
        w
        for w in customer_windows(model_of(repo), at("2026-11-28T13:30"))
        if w.kind == "maintenance"
    ]
    assert notice.state == WindowState.COMPLETED
    assert notice.ends == at("2026-11-28T13:10")


def test_a_wave_still_in_progress_after_its_end_overran(repo: Path) -> None:
    release = with_wave_downtime(repo)
    replace_in(release, "status: scheduled", "status: in-progress")
    found = {w.key: w for w in customer_windows(model_of(repo), at("2026-12-01T13:00"))}
    assert found["REL-2026-0001/apac-group-1"].state == WindowState.OVERRAN
    assert found["REL-2026-0001/uk-group-2"].state == WindowState.UPCOMING


@pytest.mark.parametrize(
    ("status", "state", "outcome"),
    [
        ("cancelled", WindowState.CANCELLED, None),
        ("failed", WindowState.COMPLETED, "failed"),
        ("rolled-back", WindowState.COMPLETED, "rolled-back"),
    ],
)
def test_the_recorded_outcome_wins_over_the_clock(
    repo: Path, status: str, state: WindowState, outcome: str | None
) -> None:
    release = with_wave_downtime(repo)
    replace_in(release, "status: scheduled", f"status: {status}")
    found = {w.key: w for w in customer_windows(model_of(repo), at("2026-12-08T20:30"))}
    assert (found["REL-2026-0001/uk-group-2"].state, found["REL-2026-0001/uk-group-2"].outcome) == (
        state,
        outcome,
    )


def test_a_wave_concerns_its_region_and_group_only(repo: Path) -> None:
    with_wave_downtime(repo)
    model = model_of(repo)
    found = customer_windows(model, at("2026-11-01T00:00"))
    whom = {w.key: sorted(t for t in model.tenants if concerns(w, model.tenants[t])) for w in found}
    assert whom == {
        "CHG-2026-0001": ["harbour-staffing"],
        "MNT-2026-0001": ["harbour-staffing"],
        "REL-2026-0001/apac-group-1": ["harbour-staffing"],
        "REL-2026-0001/uk-group-2": ["thames-care"],
    }


def test_named_tenants_and_missing_environments_narrow_the_scope(repo: Path) -> None:
    replace_in(
        repo / "changes/2026/MNT-2026-0001.yaml",
        "regions: [apac]\n",
        "regions: [apac, uk]\ntenants: [thames-care]\n",
    )
    model = model_of(repo)
    (notice,) = [w for w in customer_windows(model, at("2026-11-01T00:00")) if w.key[:3] == "MNT"]
    assert notice.tenants == ("thames-care",)
    assert [t for t in model.tenants if concerns(notice, model.tenants[t])] == ["thames-care"]


def test_a_decommissioned_environment_feels_nothing(repo: Path) -> None:
    """Harbour's UAT was switched off in 2025: a UAT-only notice in APAC concerns nobody."""
    path = repo / "changes/2026/MNT-2026-0001.yaml"
    replace_in(path, "environments: [production, uat, training]", "environments: [uat]")
    model = model_of(repo)
    (notice,) = [w for w in customer_windows(model, at("2026-11-01T00:00")) if w.key[:3] == "MNT"]
    assert not concerns(notice, model.tenants["harbour-staffing"])
    replace_in(path, "environments: [uat]", "environments: [training]")
    model = model_of(repo)
    (notice,) = [w for w in customer_windows(model, at("2026-11-01T00:00")) if w.key[:3] == "MNT"]
    assert concerns(notice, model.tenants["harbour-staffing"])


def test_wave_keys_survive_edits_and_tell_same_named_waves_apart(repo: Path) -> None:
    release = with_wave_downtime(repo)
    model = model_of(repo)
    rel = model.items["REL-2026-0001"]
    assert [wave_key(rel, w) for w in rel.waves] == [  # type: ignore[arg-type, union-attr]
        "REL-2026-0001/apac-group-1",
        "REL-2026-0001/uk-group-2",
    ]
    replace_in(release, "2026-12-08T20:00", "2026-12-09T20:00")
    replace_in(release, "  - region: uk\n    groups: [2]", "  - region: apac\n    groups: [1]")
    rel = model_of(repo).items["REL-2026-0001"]
    assert [wave_key(rel, w) for w in rel.waves] == [  # type: ignore[arg-type, union-attr]
        "REL-2026-0001/apac-group-1",
        "REL-2026-0001/apac-group-1-2",
    ]


def test_what_was_not_yet_known_at_now_does_not_count(repo: Path) -> None:
    """A record read at an earlier `--now`: a later completion update and an outcome for a
    window that has not started yet are not known then."""
    path = repo / "changes/2026/MNT-2026-0001.yaml"
    replace_in(path, "status: scheduled", "status: completed")
    path.write_text(
        path.read_text()
        + "updates:\n  - at: 2026-11-29T00:10\n    status: completed\n    text: All done.\n"
    )
    model = model_of(repo)

    def notice_at(now: str) -> tuple[WindowState, datetime]:
        (found,) = [w for w in customer_windows(model, at(now)) if w.kind == "maintenance"]
        return found.state, found.ends

    assert notice_at("2026-11-21T00:00") == (WindowState.UPCOMING, at("2026-11-28T14:00"))
    assert notice_at("2026-11-28T12:30") == (WindowState.COMPLETED, at("2026-11-28T14:00"))
    assert notice_at("2026-11-28T13:30") == (WindowState.COMPLETED, at("2026-11-28T13:10"))


def test_a_record_shows_an_outcome_only_once_its_window_started() -> None:
    """For pages that show the recorded status (the internal home, the change calendar): an
    outcome is not known before the window starts; any other status is as recorded."""
    start = at("2026-11-28T12:00")
    assert known_status("completed", start, at("2026-11-21T12:00")) == "scheduled"
    assert known_status("rolled-back", start, at("2026-11-28T11:59")) == "scheduled"
    assert known_status("completed", start, at("2026-11-28T12:00")) == "completed"
    assert known_status("cancelled", start, at("2026-11-21T12:00")) == "cancelled"
    assert known_status("approved", start, at("2026-11-21T12:00")) == "approved"
