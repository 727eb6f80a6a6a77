"""Conflicts as validation findings: one on every file a conflict involves.

Each side of a pair is told at its own window, and a slot or freeze conflict is told in the
platform file too, at the region's slots or the freeze: so `ftgitops validate FILE` (what
pre-commit runs on the files a commit touches) reports what the whole-repository run
reports about that file, whichever side was edited.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime

from ftgitops.conflicts.describe import describe
from ftgitops.conflicts.engine import find_conflicts
from ftgitops.conflicts.record import Conflict, FreezeFacts, PairFacts, SlotFacts
from ftgitops.findings import Finding, JsonPath
from ftgitops.model import Model, Platform


def as_findings(conflicts: Sequence[Conflict], platform: Platform | None = None) -> list[Finding]:
    """A finding per file of each conflict, in the conflicts' order; with the `platform`,
    slot and freeze conflicts are also told in its file."""
    findings = []
    for conflict in conflicts:
        message = describe(conflict)
        for path, at in sides(conflict, platform):
            findings.append(Finding(conflict.code, message, path, at, severity=conflict.severity))
    return findings


def sides(conflict: Conflict, platform: Platform | None = None) -> Iterator[tuple[str, JsonPath]]:
    """Each file the conflict involves, once, with the field to point at."""
    facts = conflict.facts
    yield conflict.paths[0], conflict.json_path or ("window",)
    if isinstance(facts, PairFacts) and facts.second.path != conflict.paths[0]:
        yield facts.second.path, facts.second.json_path
    elif platform is not None and isinstance(facts, SlotFacts):
        yield platform.path, ("regions", facts.region, "slots")
    elif platform is not None and isinstance(facts, FreezeFacts):
        ids = [freeze.id for freeze in platform.policies.freezes]
        at: JsonPath = ("policies", "freezes")
        yield platform.path, (*at, ids.index(conflict.second)) if conflict.second in ids else at


def conflict_findings(model: Model, now: datetime) -> list[Finding]:
    """Every conflict of live work at `now`, as findings on each side: what
    `ftgitops validate` adds after the policy layer.

    Short notice is left out: the policy layer already reports it (FT306) for every notice,
    and one fact should be one finding.
    """
    conflicts = [c for c in find_conflicts(model, now) if c.kind != "short-notice"]
    return as_findings(conflicts, model.platform)
