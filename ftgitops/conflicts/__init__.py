"""Conflicts between scheduled work, and with the slots and freezes of the change policy.

The public face of the package: `find_conflicts`, `as_findings`, `next_free_slot` and the
`Conflict` record; the work lives in one small module per step.
"""

from __future__ import annotations

from ftgitops.conflicts.engine import find_conflicts
from ftgitops.conflicts.nextslot import next_free_slot
from ftgitops.conflicts.record import KIND_CODES, Conflict, as_findings

__all__ = ["KIND_CODES", "Conflict", "as_findings", "find_conflicts", "next_free_slot"]
