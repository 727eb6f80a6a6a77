"""Risk and conflicts of every change and release, worked out once per internal build.

The internal edition's calendar, item details and reports all read this one record, so the
conflict sweep and the risk assessment run once however many pages show them.

MkDocs, not `ftgitops.main`, calls the plugin, so the engine's run is wrapped here in the
pause of the cyclic collector that `main` gives every command (`ftgitops.collector`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from ftgitops.collector import collector_paused
from ftgitops.conflicts import Conflict, find_conflicts
from ftgitops.model import Change, Model, Release
from ftgitops.risk import Assessment, assess


@dataclass(frozen=True, slots=True)
class Review:
    """Every current conflict, those of each item, and each change's or release's risk."""

    conflicts: tuple[Conflict, ...]
    by_item: Mapping[str, tuple[Conflict, ...]]
    risk: Mapping[str, Assessment]

    def conflicts_of(self, item_id: str) -> tuple[Conflict, ...]:
        return self.by_item.get(item_id, ())


def conflict_sides(conflict: Conflict) -> list[str]:
    """The item ids on each side of a conflict (`REL-2026-0003 wave 2` is `REL-2026-0003`)."""
    sides = (conflict.first, conflict.second)
    return list(dict.fromkeys(side.split(" ", 1)[0] for side in sides if side))


def review(model: Model, now: datetime) -> Review:
    """The conflicts at `now` and the assessment of every change and release."""
    with collector_paused():
        found = tuple(find_conflicts(model, now))
    by_item: dict[str, list[Conflict]] = defaultdict(list)
    for conflict in found:
        for item_id in conflict_sides(conflict):
            if item_id in model.items:
                by_item[item_id].append(conflict)
    risk = {
        item.id: assess(item, model, by_item.get(item.id, ()))
        for item in model.items.values()
        if isinstance(item, Change | Release)
    }
    return Review(found, {k: tuple(v) for k, v in by_item.items()}, risk)
