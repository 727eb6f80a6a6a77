"""The policy layer: rules of the change process that a schema cannot express.

A pure function of the model and `now` (aware; its UTC date is "today"). Notice is counted
from a notice's own `published` time, never from today, so a notice that was valid stays
valid as time passes.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

from ftgitops.findings import Finding, JsonPath
from ftgitops.model import Change, Incident, Maintenance, Model, Release, Risk, Tenant, Window
from ftgitops.rules.decommission import decommission_due
from ftgitops.rules.decommission import planned as planned_decommissions
from ftgitops.rules.lifecycle import overdue_findings
from ftgitops.rules.notice import unpublished_notice_findings
from ftgitops.rules.placeholders import placeholder_findings
from ftgitops.rules.standard import standard_findings
from ftgitops.timeutil import wall_clock_between

MEDIUM_SCORE = 5


def risk_level(score: int) -> str:
    """Likelihood x impact as a level: 1-4 low, 5-9 medium, 10-15 high, 16-25 critical."""
    if score >= 16:
        return "critical"
    if score >= 10:
        return "high"
    return "medium" if score >= MEDIUM_SCORE else "low"


def check_policy(model: Model, now: datetime) -> list[Finding]:
    """Every policy finding in the model at `now`."""
    today = now.astimezone(UTC).date()
    findings: list[Finding] = []
    for item in model.items.values():
        if isinstance(item, Change):
            findings.extend(_change(item))
        elif isinstance(item, Release):
            findings.extend(_release(item))
        elif isinstance(item, Maintenance):
            findings.extend(_maintenance(item, model.platform.policies.notice_days))
        elif isinstance(item, Incident):
            findings.extend(_incident(item))
    answered = planned_decommissions(model)
    for tenant in model.tenants.values():
        days = model.platform.policies.decommission_days
        findings.extend(_decommission(tenant, days, today, answered))
    for index, freeze in enumerate(model.platform.policies.freezes):
        if freeze.window:
            findings.extend(
                _window_order(
                    freeze.window, model.platform.path, ("policies", "freezes", index, "window")
                )
            )
    findings.extend(overdue_findings(model, now))
    findings.extend(placeholder_findings(model))
    findings.extend(unpublished_notice_findings(model, now))
    findings.extend(standard_findings(model))
    return findings


def _window_order(window: Window, path: str, at: JsonPath) -> Iterator[Finding]:
    if window.end <= window.start:
        yield Finding("FT301", "the window must end after it starts", path, (*at, "end"))


def _needs_rollback(risk: Risk | None, production_downtime: bool) -> str | None:
    if risk is not None and risk.score >= MEDIUM_SCORE:
        return (
            f"risk is {risk_level(risk.score)} ({risk.likelihood} x {risk.impact} = {risk.score})"
        )
    return "the change takes production down" if production_downtime else None


def _rollback(item: Change | Release, production_downtime: bool) -> Iterator[Finding]:
    reason = _needs_rollback(item.risk, production_downtime)
    if reason and item.rollback is None:
        yield Finding(
            "FT304",
            f"a rollback plan is required: {reason}; add rollback.plan",
            item.path,
            ("rollback",),
        )


def _change(change: Change) -> Iterator[Finding]:
    if change.window:
        yield from _window_order(change.window, change.path, ("window",))
    production = change.targets is not None and "production" in change.targets.environments
    yield from _rollback(change, change.downtime and production)
    if change.type == "emergency" and not change.justification:
        yield Finding(
            "FT305",
            "an emergency change needs a justification: say why it cannot wait",
            change.path,
            ("justification",),
        )


def _release(release: Release) -> Iterator[Finding]:
    for index, wave in enumerate(release.waves):
        yield from _window_order(wave.window, release.path, ("waves", index, "window"))
    downtime = any(w.downtime and "production" in w.environments for w in release.waves)
    yield from _rollback(release, downtime)
    if release.release_type == "hotfix" and not release.justification:
        yield Finding(
            "FT305",
            "a hotfix needs a justification: say why it cannot wait for a release",
            release.path,
            ("justification",),
        )


def _maintenance(notice: Maintenance, notice_days: int) -> Iterator[Finding]:
    if notice.window is None or notice.published is None:
        return
    yield from _window_order(notice.window, notice.path, ("window",))
    if notice.visibility != "public" or notice.status in ("draft", "cancelled"):
        return
    given = notice_given(notice)
    if given is not None and given < timedelta(days=notice_days):
        days = given.total_seconds() // 8640 / 10  # rounded down: 6.99 days is not '7.0'
        message = (
            f"the notice was published {days:.1f} days before the window; "
            f"the policy asks for {notice_days}: move the window or make the work an emergency"
        )
        yield Finding("FT306", message, notice.path, ("published",))


def notice_given(notice: Maintenance) -> timedelta | None:
    """How much notice customers had: from `published` to the window's start, counted on the
    window's wall clock, so a daylight-saving change inside the period costs no hour. The one
    count that the policy (FT306) and the conflict engine (FT408) both use."""
    if notice.window is None or notice.published is None:
        return None
    return wall_clock_between(notice.published, notice.window.start, notice.window.zone)


def _incident(incident: Incident) -> Iterator[Finding]:
    if incident.status == "resolved" and incident.resolved is None:
        yield Finding(
            "FT308", "a resolved incident needs its `resolved` time", incident.path, ("status",)
        )
    if incident.resolved and incident.started and incident.resolved < incident.started:
        yield Finding(
            "FT308", "the incident is resolved before it started", incident.path, ("resolved",)
        )
    for index in range(1, len(incident.updates)):
        if incident.updates[index].at < incident.updates[index - 1].at:
            yield Finding(
                "FT308",
                "updates must be in time order, oldest first",
                incident.path,
                ("updates", index, "at"),
            )
    if incident.updates and incident.updates[-1].status != incident.status:
        last = incident.updates[-1].status
        message = f"the status is {incident.status!r} but the last update says {last!r}"
        yield Finding("FT308", message, incident.path, ("status",))


def _decommission(
    tenant: Tenant, days: int, today: date, answered: set[tuple[str, str]]
) -> Iterator[Finding]:
    for due in decommission_due(tenant, days, today):
        if due.overdue and (due.tenant, due.environment) not in answered:
            message = (
                f"{due.environment} should have been decommissioned on {due.due.isoformat()} "
                f"({days} days after production go-live): decommission it (set `decommissioned`) "
                "or mark it `permanent: true` if the customer pays for it"
            )
            yield Finding("FT307", message, tenant.path, ("environments", due.environment))
