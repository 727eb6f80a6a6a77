"""90-day uptime per component (a service in a region), from incident durations.

Each UTC day of a component tallies the minutes of major outage, of partial outage and of
degraded performance separately (a minute counts once, at its worst state), so an APAC outage
never marks a UK bar and a service degraded for 12 days does not read "100%": the figure is
the share of time fully operational, and the outage and degraded time are written beside it.

On the history page each day is a list item whose text a screen reader reads, the coloured
bar being decoration on top of it; the home page's bars are the same picture without the
per-day text (the figure and its breakdown say it in words), which keeps the page light.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from ftgitops.model import Incident
from ftgitops.site.context import SiteContext
from ftgitops.site.pages.words import date_words, duration_words
from ftgitops.site.status import IMPACT_STATES, State
from ftgitops.site.text import name

DAYS = 90
SHOWN = (State.MAJOR_OUTAGE, State.PARTIAL_OUTAGE, State.DEGRADED)
LEGEND = (State.OPERATIONAL, State.DEGRADED, State.PARTIAL_OUTAGE, State.MAJOR_OUTAGE)
Span = tuple[datetime, datetime]
Cell = tuple[str, str, date]  # region, service, day


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


@dataclass
class Day:
    """What happened to one component on one day: the spans of each impact."""

    spans: dict[State, list[Span]] = field(default_factory=lambda: defaultdict(list))

    @property
    def state(self) -> State:
        return max((s for s, spans in self.spans.items() if spans), default=State.OPERATIONAL)

    def minutes(self) -> dict[State, int]:
        """Minutes at each impact, each minute counted once at its worst impact."""
        majors = self.spans.get(State.MAJOR_OUTAGE, [])
        major = merged_minutes(majors)
        outage = merged_minutes(majors + self.spans.get(State.PARTIAL_OUTAGE, []))
        affected = merged_minutes([s for spans in self.spans.values() for s in spans])
        return {
            State.MAJOR_OUTAGE: major,
            State.PARTIAL_OUTAGE: outage - major,
            State.DEGRADED: affected - outage,
        }


def first_day(ctx: SiteContext) -> date:
    """The first of the 90 UTC days up to and including the build day."""
    return ctx.now.astimezone(UTC).date() - timedelta(days=DAYS - 1)


def collect(ctx: SiteContext, first: date) -> dict[Cell, Day]:
    """Every (region, service, day) touched by an incident in the period."""
    days: dict[Cell, Day] = defaultdict(Day)
    for incident in ctx.model.of_kind(Incident):
        if incident.started is None or incident.targets is None:
            continue
        end = min(incident.resolved or ctx.now, ctx.now)
        if end <= day_start(first) or incident.started > ctx.now:
            continue
        state = IMPACT_STATES.get(incident.impact, State.DEGRADED)
        day = max(incident.started.astimezone(UTC).date(), first)
        while day_start(day) < end:
            span = (max(incident.started, day_start(day)), min(end, day_start(day + timedelta(1))))
            for region in incident.targets.regions:
                for service in incident.targets.services:
                    days[(region, service, day)].spans[state].append(span)
            day += timedelta(days=1)
    return days


def day_text(day: date, cell: Day | None) -> str:
    """`Mon 05 Oct 2026: major outage 2 hours, degraded 30 minutes`, or `no incidents`."""
    minutes = cell.minutes() if cell else {}
    parts = [
        f"{state.label.lower()} {duration_words(timedelta(minutes=minutes[state]))}"
        for state in SHOWN
        if minutes.get(state)
    ]
    return f"{day:%a %d %b %Y}: {', '.join(parts) or 'no incidents'}"


def totals(cells: dict[Cell, Day], region: str, service: str, first: date) -> dict[State, int]:
    """Minutes at each impact over the period."""
    found = dict.fromkeys(SHOWN, 0)
    for n in range(DAYS):
        cell = cells.get((region, service, first + timedelta(days=n)))
        for state, minutes in (cell.minutes() if cell else {}).items():
            found[state] += minutes
    return found


def figure(minutes: dict[State, int]) -> str:
    """`99.86% fully operational` and, in words, the outage and the degraded time (each
    only when there was some)."""
    outage = minutes[State.MAJOR_OUTAGE] + minutes[State.PARTIAL_OUTAGE]
    degraded = minutes[State.DEGRADED]
    share = 100 * (1 - (outage + degraded) / (DAYS * 24 * 60))
    parts = [
        f"{label}: {duration_words(timedelta(minutes=minutes))}"
        for label, minutes in (("Outage", outage), ("Degraded", degraded))
        if minutes
    ]
    detail = f' <span class="ft-uptime-detail">{" · ".join(parts)}</span>' if parts else ""
    return f'<span class="ft-uptime-figure">{share:.2f}% fully operational</span>{detail}'


def bar(cells: dict[Cell, Day], region: str, service: str, first: date, label: str) -> str:
    """The 90 days as a row of coloured items; with a `label`, each day has its text."""
    items = []
    for n in range(DAYS):
        day = first + timedelta(days=n)
        cell = cells.get((region, service, day))
        state = cell.state if cell else State.OPERATIONAL
        text = day_text(day, cell)
        inner = f'<span class="ft-sr">{text}</span>' if label else ""
        items.append(f'<li data-state="{state.slug}" title="{text}">{inner}</li>')
    aria = f'aria-label="{label}"' if label else 'aria-hidden="true"'
    return f'<ol class="ft-bar" data-search-exclude {aria}>{"".join(items)}</ol>'


def axis(first: date) -> str:
    """The bar's date axis: its first day and today."""
    return (
        '<p class="ft-axis" aria-hidden="true">'
        f"<span>{date_words(first)}</span><span>{DAYS} days</span><span>Today</span></p>"
    )


