"""The internal reports page: volumes, outcomes, failure rate, lead time, risk, conflicts.

Each chart is a static SVG figure with its data table beside it (`ftgitops.site.charts`):
the page needs no script, and every number is also text. The numbers come from
`ftgitops.site.reports`.
"""

from __future__ import annotations

from collections import Counter

from ftgitops.conflicts import describe
from ftgitops.findings import format_json_path
from ftgitops.model import Change, Maintenance, Release
from ftgitops.rules.decommission import all_due
from ftgitops.site import reports, timefmt
from ftgitops.site.charts import (
    PALETTE,
    Series,
    bars,
    columns,
    count_rows,
    figure,
    matrix,
    value_table,
)
from ftgitops.site.context import SiteContext
from ftgitops.site.pages.calendar import home_month
from ftgitops.site.pages.common import anchor
from ftgitops.site.review import Review
from ftgitops.site.text import name

LEAD_BUCKETS = ((1, "under 1 day"), (7, "1 to 7 days"), (30, "7 to 30 days"))
OUTCOME_COLORS = {"completed": "#2e7d32", "failed": "#b71c1c", "rolled-back": "#c43e00"}
RISK_COLORS = {"low": "#2e7d32", "medium": "#8a5300", "high": "#c43e00", "critical": "#b71c1c"}


def link(item_id: str, ctx: SiteContext) -> str:
    """The item's id linked to its details on the calendar (an incident's id as text)."""
    item = ctx.model.items.get(item_id)
    if not isinstance(item, Change | Release | Maintenance):
        return item_id
    return f"[{item_id}](calendar/{home_month(item)}.md#{anchor(item_id)})"


def volumes(ctx: SiteContext) -> list[str]:
    changes = ctx.model.of_kind(Change)
    lines = ["## Changes per month", ""]
    for field, title in (("category", "category"), ("type", "type")):
        months = reports.per_month(changes, field)
        if not months:
            return [*lines, "No change has a window yet.", ""]
        keys = sorted({key for cells in months.values() for key in cells})
        series = [
            Series(key, [cells.get(key, 0) for cells in months.values()], PALETTE[i % 8])
            for i, key in enumerate(keys)
        ]
        caption = f"Changes per month by {title} (the UTC month their window starts in)"
        chart_id = f"chart-{field}"
        total = sum(sum(cells.values()) for cells in months.values())
        label = f"{caption}: {total} changes from {min(months)} to {max(months)}"
        picture = columns(f"{field}-svg", label, list(months), series)
        lines += [figure(chart_id, caption, picture, matrix(f"{chart_id}-data", months, keys)), ""]
    return lines


def outcomes(ctx: SiteContext) -> list[str]:
    counts = reports.outcomes(reports.work(ctx.model))
    total = sum(counts.values())
    rows = [
        (status, count, f"{count} ({100 * count / total:.1f}%)" if total else "0")
        for status, count in counts.items()
    ]
    caption = f"Outcome of the {total} changes and releases carried out"
    picture = bars("outcomes-svg", caption, rows, [OUTCOME_COLORS[s] for s in counts])
    table = value_table("chart-outcomes-data", "Outcome", rows)
    return ["## Outcomes", "", figure("chart-outcomes", caption, picture, table), ""]


def failure_rate(ctx: SiteContext) -> list[str]:
    rate = reports.failure_rate(ctx.model)
    caused = ", ".join(link(i, ctx) for i in rate.caused) or "none"
    return [
        "## Change failure rate",
        "",
        f'<p id="change-failure-rate"><strong>{rate.percent:.1f}%</strong>: '
        f"{len(rate.caused)} of {rate.carried_out} changes and releases carried out "
        "(completed, failed or rolled back) caused at least one incident.</p>",
        "",
        *failure_months(ctx),
        f"Caused incidents: {caused}",
        "",
    ]


def failure_months(ctx: SiteContext) -> list[str]:
    """The rate of each month as columns (a month with nothing carried out has none)."""
    months = reports.failure_by_month(ctx.model)
    if not months:
        return []
    rates = [r.percent if r.carried_out else None for r in months.values()]
    caption = "Change failure rate per month (the UTC month the work starts in)"
    series = [Series("Change failure rate", rates, PALETTE[2])]
    picture = columns(
        "failure-rate-svg",
        caption,
        list(months),
        series,
        range=(0, 100),
        y_labels=[0, 25, 50, 75, 100],
        value_formatter=percent,
    )
    head = '<tr><th scope="col">Month</th><th scope="col">Carried out</th>'
    head += '<th scope="col">Caused an incident</th><th scope="col">Rate</th></tr>'
    body = "".join(
        f'<tr><th scope="row">{month}</th><td>{r.carried_out}</td><td>{len(r.caused)}</td>'
        f'<td class="ft-chart-value">{f"{r.percent:.1f}%" if r.carried_out else "—"}</td></tr>'
        for month, r in months.items()
    )
    table = f'<table class="ft-chart" id="chart-failure-rate-data"><thead>{head}</thead>'
    table += f"<tbody>{body}</tbody></table>"
    return [figure("chart-failure-rate", caption, picture, table), ""]


