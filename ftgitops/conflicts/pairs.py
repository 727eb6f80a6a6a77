"""Turns two overlapping occupancies and the keys they share into conflicts, one per kind.

Two windows of the same item never conflict with each other, nor does a maintenance notice
with a change it lists (the notice is that change's face to customers). A release wave and
a maintenance notice are one kind of conflict only: the wave overlaps the maintenance.
"""

from __future__ import annotations

from collections.abc import Iterator

from ftgitops.codes import Severity
from ftgitops.conflicts.display import SpanTexts, listing
from ftgitops.conflicts.graph import Closure, dependents_on
from ftgitops.conflicts.keys import service_of
from ftgitops.conflicts.occupancy import Occupancy
from ftgitops.conflicts.record import KIND_CODES, Conflict
from ftgitops.conflicts.scopes import SharedKeys


def pair_conflicts(
    one: Occupancy, other: Occupancy, shared: SharedKeys, closure: Closure, spans: SpanTexts
) -> Iterator[Conflict]:
    """The conflicts between two overlapping occupancies, given the keys both hold by kind."""
    if _exempt(one, other):
        return
    first, second = (one, other) if _leads(one, other) else (other, one)
    if "wave-maintenance" in shared:
        shared = {"wave-maintenance": shared["wave-maintenance"]}
    overlap = _Overlap(first, second, spans)
    for kind, keys in shared.items():
        if not keys:
            continue
        ordered = sorted(set(keys))
        if kind == "dependency":
            ordered = _through(ordered, first, second, closure)
        elif kind == "wave-maintenance":
            ordered = [f"region {key.split(' ', 1)[1]}" for key in ordered]
        yield overlap.conflict(kind, tuple(ordered))


def _leads(one: Occupancy, other: Occupancy) -> bool:
    """Whether `one` is named first: a release wave first, then by label."""
    return (one.kind != "wave", one.label) <= (other.kind != "wave", other.label)


def _exempt(one: Occupancy, other: Occupancy) -> bool:
    if one.item_id == other.item_id:
        return True
    return one.item_id in other.covers or other.item_id in one.covers


def _through(keys: list[str], first: Occupancy, second: Occupancy, closure: Closure) -> list[str]:
    """Each dependency key with who depends on its service: the side that does not work on it."""
    users: dict[str, str] = {}
    shown = []
    for key in keys:
        base = service_of(key)
        text = users.get(base)
        if text is None:
            lacking = first if base not in first.targets.services else second
            needing = dependents_on(base, lacking.targets.services, closure)
            text = users[base] = f"{listing(needing)} depend{'s' * (len(needing) == 1)} on"
        shown.append(f"{key}, which {text}")
    return shown


def _severity(kind: str, first: Occupancy, second: Occupancy) -> Severity:
    if kind in ("dependency", "same-implementer"):
        return Severity.WARNING
    if kind == "same-target" and not (first.downtime or second.downtime):
        return Severity.WARNING
    return Severity.ERROR


class _Overlap:
    """What every conflict of one pair shares: the sides, the overlap and how it reads."""

    def __init__(self, first: Occupancy, second: Occupancy, spans: SpanTexts) -> None:
        self.first, self.second = first, second
        self.start, self.end = max(first.start, second.start), min(first.end, second.end)
        self.when = "from " + spans(self.start, self.end, first.zone)
        self.paths = (first.path,) if first.path == second.path else (first.path, second.path)

    def conflict(self, kind: str, shared: tuple[str, ...]) -> Conflict:
        first, second = self.first, self.second
        return Conflict(
            code=KIND_CODES[kind],
            kind=kind,
            severity=_severity(kind, first, second),
            first=first.label,
            second=second.label,
            shared=shared,
            start=self.start,
            end=self.end,
            zone=first.zone,
            message=_message(kind, first.label, second.label, shared, self.when),
            paths=self.paths,
            json_path=first.json_path,
        )


def _message(kind: str, first: str, second: str, shared: tuple[str, ...], when: str) -> str:
    if kind == "dependency":
        return f"{first} and {second} overlap through a dependency ({listing(shared, 2)}) {when}"
    if kind == "same-implementer":
        people = listing([key.split(" ", 1)[1] for key in shared])
        return f"{people} would implement both {first} and {second} at once, {when}"
    if kind == "wave-maintenance":
        return f"{first} overlaps the maintenance window {second} in {listing(shared)}, {when}"
    return f"{first} and {second} both touch {listing(shared)} {when}"
