"""Conflict alerts: a conflict on main that was not there at the last notified commit.

Two merges can each pass the pull-request check and still clash once both are on main; the
conflict engine finds that on HEAD. Past overlaps are history, not alerts. (A re-simulation
in deploy that finds a conflict is logged as a blocked `simulated` line: `history` alerts on
that.)
"""

from __future__ import annotations

from datetime import datetime

from ftgitops.conflicts import Conflict, describe, find_conflicts
from ftgitops.model import Model
from ftgitops.notify.events import Event
from ftgitops.timetext import iso_utc


def conflict_key(conflict: Conflict) -> str:
    """`conflict:FT401:CHG-2026-0001+CHG-2026-0002:2026-12-01T10:00:00Z`."""
    sides = "+".join(side for side in (conflict.first, conflict.second) if side)
    start = iso_utc(conflict.start) if conflict.start else "-"
    return f"conflict:{conflict.code}:{sides}:{start}"


def item_of(side: str | None) -> str | None:
    """The item id of a conflict's side (`REL-2026-0003 wave 2` is REL-2026-0003); a freeze
    or a rule is no item."""
    if side is None:
        return None
    head = side.split(" ", 1)[0]
    return head if head[:4] in ("CHG-", "REL-", "MNT-", "INC-") else None


def conflict_events(base: Model, since: datetime, head: Model, now: datetime) -> list[Event]:
    """The live conflicts on HEAD now that the base did not have at the last run."""
    known = {conflict_key(c) for c in find_conflicts(base, since) if not c.past}
    found = []
    for conflict in find_conflicts(head, now):
        key = conflict_key(conflict)
        sides = [i for i in (item_of(conflict.first), item_of(conflict.second)) if i]
        if conflict.past or key in known or not sides:
            continue
        detail = {"message": describe(conflict), "code": conflict.code}
        other = sides[1] if len(sides) > 1 else None
        found.append(Event(key, "conflict", sides[0], now, other=other, detail=detail))
    return found
