"""Approvals read from a GitHub API served on 127.0.0.1 with recorded-shape payloads."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from gitfixture import CHG2, NOW, commit, edit, make_repo
from pytest_httpserver import HTTPServer

from ftgitops.check.github import GitHubSettings, fetch_pull_request, settings_from
from ftgitops.errors import FtgitopsError
from ftgitops.main import main

REPO = "example-org/changes"
PULL = f"/repos/{REPO}/pulls/7"
HEAD_SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e"


@pytest.fixture(scope="session")
def httpserver_listen_address() -> tuple[str, int]:
    """Loopback only, on a free port."""
    return ("127.0.0.1", 0)


def pull_payload(author: str) -> dict[str, Any]:
    """The fields of `GET /repos/{owner}/{repo}/pulls/{n}` the check reads, and a few more."""
    return {
        "url": f"https://api.github.com{PULL}",
        "number": 7,
        "state": "open",
        "title": "Raise the risk of CHG-2026-0002",
        "user": {"login": author, "id": 1, "type": "User"},
        "head": {"ref": "feature", "sha": HEAD_SHA},
        "base": {"ref": "main", "sha": "9fceb02d0ae598e95dc970b74767f19372d61af8"},
    }


def review(number: int, login: str, state: str, at: str) -> dict[str, Any]:
    """One review as `GET .../pulls/{n}/reviews` lists it."""
    return {
        "id": 80 + number,
        "node_id": f"PRR_{number}",
        "user": {"login": login, "id": 100 + number, "type": "User"},
        "body": "",
        "state": state,
        "html_url": f"https://github.com/{REPO}/pull/7#pullrequestreview-{80 + number}",
        "commit_id": HEAD_SHA,
        "submitted_at": at,
        "author_association": "MEMBER",
    }


PAGE_1 = [
    review(1, "alice-gh", "APPROVED", "2026-11-20T09:00:00Z"),  # the author: never counts
    review(2, "bob-gh", "APPROVED", "2026-11-20T09:05:00Z"),  # Bob-GH in ftgitops.yaml
    review(3, "carol-gh", "APPROVED", "2026-11-20T09:10:00Z"),
    review(4, "dave-gh", "APPROVED", "2026-11-20T09:20:00Z"),
]
PAGE_2 = [
    review(5, "carol-gh", "CHANGES_REQUESTED", "2026-11-20T11:00:00Z"),  # withdraws her approval
    review(6, "dave-gh", "COMMENTED", "2026-11-20T11:30:00Z"),  # a comment keeps his approval
    review(7, "erin-gh", "DISMISSED", "2026-11-20T08:00:00Z"),  # an approval later dismissed
    review(8, "stranger", "APPROVED", "2026-11-20T12:00:00Z"),  # not in ftgitops.yaml
]


def serve_reviews(server: HTTPServer, author: str, pages: list[list[dict[str, Any]]]) -> None:
    """The pull request, and its reviews in pages linked by `Link: <...>; rel="next"`."""
    server.expect_request(PULL, headers={"Authorization": "Bearer t0ken"}).respond_with_json(
        pull_payload(author)
    )
    for index, page in enumerate(pages, start=1):
        query = "per_page=100" if index == 1 else f"per_page=100&page={index}"
        headers = {}
        if index < len(pages):
            following = server.url_for(f"{PULL}/reviews?per_page=100&page={index + 1}")
            last = server.url_for(f"{PULL}/reviews?per_page=100&page={len(pages)}")
            headers["Link"] = f'<{following}>; rel="next", <{last}>; rel="last"'
        server.expect_request(f"{PULL}/reviews", query_string=query).respond_with_data(
            json.dumps(page), content_type="application/json", headers=headers
        )


def settings(server: HTTPServer) -> GitHubSettings:
    return GitHubSettings(server.url_for("").rstrip("/"), REPO, "t0ken")


def test_reviews_are_read_across_pages(httpserver: HTTPServer) -> None:
    serve_reviews(httpserver, "alice-gh", [PAGE_1, PAGE_2])
    pull = fetch_pull_request(settings(httpserver), 7)
    assert pull.author == "alice-gh"
    assert pull.head_sha == HEAD_SHA
    assert [r.login for r in pull.reviews] == [r["user"]["login"] for r in PAGE_1 + PAGE_2]


def test_latest_review_counts_and_the_author_never_does(
    httpserver: HTTPServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    serve_reviews(httpserver, "alice-gh", [PAGE_1, PAGE_2])
    root = make_repo(tmp_path / "repo")
    edit(root, CHG2, "likelihood: 1, impact: 3", "likelihood: 2, impact: 2")  # medium
    commit(root)
    _environment(monkeypatch, httpserver)
    args = ["--root", str(root), "check", "--base", "main", "--now", NOW, "--github-pr", "7"]
    code = main([*args, "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    assert code == 1
    assert document["approvals"] == {
        "verified": True,
        "author": "alice-gh",
        "approved_by": ["bob", "dave"],
        "not_counted": [
            {"login": "alice-gh", "why": "the author cannot approve their own pull request"},
            {"login": "stranger", "why": "no person in ftgitops.yaml has this GitHub login"},
        ],
        "changes_requested": ["carol-gh"],
        "items": [
            {
                "item": "CHG-2026-0002",
                "path": CHG2,
                "level": "medium",
                "required": ["reviewer", "cab", "security"],
                "approved": {"reviewer": ["bob"]},
                "missing": ["cab", "security"],
            }
        ],
    }
    assert [f["code"] for f in document["findings"]] == ["FT510"]


def test_enough_approvals_let_the_pull_request_merge(
    httpserver: HTTPServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    erin = review(9, "erin-gh", "APPROVED", "2026-11-20T13:00:00Z")  # security and cab
    serve_reviews(httpserver, "alice-gh", [PAGE_1, [*PAGE_2, erin]])
    root = make_repo(tmp_path / "repo")
    edit(root, CHG2, "likelihood: 1, impact: 3", "likelihood: 2, impact: 2")
    commit(root)
    _environment(monkeypatch, httpserver)
    code = main(["--root", str(root), "check", "--base", "main", "--now", NOW, "--github-pr", "7"])
    out = capsys.readouterr().out
    assert code == 0
    assert "  approvals: reviewer: bob; cab: erin; security: erin" in out


def test_a_rate_limit_answer_is_a_clear_error(
    httpserver: HTTPServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    httpserver.expect_request(PULL).respond_with_json(
        {
            "message": "API rate limit exceeded for installation ID 1.",
            "documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
        },
        status=403,
        headers={
            "X-RateLimit-Limit": "5000",
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset": "1795255200",
        },
    )
    with pytest.raises(FtgitopsError) as raised:
        fetch_pull_request(settings(httpserver), 7)
    message = str(raised.value)
    assert "answered 403" in message and "API rate limit exceeded" in message
    assert "X-RateLimit-Reset: 1795255200 (2026-11-21 10:00:00 UTC)" in message
    root = make_repo(tmp_path / "repo")
    _environment(monkeypatch, httpserver)
    assert main(["--root", str(root), "check", "--base", "main", "--github-pr", "7"]) == 2
    assert "rate limit exceeded" in capsys.readouterr().err


@pytest.mark.parametrize(("status", "hint"), [(401, "GITHUB_TOKEN"), (404, "no such pull request")])
def test_refusals_name_the_status(httpserver: HTTPServer, status: int, hint: str) -> None:
    httpserver.expect_request(PULL).respond_with_json({"message": "Not Found"}, status=status)
    with pytest.raises(FtgitopsError, match=rf"answered {status} for GET .*{hint}"):
        fetch_pull_request(settings(httpserver), 7)


def test_settings_come_from_the_environment() -> None:
    environ = {"GITHUB_REPOSITORY": REPO, "GITHUB_API_URL": "https://ghe.example.com/api/v3/"}
    assert settings_from(environ) == GitHubSettings("https://ghe.example.com/api/v3", REPO, None)
    assert settings_from({"GITHUB_REPOSITORY": REPO}).api_url == "https://api.github.com"
    with pytest.raises(FtgitopsError, match="GITHUB_REPOSITORY"):
        settings_from({})


def _environment(monkeypatch: pytest.MonkeyPatch, server: HTTPServer) -> None:
    monkeypatch.setenv("GITHUB_REPOSITORY", REPO)
    monkeypatch.setenv("GITHUB_API_URL", server.url_for(""))
    monkeypatch.setenv("GITHUB_TOKEN", "t0ken")
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
