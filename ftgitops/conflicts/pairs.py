"""Turns two overlapping occupancies into conflicts, one per kind of target they share.

Two windows of the same item never conflict with each other, nor does a maintenance notice
with a change it lists (the notice is that change's face to customers). A release wave and
a maintenance notice are one kind of conflict only: the wave overlaps the maintenance
(`scopes.shared_kinds`). Only the kinds are worked out here; the keys each kind shares are
written when a reader asks (`describe`).
"""

from __future__ import annotations

from ftgitops.codes import Severity
from ftgitops.conflicts.occupancy import Occupancy
from ftgitops.conflicts.record import KIND_CODES, Conflict, PairFacts, Wording, built
from ftgitops.conflicts.scopes import shared_kinds

# How much each kind of pair conflict weighs, without and with downtime on either side: work
# on one target blocks only if it takes something down; a dependency or one implementer in
# two places warns; a wave in a maintenance window blocks.
SEVERITIES = {
    "same-target": (Severity.WARNING, Severity.ERROR),
    "dependency": (Severity.WARNING, Severity.WARNING),
    "same-implementer": (Severity.WARNING, Severity.WARNING),
    "wave-maintenance": (Severity.ERROR, Severity.ERROR),
}


def pair_conflicts(one: Occupancy, other: Occupancy, wording: Wording) -> list[Conflict]:
    """The conflicts between two overlapping occupancies: one per kind of target they share."""
    if _exempt(one, other):
        return []
    kinds = shared_kinds(one, other, wording.closure)
    if not kinds:
        return []
    first, second = (one, other) if _leads(one, other) else (other, one)
    facts = PairFacts(first, second, wording)
    start, end = max(first.start, second.start), min(first.end, second.end)
    paths = (first.path,) if first.path == second.path else (first.path, second.path)
    downtime = first.downtime or second.downtime
    return [
        built(
            KIND_CODES[kind],
            kind,
            SEVERITIES[kind][downtime],
            first.label,
            second.label,
            facts,
            start,
            end,
            first.zone,
            paths,
            None,  # override
            first.json_path,
        )
        for kind in kinds
    ]


def _leads(one: Occupancy, other: Occupancy) -> bool:
    """Whether `one` is named first: a release wave first, then by label."""
    return (one.kind != "wave", one.label) <= (other.kind != "wave", other.label)


def _exempt(one: Occupancy, other: Occupancy) -> bool:
    if one.item_id == other.item_id:
        return True
    return one.item_id in other.covers or other.item_id in one.covers
