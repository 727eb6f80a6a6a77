"""What a deploy run says: the events of a run, or (with `--dry-run`) the plan with the driver
calls it would make, as text or JSON."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from ftgitops.deploy.config import config_of
from ftgitops.deploy.drivers import Job
from ftgitops.deploy.drivers.command import variables
from ftgitops.deploy.outcome import Event, Outcome
from ftgitops.deploy.plan import Plan, Step
from ftgitops.deploy.record import key_of
from ftgitops.model import Change, Model, Release
from ftgitops.yamledit import moment

COUNTED = ("started", "succeeded", "failed", "interrupted", "missed", "simulated")
SHOWN = ("FTGITOPS_RUN", "FTGITOPS_ARTIFACTS", "FTGITOPS_ACTION")  # left out of the dry run


def _where(item: str, target: str | None, attempt: int) -> str:
    return item + (f" {target}" if target else "") + (f" #{attempt}" if attempt else "")


def event_line(event: Event) -> str:
    """`CHG-2026-0001 all #1 failed: deploy failed (exit 3)`."""
    text = f"{_where(event.item, event.target, event.attempt)} {event.action}"
    return f"{text}: {event.message}" if event.message else text


def wait_line(step: Step) -> str:
    label = step.target.label if step.target else None
    return f"{_where(step.item, label, step.attempt)} waits: {step.reason}"


def outcome_text(outcome: Outcome) -> str:
    """A line per event, a line per target that waits (held, backing off, leased elsewhere),
    and a count (with the targets whose window is still to open)."""
    waits = [s for s in outcome.waiting if s.kind == "wait"]
    lines = [event_line(e) for e in outcome.events] + [wait_line(s) for s in waits]
    counts = Counter(e.action for e in outcome.events)
    shown = ", ".join(f"{counts[a]} {'blocked' if a == 'simulated' else a}" for a in COUNTED)
    upcoming = len(outcome.waiting) - len(waits)
    lines.append(
        f"ftgitops deploy at {moment(outcome.now)} (run {outcome.run}): {shown};"
        f" {len(waits)} waiting, {upcoming} upcoming"
    )
    return "\n".join(lines) + "\n"


def outcome_json(outcome: Outcome) -> str:
    body = {
        "run": outcome.run,
        "now": moment(outcome.now),
        "failed": outcome.failed,
        "events": [
            {
                "item": e.item,
                "target": e.target,
                "attempt": e.attempt or None,
                "action": e.action,
                "message": e.message,
                "failing": e.failing,
            }
            for e in outcome.events
        ],
        "waiting": [_step_dict(s) for s in outcome.waiting],
    }
    return json.dumps(body, indent=2) + "\n"


def _step_dict(step: Step) -> dict[str, Any]:
    return {
        "kind": step.kind,
        "item": step.item,
        "target": step.target.label if step.target else None,
        "attempt": step.attempt or None,
        "status": step.status,
        "wave": step.wave,
        "reason": step.reason,
    }


def calls(step: Step, model: Model) -> list[tuple[str, str]]:
    """The driver calls a start would make, as (what, command), in order."""
    item = model.items[step.item]
    if step.kind != "start" or not isinstance(item, Change | Release) or not item.deploy:
        return []
    config = config_of(item.deploy)
    if config.driver == "octopus":
        return [("octopus", _octopus_call(step, item, model))]
    found = [
        ("simulate", config.simulate_command),
        ("deploy", config.command),
        ("verify", config.verify_command),
        ("rollback on failure", config.rollback_command),
    ]
    return [(what, command) for what, command in found if command]


def environment(step: Step, model: Model) -> dict[str, str]:
    """The FTGITOPS_* variables a start's commands would see (less the run's own)."""
    item = model.items[step.item]
    if step.kind != "start" or step.target is None or not isinstance(item, Change | Release):
        return {}
    assert item.deploy is not None
    if config_of(item.deploy).driver != "command":
        return {}
    version = item.version if isinstance(item, Release) else None
    key = key_of(item.id, step.target.label, step.attempt)
    config = config_of(item.deploy)
    job = Job(item.id, step.target, step.attempt, key, "", config, Path(), Path(), version)
    found = variables(job, "")
    return {name: value for name, value in sorted(found.items()) if name not in SHOWN}


def _octopus_call(step: Step, item: Change | Release, model: Model) -> str:
    """`release 2026.4.0 of FastTrack360 to UAT for Tenant 1 (one tenanted deployment per
    wave and environment)`."""
    assert item.deploy is not None and step.target is not None
    config, settings = config_of(item.deploy), model.platform.octopus
    version = config.version or (item.version if isinstance(item, Release) else "?")
    places = sorted(
        {config.environment or settings.environments.get(e, e) for _, e in step.target.covers}
    )
    tenants = sorted(
        model.tenants[t].octopus_name if t in model.tenants else t for t, _ in step.target.covers
    )
    return (
        f"release {version} of {config.project or settings.project} to {', '.join(places)}"
        f" for {', '.join(tenants) or 'no tenant (refused)'}"
    )


def plan_text(found: Plan, model: Model) -> str:
    """The dry run: each step in order with its driver calls, then what waits."""
    lines = [f"dry run at {moment(found.now)}: nothing is run, committed or pushed"]
    for number, step in enumerate(found.steps, start=1):
        label = step.target.label if step.target else (f"wave-{step.wave}" if step.wave else None)
        status = f" -> {step.status}" if step.status else ""
        where = _where(step.item, label, step.attempt)
        lines.append(f"{number}. {step.kind} {where}{status}: {step.reason}")
        lines += [f"   {what}: {command}" for what, command in calls(step, model)]
        shown = " ".join(f"{k}={v}" for k, v in environment(step, model).items())
        lines += [f"   with {shown}"] if shown else []
    waits = [step for step in found.waiting if step.kind == "wait"]
    lines += [wait_line(step) for step in waits]
    upcoming = len(found.waiting) - len(waits)
    lines.append(f"{len(found.steps)} steps, {len(waits)} waiting, {upcoming} upcoming")
    return "\n".join(lines) + "\n"


def plan_json(found: Plan, model: Model) -> str:
    steps = [
        {**_step_dict(s), "calls": dict(calls(s, model)), "environment": environment(s, model)}
        for s in found.steps
    ]
    body = {
        "now": moment(found.now),
        "dry_run": True,
        "steps": steps,
        "waiting": [_step_dict(s) for s in found.waiting],
    }
    return json.dumps(body, indent=2) + "\n"
