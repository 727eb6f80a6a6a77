"""Standard changes on real git: within their pre-approved template they need no CAB (reviews
from a local server answering as the GitHub API); straying from it is an error (FT513)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gitfixture import CHG3, NOW, commit, edit, git, make_repo
from pytest_httpserver import HTTPServer

from ftgitops.main import main

REPOSITORY = "example-org/changes"
PULL = f"/repos/{REPOSITORY}/pulls/7"
TEMPLATE = """
standard_changes:
  web-patch:
    name: Patch the web servers' operating system
    category: infrastructure
    services: [web]
    environments: [uat]
    max_minutes: 180
"""


@pytest.fixture(scope="session")
def httpserver_listen_address() -> tuple[str, int]:
    """Loopback only, on a free port."""
    return ("127.0.0.1", 0)


def _standard_change(root: Path, environments: str) -> None:
    """CHG3 proposed as a standard change at medium risk (a normal one would need the CAB)."""
    git(root, "checkout", "-q", "main")
    (root / "ftgitops.yaml").write_text(
        (root / "ftgitops.yaml").read_text(encoding="utf-8") + TEMPLATE, encoding="utf-8"
    )
    commit(root, "a pre-approved template")
    git(root, "checkout", "-q", "-B", "feature")
    edit(root, CHG3, "type: normal", "type: standard\ntemplate: web-patch")
    edit(root, CHG3, "status: draft", "status: proposed")
    edit(root, CHG3, "environments: [uat]", f"environments: {environments}")
    edit(root, CHG3, "risk: {likelihood: 1, impact: 2}", "risk: {likelihood: 3, impact: 3}")
    (root / CHG3).write_text(
        (root / CHG3).read_text(encoding="utf-8") + "rollback: {plan: Reimage., tested: true}\n",
        encoding="utf-8",
    )
    commit(root)


def _check(
    root: Path,
    server: HTTPServer,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[int, dict[str, object]]:
    """The check with Bob (a reviewer, not the implementer) approving the head commit."""
    head = git(root, "rev-parse", "HEAD").strip()
    server.expect_request(PULL).respond_with_json(
        {"number": 7, "user": {"login": "dave-gh"}, "head": {"sha": head}}
    )
    review = {"user": {"login": "Bob-GH"}, "state": "APPROVED", "commit_id": head}
    server.expect_request(f"{PULL}/reviews").respond_with_json(
        [{**review, "submitted_at": "2026-11-20T09:00:00Z"}]
    )
    monkeypatch.setenv("GITHUB_REPOSITORY", REPOSITORY)
    monkeypatch.setenv("GITHUB_API_URL", server.url_for(""))
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    args = ["check", "--base", "main", "--now", NOW, "--github-pr", "7", "--format", "json"]
    code = main(["--root", str(root), *args])
    return code, json.loads(capsys.readouterr().out)


def test_a_standard_change_within_its_template_needs_no_cab(
    tmp_path: Path,
    httpserver: HTTPServer,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = make_repo(tmp_path / "repo")
    _standard_change(root, "[uat]")
    code, document = _check(root, httpserver, capsys, monkeypatch)
    assert (code, document["findings"]) == (0, [])
    (item,) = document["approvals"]["items"]  # type: ignore[index]
    assert (item["level"], item["required"], item["approved"]) == (
        "medium",  # a normal change at medium needs reviewer and cab
        ["reviewer"],
        {"reviewer": ["bob"]},
    )


def test_a_standard_change_that_strays_is_an_error_and_needs_the_cab(
    tmp_path: Path,
    httpserver: HTTPServer,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = make_repo(tmp_path / "repo")
    _standard_change(root, "[uat, production]")
    code, document = _check(root, httpserver, capsys, monkeypatch)
    findings = document["findings"]
    assert isinstance(findings, list)
    assert code == 1
    assert [(f["code"], f["path"]) for f in findings] == [
        ("FT513", "$.targets.environments"),
        ("FT510", "$.risk"),
    ]
    assert findings[0]["message"] == (
        "CHG-2026-0003 is a standard change: production is outside its template web-patch (uat)"
    )
