"""FT211 and FT212 on real git: targets that do not fit, causes and problems that disagree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gitfixture import CHG1, CHG2, NOW, commit, edit, git, make_repo

from ftgitops.main import main

INC = "changes/2026/INC-2026-0001.yaml"
INCIDENT = """\
# yaml-language-server: $schema=../../schemas/incident.schema.json
id: INC-2026-0001
kind: incident
title: Slow database queries after patching
severity: sev3
status: resolved
started: 2026-11-01T09:10
resolved: 2026-11-01T10:05
regions: [apac]
services: [database]
impact: degraded
caused_by: CHG-2026-0001
updates:
  - {at: 2026-11-01T10:05, status: resolved, text: Queries are fast again.}
"""


def _codes(capsys: pytest.CaptureFixture[str], root: Path) -> list[tuple[str, str, str]]:
    main(["--root", str(root), "check", "--base", "main", "--now", NOW, "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    return [(f["file"], f["code"], f["path"]) for f in document["findings"]]


def test_a_tenant_outside_the_changes_regions_is_blocked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "repo")
    edit(root, CHG2, "tenants: all", "tenants: [thames-care, harbour-staffing]")
    commit(root)
    assert _codes(capsys, root) == [(CHG2, "FT211", "$.targets.tenants[1]")]


def test_a_cause_and_its_problems_must_agree_and_are_told_on_both_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "repo")
    git(root, "checkout", "-q", "main")
    (root / INC).write_text(INCIDENT, encoding="utf-8")
    commit(root, "an incident and its cause, which does not list it yet")
    git(root, "checkout", "-q", "-B", "feature")
    edit(root, INC, "title: Slow", "title: Very slow")
    commit(root)
    assert _codes(capsys, root) == [(INC, "FT212", "$.caused_by")]
    assert main(["--root", str(root), "validate", "--now", NOW, str(root / CHG1)]) == 1
    assert "error[FT212]: INC-2026-0001 says it was caused by CHG-2026-0001, but " in (
        capsys.readouterr().out
    )
    edit(root, CHG1, "implementers:", "problems: [INC-2026-0001]\nimplementers:")
    commit(root)  # a completed change may still have its problems added (no FT501)
    assert _codes(capsys, root) == []
