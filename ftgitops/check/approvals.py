"""Which required approvals a pull request's reviews give, and which are missing, and why.

Each reviewer's latest deciding review counts: APPROVED, CHANGES_REQUESTED or DISMISSED (a
later comment does not withdraw an approval, as on GitHub). Logins map to people through
`people.<id>.github` in ftgitops.yaml, case-insensitively (GitHub logins are).

An approval means something only if it cannot be talked past:

- It approves what is merged: an approval given on another commit than the pull request's
  head does not count when the policy dismisses stale approvals (`policies.dismiss_stale`,
  default true, as GitHub's branch protection setting): FT512.
- Separation of duties: one review fills one role, so each required role needs a distinct
  person; and the pull request's author and the item's implementers never approve it (FT511).
  Roles are given to approvers by a maximum matching, so a person who holds two roles fills
  the one nobody else can.
- A role nobody could fill is missing (FT510).
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
    """What the reviews say, once resolved against the people in ftgitops.yaml.

    `stale` are the people whose approval was given on an older commit, `self_approved` the
    author when they approved their own pull request; `author_id` is the person who opened it,
    when ftgitops.yaml knows their login.
    """

    author: str
    approvers: tuple[Person, ...]
    changes_requested: tuple[str, ...]  # logins
    not_counted: tuple[tuple[str, str], ...]  # (login, why)
    stale: tuple[Person, ...] = ()
    author_id: str | None = None
    self_approved: tuple[Person, ...] = ()


class ApprovalState(NamedTuple):
    """One item's required roles, who filled each, which are missing, and why some are.

    `blocked` explains missing roles that someone could have filled: (role, code, why), the
    code FT511 (separation of duties) or FT512 (a stale approval).
    """

    item_id: str
    path: str
    level: str
    required: tuple[str, ...]
    approved: tuple[tuple[str, tuple[str, ...]], ...]  # (role, person ids)
    missing: tuple[str, ...]
    blocked: tuple[tuple[str, str, str], ...] = ()


def latest_reviews(reviews: Iterable[Review]) -> dict[str, Review]:
    """Each reviewer's latest deciding review, by lower-case login."""
    latest: dict[str, Review] = {}
    ordered = sorted(enumerate(reviews), key=lambda pair: (pair[1].submitted_at, pair[0]))
    for _, review in ordered:
        if review.state in DECIDING:
            latest[review.login.lower()] = review
    return latest


def latest_states(reviews: Iterable[Review]) -> dict[str, tuple[str, str]]:
    """Each reviewer's latest deciding review: lower-case login -> (login, state)."""
    return {key: (r.login, r.state) for key, r in latest_reviews(reviews).items()}


def resolve(pull: PullRequest, platform: Platform, head_sha: str = "") -> Reviewers:
    """The approving people, and every login whose review does not count, with the reason.

    `head_sha` is the commit approvals must be given on (the pull request's head, else the
    checked commit); with `policies.dismiss_stale` an approval of another commit is stale.
    """
    people = {p.github.lower(): p for p in platform.people.values() if p.github}
    head = pull.head_sha or head_sha
    approvers: list[Person] = []
    stale: list[Person] = []
    self_approved: list[Person] = []
    not_counted: list[tuple[str, str]] = []
    requested: list[str] = []
    for key, review in sorted(latest_reviews(pull.reviews).items()):
        if review.state == "CHANGES_REQUESTED":
            requested.append(review.login)
        if review.state != "APPROVED":
            continue
        if key == pull.author.lower():
            not_counted.append((review.login, "the author cannot approve their own pull request"))
            self_approved.extend([people[key]] if key in people else [])
        elif key not in people:
            not_counted.append((review.login, "no person in ftgitops.yaml has this GitHub login"))
        elif _stale(review, head, platform.policies.dismiss_stale):
            not_counted.append((review.login, _stale_why(review, head)))
            stale.append(people[key])
        else:
            approvers.append(people[key])
    author = people.get(pull.author.lower())
    return Reviewers(
        pull.author,
        tuple(approvers),
        tuple(requested),
        tuple(not_counted),
        tuple(stale),
        author.id if author else None,
        tuple(self_approved),
    )


def _stale(review: Review, head: str, dismiss: bool) -> bool:
    return dismiss and bool(head) and bool(review.commit_id) and review.commit_id != head


def _stale_why(review: Review, head: str) -> str:
    return (
        f"approved {str(review.commit_id)[:10]}, not the head {head[:10]}: a new push "
        "dismisses an approval (policies.dismiss_stale); ask for a new review"
    )


def approval_state(
    item_id: str,
    path: str,
    level: str,
    required: Sequence[str],
    reviewers: Reviewers | None,
    implementers: Sequence[str] = (),
) -> ApprovalState:
    """Which of the required roles distinct eligible approvers fill, and why others are not
    (no reviewers: nothing was read, every role is missing)."""
    approvers = reviewers.approvers if reviewers else ()
    barred = _barred(reviewers, implementers, item_id)
    eligible = [p for p in approvers if p.id not in barred]
    given = match_roles(required, eligible)
    filled = tuple((role, (given[role],) if role in given else ()) for role in required)
    missing = tuple(role for role in required if role not in given)
    candidates = [*approvers, *(reviewers.self_approved if reviewers else ())]
    blocked = [_why_missing(r, candidates, barred, given, reviewers) for r in missing]
    explained = tuple(told for whys in blocked for told in whys)
    return ApprovalState(item_id, path, level, tuple(required), filled, missing, explained)


def _barred(known: Reviewers | None, implementers: Sequence[str], item_id: str) -> dict[str, str]:
    """The people who may not approve this item, with the reason."""
    barred = {p: f"{p} implements {item_id} and cannot approve it" for p in implementers}
    if known is not None and known.author_id is not None:
        barred[known.author_id] = (
            f"{known.author_id} (@{known.author}) opened the pull request and cannot approve it"
        )
    return barred


def match_roles(required: Sequence[str], people: Sequence[Person]) -> dict[str, str]:
    """Each role given to a distinct person who holds it, as many roles as possible (a
    maximum bipartite matching by augmenting paths; people in id order, for stable answers)."""
    ordered = sorted(people, key=lambda p: p.id)
    holder: dict[str, str] = {}  # person id -> role

    def place(role: str, tried: set[str]) -> bool:
        for person in ordered:
            if role in person.roles and person.id not in tried:
                tried.add(person.id)
                if person.id not in holder or place(holder[person.id], tried):
                    holder[person.id] = role
                    return True
        return False

    for role in required:
        place(role, set())
    return {role: person for person, role in holder.items()}


def _why_missing(
    role: str,
    candidates: Sequence[Person],
    barred: Mapping[str, str],
    given: Mapping[str, str],
    known: Reviewers | None,
) -> list[tuple[str, str, str]]:
    """Why each approver holding a missing role could not fill it (none: nobody holds it)."""
    holders = sorted((p for p in candidates if role in p.roles), key=lambda p: p.id)
    told = [(role, "FT511", barred[p.id]) for p in holders if p.id in barred]
    for person in holders:
        other = next((r for r, p in given.items() if p == person.id), None)
        if other is not None:
            why = f"{person.id}'s one review already fills {other}; {role} needs another person"
            told.append((role, "FT511", why))
    if not told:
        stale = [p for p in (known.stale if known else ()) if role in p.roles]
        told = [(role, "FT512", f"{p.id} approved an older commit, not the head") for p in stale]
    return told


def role_names(platform: Platform, roles: Iterable[str]) -> Mapping[str, str]:
    """Role ids to their display names (the id itself for an unknown role)."""
    return {role: platform.roles.get(role, role) for role in roles}
