"""Turns two overlapping occupancies and the keys they share into conflicts, one per kind.

Two windows of the same item never conflict with each other, nor does a maintenance notice
with a change it lists (the notice is that change's face to customers). A release wave and
a maintenance notice are one kind of conflict only: the wave overlaps the maintenance
(`scopes.shared_kinds`).
"""

from __future__ import annotations

from ftgitops.codes import Severity
from ftgitops.conflicts.display import SpanTexts, listing
from ftgitops.conflicts.graph import Closure, dependents_on
from ftgitops.conflicts.keys import service_of
from ftgitops.conflicts.occupancy import Occupancy
from ftgitops.conflicts.record import KIND_CODES, Conflict
from ftgitops.conflicts.scopes import keys_of_kind, shared_kinds


def pair_conflicts(
    one: Occupancy, other: Occupancy, closure: Closure, spans: SpanTexts
) -> list[Conflict]:
    """The conflicts between two overlapping occupancies: one per kind of target they share."""
    if _exempt(one, other):
        return []
    kinds = shared_kinds(one, other, closure)
    if not kinds:
        return []
    first, second = (one, other) if _leads(one, other) else (other, one)
    overlap = _Overlap(first, second, closure, spans)
    return [overlap.conflict(kind) for kind in kinds]


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
    """What every conflict of one pair shares: the sides and the overlap; it words them.

    The shared labels and the message are written only when a conflict is read (`Wording`),
    from the keys of the conflict's kind (`keys_of_kind`); nothing else is kept, so reading
    every conflict leaves no more behind than the words themselves.
    """

    __slots__ = ("closure", "end", "first", "paths", "second", "spans", "start")

    def __init__(
        self, first: Occupancy, second: Occupancy, closure: Closure, spans: SpanTexts
    ) -> None:
        self.first, self.second, self.closure, self.spans = first, second, closure, spans
        self.start, self.end = max(first.start, second.start), min(first.end, second.end)
        self.paths = (first.path,) if first.path == second.path else (first.path, second.path)

    def conflict(self, kind: str) -> Conflict:
        """The pair's conflict of one kind (positional: this runs for every conflict)."""
        first, second = self.first, self.second
        return Conflict(
            KIND_CODES[kind],
            kind,
            _severity(kind, first, second),
            first.label,
            second.label,
            self,  # shared: worded when first read
            self.start,
            self.end,
            first.zone,
            self,  # message: worded when first read
            self.paths,
            None,  # override
            first.json_path,
        )

    def shared(self, conflict: Conflict) -> tuple[str, ...]:
        """The keys of the conflict's kind, sorted, as the reviewer reads them."""
        kind = conflict.kind
        ordered = sorted(set(keys_of_kind(kind, self.first, self.second, self.closure)))
        if kind == "dependency":
            ordered = _through(ordered, self.first, self.second, self.closure)
        elif kind == "wave-maintenance":
            ordered = [f"region {key.split(' ', 1)[1]}" for key in ordered]
        return tuple(ordered)

    def message(self, conflict: Conflict) -> str:
        """The sentence for the conflict's kind, naming its shared targets and the overlap."""
        when = "from " + self.spans(self.start, self.end, self.first.zone)
        first, second = self.first.label, self.second.label
        return _message(conflict.kind, first, second, conflict.shared, when)


def _message(kind: str, first: str, second: str, shared: tuple[str, ...], when: str) -> str:
    if kind == "dependency":
        return f"{first} and {second} overlap through a dependency ({listing(shared, 2)}) {when}"
    if kind == "same-implementer":
        people = listing([key.split(" ", 1)[1] for key in shared])
        return f"{people} would implement both {first} and {second} at once, {when}"
    if kind == "wave-maintenance":
        return f"{first} overlaps the maintenance window {second} in {listing(shared)}, {when}"
    return f"{first} and {second} both touch {listing(shared)} {when}"
