"""A conflict as JSON for machines: the one shape every JSON report writes.

`ftgitops conflicts --format json` and `ftgitops check --format json` both write this, so a
script reads a conflict the same way from either. Times are instants in UTC, ISO 8601 with
`Z`; `zone` names where the reviewer reads them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ftgitops.conflicts.describe import describe, shared_labels
from ftgitops.conflicts.record import Conflict
from ftgitops.timetext import iso_utc


def as_dict(conflict: Conflict) -> dict[str, Any]:
    """Every fact of the conflict and its words, with stable keys."""
    return {
        "code": conflict.code,
        "kind": conflict.kind,
        "severity": str(conflict.severity),
        "first": conflict.first,
        "second": conflict.second,
        "shared": list(shared_labels(conflict)),
        "start": utc_text(conflict.start),
        "end": utc_text(conflict.end),
        "zone": conflict.zone.key if conflict.zone else None,
        "message": describe(conflict),
        "paths": list(conflict.paths),
        "override": conflict.override,
        "past": conflict.past,
    }


def utc_text(moment: datetime | None) -> str | None:
    """`2026-12-04T09:00:00Z`, or None."""
    return iso_utc(moment) if moment else None
