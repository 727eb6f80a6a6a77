"""The maintenance page: windows in progress and upcoming, then the calendar of past ones."""

from __future__ import annotations

from collections import defaultdict

from ftgitops.model import Maintenance
from ftgitops.site import timefmt
from ftgitops.site.context import SiteContext
from ftgitops.site.pages.common import anchor, maintenance_block
from ftgitops.site.status import maintenance_end
from ftgitops.site.text import name


def _start(notice: Maintenance) -> str:
    return notice.window.start.isoformat() if notice.window else ""


def split(ctx: SiteContext) -> tuple[list[Maintenance], list[Maintenance]]:
    """Notices not yet over (soonest first) and those over (latest first)."""
    notices = [m for m in ctx.model.of_kind(Maintenance) if m.window and m.status != "draft"]
    current: list[Maintenance] = []
    past: list[Maintenance] = []
    for notice in sorted(notices, key=_start):
        end = maintenance_end(notice)
        over = notice.status == "cancelled" or (end is not None and end <= ctx.now)
        (past if over else current).append(notice)
    return current, past[::-1]


def past_rows(ctx: SiteContext, past: list[Maintenance]) -> list[str]:
    """Past windows as a compact table per month: many years stay one light page."""
    months: dict[str, list[Maintenance]] = defaultdict(list)
    for notice in past:
        assert notice.window is not None
        months[f"{notice.window.start:%Y-%m}"].append(notice)
    lines: list[str] = []
    for month, notices in months.items():
        lines += [
            f"### {month}",
            "",
            "| Maintenance | Regions | When | Status |",
            "| --- | --- | --- | --- |",
        ]
        for notice in notices:
            assert notice.window is not None
            regions = notice.targets.regions if notice.targets else ()
            when = timefmt.when(notice.window.start, ctx.zones(regions, notice.window.zone))
            title = f'<span id="{anchor(notice.id)}">{name(notice.title)}</span>'
            lines.append(f"| {title} | {ctx.region_names(regions)} | {when} | {notice.status} |")
        lines.append("")
    return lines


def page(ctx: SiteContext) -> str:
    """`maintenance.md`: current and upcoming windows in full, past ones by month."""
    current, past = split(ctx)
    lines = ["# Maintenance", "", "[Subscribe to the calendar](maintenance.ics)", ""]
    lines += ["## Upcoming and in progress", ""]
    lines += [maintenance_block(n, ctx) for n in current] or ["No maintenance is planned.", ""]
    lines += ["## Past maintenance", "", *(past_rows(ctx, past) or ["None yet."])]
    return "\n".join(lines) + "\n"
