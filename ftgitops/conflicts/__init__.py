"""Conflicts between scheduled work, and with the slots and freezes of the change policy.

The public face of the package: `find_conflicts`, `describe` and `shared_labels` (a
conflict's words), `as_dict` (its JSON form), `as_findings`, `next_free_slot` and the
`Conflict` record, which holds facts only. The work lives in one small module per step.
"""

from __future__ import annotations

from ftgitops.conflicts.describe import describe, shared_labels
from ftgitops.conflicts.engine import find_conflicts
from ftgitops.conflicts.findings import as_findings
from ftgitops.conflicts.jsonform import as_dict
from ftgitops.conflicts.nextslot import next_free_slot
from ftgitops.conflicts.record import KIND_CODES, Conflict

__all__ = [
    "KIND_CODES",
    "Conflict",
    "as_dict",
    "as_findings",
    "describe",
    "find_conflicts",
    "next_free_slot",
    "shared_labels",
]
