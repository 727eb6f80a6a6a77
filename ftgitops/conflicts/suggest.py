"""Where work in conflict could move: which side moves, and its next free slot.

The rule for which side moves and the horizon a slot is looked for in live here only, so
`ftgitops conflicts` and the pull-request check suggest the same moves.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from ftgitops.conflicts.engine import Found, Schedule
from ftgitops.conflicts.nextslot import next_free_slot
from ftgitops.conflicts.record import Conflict
from ftgitops.model import Model, Window

MOVABLE_KINDS = ("same-target", "dependency", "same-implementer")


def mover(conflict: Conflict) -> str:
    """The side to suggest moving: not a maintenance notice customers already have, if the
    other side can move instead; of two such, the one planned last (the later number).

    A rule's conflict (a slot, a freeze, a wave order, a notice) moves its first side."""
    if conflict.second is None or conflict.kind not in MOVABLE_KINDS:
        return conflict.first
    sides = [conflict.first, conflict.second]
    movable = [side for side in sides if not side.startswith("MNT-")] or sides
    return max(movable, key=lambda side: side.split()[0][4:])


def suggest_slots(
    model: Model, now: datetime, ids: Iterable[str], found: Found | None = None
) -> dict[str, Window | None]:
    """The next free slot of each item (or `REL-... wave N`), None where there is none.

    Pass what `find_conflicts` returned for the same model and `now` to reuse its schedule
    (one run of the engine); without it, or for another model or time, one is built here.
    """
    reusable = found is not None and found.schedule.model is model and found.schedule.now == now
    schedule = found.schedule if found is not None and reusable else Schedule(model, now)
    return {item_id: next_free_slot(schedule, item_id) for item_id in dict.fromkeys(ids)}
