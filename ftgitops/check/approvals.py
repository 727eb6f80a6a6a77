"""Which required approvals a pull request's reviews give, and which are missing.

Each reviewer's latest deciding review counts: APPROVED, CHANGES_REQUESTED or DISMISSED (a
later comment does not withdraw an approval, as on GitHub). Logins map to people through
`people.<id>.github` in ftgitops.yaml, case-insensitively (GitHub logins are). The pull
request's author never counts (separation of duties). One approver may fill every required
role they hold.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from ftgitops.model import Person, Platform

DECIDING = frozenset({"APPROVED", "CHANGES_REQUESTED", "DISMISSED"})


class Review(NamedTuple):
    """One submitted review, as the GitHub API gives it."""

    login: str
    state: str
    submitted_at: str
    commit_id: str | None = None


class PullRequest(NamedTuple):
    """A pull request's number, author and every review on it, oldest first."""

    number: int
    author: str
    head_sha: str
    reviews: tuple[Review, ...]


class Reviewers(NamedTuple):
    """What the reviews say, once resolved against the people in ftgitops.yaml."""

    author: str
    approvers: tuple[Person, ...]
    changes_requested: tuple[str, ...]  # logins
    not_counted: tuple[tuple[str, str], ...]  # (login, why)


class ApprovalState(NamedTuple):
    """One item's required roles, who filled each, and which are missing."""

    item_id: str
    path: str
    level: str
    required: tuple[str, ...]
    approved: tuple[tuple[str, tuple[str, ...]], ...]  # (role, person ids)
    missing: tuple[str, ...]


def latest_states(reviews: Iterable[Review]) -> dict[str, tuple[str, str]]:
    """Each reviewer's latest deciding review: lower-case login -> (login, state)."""
    latest: dict[str, tuple[str, str]] = {}
    ordered = sorted(enumerate(reviews), key=lambda pair: (pair[1].submitted_at, pair[0]))
    for _, review in ordered:
        if review.state in DECIDING:
            latest[review.login.lower()] = (review.login, review.state)
    return latest


def resolve(pull: PullRequest, platform: Platform) -> Reviewers:
    """The approving people, and every login whose review does not count, with the reason."""
    people = {p.github.lower(): p for p in platform.people.values() if p.github}
    approvers: list[Person] = []
    not_counted: list[tuple[str, str]] = []
    requested: list[str] = []
    for key, (login, state) in sorted(latest_states(pull.reviews).items()):
        if state == "CHANGES_REQUESTED":
            requested.append(login)
        if state != "APPROVED":
            continue
        if key == pull.author.lower():
            not_counted.append((login, "the author cannot approve their own pull request"))
        elif key not in people:
            not_counted.append((login, "no person in ftgitops.yaml has this GitHub login"))
        else:
            approvers.append(people[key])
    return Reviewers(pull.author, tuple(approvers), tuple(requested), tuple(not_counted))


def approval_state(
    item_id: str, path: str, level: str, required: Sequence[str], approvers: Sequence[Person]
) -> ApprovalState:
    """Which of the required roles the approvers fill."""
    filled = tuple((role, tuple(p.id for p in approvers if role in p.roles)) for role in required)
    missing = tuple(role for role, people in filled if not people)
    return ApprovalState(item_id, path, level, tuple(required), filled, missing)


def role_names(platform: Platform, roles: Iterable[str]) -> Mapping[str, str]:
    """Role ids to their display names (the id itself for an unknown role)."""
    return {role: platform.roles.get(role, role) for role in roles}
