"""Risk: the declared likelihood x impact, raised by facts that carry risk, and its approvals.

The calibrated model (the README's table): the author's declared likelihood x impact (1-25)
is the base, and only facts that make work riskier than its kind raise it, each a reason a
reviewer can read with its points. Touching production, or many tenants, raises nothing:
nearly all work does, and the declared impact already says how much it matters; what raises
is taking production down (+3), an untested rollback (+2) or none (+4), spanning more than one
region (+1), the emergency path (+3), and conflicts (a freeze +4, outside the slots +3,
blocking others +3, warnings +1). Production downtime with a rollback never tested is at
least high, whatever the rest says. So routine work stays low or medium, and critical is rare.
The levels are `policy.risk_level`'s (1-4 low, 5-9 medium, 10-15 high, 16-25 critical), and
the approvals follow the level (a standard change within its template: the template's).
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
HIGH = 10  # the lowest high score: production down with an untested rollback is at least this
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
    touched = exposure(item, model)
    raises = list(_raises(item, touched, mine))
    score = min(MAX_SCORE, declared + sum(points for points, _ in raises))
    floor = _floor(item, touched, score)
    if floor:
        raises.append(floor)
        score += floor[0]
    likelihood, impact = (item.risk.likelihood, item.risk.impact) if item.risk else (1, 1)
    reasons = (
        f"declared {likelihood} x {impact} = {declared}",
        *(f"{reason} (+{points})" for points, reason in raises),
    )
    level = risk_level(score)
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
    if touched.downtime and touched.production:
        yield 3, "takes production down"
    if touched.regions > 1:
        yield 1, f"spans {touched.regions} regions"
    yield from _conflict_raises(mine)
    if item.rollback is None:
        yield 4, "has no rollback plan"
    elif not item.rollback.tested:
        yield 2, "the rollback has not been tested"
    if (isinstance(item, Change) and item.type == "emergency") or (
        isinstance(item, Release) and item.release_type == "hotfix"
    ):
        yield 3, "is an emergency" if isinstance(item, Change) else "is a hotfix"


def _floor(item: Change | Release, touched: Exposure, score: int) -> tuple[int, str] | None:
    """Production down with a rollback never tested is at least high."""
    untested = item.rollback is None or not item.rollback.tested
    if touched.downtime and touched.production and untested and score < HIGH:
        return HIGH - score, "takes production down with an untested rollback: at least high"
    return None


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
