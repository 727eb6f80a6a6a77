"""Reads a pull request's author and reviews from the GitHub REST API (httpx).

Settings come from the environment GitHub Actions provides (`GITHUB_REPOSITORY`,
`GITHUB_API_URL`, `GITHUB_TOKEN`), passed in as a mapping. Reviews are paged (100 a page,
following the `Link: <...>; rel="next"` header). A refused answer (401, 403, 404, 429) is an
input error that names the status and, for a rate limit, when it resets.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Any, NamedTuple

import httpx

from ftgitops import __version__
from ftgitops.check.approvals import PullRequest, Review
from ftgitops.errors import FtgitopsError

DEFAULT_API_URL = "https://api.github.com"
MAX_PAGES = 100
TIMEOUT_SECONDS = 30.0


class GitHubSettings(NamedTuple):
    """Where the API is, which repository, and the token (None: anonymous)."""

    api_url: str
    repository: str
    token: str | None


def settings_from(environ: Mapping[str, str]) -> GitHubSettings:
    """The settings GitHub Actions puts in the environment; the repository is required."""
    repository = environ.get("GITHUB_REPOSITORY", "")
    if "/" not in repository:
        raise FtgitopsError(
            "--github-pr needs GITHUB_REPOSITORY=owner/name in the environment "
            "(GitHub Actions sets it; set it by hand elsewhere)"
        )
    api_url = environ.get("GITHUB_API_URL") or DEFAULT_API_URL
    return GitHubSettings(api_url.rstrip("/"), repository, environ.get("GITHUB_TOKEN") or None)


def fetch_pull_request(settings: GitHubSettings, number: int) -> PullRequest:
    """The pull request's author, head commit and every review, oldest first."""
    with httpx.Client(headers=_headers(settings), timeout=TIMEOUT_SECONDS) as client:
        base = f"{settings.api_url}/repos/{settings.repository}/pulls/{number}"
        pull = _get(client, base).json()
        reviews = [
            _review(raw) for page in _pages(client, f"{base}/reviews?per_page=100") for raw in page
        ]
    return PullRequest(
        number=number,
        author=str(pull["user"]["login"]),
        head_sha=str(pull.get("head", {}).get("sha", "")),
        reviews=tuple(r for r in reviews if r is not None),
    )


def _headers(settings: GitHubSettings) -> dict[str, str]:
    headers = {
        "Accept": "application/vnd.github+json",
        "X-GitHub-Api-Version": "2022-11-28",
        "User-Agent": f"ftgitops/{__version__}",
    }
    if settings.token:
        headers["Authorization"] = f"Bearer {settings.token}"
    return headers


def _pages(client: httpx.Client, url: str) -> Iterator[list[dict[str, Any]]]:
    for _ in range(MAX_PAGES):
        response = _get(client, url)
        yield list(response.json())
        following = response.links.get("next", {}).get("url")
        if not following:
            return
        url = following
    raise FtgitopsError(f"more than {MAX_PAGES} pages of reviews at {url}: giving up")


def _review(raw: dict[str, Any]) -> Review | None:
    user = raw.get("user") or {}
    if not user.get("login") or raw.get("state") == "PENDING":
        return None  # a deleted account ("ghost") or a review not yet submitted
    return Review(
        str(user["login"]),
        str(raw["state"]),
        str(raw.get("submitted_at") or ""),
        raw.get("commit_id"),
    )


def _get(client: httpx.Client, url: str) -> httpx.Response:
    try:
        response = client.get(url)
    except httpx.HTTPError as error:
        raise FtgitopsError(f"cannot reach the GitHub API at {url}: {error}") from None
    if response.status_code >= 400:
        raise FtgitopsError(_refusal(url, response))
    return response


def _refusal(url: str, response: httpx.Response) -> str:
    """A sentence for a refused request: the status, GitHub's message, and what to do."""
    try:
        said = str(response.json().get("message", ""))
    except ValueError:
        said = response.text[:200]
    status = response.status_code
    text = f"the GitHub API answered {status} for GET {url}" + (f": {said}" if said else "")
    reset = response.headers.get("X-RateLimit-Reset")
    limited = status == 429 or response.headers.get("X-RateLimit-Remaining") == "0"
    if status in (403, 429) and (limited or "rate limit" in said.lower()):
        when = _reset_time(reset)
        return f"{text}; rate limit exceeded, X-RateLimit-Reset: {reset} ({when}): retry then"
    hints = {
        401: "the token is missing or invalid: pass GITHUB_TOKEN",
        403: "the token may not read pull requests: grant `pull-requests: read`",
        404: "no such pull request, or the token cannot see the repository",
    }
    return f"{text}; {hints[status]}" if status in hints else text


def _reset_time(epoch: str | None) -> str:
    if epoch is None or not epoch.isdigit():
        return "reset time unknown"
    return datetime.fromtimestamp(int(epoch), UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
