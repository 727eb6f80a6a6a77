"""Incident pages: the open incidents, and the history, one page per month with an anchor each."""

from __future__ import annotations

from collections import defaultdict

from ftgitops.model import Incident
from ftgitops.site.context import SiteContext
from ftgitops.site.pages.common import incident_block, month_of
from ftgitops.site.pages.history import index_page
from ftgitops.site.pages.words import month_name


def started(ctx: SiteContext) -> list[Incident]:
    """Incidents that had started by the build time, newest first."""
    found = [i for i in ctx.model.of_kind(Incident) if i.started and i.started <= ctx.now]
    return sorted(found, key=lambda i: (i.started, i.id), reverse=True)


def by_month(ctx: SiteContext) -> dict[str, list[Incident]]:
    """Started incidents grouped by the UTC month they started in, newest month first."""
    months: dict[str, list[Incident]] = defaultdict(list)
    for incident in started(ctx):
        assert incident.started is not None
        months[month_of(incident.started)].append(incident)
    return dict(sorted(months.items(), reverse=True))


def active_page(ctx: SiteContext) -> str:
    """`incidents.md`: every incident open at build time, with all its updates."""
    blocks = [incident_block(i, ctx) for i in ctx.status.incidents]
    body = "\n".join(blocks) if blocks else "No incident is open.\n"
    return f"# Active incidents\n\n{body}\n[Incident history](history/index.md)\n"


def month_page(ctx: SiteContext, month: str, incidents: list[Incident]) -> str:
    """`history/<yyyy-mm>.md`: that month's incidents, one anchor each."""
    blocks = [incident_block(i, ctx) for i in incidents]
    return f"# Incidents in {month_name(month)}\n\n[All months](index.md)\n\n" + "\n".join(blocks)


def history_index(ctx: SiteContext, months: dict[str, list[Incident]]) -> str:
    """`history/index.md`: uptime, then every month in range (`pages.history`)."""
    return index_page(ctx, {month: len(items) for month, items in months.items()})


def pages(ctx: SiteContext) -> dict[str, str]:
    """Every incident page by its path in the docs tree."""
    months = by_month(ctx)
    found = {"incidents.md": active_page(ctx), "history/index.md": history_index(ctx, months)}
    for month, incidents in months.items():
        found[f"history/{month}.md"] = month_page(ctx, month, incidents)
    return found
