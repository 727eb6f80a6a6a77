"""The internal edition's home: a visible mark that it is internal, then what engineers open it
for: work in progress, work due today and in the next seven days, and the open conflicts.

Written above the public status block (`<!-- ftgitops:status -->` on the home page), as raw
HTML tables with Markdown headings. "Work" is every change, maintenance notice and release
wave with a window, with its status as known at build time (`known_status`: an outcome
recorded for a window that had not started yet is not known then); it is in progress when its
status says so or its window is open at build time and nothing has closed it; due today when
it starts later on the same local day (its region's zone, else UTC), due this week when it
starts within the seven days after today.
Each row links to the item's full record (`permalinks.work_path`). Open conflicts are the
conflict engine's current ones (`find_conflicts`, via `review`), not those already past.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from ftgitops.conflicts import Conflict, describe
from ftgitops.model import ENDED, Change, Maintenance, Release
from ftgitops.rules.customerwindows import known_status
from ftgitops.site import timefmt
from ftgitops.site.context import SiteContext
from ftgitops.site.pages.common import table as grid
from ftgitops.site.pages.workdetail import Scheduled
from ftgitops.site.permalinks import href, work_path
from ftgitops.site.review import Review, conflict_sides
from ftgitops.site.text import name

HOME = "index.md"
WEEK = timedelta(days=7)
MAX_CONFLICTS = 50
MARKER_ID = "internal-edition"
COLUMNS = ("Item", "Title", "Kind", "Status", "When", "Regions")


@dataclass(frozen=True, slots=True)
class Work:
    """One window of work: a change, a notice, or one wave of a release."""

    item: Scheduled
    label: str
    start: datetime
    end: datetime
    regions: tuple[str, ...]
    status: str


def work(ctx: SiteContext) -> Iterator[Work]:
    """Every window of work, with its status as known at build time."""
    now = ctx.now
    for item in ctx.model.items.values():
        if isinstance(item, Release):
            for wave in item.waves:
                status = "cancelled" if item.status == "cancelled" else wave.status
                window = wave.window
                label = f"{item.title}: {wave.name}"
                status = known_status(status, window.start, now)
                yield Work(item, label, window.start, window.end, (wave.region,), status)
        elif isinstance(item, Change | Maintenance) and item.window is not None:
            regions = item.targets.regions if item.targets else ()
            window = item.window
            status = known_status(item.status, window.start, now)
            yield Work(item, item.title, window.start, window.end, regions, status)


def local_day(ctx: SiteContext, entry: Work, moment: datetime) -> datetime:
    """`moment` in the entry's first region's zone (UTC when it has none)."""
    zones = ctx.zones(entry.regions, ZoneInfo("UTC"))
    return moment.astimezone(zones[0])


def in_progress(entry: Work, now: datetime) -> bool:
    if entry.status in ENDED:
        return False
    return entry.status == "in-progress" or entry.start <= now < entry.end


def due(ctx: SiteContext) -> tuple[list[Work], list[Work], list[Work]]:
    """Work in progress, due later today, and due in the seven days after today."""
    now = ctx.now
    doing: list[Work] = []
    today: list[Work] = []
    week: list[Work] = []
    for entry in work(ctx):
        if entry.status in ENDED:
            continue
        if in_progress(entry, now):
            doing.append(entry)
        elif entry.start > now:
            here_now, starts = local_day(ctx, entry, now), local_day(ctx, entry, entry.start)
            if starts.date() == here_now.date():
                today.append(entry)
            elif starts.date() <= (here_now + WEEK).date():
                week.append(entry)
    return ordered(doing), ordered(today), ordered(week)


def ordered(entries: list[Work]) -> list[Work]:
    return sorted(entries, key=lambda e: (e.start, e.label))


def table(ctx: SiteContext, entries: list[Work], empty: str) -> str:
    """Item, title, status and window (local and UTC) of each entry, or a sentence: the
    site's grid table (`pages.common.table`), whose rows become labelled cards on a phone."""
    if not entries:
        return f"<p>{empty}</p>"
    rows = []
    for entry in entries:
        item = entry.item
        link = href(ctx, HOME, work_path(item.id))
        when = timefmt.span(entry.start, entry.end, ctx.zones(entry.regions))
        rows.append(
            (
                f'<a href="{link}">{name(item.id)}</a>',
                name(entry.label),
                name(item.kind),
                name(entry.status),
                when,
                ctx.region_names(entry.regions),
            )
        )
    return grid(COLUMNS, rows, "ft-work")


def conflict_row(ctx: SiteContext, conflict: Conflict) -> str:
    sides = [
        f'<a href="{href(ctx, HOME, work_path(side))}">{name(side)}</a>'
        if side in ctx.model.items
        else name(side)
        for side in conflict_sides(conflict)
    ]
    return (
        f"<li><strong>{name(str(conflict.severity))} {name(conflict.code)}</strong> "
        f"({name(conflict.kind)}) {', '.join(sides)}: {name(describe(conflict))}</li>"
    )


def conflicts(ctx: SiteContext, found: Review) -> str:
    """The open conflicts (not those already past), at most 50 listed."""
    current = [c for c in found.conflicts if not c.past]
    if not current:
        return "<p>No open conflict.</p>"
    rows = "".join(conflict_row(ctx, c) for c in current[:MAX_CONFLICTS])
    more = len(current) - MAX_CONFLICTS
    tail = f"<p>And {more} more: see the reports.</p>" if more > 0 else ""
    return f'<ul class="ft-conflicts">{rows}</ul>{tail}'


def marker(ctx: SiteContext) -> str:
    """The visible mark: this edition is internal."""
    return (
        f'<div id="{MARKER_ID}" class="ft-internal" role="note"><strong>Internal edition</strong>'
        " · for engineers and change managers only: it shows confidential fields, internal "
        f"work and conflicts. Built {timefmt.when(ctx.now, [])}.</div>"
    )


def block(ctx: SiteContext, found: Review) -> str:
    """The internal home's part above the public status (Markdown headings, HTML tables)."""
    doing, today, week = due(ctx)
    open_count = sum(1 for c in found.conflicts if not c.past)
    return "\n".join(
        [
            marker(ctx),
            "",
            f"## Work in progress ({len(doing)}) {{#work-in-progress}}",
            "",
            table(ctx, doing, "Nothing is in progress."),
            "",
            f"## Due today ({len(today)}) {{#due-today}}",
            "",
            table(ctx, today, "Nothing else starts today."),
            "",
            f"## Due this week ({len(week)}) {{#due-this-week}}",
            "",
            table(ctx, week, "Nothing starts in the next seven days."),
            "",
            f"## Open conflicts ({open_count}) {{#open-conflicts}}",
            "",
            conflicts(ctx, found),
            "",
            "## Customer status {#customer-status}",
            "",
        ]
    )
