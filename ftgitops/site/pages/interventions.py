"""The intervention log of a change or release as a timeline, for its internal page.

The deployer appends a line to the item's `log` for every step (`deploy.record`): the lease
(`started`), each driver call (`deployed`, `verified`, `failed`, `rolled-back`), an attempt
found without an outcome (`interrupted`), a window that closed first (`missed`), a status it
set; people may add a `note`. Each line names its target (`all`, `wave-2`,
`wave-2/tenant/production`), attempt, idempotency key, run and, for Octopus, the server task.

The page shows first each target with its attempts and latest outcome (what an engineer asks
first: did it go everywhere?), then every line in time order. Values are escaped
(`text.name`); command output is shown as text in a `<pre>`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ftgitops.model import LogEntry, Maintenance
from ftgitops.site import timefmt
from ftgitops.site.context import SiteContext
from ftgitops.site.text import name, plain

# Actions that settle an attempt, and how they read.
OUTCOME_ACTIONS = {
    "succeeded": "succeeded",
    "failed": "failed",
    "rolled-back": "rolled back",
    "rollback-failed": "rollback failed",
    "interrupted": "interrupted",
    "missed": "missed",
}
GOOD = frozenset({"succeeded", "deployed", "verified"})
BAD = frozenset({"failed", "rollback-failed", "interrupted", "missed"})
WHOLE = "all"


def tone(action: str) -> str:
    """`good`, `bad` or `neutral`: the timeline marker's colour (the text says it too)."""
    return "good" if action in GOOD else "bad" if action in BAD else "neutral"


def extras(item: Any) -> list[Mapping[str, Any]]:
    """The raw log lines (outcome, exit code, output, driver, task), in step with `item.log`;
    empty mappings when they cannot be matched line for line."""
    raw = item.raw.get("log") if isinstance(item.raw, Mapping) else None
    if not isinstance(raw, list) or len(raw) != len(item.log):
        return [{} for _ in item.log]
    return [line if isinstance(line, Mapping) else {} for line in raw]


def targets_table(log: Sequence[LogEntry]) -> list[str]:
    """Each target with its number of attempts and its latest outcome, in first-seen order."""
    attempts: dict[str, int] = {}
    outcome: dict[str, str] = {}
    for line in sorted(log, key=lambda entry: entry.at):
        target = line.target or WHOLE
        attempts[target] = max(attempts.get(target, 0), line.attempt or 1)
        if line.action in OUTCOME_ACTIONS:
            outcome[target] = line.action
    rows = "".join(
        f"<tr><td>{name(target)}</td><td>{count}</td>{outcome_cell(outcome.get(target))}</tr>"
        for target, count in attempts.items()
    )
    return [
        '<div class="ft-scroll"><table><caption>Targets</caption>'
        "<thead><tr><th>Target</th><th>Attempts</th><th>Latest outcome</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></div>"
    ]


def outcome_cell(action: str | None) -> str:
    if action is None:
        return '<td data-tone="neutral">none yet</td>'
    return f'<td data-tone="{tone(action)}">{OUTCOME_ACTIONS[action]}</td>'


def detail(line: LogEntry, raw: Mapping[str, Any]) -> str:
    """The line's identifiers and results: attempt, exit code, driver, task, run, key."""
    parts = []
    if line.attempt is not None:
        parts.append(f"attempt {line.attempt}")
    for label, field in (("outcome", "outcome"), ("exit", "exit_code"), ("driver", "driver")):
        if raw.get(field) is not None:
            parts.append(f"{label} {name(str(raw[field]))}")
    if raw.get("task"):
        parts.append(f"task <code>{name(str(raw['task']))}</code>")
    if line.run:
        parts.append(f"run <code>{name(line.run)}</code>")
    if line.key:
        parts.append(f"key <code>{name(line.key)}</code>")
    if line.status:
        parts.append(f"status set to {name(line.status)}")
    return " · ".join(parts)


def entry(line: LogEntry, raw: Mapping[str, Any], ctx: SiteContext) -> str:
    """One timeline entry: when, what, on which target, by whom, then details and output."""
    people = ctx.model.platform.people
    by = people[line.by].name if line.by is not None and line.by in people else line.by
    head = (
        f'<p class="ft-timeline-head">{timefmt.when(line.at, [])} · '
        f"<strong>{name(line.action)}</strong> · {name(line.target or WHOLE)}"
        f"{f' · by {name(by)}' if by else ''}</p>"
    )
    body = [head]
    said = detail(line, raw)
    if said:
        body.append(f'<p class="ft-log-detail">{said}</p>')
    if line.message:
        body.append(f'<p class="ft-lines">{plain(line.message.strip())}</p>')
    if raw.get("output"):
        body.append(f"<pre>{plain(str(raw['output']))}</pre>")
    return f'<li data-tone="{tone(line.action)}">{"".join(body)}</li>'


def intervention_log(item: Any, ctx: SiteContext) -> list[str]:
    """The heading, the targets table and the timeline (oldest first) of the item's log."""
    if isinstance(item, Maintenance):
        return []
    head = '<h2 id="intervention-log">Intervention log</h2>'
    if not item.log:
        return [head, "<p>Nothing has been carried out yet: the log is empty.</p>"]
    lines = sorted(zip(item.log, extras(item), strict=True), key=lambda pair: pair[0].at)
    timeline = "".join(entry(line, raw, ctx) for line, raw in lines)
    return [head, *targets_table(item.log), f'<ol class="ft-timeline ft-log">{timeline}</ol>']
