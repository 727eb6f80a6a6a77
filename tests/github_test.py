"""Approvals read from a GitHub API served on 127.0.0.1 with recorded-shape payloads."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from gitfixture import CHG2, NOW, commit, edit, git, make_repo
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


def review(
    number: int, login: str, state: str, at: str, commit_id: str = HEAD_SHA
) -> dict[str, Any]:
    """One review as `GET .../pulls/{n}/reviews` lists it (of the head commit unless told)."""
    return {
        "id": 80 + number,
        "node_id": f"PRR_{number}",
        "user": {"login": login, "id": 100 + number, "type": "User"},
        "body": "",
        "state": state,
        "html_url": f"https://github.com/{REPO}/pull/7#pullrequestreview-{80 + number}",
        "commit_id": commit_id,
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
    edit(root, CHG2, "likelihood: 1, impact: 3", "likelihood: 2, impact: 3")  # medium
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
                "approved": {},
                "missing": ["reviewer", "cab", "security"],
            }
        ],
    }
    assert [(f["code"], f["message"]) for f in document["findings"]] == [
        (
            "FT510",
            "CHG-2026-0002 (medium risk) needs approval by cab, security: no approving review",
        ),
        (
            "FT511",
            "CHG-2026-0002 (medium risk) needs approval by reviewer: bob implements "
            "CHG-2026-0002 and cannot approve it (each required role needs its own approver, "
            "never the author or an implementer)",
        ),
    ]


def test_enough_approvals_let_the_pull_request_merge(
    httpserver: HTTPServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    erin = review(9, "erin-gh", "APPROVED", "2026-11-20T13:00:00Z")  # security and cab
    carol = review(10, "carol-gh", "APPROVED", "2026-11-20T14:00:00Z")  # cab, after all
    serve_reviews(httpserver, "alice-gh", [PAGE_1, [*PAGE_2, erin, carol]])
    root = make_repo(tmp_path / "repo")
    edit(root, CHG2, "likelihood: 1, impact: 3", "likelihood: 2, impact: 3")
    edit(root, CHG2, "implementers: [bob]", "implementers: [alice]")  # bob may review it
    commit(root)
    _environment(monkeypatch, httpserver)
    code = main(["--root", str(root), "check", "--base", "main", "--now", NOW, "--github-pr", "7"])
    out = capsys.readouterr().out
    assert code == 0
    assert "  approvals: reviewer: bob; cab: carol; security: erin" in out


def _checked(
    httpserver: HTTPServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    reviews: list[dict[str, Any]],
    policy: str = "",
    author: str = "dave-gh",
    implementer: str = "alice",
) -> tuple[int, list[tuple[str, str]]]:
    """CHG2 at medium risk (reviewer, cab, security), implemented by alice, opened by dave
    unless told; the check's exit code and its approval findings."""
    serve_reviews(httpserver, author, [reviews])
    root = make_repo(tmp_path / "repo")
    if policy:
        git(root, "checkout", "-q", "main")
        edit(root, "ftgitops.yaml", "  notice_days: 7", f"  notice_days: 7\n  {policy}")
        commit(root, "policy")
        git(root, "checkout", "-q", "-B", "feature")
    edit(root, CHG2, "likelihood: 1, impact: 3", "likelihood: 2, impact: 3")
    edit(root, CHG2, "implementers: [bob]", f"implementers: [{implementer}]")
    commit(root)
    _environment(monkeypatch, httpserver)
    args = ["--root", str(root), "check", "--base", "main", "--now", NOW, "--github-pr", "7"]
    code = main([*args, "--format", "json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    return code, [(f["code"], f["message"]) for f in findings if f["code"].startswith("FT51")]


def test_one_review_fills_one_role(
    httpserver: HTTPServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Erin holds cab and security; her one approval cannot be both (separation of duties)."""
    reviews = [
        review(1, "bob-gh", "APPROVED", "2026-11-20T09:00:00Z"),
        review(2, "erin-gh", "APPROVED", "2026-11-20T09:05:00Z"),
    ]
    assert _checked(httpserver, tmp_path, capsys, monkeypatch, reviews) == (
        1,
        [
            (
                "FT511",
                "CHG-2026-0002 (medium risk) needs approval by security: erin's one review "
                "already fills cab; security needs another person (each required role needs its "
                "own approver, never the author or an implementer)",
            )
        ],
    )


def test_roles_go_to_whoever_can_fill_them(
    httpserver: HTTPServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Erin approving first must not take cab from the one role only she can fill."""
    reviews = [
        review(1, "erin-gh", "APPROVED", "2026-11-20T09:00:00Z"),
        review(2, "carol-gh", "APPROVED", "2026-11-20T09:05:00Z"),
        review(3, "bob-gh", "APPROVED", "2026-11-20T09:10:00Z"),
    ]
    assert _checked(httpserver, tmp_path, capsys, monkeypatch, reviews) == (0, [])


STALE = "9fceb02d0ae598e95dc970b74767f19372d61af8"  # an older commit of the pull request


def test_an_approval_of_an_older_commit_does_not_count(
    httpserver: HTTPServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reviews = [
        review(1, "bob-gh", "APPROVED", "2026-11-20T09:00:00Z"),
        review(2, "carol-gh", "APPROVED", "2026-11-20T09:05:00Z", commit_id=STALE),
        review(3, "erin-gh", "APPROVED", "2026-11-20T09:10:00Z"),
    ]
    assert _checked(httpserver, tmp_path, capsys, monkeypatch, reviews) == (
        1,
        [
            (
                "FT511",
                "CHG-2026-0002 (medium risk) needs approval by security: erin's one review "
                "already fills cab; security needs another person (each required role needs its "
                "own approver, never the author or an implementer)",
            )
        ],
    )


def test_a_stale_approval_is_told_when_nobody_else_can_fill_its_role(
    httpserver: HTTPServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reviews = [
        review(1, "bob-gh", "APPROVED", "2026-11-20T09:00:00Z"),
        review(2, "carol-gh", "APPROVED", "2026-11-20T09:05:00Z"),
        review(3, "erin-gh", "APPROVED", "2026-11-20T09:10:00Z", commit_id=STALE),
    ]
    assert _checked(httpserver, tmp_path, capsys, monkeypatch, reviews) == (
        1,
        [
            (
                "FT512",
                "CHG-2026-0002 (medium risk) needs approval by security: erin approved an older "
                "commit, not the head (a new push dismisses an approval, as "
                "policies.dismiss_stale says: ask again)",
            )
        ],
    )


def test_the_policy_may_keep_stale_approvals(
    httpserver: HTTPServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reviews = [
        review(1, "bob-gh", "APPROVED", "2026-11-20T09:00:00Z"),
        review(2, "carol-gh", "APPROVED", "2026-11-20T09:05:00Z"),
        review(3, "erin-gh", "APPROVED", "2026-11-20T09:10:00Z", commit_id=STALE),
    ]
    policy = "dismiss_stale: false"
    assert _checked(httpserver, tmp_path, capsys, monkeypatch, reviews, policy) == (0, [])


def test_neither_the_author_nor_an_implementer_approves(
    httpserver: HTTPServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Carol (cab) opened the pull request and Erin (security) implements the change: each
    approved, and neither counts."""
    reviews = [
        review(1, "bob-gh", "APPROVED", "2026-11-20T09:00:00Z"),
        review(2, "carol-gh", "APPROVED", "2026-11-20T09:05:00Z"),
        review(3, "erin-gh", "APPROVED", "2026-11-20T09:10:00Z"),
    ]
    found = _checked(httpserver, tmp_path, capsys, monkeypatch, reviews, "", "carol-gh", "erin")
    assert found == (
        1,
        [
            (
                "FT511",
                "CHG-2026-0002 (medium risk) needs approval by cab, security: carol (@carol-gh) "
                "opened the pull request and cannot approve it; erin implements CHG-2026-0002 "
                "and cannot approve it (each required role needs its own approver, never the "
                "author or an implementer)",
            )
        ],
    )


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