def legend() -> str:
    """What the colours mean, in words."""
    keys = "".join(
        f'<li><span class="ft-swatch" data-state="{s.slug}"></span>{s.label}</li>' for s in LEGEND
    )
    return f'<ul class="ft-legend" aria-label="Colours of the bars">{keys}</ul>'


class Bars:
    """The home page's bars: the incidents tallied once, a figure and a bar per component."""

    def __init__(self, ctx: SiteContext) -> None:
        self.first = first_day(ctx)
        self.cells = collect(ctx, self.first)

    def summary(self, region: str, service: str) -> str:
        minutes = totals(self.cells, region, service, self.first)
        return (
            f'<p class="ft-uptime-line">{figure(minutes)}</p>'
            f"{bar(self.cells, region, service, self.first, '')}"
        )

    def axis(self) -> str:
        return axis(self.first)


def service_bar(
    ctx: SiteContext, region: str, service: str, first: date, cells: dict[Cell, Day]
) -> str:
    """One component's figure and bar, with the per-day text (the history page)."""
    shown = name(ctx.model.platform.services[service].name)
    label = f"{shown}: each of the last {DAYS} days"
    return (
        f'<div class="ft-uptime" id="uptime-{region}-{service}">'
        f'<p class="ft-component-head"><strong>{shown}</strong></p>'
        f'<p class="ft-uptime-line">{figure(totals(cells, region, service, first))}</p>'
        f"{bar(cells, region, service, first, label)}</div>"
    )


def uptime_section(ctx: SiteContext, regions: list[str], services: list[str]) -> str:
    """Each region's services, their figures and bars for the last 90 days (UTC days)."""
    first = first_day(ctx)
    cells = collect(ctx, first)
    parts = [
        f"## Uptime, last {DAYS} days",
        "",
        "Days are UTC days. Fully operational time excludes every minute of outage and of "
        "degraded performance; each is shown beside the figure.",
        "",
        legend(),
        "",
    ]
    for region in regions:
        bars = "".join(service_bar(ctx, region, s, first, cells) for s in services)
        title = ctx.region_names((region,))
        parts += [f"### {title} {{#uptime-{region}}}", "", bars + axis(first), ""]
    return "\n".join(parts)
