"""90-day uptime bars per service, computed from incident durations, with text for every day.

A day (UTC) counts the minutes in which the service had a partial or major outage in any
region; degraded performance is shown but counts as up. Each day is a list item whose text a
screen reader reads; the coloured bar is decoration on top of it.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta

from ftgitops.model import Incident
from ftgitops.site.context import SiteContext
from ftgitops.site.status import IMPACT_STATES, State
from ftgitops.site.text import name

DAYS = 90
DOWN = (State.PARTIAL_OUTAGE, State.MAJOR_OUTAGE)
Span = tuple[datetime, datetime]


def day_start(day: date) -> datetime:
    return datetime.combine(day, time(), UTC)


def merged_minutes(spans: list[Span]) -> int:
    """Minutes covered by the spans, overlaps counted once."""
    total = 0.0
    end_so_far: datetime | None = None
    for start, end in sorted(spans):
        if end_so_far is not None and start < end_so_far:
            start = end_so_far
        if end > start:
            total += (end - start).total_seconds() / 60
            end_so_far = end
    return round(total)


class Day:
    """What happened to one service on one day."""

    def __init__(self) -> None:
        self.state = State.OPERATIONAL
        self.down: list[Span] = []
        self.incidents: list[str] = []


def collect(ctx: SiteContext, first: date) -> dict[tuple[str, date], Day]:
    """Every (service, day) touched by an incident in the period."""
    days: dict[tuple[str, date], Day] = defaultdict(Day)
    window_start = day_start(first)
    for incident in ctx.model.of_kind(Incident):
        if incident.started is None or incident.targets is None:
            continue
        end = min(incident.resolved or ctx.now, ctx.now)
        if end <= window_start or incident.started > ctx.now:
            continue
        state = IMPACT_STATES.get(incident.impact, State.DEGRADED)
        day = max(incident.started.astimezone(UTC).date(), first)
        while day_start(day) < end:
            span = (max(incident.started, day_start(day)), min(end, day_start(day + timedelta(1))))
            for service in incident.targets.services:
                cell = days[(service, day)]
                cell.state = max(cell.state, state)
                cell.incidents.append(incident.id)
                if state in DOWN:
                    cell.down.append(span)
            day += timedelta(days=1)
    return days


def day_item(day: date, cell: Day | None) -> str:
    if cell is None:
        text, state = f"{day:%a %d %b %Y}: no incidents", State.OPERATIONAL
    else:
        minutes = merged_minutes(cell.down)
        text = f"{day:%a %d %b %Y}: {cell.state.label.lower()}, {minutes} minutes down"
        text += f" ({', '.join(sorted(set(cell.incidents)))})"
        state = cell.state
    return f'<li data-state="{state.slug}" title="{text}"><span class="ft-sr">{text}</span></li>'


def service_bar(
    ctx: SiteContext, service_id: str, first: date, cells: dict[tuple[str, date], Day]
) -> str:
    service = name(ctx.model.platform.services[service_id].name)
    days = [first + timedelta(days=n) for n in range(DAYS)]
    down = sum(
        merged_minutes(cells[(service_id, d)].down) for d in days if (service_id, d) in cells
    )
    share = 100 * (1 - down / (DAYS * 24 * 60))
    items = "".join(day_item(d, cells.get((service_id, d))) for d in days)
    return (
        f'<div class="ft-uptime" id="uptime-{service_id}"><p><strong>{service}</strong> '
        f'<span class="ft-uptime-figure">{share:.2f}% uptime</span></p>'
        f'<ol class="ft-bar" aria-label="{service}: each of the last {DAYS} days">'
        f"{items}</ol></div>"
    )


def uptime_section(ctx: SiteContext) -> str:
    """Every service's bar for the 90 days up to and including the build day (UTC)."""
    first = ctx.now.astimezone(UTC).date() - timedelta(days=DAYS - 1)
    cells = collect(ctx, first)
    bars = [service_bar(ctx, s, first, cells) for s in ctx.model.platform.services]
    intro = (
        f"## Uptime, last {DAYS} days\n\nDays are UTC days; minutes of partial or major "
        "outage count as down, degraded performance as up.\n"
    )
    return intro + "\n" + "\n".join(bars) + "\n"
