"""Conflicts between scheduled work, and with the slots and freezes of the change policy.

The public face of the package: `find_conflicts` (the conflicts and the schedule they were
found on), `suggest_slots` and `mover` (where work could move), `describe` and
`shared_labels` (a conflict's words), `as_dict` (its JSON form) and `as_findings`; the
`Conflict` record holds facts only. The work lives in one small module per step.
"""

from __future__ import annotations

from ftgitops.conflicts.describe import describe, shared_labels
from ftgitops.conflicts.engine import HORIZON_DAYS, Found, find_conflicts
from ftgitops.conflicts.findings import as_findings
from ftgitops.conflicts.jsonform import as_dict
from ftgitops.conflicts.record import KIND_CODES, Conflict
from ftgitops.conflicts.suggest import mover, suggest_slots

__all__ = [
    "HORIZON_DAYS",
    "KIND_CODES",
    "Conflict",
    "Found",
    "as_dict",
    "as_findings",
    "describe",
    "find_conflicts",
    "mover",
    "shared_labels",
    "suggest_slots",
]
