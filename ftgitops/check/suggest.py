"""Where a changed item in conflict could move: its next free slot.

A reviewer who reads "conflicts with the APAC maintenance window" wants the answer to "then
when?"; the check gives it beside the finding, from the same engine `ftgitops conflicts` uses.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple

from ftgitops.conflicts import HORIZON_DAYS, Conflict, Found, suggest_slots
from ftgitops.model import AnyItem, Model, Window
from ftgitops.timetext import iso_utc, span


class Suggestion(NamedTuple):
    """The nearest conflict-free window for one item, or None within the horizon."""

    item_id: str
    window: Window | None

    def line(self) -> str:
        """`next free slot for CHG-2026-0018: Thu 26 Nov 2026 20:00 AEDT to ... UTC)`."""
        if self.window is None:
            return f"next free slot for {self.item_id}: none in the next {HORIZON_DAYS} days"
        where = span(self.window.start, self.window.end, self.window.zone)
        return f"next free slot for {self.item_id}: {where}"

    def as_dict(self) -> dict[str, str | None]:
        """For the JSON report: UTC times, or None."""
        window = self.window
        return {
            "item": self.item_id,
            "start": iso_utc(window.start) if window else None,
            "end": iso_utc(window.end) if window else None,
            "zone": str(window.zone) if window else None,
        }


def suggest(
    model: Model,
    items: Sequence[AnyItem],
    conflicts: Sequence[Conflict],
    now: datetime,
    found: Found | None = None,
) -> list[Suggestion]:
    """A suggestion for each changed item that is a side of a conflict (error or warning).

    `found`, the engine's run the conflicts came from, lends its schedule (`suggest_slots`).
    """
    blocked = [item.id for item in items if any(c.involves(item.id) for c in conflicts)]
    if not blocked:
        return []
    slots = suggest_slots(model, now, blocked, found)
    return [Suggestion(item_id, slots[item_id]) for item_id in blocked]
