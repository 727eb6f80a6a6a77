"""FT314 on real git: downtime in a change or release wave needs notice, counted from git."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gitfixture import CHG2, MNT2, commit, edit, git, make_repo

from ftgitops.main import main

FIVE_DAYS_BEFORE = "2026-12-03T09:00:00+00:00"  # CHG2's window: Tue 8 Dec 21:00 London
DOWNTIME = ("impact: {downtime: false}", "impact: {downtime: true, public_summary: Unavailable.}")


def _codes(capsys: pytest.CaptureFixture[str], root: Path) -> list[tuple[str, str, str]]:
    args = ["check", "--base", "main", "--now", FIVE_DAYS_BEFORE, "--format", "json"]
    main(["--root", str(root), *args])
    document = json.loads(capsys.readouterr().out)
    return [(f["file"], f["code"], f["path"]) for f in document["findings"]]


def test_downtime_a_pull_request_adds_is_counted_from_now(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "repo")
    edit(root, CHG2, *DOWNTIME)
    commit(root)
    assert _codes(capsys, root) == [(CHG2, "FT314", "$.window")]


def test_downtime_already_in_git_was_judged_when_it_was_merged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "repo")
    git(root, "checkout", "-q", "main")
    edit(root, CHG2, *DOWNTIME)
    commit(root, "downtime, weeks ahead")
    git(root, "checkout", "-q", "-B", "feature")
    edit(root, CHG2, "status: approved", "status: scheduled")
    commit(root)
    assert _codes(capsys, root) == []
    edit(root, CHG2, "2026-12-08T21:00", "2026-12-08T20:30")  # moved: new to git
    commit(root)
    assert _codes(capsys, root) == [(CHG2, "FT314", "$.window")]


def test_the_emergency_path_is_the_only_exception(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "repo")
    edit(root, CHG2, *DOWNTIME)
    edit(root, CHG2, "type: normal", "type: emergency\njustification: Keys leaked.")
    commit(root)
    assert _codes(capsys, root) == []


def test_work_a_published_notice_lists_is_told_by_that_notice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The notice (FT306 judges it) is what customers read; the change needs no more."""
    root = make_repo(tmp_path / "repo")
    git(root, "checkout", "-q", "main")
    edit(root, MNT2, "status: draft", "status: scheduled\nchanges: [CHG-2026-0002]")
    edit(root, MNT2, "published: 2026-11-20T10:00", "published: 2026-11-20T10:00Z")
    commit(root, "the notice lists the change")
    git(root, "checkout", "-q", "-B", "feature")
    edit(root, CHG2, *DOWNTIME)
    commit(root)
    assert _codes(capsys, root) == []


def test_validate_judges_unpublished_work_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without history, validate cannot tell when approved work was first announced."""
    root = make_repo(tmp_path / "repo")
    edit(root, CHG2, *DOWNTIME)
    path = str(root / CHG2)
    assert main(["--root", str(root), "validate", "--now", FIVE_DAYS_BEFORE, path]) == 0
    assert capsys.readouterr().out == "no problems in 1 file\n"
    edit(root, CHG2, "status: approved", "status: proposed")
    assert main(["--root", str(root), "validate", "--now", FIVE_DAYS_BEFORE, path]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{CHG2}:10:9: error[FT314]: CHG-2026-0002 takes production down from Tue 08 Dec 2026 "
        "21:00 GMT, 5.5 days after now (it is still proposed: customers hear of it no earlier "
        "than its approval); the policy asks for 7 days' notice to customers: move the window, "
        "or make it an emergency change if it cannot wait ($.window)",
        "1 error, 0 warnings in 1 file",
    ]
