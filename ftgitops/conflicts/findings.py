"""Conflicts as validation findings: what `ftgitops validate` adds after the policy layer."""

from __future__ import annotations

from datetime import datetime

from ftgitops.conflicts.engine import find_conflicts
from ftgitops.conflicts.record import as_findings
from ftgitops.findings import Finding
from ftgitops.model import Model


def conflict_findings(model: Model, now: datetime) -> list[Finding]:
    """Every current conflict at `now`, as findings.

    Short notice is left out: the policy layer already reports it (FT306) for every notice,
    and one fact should be one finding.
    """
    conflicts = [c for c in find_conflicts(model, now) if c.kind != "short-notice"]
    return as_findings(conflicts)
