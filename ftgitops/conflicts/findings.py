"""Conflicts as validation findings: one per conflict, on the first side's file."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from ftgitops.conflicts.describe import describe
from ftgitops.conflicts.engine import find_conflicts
from ftgitops.conflicts.record import Conflict
from ftgitops.findings import Finding
from ftgitops.model import Model


def as_findings(conflicts: Sequence[Conflict]) -> list[Finding]:
    """One finding per conflict, on the first side's file at its window (or notice) field."""
    return [
        Finding(c.code, describe(c), c.paths[0], c.json_path or ("window",), severity=c.severity)
        for c in conflicts
    ]


def conflict_findings(model: Model, now: datetime) -> list[Finding]:
    """Every current conflict at `now`, as findings: what
    `ftgitops validate` adds after the policy layer.

    Short notice is left out: the policy layer already reports it (FT306) for every notice,
    and one fact should be one finding.
    """
    conflicts = [c for c in find_conflicts(model, now) if c.kind != "short-notice"]
    return as_findings(conflicts)
