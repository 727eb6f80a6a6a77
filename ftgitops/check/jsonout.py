"""The check report as JSON for machines: every part, with stable keys."""

from __future__ import annotations

import json
from typing import Any

from ftgitops.check.run import CheckReport
from ftgitops.conflicts import as_dict


def as_json(report: CheckReport, internal: bool = False) -> str:
    """The whole report; `impact.tenant_names` only when `internal`."""
    document: dict[str, Any] = {
        "base": report.base,
        "base_sha": report.base_sha,
        "head_sha": report.head_sha,
        "blocking": report.blocking,
        "changed": [c._asdict() for c in report.changed],
        "findings": [f.as_dict() for f in report.findings],
        "conflicts": [as_dict(c) for c in report.conflicts],
        "risks": [
            {**r.assessment._asdict(), "path": r.path, "title": r.title} for r in report.risks
        ],
        "suggestions": [s.as_dict() for s in report.suggestions],
        "approvals": _approvals(report),
        "impact": _impact(report, internal),
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _approvals(report: CheckReport) -> dict[str, Any]:
    reviewers = report.reviewers
    items = [
        {
            "item": s.item_id,
            "path": s.path,
            "level": s.level,
            "required": list(s.required),
            "approved": {role: list(people) for role, people in s.approved if people},
            "missing": list(s.missing),
        }
        for s in report.approvals
    ]
    if reviewers is None:
        return {"verified": False, "items": items}
    return {
        "verified": True,
        "author": reviewers.author,
        "approved_by": [p.id for p in reviewers.approvers],
        "not_counted": [{"login": login, "why": why} for login, why in reviewers.not_counted],
        "changes_requested": list(reviewers.changes_requested),
        "items": items,
    }


def _impact(report: CheckReport, internal: bool) -> dict[str, Any] | None:
    impact = report.impact
    if impact is None:
        return None
    document: dict[str, Any] = {
        "services": list(impact.services),
        "dependents": list(impact.dependents),
        "tenants": impact.tenant_count,
        "counts": [{"region": r, "environment": e, "tenants": n} for r, e, n in impact.counts],
    }
    if internal:
        document["tenant_names"] = list(impact.tenants)
    return document
