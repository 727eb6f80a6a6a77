"""The words of a conflict: its message and its shared labels, written from its facts.

The one place a conflict is worded, so every reporter (text, JSON, findings, the site) says
the same. Words are written only when asked: most runs count or filter conflicts and never
read them. Texts of spans, and the labels of a pair, are remembered for the run that found
the conflict (`Wording`), since a pair's conflicts name one overlap and a reader often asks
for the labels and then the message.
"""

from __future__ import annotations

from datetime import datetime

from ftgitops.conflicts.display import listing
from ftgitops.conflicts.graph import dependents_on
from ftgitops.conflicts.keys import service_of
from ftgitops.conflicts.record import (
    Conflict,
    FreezeFacts,
    Labels,
    NoticeFacts,
    PairFacts,
    SlotFacts,
    WaveOrderFacts,
)
from ftgitops.conflicts.scopes import WAVE_AND_NOTICE, shared_keys
from ftgitops.timetext import span

PAST = " (in the past: record what happened)"


def describe(conflict: Conflict) -> str:
    """One sentence naming both sides, what they share and when; a past one says so."""
    message = _message(conflict)
    return message + PAST if conflict.past else message


def _message(conflict: Conflict) -> str:
    facts = conflict.facts
    if isinstance(facts, PairFacts):
        return _pair_message(conflict, facts)
    if isinstance(facts, SlotFacts):
        return _slot_message(conflict, facts)
    if isinstance(facts, FreezeFacts):
        return _freeze_message(conflict, facts)
    if isinstance(facts, WaveOrderFacts):
        return _wave_order_message(conflict, facts)
    return _notice_message(conflict, facts)


def shared_labels(conflict: Conflict) -> tuple[str, ...]:
    """The targets both sides hold (or the rule applies to), as the reviewer reads them."""
    facts = conflict.facts
    if isinstance(facts, PairFacts):
        return _pair_labels(conflict.kind, facts)
    if isinstance(facts, SlotFacts):
        return (f"region {facts.region} production",)
    if isinstance(facts, FreezeFacts):
        return facts.labels
    if isinstance(facts, WaveOrderFacts):
        return tuple(f"tenant {t} production/uat" for t in facts.tenants)
    return tuple(f"region {r}" for r in facts.regions)


# --- two overlapping windows ---------------------------------------------------------------


def _pair_labels(kind: str, facts: PairFacts) -> tuple[str, ...]:
    """The keys of the conflict's kind, sorted; a dependency says who depends on what.

    The labels of every kind of the pair are written at once, on the first read of any:
    the kinds share the pass over what the two windows have in common.
    """
    written = facts.wording.labels
    pair = (facts.first.label, facts.second.label)
    labels = written.get(pair)
    if labels is None:
        labels = written[pair] = _labels_by_kind(facts)
    return labels[kind]


def _labels_by_kind(facts: PairFacts) -> Labels:
    first, second = facts.first, facts.second
    if (first.kind, second.kind) in WAVE_AND_NOTICE:  # their one kind of conflict
        regions = sorted(set(first.targets.regions).intersection(second.targets.regions))
        return {"wave-maintenance": tuple(f"region {region}" for region in regions)}
    keys = shared_keys(first, second, facts.wording.closure)
    through = keys["dependency"]
    return {
        "same-target": _sorted(keys["same-target"]),
        "dependency": tuple(_through(sorted(set(through)), facts)) if through else (),
        "same-implementer": _sorted(keys["same-implementer"]),
    }


def _sorted(keys: list[str]) -> tuple[str, ...]:
    return tuple(sorted(set(keys))) if keys else ()


def _through(keys: list[str], facts: PairFacts) -> list[str]:
    """Each dependency key with who depends on its service: the side that does not work on it."""
    users: dict[str, str] = {}
    shown = []
    for key in keys:
        base = service_of(key)
        text = users.get(base)
        if text is None:
            lacking = facts.first if base not in facts.first.targets.services else facts.second
            needing = dependents_on(base, lacking.targets.services, facts.wording.closure)
            text = users[base] = f"{listing(needing)} depend{'s' * (len(needing) == 1)} on"
        shown.append(f"{key}, which {text}")
    return shown


def _pair_message(conflict: Conflict, facts: PairFacts) -> str:
    kind, first, second = conflict.kind, facts.first.label, facts.second.label
    shared = _pair_labels(kind, facts)
    when = "from " + facts.wording.spans(*_overlap(conflict), facts.first.zone)
    if kind == "dependency":
        return f"{first} and {second} overlap through a dependency ({listing(shared, 2)}) {when}"
    if kind == "same-implementer":
        people = listing([key.split(" ", 1)[1] for key in shared])
        return f"{people} would implement both {first} and {second} at once, {when}"
    if kind == "wave-maintenance":
        return f"{first} overlaps the maintenance window {second} in {listing(shared)}, {when}"
    return f"{first} and {second} both touch {listing(shared)} {when}"


def _overlap(conflict: Conflict) -> tuple[datetime, datetime]:
    """The conflict's start and end: every rule but short notice dates its conflicts."""
    assert conflict.start is not None and conflict.end is not None
    return conflict.start, conflict.end


# --- one window against the calendar ------------------------------------------------------


def _slot_message(conflict: Conflict, facts: SlotFacts) -> str:
    assert conflict.zone is not None
    when = facts.spans(*_overlap(conflict), conflict.zone)
    return (
        f"{conflict.first} takes production down in {facts.region} from {when}, "
        f"outside the region's maintenance and upgrade slots"
    )


def _freeze_message(conflict: Conflict, facts: FreezeFacts) -> str:
    assert conflict.zone is not None
    message = (
        f"{conflict.first} falls in the {'hard' if facts.hard else 'soft'} freeze "
        f"{facts.name} ({conflict.second}) for {listing(facts.labels)} "
        f"from {facts.spans(*_overlap(conflict), conflict.zone)}"
    )
    if conflict.override is not None:
        message += f"; emergency override: {conflict.override}"
    elif facts.override_ignored:
        message += "; a freeze override counts only for an emergency change or a hotfix"
    return message


# --- rules within one item ----------------------------------------------------------------


def _wave_order_message(conflict: Conflict, facts: WaveOrderFacts) -> str:
    assert conflict.zone is not None
    tenants = listing([f"tenant {t}" for t in facts.tenants])
    uat_end = span(*facts.uat, conflict.zone).split(" to ", 1)[1]
    return (
        f"{conflict.first} upgrades production for {tenants} "
        f"before {conflict.second} has upgraded their UAT: production starts "
        f"{span(*facts.production, conflict.zone)}, UAT ends {uat_end}"
    )


def _notice_message(conflict: Conflict, facts: NoticeFacts) -> str:
    assert conflict.zone is not None
    message = (
        f"{conflict.first} was published {facts.given.total_seconds() / 86400:.1f} days before "
        f"its window (from {span(*_overlap(conflict), conflict.zone)}); "
        f"the policy asks for {facts.days} days"
    )
    if facts.emergency:
        message += ", but every change it lists is an emergency"
    return message
