"""The history page: uptime per region and service for 90 days, then every month in range.

Months read as words ("October 2026"); a month without incidents is listed too (it says so,
and has no page of its own), from the first incident's month, or the start of the uptime
period if that is earlier, to the build's month.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date

from ftgitops.site.context import SiteContext
from ftgitops.site.pages.common import regions_shown, services_shown
from ftgitops.site.pages.uptime import first_day, uptime_section
from ftgitops.site.pages.words import month_name


def months_between(first: date, last: date) -> list[str]:
    """`2026-09`, `2026-10`, …: every month from `first`'s to `last`'s, newest first."""
    found = []
    year, month = last.year, last.month
    while (year, month) >= (first.year, first.month):
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return found


def month_lines(ctx: SiteContext, counts: Mapping[str, int]) -> list[str]:
    """A line per month in range: a link and a count, or `no incidents`."""
    earliest = min(counts, default="9999-99")
    first = first_day(ctx)
    if earliest < f"{first:%Y-%m}":
        first = date(int(earliest[:4]), int(earliest[5:]), 1)
    lines = []
    for month in months_between(first, ctx.now.astimezone(UTC).date()):
        count = counts.get(month, 0)
        if count:
            plural = "s" * (count != 1)
            lines.append(f"- [{month_name(month)}]({month}.md): {count} incident{plural}")
        else:
            lines.append(f"- {month_name(month)}: no incidents")
    return lines


def index_page(ctx: SiteContext, counts: Mapping[str, int]) -> str:
    """`history/index.md`: uptime per region and service, then every month in range."""
    uptime = uptime_section(ctx, regions_shown(ctx), services_shown(ctx))
    return "\n".join(
        ["# Incident history", "", uptime, "", "## By month", "", *month_lines(ctx, counts), ""]
    )
