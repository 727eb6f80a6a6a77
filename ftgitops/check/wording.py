"""Sentences every format shares, so text, Markdown and annotations say the same thing."""

from __future__ import annotations

from ftgitops.check.approvals import ApprovalState, Reviewers
from ftgitops.check.impact import Impact
from ftgitops.check.run import CheckReport
from ftgitops.codes import Severity

NOT_VERIFIED = "approvals were not verified: run with --github-pr N to read the reviews"


def short(sha: str) -> str:
    return sha[:10]


def counts(report: CheckReport) -> str:
    """`2 errors, 1 warning` (or `no findings`)."""
    errors = sum(1 for f in report.findings if f.level is Severity.ERROR)
    warnings = len(report.findings) - errors
    if not report.findings:
        return "no findings"
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def verdict(report: CheckReport) -> str:
    """One line: blocked or ready, and why."""
    state = "blocked" if report.blocking else "ready to merge"
    files = len(report.changed)
    return f"{state}: {counts(report)} in {files} changed data file{'s' * (files != 1)}"


def range_line(report: CheckReport) -> str:
    return f"{report.base} (merge base {short(report.base_sha)}) .. {short(report.head_sha)}"


def approval_line(state: ApprovalState, verified: bool) -> str:
    """`reviewer: bob; cab: missing` for one item."""
    if not state.required:
        return "no approval required"
    parts = []
    for role, people in state.approved:
        if people:
            parts.append(f"{role}: {', '.join(people)}")
        else:
            parts.append(f"{role}: {'missing' if verified else 'not verified'}")
    return "; ".join(parts)


def reviewers_line(reviewers: Reviewers | None) -> str:
    """Who approved, and whose approval does not count and why."""
    if reviewers is None:
        return NOT_VERIFIED
    approved = ", ".join(p.id for p in reviewers.approvers) or "nobody yet"
    text = f"read from the reviews (author @{reviewers.author}); approved by: {approved}"
    for login, why in reviewers.not_counted:
        text += f"; @{login} not counted: {why}"
    if reviewers.changes_requested:
        text += "; changes requested by " + ", ".join(f"@{x}" for x in reviewers.changes_requested)
    return text


def services_line(impact: Impact) -> str:
    text = ", ".join(impact.services) or "none"
    if impact.dependents:
        text += f" (and, through dependencies, {', '.join(impact.dependents)})"
    return text


def customers_line(impact: Impact) -> str:
    if not impact.counts:
        return "none"
    parts = [f"{region} {env}: {n}" for region, env, n in impact.counts]
    return f"{impact.tenant_count} tenant{'s' * (impact.tenant_count != 1)} ({'; '.join(parts)})"
