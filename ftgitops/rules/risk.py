"""Risk: the declared likelihood x impact, raised by what the work touches, and its approvals.

Authors tend to under-declare, so the score is raised by facts the model knows: production,
how many tenants and regions, downtime, conflicts (outside a slot, in a freeze, others),
a rollback that was never tested, an emergency. Each raise is a reason a reviewer can read.
The score stays on the 1-25 scale that `policy.risk_level` reads.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import NamedTuple

from ftgitops.codes import Severity
from ftgitops.conflicts import Conflict
from ftgitops.conflicts.occupancy import wave_tenants
from ftgitops.model import Change, Model, Release, Targets
from ftgitops.rules.policy import risk_level
from ftgitops.rules.standard import within

MAX_SCORE = 25
SECURITY_POLICY = "security-policy"


class Assessment(NamedTuple):
    """The assessed risk of one change or release and the roles that must approve it."""

    item_id: str
    declared: int
    score: int
    level: str
    reasons: tuple[str, ...]
    approvals: tuple[str, ...]


class Exposure(NamedTuple):
    """What a piece of work touches, summed over a release's waves."""

    production: bool
    tenants: int
    regions: int
    downtime: bool


def assess(item: Change | Release, model: Model, conflicts: Sequence[Conflict]) -> Assessment:
    """The assessment of one change or release given the conflicts found for the model."""
    declared = item.risk.score if item.risk else 1
    mine = [c for c in conflicts if c.involves(item.id)]
    raises = list(_raises(item, exposure(item, model), mine))
    score = min(MAX_SCORE, declared + sum(points for points, _ in raises))
    level = risk_level(score)
    likelihood, impact = (item.risk.likelihood, item.risk.impact) if item.risk else (1, 1)
    reasons = (
        f"declared {likelihood} x {impact} = {declared}",
        *(f"{reason} (+{points})" for points, reason in raises),
    )
    return Assessment(item.id, declared, score, level, reasons, _approvals(item, model, level))


def exposure(item: Change | Release, model: Model) -> Exposure:
    """Production, tenant count, region count and downtime of a change or a whole release."""
    if isinstance(item, Change):
        targets = item.targets or Targets((), (), (), (), ())
        production = "production" in targets.environments
        return Exposure(production, len(targets.tenants), len(targets.regions), item.downtime)
    live = [w for w in item.waves if w.status != "cancelled"]
    tenants = {t for w in live for env in w.environments for t in wave_tenants(model, w, env)}
    return Exposure(
        production=any("production" in w.environments for w in live),
        tenants=len(tenants),
        regions=len({w.region for w in live}),
        downtime=any(w.downtime and "production" in w.environments for w in live),
    )


def _raises(
    item: Change | Release, touched: Exposure, mine: Sequence[Conflict]
) -> Iterator[tuple[int, str]]:
    if touched.production:
        yield 2, "touches production"
    if touched.tenants >= 20:
        yield 3, f"touches {touched.tenants} tenants"
    elif touched.tenants >= 5:
        yield 2, f"touches {touched.tenants} tenants"
    elif touched.tenants > 1:
        yield 1, f"touches {touched.tenants} tenants"
    if touched.regions > 1:
        yield 2, f"spans {touched.regions} regions"
    if touched.downtime and touched.production:
        yield 3, "takes production down"
    yield from _conflict_raises(mine)
    if item.rollback is None:
        yield 3, "has no rollback plan"
    elif not item.rollback.tested:
        yield 2, "the rollback has not been tested"
    if (isinstance(item, Change) and item.type == "emergency") or (
        isinstance(item, Release) and item.release_type == "hotfix"
    ):
        yield 3, "is an emergency" if isinstance(item, Change) else "is a hotfix"


def _conflict_raises(mine: Sequence[Conflict]) -> Iterator[tuple[int, str]]:
    kinds = {c.kind for c in mine}
    if "outside-slot" in kinds:
        yield 3, "runs outside the allowed slots"
    if "freeze" in kinds:
        yield 4, "runs in a freeze"
    others = [c for c in mine if c.kind not in ("outside-slot", "freeze")]
    if any(c.severity is Severity.ERROR for c in others):
        yield 3, f"is in {len(others)} conflict{'s' * (len(others) != 1)} with other work"
    elif others:
        yield 1, f"overlaps other work ({len(others)} warning{'s' * (len(others) != 1)})"


def _approvals(item: Change | Release, model: Model, level: str) -> tuple[str, ...]:
    """The level's roles; a standard change within its template: the template's (default the
    low level's), so it needs no CAB. A security-policy change adds its roles either way."""
    approvals = model.platform.policies.approvals
    template = within(item, model.platform) if isinstance(item, Change) else None
    if template is not None:
        roles = list(template.approvals if template.approvals is not None else approvals["low"])
    else:
        roles = list(approvals.get(level, ()))
    if isinstance(item, Change) and item.category == SECURITY_POLICY:
        roles.extend(approvals.get(SECURITY_POLICY, ()))
    return tuple(dict.fromkeys(roles))
