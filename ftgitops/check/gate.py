"""From each changed item's required roles and the reviews to what blocks: FT510, FT511, FT512.

A role nobody approved is missing (FT510). A role someone could have filled but may not is
told with its reason: separation of duties (FT511: one review fills one role; the author and
the implementers never approve) or a stale approval (FT512: given on an older commit). Missing
approvals block when the reviews were read, or when `--require-approvals` asks.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from ftgitops.check.approvals import ApprovalState, Reviewers, approval_state
from ftgitops.findings import Finding

NOT_READ = "not verified: run with --github-pr N"
RULES = {
    "FT511": "each required role needs its own approver, never the author or an implementer",
    "FT512": "a new push dismisses an approval, as policies.dismiss_stale says: ask again",
}


class Required(NamedTuple):
    """One changed change or release to approve: its file, level, roles and implementers."""

    item_id: str
    path: str
    level: str
    roles: tuple[str, ...]
    implementers: tuple[str, ...]


def approval_states(items: Sequence[Required], reviewers: Reviewers | None) -> list[ApprovalState]:
    """Each item's roles, as the reviews fill them."""
    return [
        approval_state(i.item_id, i.path, i.level, i.roles, reviewers, i.implementers)
        for i in items
    ]


def approval_findings(
    states: Sequence[ApprovalState], reviewers: Reviewers | None, required: bool
) -> list[Finding]:
    """The findings for missing roles, when they block."""
    if reviewers is None and not required:
        return []
    findings = []
    for state in states:
        explained = {role for role, _, _ in state.blocked}
        bare = [role for role in state.missing if role not in explained]
        if bare:
            why = (
                "not verified: run with --github-pr N"
                if reviewers is None
                else "no approving review"
            )
            findings.append(_finding(state, "FT510", bare, why))
        for code in ("FT511", "FT512"):
            told = [(role, why) for role, c, why in state.blocked if c == code]
            if told:
                reasons = "; ".join(dict.fromkeys(why for _, why in told))
                roles = list(dict.fromkeys(role for role, _ in told))
                findings.append(_finding(state, code, roles, f"{reasons} ({RULES[code]})"))
    return findings


def _finding(state: ApprovalState, code: str, roles: Sequence[str], why: str) -> Finding:
    message = f"{state.item_id} ({state.level} risk) needs approval by {', '.join(roles)}: {why}"
    return Finding(code, message, state.path, ("risk",))
