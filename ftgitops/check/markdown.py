"""The check report as Markdown: the job summary, and the one pull-request comment.

It starts with a hidden marker, so a workflow finds its earlier comment and updates it
rather than adding another on every push.
"""

from __future__ import annotations

from ftgitops.check import wording
from ftgitops.check.run import CheckReport, Risk
from ftgitops.codes import Severity

MARKER = "<!-- ftgitops-check -->"


def cell(text: str) -> str:
    """Text safe inside a table cell: no pipes, no line breaks, no raw HTML."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("|", "\\|")
        .replace("\r", " ")
        .replace("\n", " ")
    )


def as_markdown(report: CheckReport, internal: bool = False) -> str:
    """The whole report; tenant names only when `internal`."""
    icon = "❌" if report.blocking else "✅"
    parts = [
        MARKER,
        f"## {icon} ftgitops check: {cell(wording.verdict(report))}",
        f"`{cell(report.base)}` (merge base `{wording.short(report.base_sha)}`) .. "
        f"`{wording.short(report.head_sha)}`",
        *_findings(report),
        *_suggestions(report),
        *_risks(report),
        *_impact(report, internal),
    ]
    return "\n\n".join(parts) + "\n"


def _suggestions(report: CheckReport) -> list[str]:
    if not report.suggestions:
        return []
    lines = [f"- {cell(s.line())}" for s in report.suggestions]
    return ["### Suggested windows", "\n".join(lines)]


def _findings(report: CheckReport) -> list[str]:
    if not report.findings:
        return ["### Findings\n\nNone in the changed files."]
    rows = ["| | file | line | code | message |", "| --- | --- | --- | --- | --- |"]
    for f in report.findings:
        mark = "❌" if f.level is Severity.ERROR else "⚠️"
        rows.append(f"| {mark} | `{cell(f.file)}` | {f.line} | {f.code} | {cell(f.message)} |")
    return ["### Findings", "\n".join(rows)]


def _risks(report: CheckReport) -> list[str]:
    approvals = f"Approvals: {cell(wording.reviewers_line(report.reviewers))}."
    if not report.verified:
        approvals = "**Approvals were not verified**: run with `--github-pr N` to read the reviews."
    if not report.risks:
        return ["### Risk and approvals", "No change or release to approve.", approvals]
    rows = ["| item | risk | score | approvals |", "| --- | --- | --- | --- |"]
    states = {s.item_id: s for s in report.approvals}
    for risk in report.risks:
        a = risk.assessment
        state = states.get(a.item_id)
        line = wording.approval_line(state, report.verified) if state else ""
        rows.append(f"| `{a.item_id}` {cell(risk.title)} | {a.level} | {a.score} | {cell(line)} |")
    return ["### Risk and approvals", "\n".join(rows), _reasons(report.risks), approvals]


def _reasons(risks: tuple[Risk, ...]) -> str:
    lines = ["<details><summary>Why these risk levels</summary>", ""]
    for risk in risks:
        reasons = "; ".join(risk.assessment.reasons)
        lines.append(f"- `{risk.assessment.item_id}`: {cell(reasons)}")
    return "\n".join([*lines, "", "</details>"])


def _impact(report: CheckReport, internal: bool) -> list[str]:
    impact = report.impact
    if impact is None:
        return []
    parts = ["### Affected", f"Services: {cell(wording.services_line(impact))}."]
    if impact.counts:
        rows = ["| region | environment | tenants |", "| --- | --- | --- |"]
        rows += [f"| {r} | {e} | {n} |" for r, e, n in impact.counts]
        parts.append("\n".join(rows))
    else:
        parts.append("Customers: none.")
    if internal and impact.tenants:
        parts.append(f"Tenants (internal): {cell(', '.join(impact.tenants))}.")
    return parts
