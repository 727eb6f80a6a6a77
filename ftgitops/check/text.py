"""The check report for a terminal: findings as `path:line:col: error[code]: message`."""

from __future__ import annotations

from ftgitops.check import wording
from ftgitops.check.run import CheckReport


def as_text(report: CheckReport, internal: bool = False) -> str:
    """The whole report; tenant names only when `internal`."""
    lines = [f"ftgitops check: {wording.range_line(report)}"]
    lines += [f"  {c.status}: {c.path}" for c in report.changed]
    lines += [f.format() for f in report.findings]
    lines += [s.line() for s in report.suggestions]
    lines += _risks(report)
    if report.impact is not None:
        lines.append(f"services affected: {wording.services_line(report.impact)}")
        lines.append(f"customers affected: {wording.customers_line(report.impact)}")
        if internal and report.impact.tenants:
            lines.append(f"tenants (internal): {', '.join(report.impact.tenants)}")
    lines.append(f"approvals: {wording.reviewers_line(report.reviewers)}")
    lines.append(wording.verdict(report))
    return "\n".join(lines) + "\n"


def _risks(report: CheckReport) -> list[str]:
    lines = []
    states = {s.item_id: s for s in report.approvals}
    for risk in report.risks:
        a = risk.assessment
        lines.append(f"risk {a.item_id}: {a.level} (score {a.score}): {'; '.join(a.reasons)}")
        state = states.get(a.item_id)
        if state is not None:
            lines.append(f"  approvals: {wording.approval_line(state, report.verified)}")
    return lines
