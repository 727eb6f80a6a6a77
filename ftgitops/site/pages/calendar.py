"""The change calendar: one page per month with a timeline, a table and each item in full.

Items are aggregated by the UTC month their window starts in (a release lives in the month
of its first wave; each wave is a row of the month it runs in), with an anchor each, so
10,000 changes make a few dozen pages rather than 10,000 (about 16 ms a page to build).
Work without a window is listed on `calendar/unscheduled.md`.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from typing import NamedTuple

from ftgitops.model import Change, Maintenance, Release
from ftgitops.rules.customerwindows import known_status
from ftgitops.site import timefmt
from ftgitops.site.context import SiteContext
from ftgitops.site.pages.common import anchor
from ftgitops.site.pages.gantt import Task, timeline
from ftgitops.site.pages.workdetail import Scheduled, detail_block
from ftgitops.site.review import Review
from ftgitops.site.text import name

UNSCHEDULED = "unscheduled"
ALARMING = frozenset({"high", "critical"})


class Entry(NamedTuple):
    """One row of the calendar: a change, a maintenance window or one wave of a release."""

    item: Scheduled
    label: str
    name: str
    start: datetime
    end: datetime
    regions: tuple[str, ...]
    status: str


def month_key(moment: datetime) -> str:
    return f"{moment.astimezone(UTC):%Y-%m}"


def entries(ctx: SiteContext) -> list[Entry]:
    """Every scheduled change, maintenance window and release wave, in time order, with its
    status as known at build time (`known_status`)."""
    found: list[Entry] = []
    now = ctx.now
    for item in ctx.model.items.values():
        if isinstance(item, Release):
            for number, wave in enumerate(item.waves, start=1):
                label = f"{item.id} wave {number}"
                name = f"{item.title} ({wave.name})"
                window = wave.window
                status = known_status(wave.status, window.start, now)
                found.append(
                    Entry(item, label, name, window.start, window.end, (wave.region,), status)
                )
        elif isinstance(item, Change | Maintenance) and item.window:
            regions = item.targets.regions if item.targets else ()
            window = item.window
            status = known_status(item.status, window.start, now)
            entry = Entry(item, item.id, item.title, window.start, window.end, regions, status)
            found.append(entry)
    return sorted(found, key=lambda e: (e.start, e.label))


def home_month(item: Scheduled) -> str:
    """The page an item's details live on: the month its (first) window starts."""
    if isinstance(item, Release):
        starts = [w.window.start for w in item.waves]
        return month_key(min(starts)) if starts else UNSCHEDULED
    return month_key(item.window.start) if item.window else UNSCHEDULED


def state(entry: Entry, found: Review) -> str:
    """The timeline's colour for an entry: its outcome once done, else whether it needs a
    look (high or critical risk, or a conflict), in progress or planned."""
    if entry.status in ("failed", "rolled-back"):
        return "failed"
    if entry.status in ("completed", "cancelled", "in-progress"):
        return entry.status
    risk = found.risk.get(entry.item.id)
    risky = risk is not None and risk.level in ALARMING
    return "attention" if risky or found.conflicts_of(entry.item.id) else "planned"


def task(entry: Entry, month: str, found: Review) -> Task:
    """A timeline bar; it links to the item's details when they are on this month's page."""
    start, end = entry.start.astimezone(UTC), entry.end.astimezone(UTC)
    when = f"{start:%a %d %b %H:%M} to {end:%a %d %b %H:%M} UTC"
    text = f"{entry.label}: {entry.name} ({entry.status}), {when}"
    href = f"#{anchor(entry.item.id)}" if home_month(entry.item) == month else ""
    return Task(entry.label, text, entry.start, entry.end, state(entry, found), href)


def row(entry: Entry, month: str, ctx: SiteContext, found: Review) -> str:
    item = entry.item
    home = home_month(item)
    target = f"#{anchor(item.id)}" if home == month else f"{home}.md#{anchor(item.id)}"
    risk = found.risk.get(item.id)
    level = f"{risk.level} ({risk.score})" if risk else "—"
    zones = ctx.zones(entry.regions)
    return (
        f"| [{name(entry.label)}]({target}) | {name(entry.name)} | {item.kind} | "
        f"{entry.status} | {level} | {len(found.conflicts_of(item.id))} | "
        f"{timefmt.span(entry.start, entry.end, zones)} | {ctx.region_names(entry.regions)} |"
    )


def table(rows: list[Entry], month: str, ctx: SiteContext, found: Review) -> list[str]:
    head = "| Item | Title | Kind | Status | Risk | Conflicts | When | Regions |"
    lines = [head, "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    return [*lines, *(row(e, month, ctx, found) for e in rows), ""]


def month_page(
    ctx: SiteContext, found: Review, month: str, rows: list[Entry], items: list[Scheduled]
) -> str:
    """`calendar/<yyyy-mm>.md`: chart, table, then every item that starts that month."""
    lines = [f"# Change calendar: {month}", "", "[All months](index.md)", ""]
    if rows:
        tasks = [task(e, month, found) for e in rows]
        lines += [timeline("timeline", month, tasks), "", *table(rows, month, ctx, found)]
    lines += ["## Details", ""]
    lines += [detail_block(item, ctx, found) for item in sorted(items, key=lambda i: i.id)]
    return "\n".join(lines) + "\n"


def index_page(months: dict[str, int], unscheduled: int, conflicts: int) -> str:
    """`calendar/index.md`: a link to every month, newest first."""
    links = [f"- [{month}]({month}.md): {count} items" for month, count in months.items()]
    if unscheduled:
        links.append(f"- [Not yet scheduled]({UNSCHEDULED}.md): {unscheduled} items")
    return "\n".join(
        [
            "# Change calendar",
            "",
            "Every change, release wave and maintenance window with its status, assessed risk "
            f"and conflicts ({conflicts} current conflicts; see [Reports](../reports.md)).",
            "",
            *(links or ["Nothing is scheduled."]),
            "",
        ]
    )


def pages(ctx: SiteContext, found: Review) -> dict[str, str]:
    """The calendar index and one page per month (and one for unscheduled work)."""
    rows: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries(ctx):
        rows[month_key(entry.start)].append(entry)
    homes: dict[str, list[Scheduled]] = defaultdict(list)
    for item in ctx.model.items.values():
        if isinstance(item, Change | Release | Maintenance):
            homes[home_month(item)].append(item)
    months = sorted(set(rows) | (set(homes) - {UNSCHEDULED}), reverse=True)
    found_pages = {
        f"calendar/{month}.md": month_page(ctx, found, month, rows[month], homes[month])
        for month in months
    }
    if homes[UNSCHEDULED]:
        found_pages[f"calendar/{UNSCHEDULED}.md"] = month_page(
            ctx, found, "not yet scheduled", [], homes[UNSCHEDULED]
        )
    counts = {month: len(rows[month]) for month in months}
    found_pages["calendar/index.md"] = index_page(
        counts, len(homes[UNSCHEDULED]), len(found.conflicts)
    )
    return found_pages
