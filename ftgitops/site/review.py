"""Risk, conflicts and policy findings, worked out once per internal build.

The internal edition's calendar, item details and reports all read this one record, so the
conflict sweep, the policy rules and the risk assessment run once however many pages show
them. They never stop a build (only load errors do): the internal edition shows them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from ftgitops.conflicts import Conflict, find_conflicts
from ftgitops.findings import Finding, sort_key
from ftgitops.model import Change, Model, Release
from ftgitops.rules.policy import check_policy
from ftgitops.rules.risk import Assessment, assess


@dataclass(frozen=True, slots=True)
class Review:
    """Every current conflict, those of each item, each change's or release's risk, and the
    policy findings."""

    conflicts: tuple[Conflict, ...]
    by_item: Mapping[str, tuple[Conflict, ...]]
    risk: Mapping[str, Assessment]
    policy: tuple[Finding, ...] = ()

    def conflicts_of(self, item_id: str) -> tuple[Conflict, ...]:
        return self.by_item.get(item_id, ())


def conflict_sides(conflict: Conflict) -> list[str]:
    """The item ids on each side of a conflict (`REL-2026-0003 wave 2` is `REL-2026-0003`)."""
    sides = (conflict.first, conflict.second)
    return list(dict.fromkeys(side.split(" ", 1)[0] for side in sides if side))


def review(model: Model, now: datetime) -> Review:
    """The conflicts and policy findings at `now`, and the assessment of every change and
    release."""
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
    policy = tuple(sorted(check_policy(model, now), key=sort_key))
    return Review(found, {k: tuple(v) for k, v in by_item.items()}, risk, policy)