def percent(value: float) -> str:
    return f"{value:.0f}%"


def lead_time(ctx: SiteContext) -> list[str]:
    times = reports.lead_times(ctx.model, ctx.revisions)
    summary = reports.lead_summary(times)
    lines = ["## Lead time from proposed to completed", ""]
    if summary is None:
        return [*lines, "No completed work has a proposing commit in git history.", ""]
    buckets: Counter[str] = Counter()
    for time in times:
        label = next((name for limit, name in LEAD_BUCKETS if time.days < limit), "30 days or more")
        buckets[label] += 1
    names = [name for _, name in LEAD_BUCKETS] + ["30 days or more"]
    rows = [(name, buckets[name], str(buckets[name])) for name in names]
    caption = f"Lead times of the {len(times)} completed changes and releases"
    picture = bars("lead-time-svg", caption, rows)
    table = value_table("chart-lead-time-data", "Lead time", rows)
    lines += [
        f'<p id="lead-time">Median <strong>{summary[0]:.1f} days</strong>, mean '
        f"{summary[1]:.1f} days, over {len(times)} completed changes and releases.</p>",
        "",
        figure("chart-lead-time", caption, picture, table),
        "",
        "| Item | Proposed | Completed | Days | From |",
        "| --- | --- | --- | --- | --- |",
    ]
    for t in times:
        proposed, completed = timefmt.when(t.proposed, []), timefmt.when(t.completed, [])
        lines.append(
            f"| {link(t.item_id, ctx)} | {proposed} | {completed} | {t.days:.1f} | {t.source} |"
        )
    return [*lines, ""]


def risk(found: Review) -> list[str]:
    counts = reports.risk_levels(a.level for a in found.risk.values())
    caption = f"The {sum(counts.values())} changes and releases by assessed risk level"
    rows = count_rows(counts)
    picture = bars("risk-svg", caption, rows, [RISK_COLORS[level] for level in counts])
    table = value_table("chart-risk-data", "Level", rows)
    return ["## Risk", "", figure("chart-risk", caption, picture, table), ""]


def conflicts(ctx: SiteContext, found: Review) -> list[str]:
    lines = ["## Conflicts", ""]
    if not found.conflicts:
        return [*lines, "No current conflicts.", ""]
    kinds = dict(Counter(c.kind for c in found.conflicts).most_common())
    caption = f"{len(found.conflicts)} current conflicts by kind"
    rows = count_rows(kinds)
    picture = bars("conflicts-svg", caption, rows)
    table = value_table("chart-conflicts-data", "Kind", rows)
    lines += [figure("chart-conflicts", caption, picture, table), ""]
    lines += ["| Severity | Kind | Between | When | Message |", "| --- | --- | --- | --- | --- |"]
    for c in found.conflicts:
        sides = " and ".join(name(s) for s in (c.first, c.second) if s)
        when = timefmt.when(c.start, [c.zone] if c.zone else []) if c.start else ""
        message = name(describe(c))
        lines.append(f"| {c.severity.value} | {c.kind} | {sides} | {when} | {message} |")
    return [*lines, ""]


def policy(found: Review) -> list[str]:
    """What the policy rules say of the data: never a reason to stop a build, shown here."""
    lines = ["## Policy findings", ""]
    if not found.policy:
        return [*lines, "None: every item keeps the change policy.", ""]
    lines += ["| Finding | Message | Where |", "| --- | --- | --- |"]
    for f in found.policy:
        where = f"{name(f.file)} <code>{name(format_json_path(f.json_path))}</code>"
        lines.append(f"| {f.level.value} {f.code} | {name(f.message)} | {where} |")
    return [*lines, ""]


def decommission(ctx: SiteContext) -> list[str]:
    policies = ctx.model.platform.policies
    due = all_due(ctx.model.tenants.values(), policies.decommission_days, ctx.now.date())
    lines = ["## Environments due for decommission", ""]
    if not due:
        return [*lines, "None: every UAT and Training environment is permanent or gone.", ""]
    lines += [
        f"UAT and Training go {policies.decommission_days} days after production goes live "
        "unless permanent (policy FT307).",
        "",
        "| Tenant | Environment | Production live | Due | State |",
        "| --- | --- | --- | --- | --- |",
    ]
    for d in due:
        tenant = name(ctx.model.tenants[d.tenant].name)
        state = "overdue" if d.overdue else "due"
        lines.append(f"| {tenant} | {d.environment} | {d.production_live} | {d.due} | {state} |")
    return [*lines, ""]


def page(ctx: SiteContext, found: Review) -> str:
    """`reports.md`."""
    lines = ["# Reports", "", f"As of {timefmt.when(ctx.now, [])}.", ""]
    lines += volumes(ctx) + outcomes(ctx) + failure_rate(ctx) + lead_time(ctx)
    lines += risk(found) + conflicts(ctx, found) + policy(found) + decommission(ctx)
    return "\n".join(lines) + "\n"
