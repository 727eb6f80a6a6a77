"""The lifecycle against the clock: FT309 in validate, FT507 and FT508 in the check (real git)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gitfixture import CHG2, MNT1, commit, edit, make_repo

from ftgitops.main import main

AFTER_NOVEMBER = "2026-12-01T09:00:00+00:00"  # MNT1's window (28-29 Nov, Sydney) is over


def _check(capsys: pytest.CaptureFixture[str], root: Path, now: str) -> dict[str, object]:
    main(["--root", str(root), "check", "--base", "main", "--now", now, "--format", "json"])
    document: dict[str, object] = json.loads(capsys.readouterr().out)
    return document


def _codes(document: dict[str, object]) -> list[tuple[str, str, str]]:
    findings = document["findings"]
    assert isinstance(findings, list)
    return [(f["file"], f["code"], f["severity"]) for f in findings]


def test_validate_reminds_that_a_window_is_over(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "repo")
    assert main(["--root", str(root), "validate", "--now", AFTER_NOVEMBER, str(root / MNT1)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"{MNT1}:5:9: warning[FT309]: MNT-2026-0001 is still scheduled, but its window ended "
        "2 days ago (Sun 29 Nov 2026 01:00 AEDT): record the outcome (completed, or cancelled "
        "if it did not happen) ($.status)",
        "0 errors, 1 warning in 1 file",
    ]


def test_a_release_whose_waves_all_ended_is_told_to_record_its_outcome(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "repo")
    release = "changes/2026/REL-2026-0001.yaml"
    for day in ("01", "03"):
        edit(
            root,
            release,
            f"window: {{start: 2026-12-{day}",
            f"status: completed\n    window: {{start: 2026-12-{day}",
        )
    main(["--root", str(root), "validate", "--now", "2026-12-04T00:00Z", str(root / release)])
    assert capsys.readouterr().out.splitlines()[0] == (
        f"{release}:7:9: warning[FT309]: REL-2026-0001 is still scheduled, but every wave has "
        "ended: record the release's outcome (completed, failed or rolled-back, or cancelled if "
        "it did not happen) ($.status)"
    )


def test_an_edit_to_work_whose_window_is_over_must_record_the_outcome(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One fact, one finding: the check's FT507 error, without validate's FT309 beside it."""
    root = make_repo(tmp_path / "repo")
    edit(root, MNT1, "public_text: The service", "public_text: Sign-in")
    commit(root)
    assert _codes(_check(capsys, root, AFTER_NOVEMBER)) == [(MNT1, "FT507", "error")]


def test_recording_the_outcome_after_the_window_is_the_normal_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "repo")
    edit(root, MNT1, "status: scheduled", "status: completed")
    commit(root)
    assert _codes(_check(capsys, root, AFTER_NOVEMBER)) == []


def test_a_new_change_starts_as_draft_or_proposed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "repo")
    new = "changes/2026/CHG-2026-0004.yaml"
    text = (root / CHG2).read_text(encoding="utf-8").replace("CHG-2026-0002", "CHG-2026-0004")
    (root / new).write_text(text.replace("status: approved", "status: scheduled"), "utf-8")
    commit(root)
    document = _check(capsys, root, "2026-11-21T10:00Z")
    assert [c for c in _codes(document) if c[1].startswith("FT5")] == [(new, "FT508", "error")]
