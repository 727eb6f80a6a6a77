"""The change calendar: one page per month with a Gantt chart, a table and each item in full.

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
from ftgitops.site import timefmt
from ftgitops.site.context import SiteContext
from ftgitops.site.pages.common import anchor
from ftgitops.site.pages.gantt import MAX_TASKS, Task, gantt
from ftgitops.site.pages.workdetail import Scheduled, detail_block
from ftgitops.site.review import Review
from ftgitops.site.text import name

UNSCHEDULED = "unscheduled"
SECTIONS = {"change": "Changes", "release": "Release waves", "maintenance": "Maintenance"}
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
    """Every scheduled change, maintenance window and release wave, in time order."""
    found: list[Entry] = []
    for item in ctx.model.items.values():
        if isinstance(item, Release):
            for number, wave in enumerate(item.waves, start=1):
                label = f"{item.id} wave {number}"
                name = f"{item.title} ({wave.name})"
                window = wave.window
                found.append(
                    Entry(item, label, name, window.start, window.end, (wave.region,), wave.status)
                )
        elif isinstance(item, Change | Maintenance) and item.window:
            regions = item.targets.regions if item.targets else ()
            window = item.window
            found.append(
                Entry(item, item.id, item.title, window.start, window.end, regions, item.status)
            )
    return sorted(found, key=lambda e: (e.start, e.label))


def home_month(item: Scheduled) -> str:
    """The page an item's details live on: the month its (first) window starts."""
    if isinstance(item, Release):
        starts = [w.window.start for w in item.waves]
        return month_key(min(starts)) if starts else UNSCHEDULED
    return month_key(item.window.start) if item.window else UNSCHEDULED


def tags(entry: Entry, found: Review) -> tuple[str, ...]:
    """Mermaid tags: done, active, and crit for trouble (failed, risky or in conflict)."""
    marks = []
    if entry.status == "completed":
        marks.append("done")
    elif entry.status == "in-progress":
        marks.append("active")
    risk = found.risk.get(entry.item.id)
    risky = risk is not None and risk.level in ALARMING
    if risky or found.conflicts_of(entry.item.id) or entry.status in ("failed", "rolled-back"):
        marks.insert(0, "crit")
    return tuple(marks)


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


def chart(month: str, rows: list[Entry], found: Review) -> list[str]:
    tasks = [
        Task(SECTIONS[e.item.kind], f"{e.label} {e.name}", e.start, e.end, tags(e, found))
        for e in rows
    ]
    note = []
    if len(tasks) > MAX_TASKS:
        note = [
            f"The chart shows the first {MAX_TASKS} of {len(tasks)} items; the table lists all.",
            "",
        ]
    return [gantt(f"Work starting in {month} (UTC)", tasks), "", *note]


def month_page(
    ctx: SiteContext, found: Review, month: str, rows: list[Entry], items: list[Scheduled]
) -> str:
    """`calendar/<yyyy-mm>.md`: chart, table, then every item that starts that month."""
    lines = [f"# Change calendar: {month}", "", "[All months](index.md)", ""]
    if rows:
        lines += chart(month, rows, found) + table(rows, month, ctx, found)
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
