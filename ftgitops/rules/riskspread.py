"""The spread of risk over the change calendar: how many changes and releases at each level.

What the calibration of `rules.risk` is judged by: a level that nearly every change reaches
carries no signal, and routes all work to the same approvers. Every change and release is
assessed once, against one run of the conflict engine at `now`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import datetime
from typing import NamedTuple

from ftgitops.conflicts import find_conflicts
from ftgitops.model import Change, Model, Release
from ftgitops.rules.risk import Assessment, assess

LEVELS = ("low", "medium", "high", "critical")


class Assessed(NamedTuple):
    """One change or release, its status and its assessment."""

    item_id: str
    status: str
    assessment: Assessment


class Spread(NamedTuple):
    """Every assessment in id order, the count per level, and each level's approvals."""

    assessed: tuple[Assessed, ...]
    counts: Mapping[str, int]
    approvals: Mapping[str, tuple[str, ...]]


def risk_spread(model: Model, now: datetime) -> Spread:
    """Every change and release of the model, assessed."""
    conflicts = find_conflicts(model, now)
    items: list[Change | Release] = [*model.of_kind(Change), *model.of_kind(Release)]
    assessed = tuple(
        Assessed(item.id, item.status, assess(item, model, conflicts))
        for item in sorted(items, key=lambda i: i.id)
    )
    counts = Counter(a.assessment.level for a in assessed)
    approvals = model.platform.policies.approvals
    return Spread(
        assessed,
        {level: counts[level] for level in LEVELS},
        {level: tuple(approvals.get(level, ())) for level in LEVELS},
    )
